import Autodiff
import Foundation
import Layers
import TensorCore
import Testing
import TorchTestSupport

@testable import Export

@Suite struct OnnxImportTests {
    /// Our own files load back and give the eager outputs.
    @Test(arguments: GuideModels.names) func oursRoundTrip(_ name: String) throws {
        _ = manualSeed(1)
        let (model, sample, tolerance) = GuideModels.make(name)
        warmBatchNorm(model, sample)
        _ = model.eval()
        let bytes = try exportBytes(
            model, Tensor.randn([1] + sample), dynamicAxes: ["input": [0: "batch_size"], "output": [0: "batch_size"]])
        let loaded = try OnnxModule(bytes: bytes)
        for batch in [1, 7] {
            let x = Tensor.randn([batch] + sample)
            let diff = (noGrad { loaded(x) } - noGrad { model(x) }).abs().max().item(Double.self)
            #expect(diff <= tolerance, "\(name) batch \(batch): \(diff)")
        }
    }

    /// Files torch.onnx.export wrote (Fixtures/generate/torch_onnx.py) give torch's outputs.
    @Test(arguments: ["simplenet", "mlp", "cnn"]) func torchFilesGiveTorchsOutputs(_ name: String) throws {
        let fixture = try Fixture("torch_onnx")
        let url = OnnxRuntime.repository.appendingPathComponent("packages/Export/Tests/Fixtures/torch_\(name).onnx")
        let model = try OnnxModule(contentsOf: url)
        #expect(model.inputNames == ["input"] && model.outputNames == ["output"])
        for batch in [1, 7] {
            let out = noGrad { model(try! fixture.tensor("\(name)_\(batch)_input")) }
            expectClose(
                out, try fixture.tensor("\(name)_\(batch)_output"), rtol: 1e-4, atol: name == "cnn" ? 1e-4 : 1e-5)
        }
    }

    @Test func importedModelFineTunes() throws {
        let url = OnnxRuntime.repository.appendingPathComponent("packages/Export/Tests/Fixtures/torch_simplenet.onnx")
        let model = try OnnxModule(contentsOf: url)
        #expect(model.namedParameters().map(\.0).sorted() == ["fc_bias", "fc_weight"])
        let loss = model(Tensor.randn([3, 10])).sum()
        loss.backward()
        #expect(model.parameter("fc_weight")!.grad?.sizes == [5, 10])
    }
}

@Suite struct OnnxBadInputTests {
    static func simpleNetBytes() throws -> [UInt8] {
        _ = manualSeed(0)
        return try exportBytes(GuideModels.SimpleNet(), Tensor.randn([1, 10]), dynamicAxes: ["input": [0: "batch"]])
    }

    @Test func truncatedFilesThrow() throws {
        let bytes = try Self.simpleNetBytes()
        for cut in stride(from: 1, to: bytes.count, by: max(1, bytes.count / 97)) {
            #expect(throws: OnnxError.self, "cut at \(cut)") { _ = try OnnxModule(bytes: Array(bytes[..<cut])) }
        }
    }

    @Test func corruptBytesThrowOrLoadNeverTrap() throws {
        let bytes = try Self.simpleNetBytes()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            var b = bytes
            for _ in 0..<3 {
                b[Int.random(in: 0..<b.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if let m = try? OnnxModule(bytes: b) { _ = try? m.run([Tensor.randn([2, 10])]) }
        }
    }

    @Test func unknownOpIsNamed() throws {
        var model = try OnnxModel(parsing: try Self.simpleNetBytes())
        model.graph.nodes[0].opType = "FooBar"
        #expect(
            throws: OnnxError.unsupportedNode(
                opType: "FooBar", node: model.graph.nodes[0].name, reason: "no implementation of this op")
        ) {
            _ = try OnnxModule(bytes: model.serialized())
        }
    }

    @Test func opsetOutOfRange() throws {
        var model = try OnnxModel(parsing: try Self.simpleNetBytes())
        model.opsets = [(domain: "", version: 9)]
        #expect(throws: OnnxError.unsupportedOpset(domain: "", version: 9, supported: 13...17)) {
            _ = try OnnxModule(bytes: model.serialized())
        }
    }

    @Test func mismatchedInputShape() throws {
        let model = try OnnxModule(bytes: try Self.simpleNetBytes())
        #expect(throws: OnnxError.inputMismatch("input 'input' must have shape [batch, 10], got torch.Size([2, 9])")) {
            _ = try model.run([Tensor.randn([2, 9])])
        }
        #expect(throws: OnnxError.inputMismatch("input 'input' must be torch.float32, got torch.int64")) {
            _ = try model.run([Tensor.zeros([2, 10], dtype: .int64)])
        }
    }

    @Test func notOnnxAtAll() {
        #expect(throws: OnnxError.self) { _ = try OnnxModule(bytes: Array("hello, world".utf8)) }
        #expect(throws: OnnxError.invalidFile("the model has no graph")) { _ = try OnnxModule(bytes: []) }
    }
}
