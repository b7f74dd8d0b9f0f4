/// 16-bit brain floating point: the top half of an IEEE float32, as torch.bfloat16.
/// Conversion from Float rounds to nearest even and keeps NaN a NaN, like c10::BFloat16.
public struct BFloat16: Hashable, Sendable, CustomStringConvertible {
    /// The raw 16 bits (PyTorch: C++'s `c10::BFloat16::x`).
    public var bitPattern: UInt16

    /// Reinterprets 16 bits as a bfloat16 (PyTorch: C++'s `c10::BFloat16(bits, c10::BFloat16::from_bits())`).
    @inlinable public init(bitPattern: UInt16) { self.bitPattern = bitPattern }

    /// Rounds to nearest even, NaN stays NaN (PyTorch: C++'s `c10::BFloat16(float)`).
    @inlinable public init(_ value: Float) {
        if value.isNaN {
            bitPattern = 0x7FC0
        } else {
            let bits = value.bitPattern
            let roundingBias: UInt32 = 0x7FFF &+ ((bits >> 16) & 1)
            bitPattern = UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
        }
    }

    /// Rounds through Float, as PyTorch's float64-to-bfloat16 cast does.
    @inlinable public init(_ value: Double) { self.init(Float(value)) }

    /// Exact widening: the bits shifted into a float32's top half (PyTorch: C++'s `operator float()`).
    @inlinable public var floatValue: Float { Float(bitPattern: UInt32(bitPattern) << 16) }

    /// The value as a Float prints (PyTorch: no Python scalar type; `t.item()` gives a Python float).
    public var description: String { floatValue.description }
}

extension Float {
    /// Exact widening (PyTorch: C++'s `c10::BFloat16::operator float()`).
    @inlinable public init(_ value: BFloat16) { self = value.floatValue }
}
