import CVectorKernels
import Foundation

/// Element functions of the unary float math ops (integer inputs promote to the default float dtype).
/// The ones with a SIMD float32 path say so with `hasVector`.

struct ExpOp: UnaryElementOp {
    var kernelName: String { "exp_vml_cpu" }
    var hasVector: Bool { true }
    var arrayKernel: cvk_unary_kind? { CVK_EXP }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.exp(x) }
    @inline(__always) func vector(_ x: SIMD8<Float>) -> SIMD8<Float> { VectorMath.exp(x) }
}
struct LogOp: UnaryElementOp {
    var kernelName: String { "log_vml_cpu" }
    var hasVector: Bool { true }
    var arrayKernel: cvk_unary_kind? { CVK_LOG }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.log(x) }
    @inline(__always) func vector(_ x: SIMD8<Float>) -> SIMD8<Float> { VectorMath.log(x) }
}
struct TanhOp: UnaryElementOp {
    var kernelName: String { "tanh_cpu" }
    var hasVector: Bool { true }
    var arrayKernel: cvk_unary_kind? { CVK_TANH }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.tanh(x) }
    @inline(__always) func vector(_ x: SIMD8<Float>) -> SIMD8<Float> { VectorMath.tanh(x) }
}
struct SigmoidOp: UnaryElementOp {
    var kernelName: String { "sigmoid_cpu" }
    var hasVector: Bool { true }
    var arrayKernel: cvk_unary_kind? { CVK_SIGMOID }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { 1 / (1 + T.exp(-x)) }
    @inline(__always) func vector(_ x: SIMD8<Float>) -> SIMD8<Float> { VectorMath.sigmoid(x) }
}

struct Exp2Op: UnaryElementOp {
    var kernelName: String { "exp2_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.exp2(x) }
}
struct Expm1Op: UnaryElementOp {
    var kernelName: String { "expm1_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.expm1(x) }
}
struct Log2Op: UnaryElementOp {
    var kernelName: String { "log2_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.log2(x) }
}
struct Log10Op: UnaryElementOp {
    var kernelName: String { "log10_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.log10(x) }
}
struct Log1pOp: UnaryElementOp {
    var kernelName: String { "log1p_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.log1p(x) }
}
struct SqrtOp: UnaryElementOp {
    var kernelName: String { "sqrt_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { x.squareRoot() }
}
struct RsqrtOp: UnaryElementOp {
    var kernelName: String { "rsqrt_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { 1 / x.squareRoot() }
}
struct ReciprocalOp: UnaryElementOp {
    var kernelName: String { "reciprocal_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { 1 / x }
}
struct SinOp: UnaryElementOp {
    var kernelName: String { "sin_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.sin(x) }
}
struct CosOp: UnaryElementOp {
    var kernelName: String { "cos_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.cos(x) }
}
struct TanOp: UnaryElementOp {
    var kernelName: String { "tan_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.tan(x) }
}
struct AsinOp: UnaryElementOp {
    var kernelName: String { "asin_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.asin(x) }
}
struct AcosOp: UnaryElementOp {
    var kernelName: String { "acos_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.acos(x) }
}
struct AtanOp: UnaryElementOp {
    var kernelName: String { "atan_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.atan(x) }
}
struct SinhOp: UnaryElementOp {
    var kernelName: String { "sinh_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.sinh(x) }
}
struct CoshOp: UnaryElementOp {
    var kernelName: String { "cosh_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.cosh(x) }
}
struct AsinhOp: UnaryElementOp {
    var kernelName: String { "asinh_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.asinh(x) }
}
struct AcoshOp: UnaryElementOp {
    var kernelName: String { "acosh_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.acosh(x) }
}
struct AtanhOp: UnaryElementOp {
    var kernelName: String { "atanh_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.atanh(x) }
}
struct ErfOp: UnaryElementOp {
    var kernelName: String { "erf_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.erf(x) }
}
struct ErfcOp: UnaryElementOp {
    var kernelName: String { "erfc_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { T.erfc(x) }
}

/// Inverse error function: Giles' single-precision approximation refined by two Newton steps in Double.
struct ErfinvOp: UnaryElementOp {
    var kernelName: String { "erfinv_cpu" }
    func float<T: MathFloat>(_ x: T) -> T { T(ErfinvOp.erfinv(Double(x))) }

    static func erfinv(_ x: Double) -> Double {
        if x.isNaN || abs(x) > 1 { return .nan }
        if abs(x) == 1 { return x * .infinity }
        var w = -Foundation.log((1 - x) * (1 + x))
        var p: Double
        if w < 5 {
            w -= 2.5
            p = 2.81022636e-08
            for c in [
                3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503,
                -0.00417768164, 0.246640727, 1.50140941,
            ] { p = c + p * w }
        } else {
            w = w.squareRoot() - 3
            p = -0.000200214257
            for c in [
                0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
                0.00943887047, 1.00167406, 2.83297682,
            ] { p = c + p * w }
        }
        var y = p * x
        for _ in 0..<2 {
            let err = Foundation.erf(y) - x
            y -= err / (2 / Double.pi.squareRoot() * Foundation.exp(-y * y))
        }
        return y
    }
}

/// `logit(x) = log(x / (1 - x))`, with x clamped to [eps, 1 - eps] when eps ≥ 0.
struct LogitOp: UnaryElementOp {
    let eps: Double?
    var kernelName: String { "logit_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T {
        var z = x
        if let eps, eps >= 0 {
            let lo = T(eps), hi = 1 - T(eps)
            z = z < lo ? lo : (z > hi ? hi : z)
        }
        return T.log(z / (1 - z))
    }
}
