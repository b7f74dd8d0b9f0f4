/// A key of a state dict. Module state dicts use strings (`"network.1.weight"`); an optimizer's
/// `state` is keyed by parameter index, an int, exactly as in `torch.optim.Optimizer.state_dict()`.
public enum StateKey: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral
{
    /// An int key (an optimizer state's parameter index).
    case int(Int64)
    /// A string key (a parameter or buffer name).
    case string(String)

    /// `"weight"` for a string key (PyTorch: a module `state_dict()`'s keys).
    public init(stringLiteral value: String) { self = .string(value) }
    /// `0` for an int key (PyTorch: `torch.optim.Optimizer.state_dict()["state"]`'s keys).
    public init(integerLiteral value: Int64) { self = .int(value) }

    /// The key as Python prints it inside a dict: `'weight'` or `0`.
    /// PyTorch: the key's Python `repr` inside a printed dict.
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return "'\(s)'"
        }
    }

    /// The key as plain text: the string itself, or the integer's decimal digits.
    /// PyTorch: `str(key)`.
    public var text: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }

    /// The key as a string, nil for an int key (PyTorch: a module `state_dict()` key).
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The key as an int, nil for a string key (PyTorch: an optimizer state's parameter index).
    public var intValue: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }
}
