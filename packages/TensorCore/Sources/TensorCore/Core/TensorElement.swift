/// A Swift type that can be a tensor's element. Kernels are written generically over it and
/// specialized per dtype inside TensorCore (whole-module optimization), so nothing generic runs hot.
/// PyTorch: the C++ scalar types behind `torch.dtype` (`c10::ScalarType`'s `float`, `int64_t`, ...).
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
    /// `torch.bool`.
    public static var dtype: DType { .bool }
    /// Nonzero is true, as PyTorch's `Tensor.to(torch.bool)` casts.
    @inlinable public init(fromDouble value: Double) { self = value != 0 }
    /// Nonzero is true, as PyTorch's `Tensor.to(torch.bool)` casts.
    @inlinable public init(fromInt64 value: Int64) { self = value != 0 }
    /// True is 1, false 0, as PyTorch's bool-to-float casts.
    @inlinable public var asDouble: Double { self ? 1 : 0 }
    /// True is 1, false 0, as PyTorch's bool-to-int casts.
    @inlinable public var asInt64: Int64 { self ? 1 : 0 }
    /// No PyTorch counterpart: the additive identity generic kernels start from.
    public static var zero: Bool { false }
    /// No PyTorch counterpart: the multiplicative identity generic kernels start from.
    public static var one: Bool { true }
}

/// Integer elements: narrowing wraps like C++, floats truncate toward zero.
/// PyTorch: the integral dtypes (`torch.uint8`, `torch.int8`, `torch.int16`, `torch.int32`, `torch.int64`).
public protocol IntegerTensorElement: TensorElement, FixedWidthInteger {}

extension IntegerTensorElement {
    /// C++'s cast as x86 compiles it: types of 32 bits or fewer convert through a 32-bit integer (NaN and
    /// out-of-range values give Int32.min, then wrap to the width), int64 through a 64-bit one.
    /// PyTorch: float-to-integer `Tensor.to` casts give the same bits on x86.
    @inlinable public init(fromDouble value: Double) {
        if Self.bitWidth <= 32 {
            let int32: Int32 = value > -2147483649 && value < 2147483648 ? Int32(value) : .min
            self.init(truncatingIfNeeded: int32)
        } else {
            self.init(truncatingIfNeeded: Int64(clampingFloat: value))
        }
    }
    /// Wraps to the width, as PyTorch's integer narrowing casts do.
    @inlinable public init(fromInt64 value: Int64) { self.init(truncatingIfNeeded: value) }
    /// Rounds to the nearest double, as PyTorch's integer-to-float64 cast does.
    @inlinable public var asDouble: Double { Double(self) }
    /// Sign- or zero-extends, as PyTorch's casts to `torch.int64` do.
    @inlinable public var asInt64: Int64 { Int64(truncatingIfNeeded: self) }
    /// No PyTorch counterpart: the additive identity generic kernels start from.
    public static var zero: Self { 0 }
    /// No PyTorch counterpart: the multiplicative identity generic kernels start from.
    public static var one: Self { 1 }
}

extension UInt8: IntegerTensorElement { public static var dtype: DType { .uint8 } }
extension Int8: IntegerTensorElement { public static var dtype: DType { .int8 } }
extension Int16: IntegerTensorElement { public static var dtype: DType { .int16 } }
extension Int32: IntegerTensorElement { public static var dtype: DType { .int32 } }
extension Int64: IntegerTensorElement { public static var dtype: DType { .int64 } }

/// Floating-point elements that kernels compute in directly (half types compute through Float).
/// PyTorch: `torch.float16`, `torch.float32` and `torch.float64`.
public protocol FloatTensorElement: TensorElement, BinaryFloatingPoint {}

extension FloatTensorElement {
    /// Rounds to nearest, as PyTorch's float casts do.
    @inlinable public init(fromDouble value: Double) { self.init(value) }
    /// Rounds to nearest, as PyTorch's integer-to-float casts do.
    @inlinable public init(fromInt64 value: Int64) { self.init(value) }
    /// Exact widening (PyTorch: a cast to `torch.float64`).
    @inlinable public var asDouble: Double { Double(self) }
    /// Truncates toward zero, Int64.min for NaN and out-of-range values, as PyTorch's casts to `torch.int64` on x86.
    @inlinable public var asInt64: Int64 { Int64(clampingFloat: Double(self)) }
    /// No PyTorch counterpart: the additive identity generic kernels start from.
    public static var zero: Self { 0 }
    /// No PyTorch counterpart: the multiplicative identity generic kernels start from.
    public static var one: Self { 1 }
}

extension Float: FloatTensorElement { public static var dtype: DType { .float32 } }
extension Double: FloatTensorElement { public static var dtype: DType { .float64 } }
extension Float16: FloatTensorElement { public static var dtype: DType { .float16 } }

extension BFloat16: TensorElement {
    /// `torch.bfloat16`.
    public static var dtype: DType { .bfloat16 }
    /// Rounds through Float, as PyTorch's float64-to-bfloat16 cast does.
    @inlinable public init(fromDouble value: Double) { self.init(Float(value)) }
    /// Rounds through Float, as PyTorch's integer-to-bfloat16 casts do.
    @inlinable public init(fromInt64 value: Int64) { self.init(Float(value)) }
    /// Exact widening (PyTorch: a cast to `torch.float64`).
    @inlinable public var asDouble: Double { Double(floatValue) }
    /// Truncates toward zero, Int64.min for NaN and out-of-range values, as PyTorch's casts to `torch.int64` on x86.
    @inlinable public var asInt64: Int64 { Int64(clampingFloat: Double(floatValue)) }
    /// No PyTorch counterpart: the additive identity generic kernels start from.
    public static var zero: BFloat16 { BFloat16(bitPattern: 0) }
    /// No PyTorch counterpart: the multiplicative identity generic kernels start from.
    public static var one: BFloat16 { BFloat16(bitPattern: 0x3F80) }
}
