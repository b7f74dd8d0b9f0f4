import Autodiff
import Foundation
import Layers
import TensorCore
import Testing

@testable import Export

/// Every guide model exported with a dynamic batch passes onnx's full check, and onnxruntime gives our
/// outputs for batch 1 and 7 (1e-5; 1e-4 where convolutions sum in another order).
@Suite(.serialized) struct OnnxExportTests {
    @Test(arguments: GuideModels.names) func onnxruntimeAgreesAtBatch1And7(_ name: String) throws {
        _ = manualSeed(0)
        let (model, sample, tolerance) = GuideModels.make(name)
        warmBatchNorm(model, sample)
        _ = model.eval()
        let folder = try temporaryFolder()
        let url = folder.appendingPathComponent("\(name).onnx")
        try export(
            model, Tensor.randn([1] + sample), to: url, inputNames: ["input"], outputNames: ["output"],
            dynamicAxes: ["input": [0: "batch_size"], "output": [0: "batch_size"]])
        let inputs = [1, 7].map { Tensor.randn([$0] + sample) }
        for (x, theirs) in zip(inputs, try OnnxRuntime.run(url, inputs)) {
            let batch = x.size(0)
            let ours = noGrad { model(x) }
            #expect(theirs.sizes == ours.sizes)
            let diff = (theirs - ours).abs().max().item(Double.self)
            #expect(diff <= tolerance, "\(name) batch \(batch): max difference \(diff)")
        }
    }

    /// Section 9's encoder: attention as MatMul/Softmax with the padding mask as Where, LayerNormalization.
    @Test func transformerOps() throws {
        _ = manualSeed(0)
        let bytes = try exportBytes(
            TransformerModel(), Tensor.randn([1, 5, 16]), dynamicAxes: ["input": [0: "batch"], "output": [0: "batch"]])
        let types = Set(try OnnxModel(parsing: bytes).graph.nodes.map(\.opType))
        #expect(
            types.isSuperset(of: ["MatMul", "Softmax", "Where", "LayerNormalization", "Gemm", "Transpose", "Reshape"]),
            "\(types)")
    }

    @Test func unsupportedOpNamesOpAndModule() throws {
        final class Cumulative: Module {
            override func forward(_ x: Tensor) -> Tensor { x.cumsum(dim: 1) }
        }
        let model = Sequential([Linear(3, 3), Cumulative()])
        #expect(
            throws: OnnxError.unsupportedOp(
                op: "cumsum", module: "1 (Cumulative)", reason: "no ONNX lowering for this op")
        ) {
            _ = try exportBytes(model, Tensor.randn([2, 3]))
        }
    }

    @Test func opsetOutOfRange() {
        #expect(throws: OnnxError.unsupportedOpset(domain: "", version: 9, supported: 17...17)) {
            _ = try exportBytes(GuideModels.SimpleNet(), Tensor.randn([1, 10]), opsetVersion: 9)
        }
    }
}

/// Running statistics that are not the initial 0/1, so eval-mode BatchNorm is really exercised.
func warmBatchNorm(_ model: Module, _ sample: [Int]) {
    _ = model.train()
    noGrad { for _ in 0..<3 { _ = model(Tensor.randn([8] + sample)) } }
}

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("export-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
