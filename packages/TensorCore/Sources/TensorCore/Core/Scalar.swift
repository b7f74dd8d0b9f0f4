/// A plain number passed to an op (`t * 2`, `full(..., 3.5)`, `item()`): PyTorch's `c10::Scalar`.
/// Its kind decides promotion: an int never turns a float tensor into an int one, a double turns an int
/// tensor into the default float dtype.
public enum Scalar: Sendable, Equatable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case double(Double)

    /// The dtype the number has on its own (`torch.tensor(2).dtype` is int64, `torch.tensor(2.5)` float32 by default).
    public var dtype: DType {
        switch self {
        case .bool: return .bool
        case .int: return .int64
        case .double: return .float64
        }
    }

    public var doubleValue: Double {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .double(let d): return d
        }
    }

    public var int64Value: Int64 {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .double(let d): return Int64(clampingFloat: d)
        }
    }

    public var boolValue: Bool {
        switch self {
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        }
    }

    public var description: String {
        switch self {
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        }
    }
}

extension Scalar: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    public init(integerLiteral value: Int) { self = .int(Int64(value)) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension Int64 {
    /// C++'s float-to-integer cast as x86 performs it: truncation toward zero, and the "integer
    /// indefinite" value (Int64.min) for NaN and out-of-range inputs instead of a Swift trap.
    @inlinable public init(clampingFloat value: Double) {
        if value > -9.223372036854775e18 && value < 9.223372036854775e18 {
            self = Int64(value)
        } else {
            self = .min
        }
    }
}

/// Swift numbers usable where PyTorch takes a Python number (`t * 2`, `t + x` with `x: Double`).
/// Operators are generic over it, so literals and variables of any of these types work unwrapped.
public protocol ScalarConvertible {
    var scalar: Scalar { get }
}

extension Scalar: ScalarConvertible { public var scalar: Scalar { self } }
extension Int: ScalarConvertible { public var scalar: Scalar { .int(Int64(self)) } }
extension Int64: ScalarConvertible { public var scalar: Scalar { .int(self) } }
extension Int32: ScalarConvertible { public var scalar: Scalar { .int(Int64(self)) } }
extension Double: ScalarConvertible { public var scalar: Scalar { .double(self) } }
extension Float: ScalarConvertible { public var scalar: Scalar { .double(Double(self)) } }
extension Bool: ScalarConvertible { public var scalar: Scalar { .bool(self) } }

extension Scalar {
    public init(_ value: some ScalarConvertible) { self = value.scalar }
}
