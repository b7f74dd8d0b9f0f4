/// A Swift type that can be a tensor's element. Kernels are written generically over it and
/// specialized per dtype inside TensorCore (whole-module optimization), so nothing generic runs hot.
public protocol TensorElement: Sendable {
    static var dtype: DType { get }
    /// Conversions used by casts; they follow C++ `static_cast` semantics as PyTorch's `to()` does.
    init(fromDouble value: Double)
    init(fromInt64 value: Int64)
    var asDouble: Double { get }
    var asInt64: Int64 { get }
    static var zero: Self { get }
    static var one: Self { get }
}

extension Bool: TensorElement {
    public static var dtype: DType { .bool }
    @inlinable public init(fromDouble value: Double) { self = value != 0 }
    @inlinable public init(fromInt64 value: Int64) { self = value != 0 }
    @inlinable public var asDouble: Double { self ? 1 : 0 }
    @inlinable public var asInt64: Int64 { self ? 1 : 0 }
    public static var zero: Bool { false }
    public static var one: Bool { true }
}

/// Integer elements: narrowing wraps like C++, floats truncate toward zero.
public protocol IntegerTensorElement: TensorElement, FixedWidthInteger {}

extension IntegerTensorElement {
    /// C++'s cast as x86 compiles it: types of 32 bits or fewer convert through a 32-bit integer (NaN and
    /// out-of-range values give Int32.min, then wrap to the width), int64 through a 64-bit one.
    @inlinable public init(fromDouble value: Double) {
        if Self.bitWidth <= 32 {
            let int32: Int32 = value > -2147483649 && value < 2147483648 ? Int32(value) : .min
            self.init(truncatingIfNeeded: int32)
        } else {
            self.init(truncatingIfNeeded: Int64(clampingFloat: value))
        }
    }
    @inlinable public init(fromInt64 value: Int64) { self.init(truncatingIfNeeded: value) }
    @inlinable public var asDouble: Double { Double(self) }
    @inlinable public var asInt64: Int64 { Int64(truncatingIfNeeded: self) }
    public static var zero: Self { 0 }
    public static var one: Self { 1 }
}

extension UInt8: IntegerTensorElement { public static var dtype: DType { .uint8 } }
extension Int8: IntegerTensorElement { public static var dtype: DType { .int8 } }
extension Int16: IntegerTensorElement { public static var dtype: DType { .int16 } }
extension Int32: IntegerTensorElement { public static var dtype: DType { .int32 } }
extension Int64: IntegerTensorElement { public static var dtype: DType { .int64 } }

/// Floating-point elements that kernels compute in directly (half types compute through Float).
public protocol FloatTensorElement: TensorElement, BinaryFloatingPoint {}

extension FloatTensorElement {
    @inlinable public init(fromDouble value: Double) { self.init(value) }
    @inlinable public init(fromInt64 value: Int64) { self.init(value) }
    @inlinable public var asDouble: Double { Double(self) }
    @inlinable public var asInt64: Int64 { Int64(clampingFloat: Double(self)) }
    public static var zero: Self { 0 }
    public static var one: Self { 1 }
}

extension Float: FloatTensorElement { public static var dtype: DType { .float32 } }
extension Double: FloatTensorElement { public static var dtype: DType { .float64 } }
extension Float16: FloatTensorElement { public static var dtype: DType { .float16 } }

extension BFloat16: TensorElement {
    public static var dtype: DType { .bfloat16 }
    @inlinable public init(fromDouble value: Double) { self.init(Float(value)) }
    @inlinable public init(fromInt64 value: Int64) { self.init(Float(value)) }
    @inlinable public var asDouble: Double { Double(floatValue) }
    @inlinable public var asInt64: Int64 { Int64(clampingFloat: Double(floatValue)) }
    public static var zero: BFloat16 { BFloat16(bitPattern: 0) }
    public static var one: BFloat16 { BFloat16(bitPattern: 0x3F80) }
}
