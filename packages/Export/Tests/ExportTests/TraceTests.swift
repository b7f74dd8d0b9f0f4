import Autodiff
import Layers
import TensorCore
import Testing

@testable import Export

@Suite struct TraceTests {
    @Test func simpleNetRecordsLinearAndRelu() {
        _ = manualSeed(0)
        let model = GuideModels.SimpleNet()
        _ = model.eval()
        let graph = trace(model, Tensor.randn([1, 10]))
        #expect(graph.opNames == ["addmm", "relu"])
        #expect(graph.initializers.map(\.name).sorted() == ["fc.bias", "fc.weight"])
        #expect(graph.values[graph.outputs[0]].shape == [1, 5])
    }

    /// Every op by its tag: BatchNorm, convolution and max pooling (a linear map with its window) included;
    /// the transposed Linear weights are folded (they depend on parameters only).
    @Test func guideModelsOps() {
        _ = manualSeed(0)
        let mlp = GuideModels.mlp()
        _ = mlp.eval()
        #expect(
            trace(mlp, Tensor.randn([2, 20])).opNames == ["addmm", "nativeBatchNorm", "relu", "addmm", "relu", "addmm"])
        let cnn = GuideModels.cnn()
        _ = cnn.eval()
        #expect(
            trace(cnn, Tensor.randn([2, 1, 12, 12])).opNames == [
                "convolution", "nativeBatchNorm", "relu", "linear", "convolution", "relu", "linear", "asStrided",
                "reshape", "addmm",
            ])
    }

    /// A Swift number read from the traced data (torch's `x.item()`) is a TracerWarning naming the module.
    @Test func scalarReadWarns() {
        final class Gate: Module {
            @Child var fc = Linear(4, 4)
            override func forward(_ x: Tensor) -> Tensor {
                let y = fc(x)
                return y.sum().item(Double.self) > 0 ? y.relu() : y.sigmoid()
            }
        }
        let graph = trace(Sequential([Gate()]), Tensor.randn([2, 4]))
        #expect(graph.warnings.count == 1)
        #expect(
            graph.warnings.first?.hasPrefix(
                "TracerWarning: Converting a tensor to a Swift number might cause the trace to be incorrect (in module 0 (Gate))"
            ) == true)
    }
}
