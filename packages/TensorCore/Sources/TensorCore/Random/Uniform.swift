// Uniform sampling: `rand`, `rand_like`, `uniform_`. torch's `uniform_real_distribution` keeps
// `digits` random bits (24 for float, 53 for double from `random64()`; half types sample in float) and scales
// them as `x * (to - from) + from`; its CPU build fuses that into one FMA, so do we.

/// `[0, 1)` float from 24 random bits.
@inline(__always) func uniformFloat(_ bits: UInt32) -> Float {
    Float(bits & 0xFF_FFFF) * (1.0 / 16_777_216.0)
}

/// `[0, 1)` double from 53 random bits.
@inline(__always) func uniformDouble(_ bits: UInt64) -> Double {
    Double(bits & 0x1F_FFFF_FFFF_FFFF) * (1.0 / 9_007_199_254_740_992.0)
}

/// `a * b + c` with a single rounding, computed exactly through Double and rounding to odd so the
/// final rounding to Float is correct. Vectorizes where `Float.addingProduct` would call libm's fmaf
/// (the default x86-64 target has no FMA instruction).
@inline(__always) func exactFMA(_ a: Float, _ b: Float, _ c: Float) -> Float {
    let p = Double(a) * Double(b)  // exact: 48 significant bits
    let q = Double(c)
    let s = p + q
    let t = s - p
    let error = (p - (s - t)) + (q - t)  // exact rounding error of s (TwoSum)
    var bits = s.bitPattern
    if error != 0 && bits & 1 == 0 {
        bits = (error > 0) == (s > 0) ? bits &+ 1 : bits &- 1
    }
    return Float(Double(bitPattern: bits))
}

/// `a * b + c` rounded once, fast: the double sum of the exact product is already correct after
/// rounding to Float unless it sits exactly on a float midpoint (the one double-rounding hazard);
/// only then does it take the exact TwoSum path.
@inline(__always) func quickFMA(_ a: Float, _ b: Float, _ c: Float) -> Float {
    let sum = Double(a) * Double(b) + Double(c)
    if _slowPath(sum.bitPattern & 0x1FFF_FFFF == 0x1000_0000) { return exactFMA(a, b, c) }
    return Float(sum)
}

private struct UniformKernel: ElementVisitor {
    let tensor: Tensor
    let from: Double
    let to: Double
    let generator: Generator

    func visit<T: TensorElement>(_: T.Type) {
        let t = tensor
        generator.withEngine { engine in
            switch T.dtype {
            case .float32:
                let lo = Float(from), span = Float(to) - Float(from)
                serialRandomFill(t, Float.self) { quickFMA(uniformFloat(engine.random()), span, lo) }
            case .float64:
                let lo = from, span = to - from
                serialRandomFill(t, Double.self) { lo.addingProduct(uniformDouble(engine.random64()), span) }
            case .float16:
                // Half types sample in float, then round once.
                let lo = Float(from), span = Float(to) - Float(from)
                serialRandomFill(t, Float16.self) { Float16(quickFMA(uniformFloat(engine.random()), span, lo)) }
            case .bfloat16:
                let lo = Float(from), span = Float(to) - Float(from)
                serialRandomFill(t, BFloat16.self) { BFloat16(quickFMA(uniformFloat(engine.random()), span, lo)) }
            default:
                torchFail("\"check_uniform_bounds\" not implemented for '\(T.dtype.c10ScalarTypeName)'")
            }
        }
    }
}

extension Tensor {
    /// Fills with samples from U[from, to) (`uniform_`).
    @discardableResult
    public func uniform_(_ from: Double = 0, _ to: Double = 1, generator: Generator? = nil) -> Tensor {
        torchCheck(
            dtype.isFloatingPoint, "\"check_uniform_bounds\" not implemented for '\(dtype.c10ScalarTypeName)'")
        torchCheck(
            from <= to,
            "uniform_ expects to return a [from, to) range, but found from=\(cppDoubleString(from)) > to=\(cppDoubleString(to))")
        if numel > 0 {
            dtype.visit(UniformKernel(tensor: self, from: from, to: to, generator: Generator.resolve(generator)))
        }
        bumpVersion()
        return self
    }

    /// `torch.rand(shape)`: U[0, 1) in the default float dtype unless `dtype` says otherwise.
    public static func rand(_ shape: [Int], generator: Generator? = nil, dtype: DType? = nil) -> Tensor {
        empty(shape, dtype: dtype).uniform_(0, 1, generator: generator)
    }

    public static func rand(_ shape: Int..., generator: Generator? = nil, dtype: DType? = nil) -> Tensor {
        rand(shape, generator: generator, dtype: dtype)
    }

    /// `torch.rand_like(t)`: same shape, `t`'s dtype unless given.
    public static func randLike(_ other: Tensor, dtype: DType? = nil, generator: Generator? = nil) -> Tensor {
        emptyLike(other, dtype: dtype).uniform_(0, 1, generator: generator)
    }
}
