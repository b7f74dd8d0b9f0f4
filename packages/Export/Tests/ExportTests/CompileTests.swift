import Autodiff
import Layers
import TensorCore
import Testing

@testable import Export

@Suite struct CompileTests {
    /// compile(model) gives the eager outputs (≤ 1e-5) at several batch sizes, compiled (no fallback).
    @Test(arguments: GuideModels.names) func compiledMatchesEager(_ name: String) throws {
        _ = manualSeed(2)
        let (model, sample, _) = GuideModels.make(name)
        warmBatchNorm(model, sample)
        _ = model.eval()
        let compiled = compile(model)
        for batch in [1, 7, 3] {
            let x = Tensor.randn([batch] + sample)
            let diff = (compiled(x) - noGrad { model(x) }).abs().max().item(Double.self)
            #expect(diff <= 1e-5, "\(name) batch \(batch): \(diff)")
        }
        #expect(compiled.fallbackReason == nil)
    }

    @Test func batchNormIsFoldedAndReluFused() throws {
        _ = manualSeed(3)
        let model = GuideModels.cnn()
        warmBatchNorm(model, [1, 12, 12])
        _ = model.eval()
        let bytes = try exportBytes(model, Tensor.randn([1, 1, 12, 12]))
        let graph = try CompiledGraph(OnnxModel(parsing: bytes).graph)
        #expect(
            graph.opTypes == ["Conv", "MaxPool", "Conv", "MaxPool", "Reshape", "Gemm"], "\(graph.nodesDescription)")
    }

    @Test func unsupportedModelRunsEagerly() {
        final class Cumulative: Module {
            override func forward(_ x: Tensor) -> Tensor { x.cumsum(dim: 1) }
        }
        let compiled = compile(Sequential([Linear(3, 3), Cumulative()]))
        let x = Tensor.randn([2, 3])
        #expect((compiled(x) - compiled.model(x)).abs().max().item(Double.self) == 0)
        #expect(compiled.fallbackReason?.contains("cumsum") == true)
    }

    /// Our LSTM/GRU nodes (W = the gate permutation) run on the fused layer without an input projection.
    @Test(arguments: ["lstm", "gru"]) func recurrentNodesRunFused(_ name: String) throws {
        let (model, sample, _) = GuideModels.make(name)
        let graph = try OnnxModel(parsing: exportBytes(model, Tensor.randn([1] + sample))).graph
        func constant(_ n: String) -> Tensor? {
            graph.initializers.first { $0.name == n }.map { t in
                t.rawData.withUnsafeBytes { Tensor(bytes: $0, shape: t.dims, dtype: t.dataType.dtype) }
            }
        }
        let nodes = graph.nodes.filter { $0.opType == name.uppercased() }
        #expect(nodes.count == 2)
        for node in nodes {
            let fused = try #require(
                FusedRecurrent(
                    node, w: constant(node.inputs[1])!, r: constant(node.inputs[2])!, b: constant(node.inputs[3])))
            #expect(fused.projection == nil)
        }
    }
}
