import CVectorKernels
import Foundation

extension ConvEngine {
    /// `weightGradient` on TensorCore's AVX-512 sgemm: gradW[grp] += small[n, grp] × colᵀ per tile of grid
    /// rows, with colᵀ written straight into packed-B panels from the image (cvk_im2col_packed_transposed)
    /// instead of an im2col pass plus a transposing pack. Tiles are up to 1 MB of packed B: longer
    /// reductions per call amortize reading and writing the gradient accumulator (beta = 1).
    func weightGradientPacked(small: UnsafePointer<Float>, big: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>)
    {
        let g = geometry, total = groups * weightGroup
        let tileRows = g.tileRows(elementSize: 4, bytes: 1 << 20), widest = tileRows * g.smallW
        let aCount = Int(cvk_sgemm_packed_a_count(mg, widest)), bCount = Int(cvk_sgemm_packed_b_count(widest, g.rows))
        out.update(repeating: 0, count: total)
        let sums = NNPartialSums(into: out, length: total)
        defer { sums.finish() }
        nnParallelItems(batch) { range in
            sums.accumulate(range.lowerBound) { acc in
                let packedA = AlignedFloats(count: aCount), packedB = AlignedFloats(count: bCount)
                var shape = g.cShape
                for n in range {
                    for grp in 0..<groups {
                        let image = big + n * bigImage + grp * g.channels * bigPlane
                        let dy = small + n * smallImage + grp * mg * smallPlane
                        for start in stride(from: 0, to: g.smallH, by: tileRows) {
                            let count = Swift.min(tileRows, g.smallH - start), width = count * g.smallW
                            cvk_im2col_packed_transposed(image, &shape, start, count, packedB.pointer)
                            cvk_sgemm_pack_a(0, mg, width, dy + start * g.smallW, g.cols, packedA.pointer)
                            cvk_sgemm_packed(
                                mg, g.rows, width, 1, packedA.pointer, packedB.pointer, 1, acc + grp * weightGroup,
                                g.rows)
                        }
                    }
                }
            }
        }
    }
}
