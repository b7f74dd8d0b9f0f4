import Autodiff
import Testing

@testable import Layers
@testable import TensorCore

extension Layers {
    @Suite("Convolution and pooling") struct ConvTests {
        let fx: Fixture
        init() throws { fx = try Fixture("conv") }

        func repr(_ name: String) -> String { fx[name] as! String }

        @Test func convolutions() throws {
            _ = manualSeed(0)
            let c = Conv2d(3, 4, kernelSize: 3, padding: 1)
            expectEqual(c.weight, try fx.tensor("conv_init_weight"))
            expectEqual(c.bias!, try fx.tensor("conv_init_bias"))
            #expect(c.description == repr("conv_repr"))
            try checkParity(fx, "conv2d", module: c, atol: 1e-5) { c($0[0]) }
            let c2 = Conv2d(
                4, 6, kernelSize: [3, 2], stride: [2, 1], padding: [1, 0], dilation: [1, 2], groups: 2, bias: false)
            #expect(c2.description == repr("conv2_repr"))
            try checkParity(fx, "conv2d_grouped", module: c2, atol: 1e-5) { c2($0[0]) }
            let c3 = Conv2d(2, 3, kernelSize: 4, padding: "same", paddingMode: "reflect")
            #expect(c3.description == repr("conv3_repr"))
            try checkParity(fx, "conv2d_same_reflect", module: c3, atol: 1e-5) { c3($0[0]) }
            let c4 = Conv2d(2, 3, kernelSize: 3, padding: 2, paddingMode: "circular")
            try checkParity(fx, "conv2d_circular", module: c4, atol: 1e-5) { c4($0[0]) }
            let c5 = Conv2d(2, 2, kernelSize: 4, padding: "same")
            try checkParity(fx, "conv2d_same_zeros", module: c5, atol: 1e-5) { c5($0[0]) }
            let c1 = Conv1d(3, 2, kernelSize: 3, stride: 2, padding: 1, paddingMode: "replicate")
            #expect(c1.description == repr("conv1_repr"))
            try checkParity(fx, "conv1d", module: c1, atol: 1e-5) { c1($0[0]) }
            let ct = ConvTranspose2d(3, 2, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1)
            #expect(ct.description == repr("convt_repr"))
            try checkParity(fx, "conv_transpose2d", module: ct, atol: 1e-5) { ct($0[0]) }
        }

        @Test func pooling() throws {
            let mp = MaxPool2d(2, stride: 2)
            #expect(mp.description == repr("maxpool_repr"))
            try checkParity(fx, "maxpool2d") { mp($0[0]) }
            try checkParity(fx, "maxpool2d_ceil_pad") {
                MaxPool2d(kernelSize: 3, stride: 2, padding: 1, ceilMode: true)($0[0])
            }
            try checkParity(fx, "maxpool1d") { MaxPool1d(kernelSize: 3, stride: 2)($0[0]) }
            let ap = AvgPool2d(kernelSize: 3, stride: 2, padding: 1)
            #expect(ap.description == repr("avgpool_repr"))
            try checkParity(fx, "avgpool2d") { ap($0[0]) }
            let aap = AdaptiveAvgPool2d([2, 3])
            #expect(aap.description == repr("adaptive_repr"))
            try checkParity(fx, "adaptive_avg") { aap($0[0]) }
            try checkParity(fx, "adaptive_max") { AdaptiveMaxPool2d(3)($0[0]) }
            let up = Upsample(scaleFactor: 2, mode: "nearest")
            #expect(up.description == repr("upsample_repr"))
            try checkParity(fx, "upsample_nearest") { up($0[0]) }
            try checkParity(fx, "upsample_bilinear") {
                Upsample(size: [5, 9], mode: "bilinear", alignCorners: false)($0[0])
            }
            try checkParity(fx, "pad_reflect") { F.pad($0[0], [1, 2, 2, 1], mode: "reflect") }
            try checkParity(fx, "pad_constant") { F.pad($0[0], [1, 0, 0, 2], value: 0.5) }
        }

        /// Built after manualSeed(0), the guide's models hold torch's very weights: same keys, shapes,
        /// counts, outputs (eval and seeded train mode), gradients and running statistics.
        @Test(arguments: ["mlp", "cnn"]) func guideModel(_ name: String) throws { try checkGuideModel(name) }

        /// The CNN on the AVX-512 kernels release builds run: Winograd for the 3×3 layers with 16+
        /// channels, the implicit GEMM for the first, the packed weight gradient — still torch's numbers.
        @Test(.enabled(if: SgemmKernel.available)) func guideCNNOnSgemmKernel() throws {
            try SgemmKernel.withForced { try checkGuideModel("cnn") }
        }

        func checkGuideModel(_ name: String) throws {
            _ = manualSeed(0)
            let m: Module = name == "mlp" ? MLP() : CNN()
            #expect(m.description == repr(name + "_repr"))
            #expect(m.stateDict().keys.map(\.text) == fx[name + "_keys"] as! [String])
            #expect(m.stateDict().tensors.map { $0.1.shape.map { $0 } } == fx[name + "_shapes"] as! [[Int]])
            #expect(m.parameterCount() == fx[name + "_count"] as! Int)
            let x = try fx.tensor(name + "_x")
            m.eval()
            expectClose(m(x), try fx.tensor(name + "_eval_y"), atol: 1e-5)
            m.train()
            _ = manualSeed(1)
            let y = m(x)
            expectClose(y, try fx.tensor(name + "_train_y"), atol: 1e-5)
            y.logsumexp(dim: 1).sum().backward()
            let g = m.parameters()[0].grad!
            #expect(abs(g.double().sum().item(Double.self) - (fx[name + "_first_grad_sum"] as! Double)) < 1e-4)
            expectClose(g.flatten()[0..<10], try fx.tensor(name + "_first_grad_head"), atol: 1e-5)
            let rm = m.stateDict().tensors.first { $0.0.hasSuffix("running_mean") }!.1
            expectClose(rm[0..<8], try fx.tensor(name + "_running_mean_after"), atol: 1e-6)
        }
    }
}
