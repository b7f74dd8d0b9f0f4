import CVectorKernels

extension ConvEngine {
    /// Whether `gatherPacked` runs this geometry as Winograd F(2×2, 3×3) (CVectorKernels/winograd_conv.c):
    /// 3×3, unit stride and dilation, and enough channels on both sides that the transforms (linear in
    /// channels) stay small next to the GEMMs (quadratic); the guide's 3-channel first layer stays on
    /// the implicit GEMM.
    func usesWinograd(_ shape: inout cvk_conv_geometry) -> Bool {
        // The kernel addresses the batch's patches with 32-bit offsets.
        cvk_winograd_supported(&shape) != 0 && geometry.channels >= 16 && mg >= 16
            && batch * bigImage + bigPlane < Int(Int32.max)
    }

    /// small = W ⋆ big (+ bias) by Winograd: each group's weight transformed and packed once per call,
    /// then (group, block of 2×2 output tiles) items spread over the threads. Tiles are numbered across
    /// the batch, so a block spans images when they are small (8×8 grids have 16 tiles each): every
    /// transformed weight U_ξ is then reused over 64–128 tiles.
    func gatherWinograd(
        big: UnsafePointer<Float>, weight: UnsafePointer<Float>, small: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>?
    ) {
        let g = geometry
        var shape = g.cShape
        let uCount = Int(cvk_winograd_packed_weight_count(mg, g.channels))
        let packedU = AlignedFloats(count: groups * uCount)
        for grp in 0..<groups {
            cvk_winograd_pack_weight(mg, g.channels, weight + grp * weightGroup, packedU.pointer + grp * uCount)
        }
        let u = UnsafePointer(packedU.pointer)
        // Measured on the guide's CNN layers: 128 tiles up to 128 channels a side, 64 for wider layers
        // (their transformed tiles and products outgrow L2 sooner).
        let block = g.channels + mg >= 384 ? 64 : 128
        let tiles = batch * cvk_winograd_tiles(&shape), chunks = (tiles + block - 1) / block
        let scratchCount = Int(cvk_winograd_scratch_count(mg, g.channels, block))
        parallelFor(groups * chunks, grain: 1) { items in
            let scratch = AlignedFloats(count: scratchCount)
            var shape = shape
            for item in items {
                let part = item % chunks, grp = item / chunks, first = part * block
                cvk_winograd_conv(
                    big + grp * g.channels * bigPlane, bigImage, &shape, mg, u + grp * uCount, bias.map { $0 + grp * mg },
                    first, Swift.min(block, tiles - first), block, small + grp * mg * smallPlane, smallImage, scratch.pointer)
            }
        }
    }
}
