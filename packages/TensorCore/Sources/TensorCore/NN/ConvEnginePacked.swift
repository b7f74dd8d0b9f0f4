import CVectorKernels

/// Float buffers aligned to a cache line (the kernel's packed panels are read as whole 64-byte vectors).
struct AlignedFloats: ~Copyable {
    let pointer: UnsafeMutablePointer<Float>
    init(count: Int) {
        pointer = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(count, 1) * 4, alignment: 64)
            .bindMemory(to: Float.self, capacity: Swift.max(count, 1))
    }
    deinit { pointer.deallocate() }
}

extension ConvEngine {
    /// `gather` on TensorCore's AVX-512 sgemm: each group's weight is packed once per call, im2col writes
    /// each tile of output rows straight into the kernel's packed-B layout, and the (image, group, tile)
    /// items are spread over the threads, each with one packed-B buffer for all of its items.
    func gatherPacked(
        big: UnsafePointer<Float>, weight: UnsafePointer<Float>, small: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?
    ) {
        let g = geometry, k = g.rows
        let aCount = Int(cvk_sgemm_packed_a_count(mg, k))
        let packedA = AlignedFloats(count: groups * aCount)
        for grp in 0..<groups {
            cvk_sgemm_pack_a(0, mg, k, weight + grp * weightGroup, k, packedA.pointer + grp * aCount)
        }
        let tileRows = tile
        let tiles = (g.smallH + tileRows - 1) / tileRows
        let bCount = Int(cvk_sgemm_packed_b_count(k, tileRows * g.smallW))
        let pa = UnsafePointer(packedA.pointer)
        parallelFor(batch * groups * tiles, grain: 1) { items in
            let packedB = AlignedFloats(count: bCount)
            for item in items {
                let t = item % tiles, grp = item / tiles % groups, n = item / (tiles * groups)
                let start = t * tileRows, count = Swift.min(tileRows, g.smallH - start)
                let image = big + n * bigImage + grp * g.channels * bigPlane
                let dst = small + n * smallImage + grp * mg * smallPlane + start * g.smallW
                g.im2colPacked(image, packedB.pointer, rowStart: start, rowCount: count)
                cvk_sgemm_packed(mg, count * g.smallW, k, 1, pa + grp * aCount, packedB.pointer, 0, dst, g.cols)
                if let bias { addRowBias(dst, bias + grp * mg, rows: mg, width: count * g.smallW, stride: g.cols) }
            }
        }
    }
}
