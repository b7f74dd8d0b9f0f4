import Autodiff
import Foundation
import Layers
import TensorCore

/// The opsets `OnnxModule` runs: the ops below have these semantics from opset 13 (Squeeze/Unsqueeze
/// axes as an input, Softmax over one axis) through 17 (LayerNormalization).
/// No PyTorch counterpart: the range of ONNX opsets `OnnxModule` (and `JIT.load`) accept.
public let onnxImportOpsets: ClosedRange<Int64> = 13...17

/// An ONNX model run on TensorCore as a module: `torch.jit.load`'s answer (the saved, source-free form of a
/// model is its ONNX file). Everything is checked when the file is read — the schema, the opsets, that
/// every op is implemented and every value defined before use — so a bad file fails at `init`, not in
/// the middle of a forward. Floating initializers are parameters (named by their ONNX name with '.' as
/// '_'; torch's own constants, "onnx::…", are buffers), so the model can be fine-tuned where its ops are
/// differentiable.
public final class OnnxModule: Module {
    let graph: OnnxGraph
    private let bytes: [UInt8]
    /// Initializer name → the key it is registered under (read at each run, so load_state_dict and deep
    /// copies take effect); initializers that are not valid keys stay constants.
    private var keys: [String: String] = [:]
    private var constants: [String: Tensor] = [:]
    /// The graph's input names, in the order `run` takes them (no PyTorch counterpart: ONNX `graph.input`).
    public let inputNames: [String]
    /// The graph's output names, in the order `run` returns them (no PyTorch counterpart: ONNX `graph.output`).
    public let outputNames: [String]

    /// Reads and checks the ONNX file at `url` (PyTorch: `torch.jit.load(path)`'s role).
    public convenience init(contentsOf url: URL) throws(OnnxError) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw .io("cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(bytes: [UInt8](data))
    }

    /// Parses and checks an ONNX model held in memory (PyTorch: `torch.jit.load(io.BytesIO(...))`'s role).
    public init(bytes: [UInt8]) throws(OnnxError) {
        self.bytes = bytes
        let model = try OnnxModel(parsing: bytes)
        for opset in model.opsets where opset.domain.isEmpty || opset.domain == "ai.onnx" {
            guard onnxImportOpsets.contains(opset.version) else {
                throw .unsupportedOpset(domain: opset.domain, version: opset.version, supported: onnxImportOpsets)
            }
        }
        graph = model.graph
        let initializerNames = Set(graph.initializers.map(\.name))
        inputNames = graph.inputs.map(\.name).filter { !initializerNames.contains($0) }
        outputNames = graph.outputs.map(\.name)
        super.init()
        try validate(initializerNames)
        for t in graph.initializers {
            let tensor = t.rawData.withUnsafeBytes { Tensor(bytes: $0, shape: t.dims, dtype: t.dataType.dtype) }
            let key = t.name.replacingOccurrences(of: ".", with: "_")
            if tensor.dtype.isFloatingPoint && !t.name.hasPrefix("onnx::") && !key.isEmpty && parameter(key) == nil {
                registerParameter(key, tensor.requiresGrad_())
                keys[t.name] = key
            } else if !key.isEmpty, !key.contains(":"), !key.contains("/"), buffer(key) == nil, parameter(key) == nil {
                registerBuffer(key, tensor)
                keys[t.name] = key
            } else {
                constants[t.name] = tensor
            }
        }
    }

    /// Every node's op is implemented and reads only values defined before it.
    private func validate(_ initializerNames: Set<String>) throws(OnnxError) {
        var defined = initializerNames.union(graph.inputs.map(\.name))
        for node in graph.nodes {
            guard node.domain.isEmpty || node.domain == "ai.onnx" else {
                throw .unsupportedNode(opType: node.opType, node: node.name, reason: "domain '\(node.domain)'")
            }
            guard OnnxOps.supported.contains(node.opType) else {
                throw .unsupportedNode(opType: node.opType, node: node.name, reason: "no implementation of this op")
            }
            for input in node.inputs where !input.isEmpty && !defined.contains(input) {
                throw .invalidFile(
                    "node '\(node.name)' (\(node.opType)) reads '\(input)', which no earlier node or input defines")
            }
            defined.formUnion(node.outputs)
        }
        for output in outputNames where !defined.contains(output) {
            throw .invalidFile("graph output '\(output)' is never computed")
        }
    }

    /// Runs the graph on `inputs` (in `inputNames`' order), checked against the declared dtypes and shapes.
    /// No PyTorch counterpart: a traced module's `forward(*inputs)` with a thrown error instead of a crash.
    public func run(_ inputs: [Tensor]) throws(OnnxError) -> [Tensor] {
        guard inputs.count == inputNames.count else {
            throw .inputMismatch("the model takes \(inputNames.count) inputs (\(inputNames)), got \(inputs.count)")
        }
        var values = constants
        for (name, key) in keys { values[name] = parameter(key) ?? buffer(key) }
        for (name, x) in zip(inputNames, inputs) {
            let info = graph.inputs.first { $0.name == name }!
            guard x.dtype == info.elementType.dtype else {
                throw .inputMismatch("input '\(name)' must be \(info.elementType.dtype), got \(x.dtype)")
            }
            if let shape = info.shape {
                let fits =
                    shape.count == x.ndim
                    && zip(shape, x.sizes).allSatisfy { d, n in if case .value(let v) = d { v == n } else { true } }
                guard fits else {
                    let declared = shape.map { d -> String in
                        switch d {
                        case .value(let v): "\(v)"
                        case .param(let p): p
                        case .unknown: "?"
                        }
                    }
                    throw .inputMismatch(
                        "input '\(name)' must have shape [\(declared.joined(separator: ", "))], got \(x.shape)")
                }
            }
            values[name] = x
        }
        for node in graph.nodes {
            let args = node.inputs.map { $0.isEmpty ? nil : values[$0] }
            let results = try OnnxOps.run(node, args)
            for (name, t) in zip(node.outputs, results) where !name.isEmpty { values[name] = t }
        }
        return outputNames.map { values[$0]! }
    }

    /// A fresh module from the same bytes, parameters and all (PyTorch: `copy.deepcopy` of a loaded module).
    public override func makeCopy() -> Module { try! OnnxModule(bytes: bytes) }

    /// One input, one output (the common case): a misfit input stops with the mismatch's message.
    /// PyTorch: a loaded `torch.jit.ScriptModule`'s `forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        do { return try run([input])[0] } catch { torchFail(error.description) }
    }
}
