import CVectorKernels
import Foundation

extension ConvEngine {
    /// Whether `gatherPacked` runs this geometry as Winograd F(2×2, 3×3) (CVectorKernels/winograd_conv.c):
    /// 3×3, unit stride and dilation, and enough channels on both sides that the transforms (linear in
    /// channels) stay small next to the GEMMs (quadratic); the guide's 3-channel first layer stays on
    /// the implicit GEMM.
    func usesWinograd(_ shape: inout cvk_conv_geometry) -> Bool {
        // The kernel addresses the batch's patches (and dY's pixels) with 32-bit offsets.
        cvk_winograd_supported(&shape) != 0 && geometry.channels >= 16 && mg >= 16
            && batch * bigImage + bigPlane < Int(Int32.max) && batch * smallImage < Int(Int32.max)
    }

    /// Tiles per block: 128 up to 128 channels a side, 64 for wider layers (measured on the guide's CNN:
    /// their transformed tiles and products outgrow L2 sooner).
    var winogradBlock: Int { geometry.channels + mg >= 384 ? 64 : 128 }

    /// gradW = Σ_n small[n] ⋆ big[n] by Winograd F(3×3, 2×2): per group, the batch's 2×2 tiles in blocks
    /// over the threads, each accumulating the 16 transformed sums privately; merged, then transformed
    /// back once.
    func weightGradientWinograd(
        small: UnsafePointer<Float>, big: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>
    ) {
        let g = geometry
        var shape = g.cShape
        let block = winogradBlock, accCount = 16 * mg * g.channels
        let tiles = batch * cvk_winograd_tiles(&shape), chunks = (tiles + block - 1) / block
        let scratchCount = Int(cvk_winograd_wgrad_scratch_count(mg, g.channels, block))
        let total = AlignedFloats(count: accCount)
        for grp in 0..<groups {
            total.pointer.update(repeating: 0, count: accCount)
            let sums = NNPartialSums(into: total.pointer, length: accCount)
            nnParallelItems(chunks) { range in
                sums.accumulate(range.lowerBound) { acc in
                    let scratch = AlignedFloats(count: scratchCount)
                    var shape = shape
                    for part in range {
                        let first = part * block
                        cvk_winograd_wgrad_accumulate(
                            big + grp * g.channels * bigPlane, bigImage, small + grp * mg * smallPlane, smallImage,
                            &shape, mg,
                            first, Swift.min(block, tiles - first), block, acc, scratch.pointer)
                    }
                }
            }
            sums.finish()
            cvk_winograd_wgrad_finish(total.pointer, mg, g.channels, out + grp * weightGroup)
        }
    }

    /// small = W ⋆ big (+ bias) by Winograd: each group's weight transformed and packed once per call,
    /// then (group, block of 2×2 output tiles) items spread over the threads. Tiles are numbered across
    /// the batch, so a block spans images when they are small (8×8 grids have 16 tiles each): every
    /// transformed weight U_ξ is then reused over 64–128 tiles.
    func gatherWinograd(
        big: UnsafePointer<Float>, weight: UnsafePointer<Float>, small: UnsafeMutablePointer<Float>,
        bias: UnsafePointer<Float>?
    ) {
        let g = geometry
        var shape = g.cShape
        let uCount = Int(cvk_winograd_packed_weight_count(mg, g.channels))
        let packedU = AlignedFloats(count: groups * uCount)
        for grp in 0..<groups {
            cvk_winograd_pack_weight(mg, g.channels, weight + grp * weightGroup, packedU.pointer + grp * uCount)
        }
        let u = UnsafePointer(packedU.pointer)
        let block = winogradBlock
        let tiles = batch * cvk_winograd_tiles(&shape), chunks = (tiles + block - 1) / block
        let scratchCount = Int(cvk_winograd_scratch_count(mg, g.channels, block))
        parallelFor(groups * chunks, grain: 1) { items in
            let scratch = AlignedFloats(count: scratchCount)
            var shape = shape
            for item in items {
                let part = item % chunks, grp = item / chunks, first = part * block
                cvk_winograd_conv(
                    big + grp * g.channels * bigPlane, bigImage, &shape, mg, u + grp * uCount,
                    bias.map { $0 + grp * mg },
                    first, Swift.min(block, tiles - first), block, small + grp * mg * smallPlane, smallImage,
                    scratch.pointer)
            }
        }
    }
}
