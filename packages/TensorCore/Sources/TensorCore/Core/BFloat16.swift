/// 16-bit brain floating point: the top half of an IEEE float32, as torch.bfloat16.
/// Conversion from Float rounds to nearest even and keeps NaN a NaN, like c10::BFloat16.
public struct BFloat16: Hashable, Sendable, CustomStringConvertible {
    public var bitPattern: UInt16

    @inlinable public init(bitPattern: UInt16) { self.bitPattern = bitPattern }

    @inlinable public init(_ value: Float) {
        if value.isNaN {
            bitPattern = 0x7FC0
        } else {
            let bits = value.bitPattern
            let roundingBias: UInt32 = 0x7FFF &+ ((bits >> 16) & 1)
            bitPattern = UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
        }
    }

    @inlinable public init(_ value: Double) { self.init(Float(value)) }

    @inlinable public var floatValue: Float { Float(bitPattern: UInt32(bitPattern) << 16) }

    public var description: String { floatValue.description }
}

extension Float {
    @inlinable public init(_ value: BFloat16) { self = value.floatValue }
}
