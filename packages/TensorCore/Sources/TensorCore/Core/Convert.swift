/// Element conversion with C++ `static_cast` semantics, as `Tensor.to(dtype)` performs it.
/// Integer-to-integer goes through Int64 (exact, then wrapping); anything touching floats through Double.
/// PyTorch: C++'s `c10::convert<D>(value)`, the element cast inside `torch.Tensor.to`.
@inline(__always)
public func convertElement<S: TensorElement, D: TensorElement>(_ value: S, to _: D.Type) -> D {
    if S.self == D.self { return unsafeBitCast(value, to: D.self) }
    if S.self == Float.self && D.self == Double.self {
        return unsafeBitCast(Double(unsafeBitCast(value, to: Float.self)), to: D.self)
    }
    if S.self == Double.self && D.self == Float.self {
        return unsafeBitCast(Float(unsafeBitCast(value, to: Double.self)), to: D.self)
    }
    if S.dtype.isFloatingPoint || D.dtype.isFloatingPoint || S.self == Bool.self || D.self == Bool.self {
        return D(fromDouble: value.asDouble)
    }
    return D(fromInt64: value.asInt64)
}

extension Float16 {
    // c10::Half converts from float only: double and int64 go through float first (double rounding
    // included), so do the same to get PyTorch's bits.
    /// Rounds through Float, as PyTorch's float64-to-float16 cast does.
    @inlinable public init(fromDouble value: Double) { self.init(Float(value)) }
    /// Rounds through Float, as PyTorch's integer-to-float16 casts do.
    @inlinable public init(fromInt64 value: Int64) { self.init(Float(value)) }
}
