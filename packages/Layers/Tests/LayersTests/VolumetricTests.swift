import Autodiff
import TensorCore
import Testing

@testable import Layers

extension Layers {
    @Suite("3-D layers") struct VolumetricTests {
        let fx: Fixture
        init() throws { fx = try Fixture("volumetric") }

        func expectStructure(_ m: Module, _ name: String) {
            #expect(m.description == fx[name + "_repr"] as! String)
            #expect(m.stateDict().keys.map(\.text) == fx[name + "_keys"] as! [String])
            #expect(m.stateDict().tensors.map(\.1.sizes) == fx[name + "_shapes"] as! [[Int]])
        }

        static func make(_ name: String) -> Module {
            switch name {
            case "conv3d_basic": Conv3d(2, 3, kernelSize: 3, padding: 1)
            case "conv3d_strided":
                Conv3d(
                    4, 6, kernelSize: [3, 2, 2], stride: [2, 1, 2], padding: [1, 0, 1], dilation: [1, 2, 1], groups: 2,
                    bias: false)
            case "conv3d_same": Conv3d(2, 2, kernelSize: [2, 3, 4], padding: .same)
            case "conv3d_replicate": Conv3d(1, 2, kernelSize: 3, padding: 1, paddingMode: "replicate")
            case "conv3d_unbatched": Conv3d(2, 2, kernelSize: 2, stride: 2)
            case "conv3d_pointwise": Conv3d(3, 2, kernelSize: 1)
            case "maxpool3d": MaxPool3d(2)
            case "maxpool3d_dilated": MaxPool3d([2, 2, 3], stride: 1, dilation: [2, 1, 1])
            case "avgpool3d": AvgPool3d(2)
            case "avgpool3d_pad": AvgPool3d(3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false)
            case "avgpool3d_divisor": AvgPool3d([2, 3, 2], stride: [1, 2, 2], padding: [1, 1, 0], divisorOverride: 5)
            case "adaptive_avg3d": AdaptiveAvgPool3d([2, 3, 4])
            default: AdaptiveAvgPool3d(3)
            }
        }

        @Test(arguments: [
            "conv3d_basic", "conv3d_strided", "conv3d_same", "conv3d_replicate", "conv3d_unbatched", "conv3d_pointwise",
        ])
        func conv3d(_ name: String) throws {
            let m = Self.make(name)
            expectStructure(m, name)
            try checkParity(fx, name, module: m, atol: 1e-5) { m($0[0]) }
        }

        @Test(arguments: [
            "maxpool3d", "maxpool3d_dilated", "avgpool3d", "avgpool3d_pad", "avgpool3d_divisor", "adaptive_avg3d",
            "adaptive_avg3d_unbatched",
        ])
        func pooling(_ name: String) throws {
            let m = Self.make(name)
            expectStructure(m, name)
            try checkParity(fx, name, atol: 1e-5) { m($0[0]) }
        }

        @Test func maxPoolIndices() throws {
            let m = MaxPool3d(3, stride: 2, padding: 1, returnIndices: true, ceilMode: true)
            expectStructure(m, "maxpool3d_pad_ceil")
            var indices: Tensor?
            try checkParity(fx, "maxpool3d_pad_ceil") { x in
                let r = m.forwardWithIndices(x[0])
                indices = r.indices
                return r.output
            }
            expectEqual(indices!, try fx.tensor("maxpool3d_pad_ceil_indices"))
        }

        @Test func batchNorm3d() throws {
            let bn = BatchNorm3d(3)
            expectStructure(bn, "bn3d_train")
            let initial = fx["bn3d_init"] as! [String: Any]
            try bn.loadStateDict(
                StateDict(
                    tensors: try bn.stateDict().keys.map(\.text).map { ($0, try Fixture.decodeTensor(initial[$0]!)) }))
            let c = fx["bn3d_train"] as! [String: Any]
            let x = try Fixture.decodeTensor((c["inputs"] as! [Any])[0]).requiresGrad_()
            let y = bn(x)
            expectClose(y, try Fixture.decodeTensor(c["out"]!), atol: 1e-5)
            (y * (try Fixture.decodeTensor(c["g"]!))).sum().backward()
            expectClose(x.grad!, try Fixture.decodeTensor((c["grads"] as! [Any])[0]), atol: 1e-5)
            let pg = c["pgrads"] as! [String: Any]
            for (k, p) in bn.namedParameters() { expectClose(p.grad!, try Fixture.decodeTensor(pg[k]!), atol: 1e-5, k) }
            let running = fx["bn3d_running"] as! [String: Any]
            for (k, v) in bn.stateDict().tensors {
                expectClose(v, try Fixture.decodeTensor(running[k]!), atol: 1e-6, k)
            }
            bn.eval()
            bn.zeroGrad()
            try checkParity(fx, "bn3d_eval", module: bn, atol: 1e-5) { bn($0[0]) }
        }

        /// The kernels' backward agrees with finite differences in float64.
        @Test func gradcheck3d() {
            _ = manualSeed(3)
            let x = Tensor.randn([1, 2, 4, 5, 4], dtype: .float64).requiresGrad_()
            let w = Tensor.randn([2, 1, 2, 3, 2], dtype: .float64).requiresGrad_()
            let b = Tensor.randn([2], dtype: .float64).requiresGrad_()
            #expect(
                gradcheck(
                    { F.conv3d($0[0], $0[1], $0[2], stride: [1, 2, 1], padding: 1, dilation: [2, 1, 1], groups: 2) },
                    inputs: [x, w, b]))
            #expect(gradcheck({ F.maxPool3d($0[0], kernelSize: 2, stride: 1, padding: 1) }, inputs: [x]))
            #expect(
                gradcheck(
                    {
                        F.avgPool3d($0[0], kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false)
                    }, inputs: [x]))
            #expect(gradcheck({ F.adaptiveAvgPool3d($0[0], outputSize: [3, 2, 3]) }, inputs: [x]))
        }

        @Test func badInput() async {
            var r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = MaxPool3d(2)(Tensor.randn(2, 3, 4))
            }
            #expect(MisuseTests.stderr(r).contains("non-empty 4D or 5D (batch mode) tensor expected for input"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = AdaptiveAvgPool3d(2)(Tensor.randn(2, 3))
            }
            #expect(MisuseTests.stderr(r).contains("adaptive_avg_pool3d(): Expected 4D or 5D tensor, but got [2, 3]"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = MaxPool3d(2, padding: 2)(Tensor.randn(1, 2, 4, 4, 4))
            }
            #expect(
                MisuseTests.stderr(r).contains(
                    "pad should be at most half of effective kernel size, but got pad=2, kernel_size=2 and dilation=1"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = BatchNorm3d(3)(Tensor.randn(2, 3, 4, 4))
            }
            #expect(MisuseTests.stderr(r).contains("expected 5D input (got 4D input)"))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Conv3d(2, 3, kernelSize: 2)(Tensor.randn(1, 3, 4, 4, 4))
            }
            #expect(
                MisuseTests.stderr(r).contains(
                    "Given groups=1, weight of size [3, 2, 2, 2, 2], expected input[1, 3, 4, 4, 4] to have 2 channels, but got 3 channels instead"
                ))
            r = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = MaxPool3d(5)(Tensor.randn(1, 2, 4, 4, 4))
            }
            #expect(
                MisuseTests.stderr(r).contains(
                    "Given input size: (2x4x4x4). Calculated output size: (2x0x0x0). Output size is too small"))
        }
    }
}
