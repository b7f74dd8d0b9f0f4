/// A key of a state dict. Module state dicts use strings (`"network.1.weight"`); an optimizer's
/// `state` is keyed by parameter index, an int, exactly as in `torch.optim.Optimizer.state_dict()`.
public enum StateKey: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral,
    ExpressibleByIntegerLiteral
{
    case int(Int64)
    case string(String)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }

    /// The key as Python prints it inside a dict: `'weight'` or `0`.
    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return "'\(s)'"
        }
    }

    /// The key as plain text: the string itself, or the integer's decimal digits.
    public var text: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var intValue: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }
}
