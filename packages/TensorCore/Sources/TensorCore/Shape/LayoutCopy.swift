import Foundation

/// Same-dtype data movement for the copying shape ops (cat, stack, repeat, flip, roll, tril, ...).
///
/// Moving elements never needs their type, only their width, so one kernel per item size (1, 2, 4, 8
/// bytes) serves every dtype. Dimensions are coalesced by `StridedLoop`; when both inner strides are 1
/// each run is one `memcpy`, and work is split across threads above the grain size. Strides may be
/// negative (flip reads backwards), which `asStrided` would refuse, so layouts are passed explicitly.
struct LayoutCopy {
    /// Copies `shape` elements from `src` (element strides `srcStrides`) to `dst` (`dstStrides`).
    /// The two regions must not overlap.
    static func run(
        shape: [Int], dst: UnsafeMutableRawPointer, dstStrides: [Int],
        src: UnsafeRawPointer, srcStrides: [Int], itemSize: Int
    ) {
        if shape.contains(0) { return }
        let loop = StridedLoop(shape: shape, strides: [dstStrides, srcStrides])
        switch itemSize {
        case 1: copy(loop, dst.assumingMemoryBound(to: UInt8.self), src.assumingMemoryBound(to: UInt8.self))
        case 2: copy(loop, dst.assumingMemoryBound(to: UInt16.self), src.assumingMemoryBound(to: UInt16.self))
        case 4: copy(loop, dst.assumingMemoryBound(to: UInt32.self), src.assumingMemoryBound(to: UInt32.self))
        default: copy(loop, dst.assumingMemoryBound(to: UInt64.self), src.assumingMemoryBound(to: UInt64.self))
        }
    }

    @inline(__always)
    private static func copy<W: FixedWidthInteger>(
        _ loop: StridedLoop, _ out: UnsafeMutablePointer<W>, _ input: UnsafePointer<W>
    ) {
        let so = loop.innerStride(0)
        let si = loop.innerStride(1)
        let width = MemoryLayout<W>.stride
        loop.run { offsets, count in
            let o = out + offsets[0]
            let x = input + offsets[1]
            if so == 1 && si == 1 {
                memcpy(o, x, count &* width)
            } else if so == 1 && si == -1 {
                for i in 0..<count { o[i] = x[-i] }
            } else if so == 1 && si == 0 {
                o.update(repeating: x[0], count: count)
            } else {
                for i in 0..<count { o[i &* so] = x[i &* si] }
            }
        }
    }

    /// Copies `src` into `dst` (same shape): same dtype moves bytes here, a different dtype converts
    /// through `copy_`. `dst` must be a fresh output that `src` does not alias.
    static func assign(_ dst: Tensor, _ src: Tensor) {
        if src.dtype != dst.dtype {
            dst.copy_(src)
            return
        }
        run(
            shape: dst.sizes, dst: dst.rawPointer, dstStrides: dst.strideValues,
            src: UnsafeRawPointer(src.rawPointer), srcStrides: src.broadcastStrides(to: dst.sizes),
            itemSize: dst.dtype.itemSize)
    }
}
