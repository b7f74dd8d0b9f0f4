import Foundation
import Layers
import TensorCore

/// `torch.jit`'s answers. A traced module is its graph, and its saved form is that graph as an ONNX file:
/// `JIT.trace` records the model (with the batch axis dynamic, as a traced `x.size(0)` is in torch), runs
/// the recorded graph — not the model's Swift code — and `save`/`JIT.load` round-trip it without the model's
/// source.
public enum JIT {
    /// `torch.jit.trace(model, example)`.
    public static func trace(_ model: Module, _ example: Tensor) throws(OnnxError) -> TracedModule {
        let bytes = try exportBytes(
            model, example, inputNames: ["input"], outputNames: ["output"],
            dynamicAxes: ["input": [0: "batch_size"], "output": [0: "batch_size"]], evalMode: false)
        return try TracedModule(bytes: bytes)
    }

    /// `torch.jit.load(path)`: a saved traced module (or any ONNX file this package runs).
    public static func load(_ url: URL) throws(OnnxError) -> OnnxModule { try OnnxModule(contentsOf: url) }
}

/// A traced module: the recorded graph, run on TensorCore; `save(to:)` writes it as ONNX.
/// PyTorch: `torch.jit.TopLevelTracedModule`, what `torch.jit.trace` returns for an `nn.Module`.
public final class TracedModule: Module {
    private let bytes: [UInt8]
    @Child var graph: OnnxModule

    init(bytes: [UInt8]) throws(OnnxError) {
        self.bytes = bytes
        graph = try OnnxModule(bytes: bytes)
        super.init()
    }

    /// Runs the recorded graph, not the model's code (PyTorch: `torch.jit.TopLevelTracedModule.forward`).
    public override func forward(_ input: Tensor) -> Tensor { graph(input) }

    /// A fresh module from the same saved graph (PyTorch: `copy.deepcopy` of a traced module).
    public override func makeCopy() -> Module { try! TracedModule(bytes: bytes) }

    /// `traced_model.save(path)`.
    /// PyTorch: `torch.jit.ScriptModule.save` (the file is ONNX here, not TorchScript's zip).
    public func save(to url: URL) throws(OnnxError) { try writeAtomically(bytes, to: url) }
}
