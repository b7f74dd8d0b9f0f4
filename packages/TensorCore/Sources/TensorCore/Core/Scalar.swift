/// A plain number passed to an op (`t * 2`, `full(..., 3.5)`, `item()`): PyTorch's `c10::Scalar`.
/// Its kind decides promotion: an int never turns a float tensor into an int one, a double turns an int
/// tensor into the default float dtype.
public enum Scalar: Sendable, Equatable, CustomStringConvertible {
    /// A Python bool.
    case bool(Bool)
    /// A Python int (int64).
    case int(Int64)
    /// A Python float (double).
    case double(Double)

    /// The dtype the number has on its own (`torch.tensor(2).dtype` is int64, `torch.tensor(2.5)` float32 by default).
    public var dtype: DType {
        switch self {
        case .bool: return .bool
        case .int: return .int64
        case .double: return .float64
        }
    }

    /// The number as a double, true as 1 (PyTorch: C++'s `Scalar::to<double>()`).
    public var doubleValue: Double {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return Double(i)
        case .double(let d): return d
        }
    }

    /// The number as an int64, doubles truncated toward zero (PyTorch: C++'s `Scalar::to<int64_t>()`).
    public var int64Value: Int64 {
        switch self {
        case .bool(let b): return b ? 1 : 0
        case .int(let i): return i
        case .double(let d): return Int64(clampingFloat: d)
        }
    }

    /// Nonzero is true (PyTorch: C++'s `Scalar::to<bool>()`).
    public var boolValue: Bool {
        switch self {
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        }
    }

    /// Python's spelling, `True`, `3`, `2.5` (PyTorch: `Scalar`'s `operator<<`).
    public var description: String {
        switch self {
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        }
    }
}

extension Scalar: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    /// No PyTorch counterpart: lets `2` stand for a Python int argument.
    public init(integerLiteral value: Int) { self = .int(Int64(value)) }
    /// No PyTorch counterpart: lets `2.5` stand for a Python float argument.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// No PyTorch counterpart: lets `true` stand for a Python bool argument.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension Int64 {
    /// C++'s float-to-integer cast as x86 performs it: truncation toward zero, and the "integer
    /// indefinite" value (Int64.min) for NaN and out-of-range inputs instead of a Swift trap.
    /// No PyTorch counterpart: Swift's `Int64(_:)` traps where PyTorch's casts wrap.
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
    /// No PyTorch counterpart: wraps any Swift number where PyTorch takes a Python number.
    public init(_ value: some ScalarConvertible) { self = value.scalar }
}
