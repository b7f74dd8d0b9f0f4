import Foundation

/// SIMD float32 exp / log / tanh: Cody–Waite range reduction plus minimax polynomials (Cephes'
/// coefficients), about 1 ulp from the correctly rounded result on the main range. Lanes outside it
/// (overflow, underflow to subnormals, NaN, ±inf, non-positive log inputs) are redone with libm, so
/// special values match libm exactly. Rounding uses the 1.5·2^23 trick, which needs no SSE4.1.
enum VectorMath {
    typealias V = SIMD8<Float>
    typealias I = SIMD8<Int32>

    private static let roundMagic: Float = 12_582_912  // 1.5 * 2^23

    @inline(__always)
    static func exp(_ x: V) -> V {
        let inRange = (x .>= -87.0) .& (x .<= 88.0)
        if _slowPath(!all(inRange)) { return exactly(x, Float.exp) }
        let shifted = x * 1.442_695_04 + roundMagic
        let n = shifted - roundMagic
        let k =
            I(truncatingIfNeeded: shifted.bitPatternVector) &- I(repeating: Int32(bitPattern: roundMagic.bitPattern))
        var r = x - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        let z = r * r
        var p = V(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_1e-1
        let e = p * z + r + 1
        let scale = V(bitPatterns: (k &+ 127) &<< 23)
        return e * scale
    }

    @inline(__always)
    static func log(_ x: V) -> V {
        let normal = (x .>= Float.leastNormalMagnitude) .& (x .< Float.infinity)
        if _slowPath(!all(normal)) { return exactly(x, Float.log) }
        let bits = I(truncatingIfNeeded: x.bitPatternVector)
        var e = V(((bits &>> 23) &- 126))
        var m = V(bitPatterns: (bits & 0x007F_FFFF) | 0x3F00_0000)  // mantissa in [0.5, 1)
        let small = m .< 0.707_106_781_186_547_524
        e = e.replacing(with: e - 1, where: small)
        m = m.replacing(with: m + m - 1, where: small)
        m = m.replacing(with: m - 1, where: .!small)
        let z = m * m
        var p = V(repeating: 7.037_683_629_2e-2)
        p = p * m - 1.151_461_031_0e-1
        p = p * m + 1.167_699_874_0e-1
        p = p * m - 1.242_014_084_6e-1
        p = p * m + 1.424_932_278_7e-1
        p = p * m - 1.666_805_766_5e-1
        p = p * m + 2.000_071_476_5e-1
        p = p * m - 2.499_999_399_3e-1
        p = p * m + 3.333_333_117_4e-1
        var y = p * m * z
        y = y + e * -2.121_944_40e-4
        y = y - 0.5 * z
        return (m + y) + e * 0.693_359_375
    }

    /// tanh: an odd polynomial near zero, `1 - 2 / (exp(2|x|) + 1)` beyond 0.625 (Cephes' split).
    @inline(__always)
    static func tanh(_ x: V) -> V {
        let ax = V(bitPatterns: x.bitPatternVector & 0x7FFF_FFFF)
        if _slowPath(any(ax .!= ax)) { return exactly(x, Float.tanh) }
        let z = x * x
        var p = V(repeating: -5.704_988_727_45e-3)
        p = p * z + 2.063_908_879_54e-2
        p = p * z - 5.373_971_555_31e-2
        p = p * z + 1.333_144_220_36e-1
        p = p * z - 3.333_328_194_22e-1
        let near = p * z * x + x
        // tanh is odd: the result takes x's sign bit (this also keeps tanh(-0.0) == -0.0).
        let sign: SIMD8<UInt32> = x.bitPatternVector & 0x8000_0000
        let big = ax .> 0.625
        var magnitude: V = V(bitPatterns: near.bitPatternVector & 0x7FFF_FFFF)
        if any(big) {
            let clamped = ax.replacing(with: 10, where: ax .> 10)  // tanh is 1 in float32 beyond 9.02
            let grown: V = exp(clamped + clamped) + 1
            let far: V = 1 - 2 / grown
            magnitude.replace(with: far, where: big)
        }
        return V(bitPatterns: magnitude.bitPatternVector | sign)
    }

    @inline(__always)
    static func sigmoid(_ x: V) -> V { 1 / (1 + exp(-x)) }

    /// erf by Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7): the formula PyTorch's vectorized float
    /// `erf` uses inside GELU, so GELU's float32 results follow PyTorch's closely.
    @inline(__always)
    static func gaussianErf(_ x: V) -> V {
        let signBit = x.bitPatternVector & 0x8000_0000
        let ax = V(bitPatterns: x.bitPatternVector & 0x7FFF_FFFF)
        let t = 1 / (0.327_591_1 * ax + 1)
        var r = V(repeating: 1.061_405_429)
        r = r * t - 1.453_152_027
        r = r * t + 1.421_413_741
        r = r * t - 0.284_496_736
        r = r * t + 0.254_829_592
        r = r * t
        var minusSquare = -(x * x)
        minusSquare.replace(with: -87, where: minusSquare .< -87)  // exp is ~0 there; stays on the fast path
        let y = 1 - r * exp(minusSquare)
        return V(bitPatterns: y.bitPatternVector | signBit)
    }

    @inline(never)
    private static func exactly(_ x: V, _ f: (Float) -> Float) -> V {
        var r = V()
        for i in 0..<8 { r[i] = f(x[i]) }
        return r
    }
}

extension SIMD8 where Scalar == Float {
    @inline(__always) var bitPatternVector: SIMD8<UInt32> {
        unsafeBitCast(self, to: SIMD8<UInt32>.self)
    }
    @inline(__always) init(bitPatterns bits: SIMD8<Int32>) { self = unsafeBitCast(bits, to: Self.self) }
    @inline(__always) init(bitPatterns bits: SIMD8<UInt32>) { self = unsafeBitCast(bits, to: Self.self) }
}
