import Foundation

/// 3-D convolution geometry: a (channels × D × H × W) volume scanned by a kernel into an (oD × oH × oW) grid.
/// Columns are laid out [(c, kd, kh, kw), (od, oh, ow)], the 3-D analogue of `ConvGeometry`.
struct Conv3dGeometry {
    var channels: Int
    var inD: Int, inH: Int, inW: Int
    var outD: Int, outH: Int, outW: Int
    var k: (Int, Int, Int), s: (Int, Int, Int), p: (Int, Int, Int), d: (Int, Int, Int)

    var rows: Int { channels * k.0 * k.1 * k.2 }
    var outPlane: Int { outH * outW }
    var cols: Int { outD * outPlane }
    var inVolume: Int { inD * inH * inW }

    /// A 1×1×1 kernel with unit stride and no padding reads the volume as the column matrix itself.
    var isPointwise: Bool { k == (1, 1, 1) && s == (1, 1, 1) && p == (0, 0, 0) }

    /// Output depth slices per tile so one tile's columns stay within ~1 MB.
    func tileDepth(elementSize: Int) -> Int {
        let budget = (1024 * 1024) / elementSize
        return Swift.min(Swift.max(budget / Swift.max(rows * outPlane, 1), 1), Swift.max(outD, 1))
    }

    /// Range of output x whose tap `kx` lands inside the input: lo..<hi.
    @inline(__always) private func validX(_ kx: Int) -> (Int, Int) {
        let off = kx * d.2 - p.2
        let lo = off >= 0 ? 0 : (-off + s.2 - 1) / s.2
        let hiRaw = inW - off <= 0 ? 0 : (inW - off + s.2 - 1) / s.2
        return (Swift.min(lo, outW), Swift.min(Swift.max(hiRaw, lo), outW))
    }

    /// Visits every (column row, output row) pair of the depth slices depthStart..<depthStart+depthCount whose
    /// input row exists: body(row offset in columns, input row offset, lo, hi, x offset).
    @inline(__always) private func forEachRow(
        depthStart: Int, depthCount: Int, skipped: (Int) -> Void, _ body: (Int, Int, Int, Int, Int) -> Void
    ) {
        let n = depthCount * outPlane
        for c in 0..<channels {
            for kd in 0..<k.0 {
                for ky in 0..<k.1 {
                    for kx in 0..<k.2 {
                        let row = (((c * k.0 + kd) * k.1 + ky) * k.2 + kx) * n
                        let (lo, hi) = validX(kx)
                        let xoff = kx * d.2 - p.2
                        for od in 0..<depthCount {
                            let id = (depthStart + od) * s.0 - p.0 + kd * d.0
                            for oy in 0..<outH {
                                let dst = row + (od * outH + oy) * outW
                                let iy = oy * s.1 - p.1 + ky * d.1
                                if id < 0 || id >= inD || iy < 0 || iy >= inH || hi <= lo {
                                    skipped(dst)
                                    continue
                                }
                                body(dst, ((c * inD + id) * inH + iy) * inW + xoff, lo, hi, xoff)
                            }
                        }
                    }
                }
            }
        }
    }

    /// columns = vol2col(volume) for the given output depth slices (zero where a tap falls in the padding).
    func vol2col<T: NNFloat>(
        _ volume: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>, depthStart: Int, depthCount: Int
    ) {
        let w = outW, sw = s.2
        forEachRow(
            depthStart: depthStart, depthCount: depthCount, skipped: { (out + $0).update(repeating: 0, count: w) }
        ) {
            dst, src, lo, hi, _ in
            let o = out + dst, i = volume + src
            if lo > 0 { o.update(repeating: 0, count: lo) }
            if sw == 1 {
                (o + lo).update(from: i + lo, count: hi - lo)
            } else {
                for x in lo..<hi { o[x] = i[x * sw] }
            }
            if hi < w { (o + hi).update(repeating: 0, count: w - hi) }
        }
    }

    /// The adjoint: volume += every column entry that read it (same depth slices).
    func col2vol<T: NNFloat>(
        _ columns: UnsafePointer<T>, _ volume: UnsafeMutablePointer<T>, depthStart: Int, depthCount: Int
    ) {
        let sw = s.2
        forEachRow(depthStart: depthStart, depthCount: depthCount, skipped: { _ in }) { src, dst, lo, hi, _ in
            let c = columns + src, v = volume + dst
            if sw == 1 {
                for x in lo..<hi { v[x] += c[x] }
            } else {
                for x in lo..<hi { v[x * sw] += c[x] }
            }
        }
    }
}

/// vol2col + GEMM over a batch: the forward (`gather`), the input gradient (`scatter`) and the weight
/// gradient of a 3-D convolution. The weight is `groups` matrices [outPerGroup, geometry.rows].
struct Conv3dEngine<T: NNFloat> {
    let geometry: Conv3dGeometry
    let groups: Int
    let outPerGroup: Int
    let batch: Int

    private var inImage: Int { groups * geometry.channels * geometry.inVolume }
    private var outImage: Int { groups * outPerGroup * geometry.cols }
    private var weightGroup: Int { outPerGroup * geometry.rows }
    private var tile: Int { geometry.tileDepth(elementSize: MemoryLayout<T>.stride) }

    /// Images in parallel chunks with single-threaded GEMMs; each chunk owns its column buffer.
    private func forEachChunk(_ body: (Range<Int>, UnsafeMutablePointer<T>?) -> Void) {
        let g = geometry
        let size = g.rows * tile * g.outPlane
        nnParallelItems(batch) { range in
            let buffer = g.isPointwise ? nil : UnsafeMutablePointer<T>.allocate(capacity: Swift.max(size, 1))
            defer { buffer?.deallocate() }
            body(range, buffer)
        }
    }

    /// Depth tiles of the output grid: (first slice, slice count, column offset, tile width).
    private func forEachTile(_ body: (Int, Int, Int, Int) -> Void) {
        let g = geometry
        for start in stride(from: 0, to: g.outD, by: tile) {
            let count = Swift.min(tile, g.outD - start)
            body(start, count, start * g.outPlane, count * g.outPlane)
        }
    }

    /// out = W × vol2col(input).
    func gather(input: UnsafePointer<T>, weight: UnsafePointer<T>, out: UnsafeMutablePointer<T>) {
        let g = geometry, m = outPerGroup
        forEachChunk { range, buffer in
            for n in range {
                for grp in 0..<groups {
                    let volume = input + n * inImage + grp * g.channels * g.inVolume
                    let w = weight + grp * weightGroup
                    let dst = out + n * outImage + grp * m * g.cols
                    guard let buffer else {
                        T.gemm(false, false, m, g.cols, g.rows, 1, w, g.rows, volume, g.cols, 0, dst, g.cols)
                        continue
                    }
                    forEachTile { start, count, offset, width in
                        g.vol2col(volume, buffer, depthStart: start, depthCount: count)
                        T.gemm(false, false, m, width, g.rows, 1, w, g.rows, buffer, width, 0, dst + offset, g.cols)
                    }
                }
            }
        }
    }

    /// gradInput = col2vol(Wᵀ × gradOutput). Overwrites `gradInput`.
    func scatter(gradOutput: UnsafePointer<T>, weight: UnsafePointer<T>, gradInput: UnsafeMutablePointer<T>) {
        let g = geometry, m = outPerGroup
        forEachChunk { range, buffer in
            for n in range {
                for grp in 0..<groups {
                    let volume = gradInput + n * inImage + grp * g.channels * g.inVolume
                    let src = gradOutput + n * outImage + grp * m * g.cols
                    let w = weight + grp * weightGroup
                    guard let buffer else {
                        T.gemm(true, false, g.rows, g.cols, m, 1, w, g.rows, src, g.cols, 0, volume, g.cols)
                        continue
                    }
                    volume.update(repeating: 0, count: g.channels * g.inVolume)
                    forEachTile { start, count, offset, width in
                        T.gemm(true, false, g.rows, width, m, 1, w, g.rows, src + offset, g.cols, 0, buffer, width)
                        g.col2vol(UnsafePointer(buffer), volume, depthStart: start, depthCount: count)
                    }
                }
            }
        }
    }

    /// gradW[grp] = Σ_n gradOutput[n, grp] × vol2col(input[n, grp])ᵀ; chunks accumulate privately, merge once.
    func weightGradient(gradOutput: UnsafePointer<T>, input: UnsafePointer<T>, out: UnsafeMutablePointer<T>) {
        let g = geometry, m = outPerGroup
        let total = groups * weightGroup
        out.update(repeating: 0, count: total)
        let sums = NNPartialSums(into: out, length: total)
        defer { sums.finish() }
        forEachChunk { range, buffer in
            sums.accumulate(range.lowerBound) { acc in
                for n in range {
                    for grp in 0..<groups {
                        let volume = input + n * inImage + grp * g.channels * g.inVolume
                        let src = gradOutput + n * outImage + grp * m * g.cols
                        let dst = acc + grp * weightGroup
                        guard let buffer else {
                            T.gemm(false, true, m, g.rows, g.cols, 1, src, g.cols, volume, g.cols, 1, dst, g.rows)
                            continue
                        }
                        forEachTile { start, count, offset, width in
                            g.vol2col(volume, buffer, depthStart: start, depthCount: count)
                            T.gemm(
                                false, true, m, g.rows, width, 1, src + offset, g.cols, buffer, width, 1, dst, g.rows)
                        }
                    }
                }
            }
        }
    }
}
