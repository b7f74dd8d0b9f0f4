import Autodiff
import Testing
import TorchTestSupport

@testable import Layers
@testable import TensorCore

/// Modules converted with `half()` / `bfloat16()` train through autograd as torch's do: outputs,
/// gradients and BatchNorm's running statistics in the reduced dtype, close to the same model in float32
/// on the same values. (The per-op numbers against torch are TensorCore's NNHalfPrecisionTests.)
@Suite struct HalfPrecisionModuleTests {
    static func model() -> Sequential {
        Sequential(
            Conv2d(3, 8, kernelSize: 3, padding: 1, bias: false), BatchNorm2d(8), ReLU(), MaxPool2d(kernelSize: 2),
            GroupNorm(2, 8), AvgPool2d(kernelSize: 2), Flatten(), LayerNorm([32]), Linear(32, 5))
    }

    /// Each layer rounds its output to `dtype`, and a max-pool window may pick another element once its
    /// values are rounded, so the reduced model drifts from float32's: compared by relative L2 error, a few
    /// units of `dtype` (float16 2^-10, bfloat16 2^-7) — not elementwise. Measured here: outputs within 5 units,
    /// gradients within 13 (float16) and 11 (bfloat16); the gradient bound is 32 because a window flip on
    /// another CPU's float32 summation order moves a gradient by a whole element.
    func expectNear(
        _ low: Tensor, _ full: Tensor, _ dtype: DType, units: Double = 8, _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(low.dtype == dtype, "\(what): \(low.dtype)", sourceLocation: sourceLocation)
        let unit = dtype == .float16 ? 0x1p-10 : 0x1p-7
        let error = (low.double() - full.double()).norm().item(Double.self),
            size = full.double().norm().item(Double.self)
        #expect(
            error <= units * unit * max(size, 1e-3), "\(what): relative L2 error \(error / size)",
            sourceLocation: sourceLocation)
    }

    @Test(arguments: [DType.float16, .bfloat16]) func trainsInReducedPrecision(_ dtype: DType) throws {
        _ = manualSeed(0)
        let low = Self.model().to(dtype: dtype)
        let full = Self.model()
        _ = try full.loadStateDict(low.stateDict())  // the same (representable) values in float32
        let x = Tensor.randn(4, 3, 8, 8).to(dtype)
        let target = Tensor([Int64(0), 3, 1, 4])
        let lossLow = CrossEntropyLoss()(low(x), target)
        let lossFull = CrossEntropyLoss()(full(x.float()), target)
        expectNear(lossLow, lossFull, dtype, "loss")
        lossLow.backward()
        lossFull.backward()
        for ((name, p), (_, q)) in zip(low.namedParameters(), full.namedParameters()) {
            #expect(p.dtype == dtype, "\(name)")
            expectNear(
                try #require(p.grad, "\(name) has no gradient"), try #require(q.grad), dtype, units: 32, "\(name).grad")
        }
        let buffers = Dictionary(uniqueKeysWithValues: full.namedBuffers().map { ($0.0, $0.1) })
        for (name, b) in low.namedBuffers() where b.dtype.isFloatingPoint {
            expectNear(b, try #require(buffers[name]), dtype, "\(name) after one training step")
        }
        // Eval mode uses the reduced running statistics.
        low.eval()
        full.eval()
        expectNear(noGrad { low(x) }, noGrad { full(x.float()) }, dtype, "eval output")
    }

    /// LSTM and GRU (two layers, the guide's section 8 shapes) in the reduced dtype: outputs, final states
    /// and every weight's gradient.
    @Test(arguments: [DType.float16, .bfloat16]) func recurrentLayersInReducedPrecision(_ dtype: DType) throws {
        for kind in ["lstm", "gru"] {
            _ = manualSeed(0)
            func make() -> Module {
                kind == "lstm"
                    ? LSTM(inputSize: 3, hiddenSize: 5, numLayers: 2, batchFirst: true)
                    : GRU(3, 5, numLayers: 2, batchFirst: true)
            }
            let low = make().to(dtype: dtype), full = make()
            _ = try full.loadStateDict(low.stateDict())
            let x = Tensor.randn(2, 7, 3).to(dtype)
            func run(_ m: Module, _ x: Tensor) -> Tensor {
                if let lstm = m as? LSTM { return lstm(x).output }
                return (m as! GRU)(x).output
            }
            let yLow = run(low, x), yFull = run(full, x.float())
            expectNear(yLow, yFull, dtype, "\(kind) output")
            yLow.float().square().sum().backward()
            yFull.square().sum().backward()
            for ((name, p), (_, q)) in zip(low.namedParameters(), full.namedParameters()) {
                expectNear(
                    try #require(p.grad, "\(kind) \(name)"), try #require(q.grad), dtype, units: 32,
                    "\(kind) \(name).grad")
            }
        }
    }

    /// BatchNorm with a reduced input and float32 parameters (torch's CPU "mixed type"): output in the
    /// input's dtype, gradients of the parameters in float32.
    @Test func batchNormMixedType() throws {
        _ = manualSeed(0)
        let bn = BatchNorm2d(3)
        let x = Tensor.randn(4, 3, 2, 2).half()
        x.requiresGrad = true
        let y = bn(x)
        #expect(y.dtype == .float16)
        y.float().square().sum().backward()
        #expect(x.grad?.dtype == .float16)
        #expect(bn.weight?.grad?.dtype == .float32 && bn.bias?.grad?.dtype == .float32)
        #expect(bn.runningMean?.dtype == .float32)
    }
}
