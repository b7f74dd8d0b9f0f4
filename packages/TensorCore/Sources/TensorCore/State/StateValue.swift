/// Anything a PyTorch state dict or checkpoint holds: tensors, Python numbers, strings, None, and
/// lists / tuples / dicts of those. Layers, Optimizers and Schedulers produce it; CheckpointHDF5
/// stores it in HDF5, torch's .pt format and safetensors.
public indirect enum StateValue: Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByStringLiteral,
    ExpressibleByNilLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A tensor.
    case tensor(Tensor)
    /// A Python int.
    case int(Int64)
    /// A Python float.
    case double(Double)
    /// A Python bool.
    case bool(Bool)
    /// A Python str.
    case string(String)
    /// Python's `None`.
    case none
    /// A Python list.
    case list([StateValue])
    /// A Python tuple.
    case tuple([StateValue])
    /// A Python dict, in insertion order.
    case dict(StateDict)

    /// `3` for a Python int, as in `torch.save({"epoch": 3}, ...)`.
    public init(integerLiteral value: Int64) { self = .int(value) }
    /// `0.1` for a Python float, as in a `torch.optim` param group's `lr`.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// `true` for a Python bool, as in a `torch.optim` param group's `nesterov`.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// `"adam"` for a Python str in a checkpoint `torch.save` writes.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `nil` for Python's `None`, as in a `torch.optim` param group's unset options.
    public init(nilLiteral: ()) { self = .none }
    /// `[...]` for a Python list in a checkpoint `torch.save` writes.
    public init(arrayLiteral elements: StateValue...) { self = .list(elements) }
    /// `[key: value]` for a Python dict in a checkpoint `torch.save` writes.
    public init(dictionaryLiteral elements: (StateKey, StateValue)...) { self = .dict(StateDict(elements)) }

    /// A module state dict (ordered names → tensors) as a value.
    /// PyTorch: `module.state_dict()` placed inside a checkpoint dict.
    public init(tensors: [(String, Tensor)]) { self = .dict(StateDict(tensors: tensors)) }

    // MARK: Typed access (nil when the case differs)

    /// The value as a tensor (PyTorch: a `torch.Tensor` entry), nil otherwise.
    public var tensor: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }
    /// The value as an integer (ints and bools; Python's bool is an int).
    /// PyTorch: a Python int (or bool) in a `torch.save`d object.
    public var int: Int64? {
        switch self {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
    /// The value as a float (doubles and ints, as Python arithmetic would accept them).
    /// PyTorch: a Python float (or int) in a `torch.save`d object.
    public var double: Double? {
        switch self {
        case .double(let d): return d
        case .int(let i): return Double(i)
        default: return nil
        }
    }
    /// The value as a bool (PyTorch: a Python bool in a `torch.save`d object), nil otherwise.
    public var bool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }
    /// The value as a string (PyTorch: a Python str in a `torch.save`d object), nil otherwise.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }
    /// The value as a dict (PyTorch: a Python dict such as `optimizer.state_dict()`), nil otherwise.
    public var dict: StateDict? {
        if case .dict(let d) = self { return d }
        return nil
    }
    /// Items of a list or a tuple.
    /// PyTorch: a Python list or tuple in a `torch.save`d object.
    public var items: [StateValue]? {
        switch self {
        case .list(let a), .tuple(let a): return a
        default: return nil
        }
    }
    /// Whether this is Python's `None` (PyTorch: `value is None` in a loaded checkpoint).
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// `checkpoint["model_state_dict"]`: nil unless this is a dict holding the key.
    /// PyTorch: `dict.__getitem__` on a loaded checkpoint.
    public subscript(key: String) -> StateValue? { dict?[.string(key)] }
    /// `checkpoint[.int(0)]`: lookup by any key kind, nil when absent
    /// (PyTorch: `dict.__getitem__` on a loaded checkpoint).
    public subscript(key: StateKey) -> StateValue? { dict?[key] }
    /// `param_groups[0]`: nil unless this is a list/tuple with that position.
    /// PyTorch: `list.__getitem__` on a loaded checkpoint.
    public subscript(position: Int) -> StateValue? {
        guard let items, position >= 0, position < items.count else { return nil }
        return items[position]
    }

    /// Python's repr of the value, as `print(torch.load(...))` shows it.
    public var description: String {
        switch self {
        case .tensor(let t): return "tensor(shape: \(t.shape), dtype: \(t.dtype))"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return b ? "True" : "False"
        case .string(let s): return "'\(s)'"
        case .none: return "None"
        case .list(let a): return "[" + a.map(\.description).joined(separator: ", ") + "]"
        case .tuple(let a): return "(" + a.map(\.description).joined(separator: ", ") + (a.count == 1 ? ",)" : ")")
        case .dict(let d): return d.description
        }
    }
}
