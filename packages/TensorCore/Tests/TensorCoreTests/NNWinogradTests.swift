import CVectorKernels
import Testing

@testable import TensorCore

/// Winograd F(2×2, 3×3) and, for the weight gradient, F(3×3, 2×2) (CVectorKernels/winograd_conv.c, taken
/// by float32 3×3 unit-stride convolutions with 16+ channels on the AVX-512 sgemm path): forward, input
/// and weight gradients against the float64 direct convolution, on grids whose tiles fill whole vectors (32 wide), span tile rows (odd and narrow
/// widths, gathered lanes), end in half tiles, blocks of tiles that span images, and with padding 0, 1
/// and 2, groups and bias.
@Suite struct NNWinogradTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let batch, inChannels, outChannels, height, width, padding, groups: Int
        var testDescription: String {
            "\(batch)×\(inChannels)→\(outChannels) \(height)×\(width) p\(padding) g\(groups)"
        }
    }

    static let cases = [
        Case(batch: 2, inChannels: 16, outChannels: 20, height: 32, width: 32, padding: 1, groups: 1),
        Case(batch: 1, inChannels: 17, outChannels: 16, height: 7, width: 9, padding: 1, groups: 1),
        Case(batch: 2, inChannels: 24, outChannels: 16, height: 16, width: 16, padding: 0, groups: 1),
        Case(batch: 1, inChannels: 16, outChannels: 16, height: 8, width: 8, padding: 2, groups: 1),
        Case(batch: 1, inChannels: 32, outChannels: 32, height: 11, width: 34, padding: 1, groups: 2),
        Case(batch: 3, inChannels: 40, outChannels: 36, height: 20, width: 64, padding: 1, groups: 1),
        Case(batch: 9, inChannels: 16, outChannels: 24, height: 8, width: 8, padding: 1, groups: 1),
    ]

    static func values(_ n: Int, seed: Int) -> [Double] {
        (0..<n).map { i in Double((i * 7919 + seed * 104_729) % 2003) / 1001.0 - 1.0 }
    }

    @Test(.enabled(if: SgemmKernel.available), arguments: cases)
    func matchesTheDirectConvolution(_ c: Case) throws {
        let x = Tensor(
            copying: Self.values(c.batch * c.inChannels * c.height * c.width, seed: 1),
            shape: [c.batch, c.inChannels, c.height, c.width])
        let w = Tensor(
            copying: Self.values(c.outChannels * c.inChannels / c.groups * 9, seed: 2),
            shape: [c.outChannels, c.inChannels / c.groups, 3, 3])
        let b = Tensor(copying: Self.values(c.outChannels, seed: 3), shape: [c.outChannels])
        var shape = ConvGeometry(
            channels: c.inChannels / c.groups, bigH: c.height, bigW: c.width, smallH: c.height + 2 * c.padding - 2,
            smallW: c.width + 2 * c.padding - 2, kH: 3, kW: 3, sH: 1, sW: 1, pH: c.padding, pW: c.padding, dH: 1, dW: 1
        ).cShape
        #expect(cvk_winograd_supported(&shape) != 0)
        // float64 takes the direct im2col path: the reference.
        let reference = NNOps.conv2d(x, w, b, padding: .explicit([c.padding]), groups: c.groups)
        let gy = Tensor(copying: Self.values(reference.numel, seed: 4), shape: reference.sizes)
        let referenceGrads = NNOps.convolutionBackward(
            gy, x, w, biasSizes: nil, stride: [1], padding: [c.padding], dilation: [1], transposed: false,
            outputPadding: [0], groups: c.groups, outputMask: [true, true, false])
        let (out, grads) = SgemmKernel.withForced {
            let out = NNOps.conv2d(x.float(), w.float(), b.float(), padding: .explicit([c.padding]), groups: c.groups)
            let grads = NNOps.convolutionBackward(
                gy.float(), x.float(), w.float(), biasSizes: nil, stride: [1], padding: [c.padding], dilation: [1],
                transposed: false, outputPadding: [0], groups: c.groups, outputMask: [true, true, false])
            return (out, grads)
        }
        expectClose(out, reference.float(), rtol: 1e-4, atol: 1e-4, "forward")
        expectClose(
            try #require(grads.gradInput), try #require(referenceGrads.gradInput).float(), rtol: 1e-4, atol: 1e-4,
            "grad input")
        // The weight gradient sums over every pixel of the batch (up to ~3,800 terms here).
        expectClose(
            try #require(grads.gradWeight), try #require(referenceGrads.gradWeight).float(), rtol: 1e-4, atol: 2e-3,
            "grad weight")
    }
}
