import CVectorKernels
import Testing

@testable import TensorCore

/// Convolution forward and convolution_backward against torch's outputs and autograd gradients.
@Suite struct NNConvolutionTests {
    nonisolated(unsafe) static let fixture = try! Fixture("nn_conv")

    @Test(arguments: Self.fixture.cases.keys.sorted())
    func convolutionMatchesTorch(_ name: String) throws { try Self.check(name) }

    /// The same cases with float GEMMs and the packed convolution path on TensorCore's AVX-512 sgemm.
    @Test(.enabled(if: SgemmKernel.available), arguments: Self.fixture.cases.keys.sorted())
    func convolutionMatchesTorchOnSgemmKernel(_ name: String) throws {
        try SgemmKernel.withForced { try Self.check(name) }
    }

    /// The depthwise cases through each body of the direct kernel the CPU can run (AVX-512, AVX2, plain C),
    /// whatever ATEN_CPU_CAPABILITY picks for the other tests.
    @Test(arguments: Self.fixture.cases.keys.sorted().filter { $0.hasPrefix("depthwise") && $0.hasSuffix("f32") })
    func depthwiseMatchesTorchAtEveryLevel(_ name: String) throws {
        defer { cvk_depthwise_force_level(-1) }
        for level in 0...Int(cvk_cpu_hardware_capability()) {
            cvk_depthwise_force_level(Int32(level))
            try Self.check(name)
        }
    }

    static func check(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let x = try c.tensor("x"), w = try c.tensor("w")
        let b = try c.optionalTensor("b")
        let spatial = w.ndim - 2
        let transposed = c.bool("transposed")
        let tol: (Double, Double) = x.dtype == .float32 ? (1e-4, 1e-4) : (1e-10, 1e-10)
        let out: Tensor
        if transposed {
            out =
                spatial == 2
                ? NNOps.convTranspose2d(
                    x, w, b, stride: IntOrTuple(c.ints("stride")), padding: IntOrTuple(c.ints("padding")),
                    outputPadding: IntOrTuple(c.ints("output_padding")), groups: c.int("groups")!,
                    dilation: IntOrTuple(c.ints("dilation")))
                : NNOps.convTranspose1d(
                    x, w, b, stride: IntOrTuple(c.ints("stride")), padding: IntOrTuple(c.ints("padding")),
                    outputPadding: IntOrTuple(c.ints("output_padding")), groups: c.int("groups")!,
                    dilation: IntOrTuple(c.ints("dilation")))
        } else {
            let padding: ConvPadding =
                c.string("padding").map { ConvPadding(stringLiteral: $0) } ?? .explicit(c.ints("padding"))
            out =
                spatial == 2
                ? NNOps.conv2d(
                    x, w, b, stride: IntOrTuple(c.ints("stride")), padding: padding,
                    dilation: IntOrTuple(c.ints("dilation")), groups: c.int("groups")!)
                : NNOps.conv1d(
                    x, w, b, stride: IntOrTuple(c.ints("stride")), padding: padding,
                    dilation: IntOrTuple(c.ints("dilation")), groups: c.int("groups")!)
        }
        expectClose(out, try c.tensor("out"), rtol: tol.0, atol: tol.1, name)

        // Backward: "same" with an even kernel is pad + convolution, so its input grad goes through padBackward.
        let gy = try c.tensor("gy")
        var input = x.ndim == spatial + 1 ? x.unsqueeze(0) : x
        let gyb = x.ndim == spatial + 1 ? gy.unsqueeze(0) : gy
        var pads =
            c.ints("padding").count == 0 ? [Int](repeating: 0, count: spatial) : IntOrTuple(c.ints("padding")).values
        var padSpec: [Int] = []
        if c.string("padding") == "same" {
            pads = []
            for i in 0..<spatial {
                let total = w.size(2 + i) - 1
                pads.append(total / 2)
                padSpec = [0, total % 2] + padSpec
            }
            input = NNOps.pad(input, pad: padSpec)
        }
        let strideV = c.ints("stride")
        let dil = c.ints("dilation")
        let grads = NNOps.convolutionBackward(
            gyb, input, w, biasSizes: b?.sizes, stride: strideV, padding: pads, dilation: dil, transposed: transposed,
            outputPadding: c.ints("output_padding"), groups: c.int("groups")!, outputMask: [true, true, b != nil])
        var gx = try #require(grads.gradInput)
        if !padSpec.isEmpty {
            gx = NNOps.padBackward(gx, inputSizes: x.ndim == spatial + 1 ? [1] + x.sizes : x.sizes, pad: padSpec)
        }
        if x.ndim == spatial + 1 { gx = gx.squeeze(dim: 0) }
        expectClose(gx, try c.tensor("gx"), rtol: tol.0, atol: tol.1, "\(name) grad input")
        expectClose(try #require(grads.gradWeight), try c.tensor("gw"), rtol: tol.0, atol: tol.1, "\(name) grad weight")
        if let gb = try c.optionalTensor("gb") {
            expectClose(try #require(grads.gradBias), gb, rtol: tol.0, atol: tol.1, "\(name) grad bias")
        }
    }
}
