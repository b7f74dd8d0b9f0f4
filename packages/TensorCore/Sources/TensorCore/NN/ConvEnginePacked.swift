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
    /// `gather` on TensorCore's AVX-512 sgemm: each group's weight is packed once per call. 3×3 unit-stride
    /// kernels with 16+ channels each side run as Winograd F(2×2, 3×3) (ConvEngineWinograd.swift). Grids
    /// 16 or 32 wide with unit x stride run as an implicit GEMM that loads B from the image; other
    /// geometries write each tile of output rows' im2col straight into the kernel's packed-B layout. The
    /// (image, group, tile or panel chunk) items are spread over the threads.
    func gatherPacked(
        big: UnsafePointer<Float>, weight: UnsafePointer<Float>, small: UnsafeMutablePointer<Float>,
        bias: UnsafePointer<Float>?
    ) {
        // Batch-1 inference on a small image (ResNet's 28×28 to 7×7 stages) has too few Winograd blocks or
        // im2col tiles to occupy the threads; one im2col of the whole image and a GEMM split over the threads
        // keeps them busy. Deterministic mode keeps the choice independent of the thread count.
        if batch * groups == 1, geometry.cols <= 1024, mg >= 64, !Determinism.enabled, Threads.get() > 1 {
            return gatherWholeImage(big: big, weight: weight, small: small, bias: bias)
        }
        var winogradShape = geometry.cShape
        if usesWinograd(&winogradShape) { return gatherWinograd(big: big, weight: weight, small: small, bias: bias) }
        let g = geometry, k = g.rows
        let aCount = Int(cvk_sgemm_packed_a_count(mg, k))
        let packedA = AlignedFloats(count: groups * aCount)
        for grp in 0..<groups {
            cvk_sgemm_pack_a(0, mg, k, weight + grp * weightGroup, k, packedA.pointer + grp * aCount)
        }
        let pa = UnsafePointer(packedA.pointer)
        var shape = g.cShape
        if cvk_conv_implicit_supported(&shape) != 0 {
            // No im2col copy: the kernel loads B from the image (CVectorKernels/conv_implicit.c).
            let panels = (g.cols + Int(CVK_SGEMM_NR) - 1) / Int(CVK_SGEMM_NR)
            let chunk = Swift.min(8, panels), chunks = (panels + chunk - 1) / chunk
            let plan = UnsafeMutableRawPointer.allocate(
                byteCount: Swift.max(cvk_conv_implicit_plan_bytes(&shape), 1), alignment: 64)
            defer { plan.deallocate() }
            cvk_conv_implicit_plan(&shape, plan)
            parallelFor(batch * groups * chunks, grain: 1) { items in
                var shape = shape
                for item in items {
                    let part = item % chunks, grp = item / chunks % groups, n = item / (chunks * groups)
                    let image = big + n * bigImage + grp * g.channels * bigPlane
                    let dst = small + n * smallImage + grp * mg * smallPlane
                    cvk_conv_implicit(
                        image, &shape, plan, mg, pa + grp * aCount, bias.map { $0 + grp * mg }, part * chunk,
                        Swift.min(chunk, panels - part * chunk), dst, g.cols)
                }
            }
            return
        }
        let tileRows = tile
        let tiles = (g.smallH + tileRows - 1) / tileRows
        let bCount = Int(cvk_sgemm_packed_b_count(k, tileRows * g.smallW))
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

    /// One image, one group: im2col of every grid row, then the threaded sgemm (rows or column panels per thread).
    private func gatherWholeImage(
        big: UnsafePointer<Float>, weight: UnsafePointer<Float>, small: UnsafeMutablePointer<Float>,
        bias: UnsafePointer<Float>?
    ) {
        let g = geometry
        let columns = AlignedFloats(count: g.rows * g.cols)
        g.im2col(big, columns.pointer, rowStart: 0, rowCount: g.smallH)
        SgemmKernel.gemm(false, false, mg, g.cols, g.rows, 1, weight, g.rows, columns.pointer, g.cols, 0, small, g.cols)
        if let bias { addRowBias(small, bias, rows: mg, width: g.cols, stride: g.cols) }
    }
}
