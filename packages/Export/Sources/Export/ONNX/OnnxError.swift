/// What can go wrong exporting or importing ONNX, each naming the op, module, node or file at fault.
/// PyTorch raises `torch.onnx.errors.UnsupportedOperatorError` (and `RuntimeError` for bad files) where this has a case.
public enum OnnxError: Error, Equatable, CustomStringConvertible {
    /// The trace holds an op with no ONNX equivalent here: the op and the module it ran in.
    case unsupportedOp(op: String, module: String, reason: String)
    /// A file that is not a valid ONNX model (truncated, corrupt, missing parts).
    case invalidFile(String)
    /// A node of an imported model whose op (or this use of it) is not implemented.
    case unsupportedNode(opType: String, node: String, reason: String)
    /// A model importing an opset outside the range this package runs.
    case unsupportedOpset(domain: String, version: Int64, supported: ClosedRange<Int64>)
    /// An input whose dtype or shape does not match the model's declaration.
    case inputMismatch(String)
    /// A file that could not be read or written.
    case io(String)

    /// The message, torch's wording for an unsupported op (PyTorch: the exception's `__str__`).
    public var description: String {
        switch self {
        case .unsupportedOp(let op, let module, let reason):
            "Exporting the operator '\(op)' to ONNX is not supported\(module.isEmpty ? "" : " (in module \(module))"): \(reason)"
        case .invalidFile(let what): "invalid ONNX model: \(what)"
        case .unsupportedNode(let opType, let node, let reason):
            "ONNX node '\(node)' (\(opType)) is not supported: \(reason)"
        case .unsupportedOpset(let domain, let version, let supported):
            "ONNX opset \(version) of domain '\(domain.isEmpty ? "ai.onnx" : domain)' is not supported (supported: \(supported.lowerBound)...\(supported.upperBound))"
        case .inputMismatch(let what): "ONNX model input mismatch: \(what)"
        case .io(let what): what
        }
    }
}
