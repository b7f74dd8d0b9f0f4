import Testing
import TensorCore
import Autodiff
import Layers
@testable import Export

@Suite struct TraceTests {
    @Test func simpleNetRecordsLinearAndRelu() {
        _ = manualSeed(0)
        let model = GuideModels.SimpleNet()
        _ = model.eval()
        let graph = trace(model, Tensor.randn([1, 10]))
        print(graph.opNames, graph.initializers.map { ($0.name, $0.tensor.shape) })
        #expect(graph.initializers.map(\.name).sorted() == ["fc.bias", "fc.weight"])
        #expect(graph.values[graph.outputs[0]].shape == [1, 5])
    }

    @Test func guideModelsOps() {
        _ = manualSeed(0)
        let mlp = GuideModels.mlp(); _ = mlp.eval()
        print("mlp", trace(mlp, Tensor.randn([2, 20])).opNames)
        let cnn = GuideModels.cnn(); _ = cnn.eval()
        print("cnn", trace(cnn, Tensor.randn([2, 1, 12, 12])).opNames)
    }
}
