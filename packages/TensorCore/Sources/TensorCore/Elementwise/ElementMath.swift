import Foundation

/// Float and Double: the two types elementwise float kernels compute in (half types go through Float,
/// as PyTorch's opmath does). Transcendentals forward to libm's typed entry points.
package protocol MathFloat: BinaryFloatingPoint, TensorElement {
    static func exp(_ x: Self) -> Self
    static func exp2(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func log(_ x: Self) -> Self
    static func log2(_ x: Self) -> Self
    static func log10(_ x: Self) -> Self
    static func log1p(_ x: Self) -> Self
    static func sin(_ x: Self) -> Self
    static func cos(_ x: Self) -> Self
    static func tan(_ x: Self) -> Self
    static func asin(_ x: Self) -> Self
    static func acos(_ x: Self) -> Self
    static func atan(_ x: Self) -> Self
    static func sinh(_ x: Self) -> Self
    static func cosh(_ x: Self) -> Self
    static func tanh(_ x: Self) -> Self
    static func asinh(_ x: Self) -> Self
    static func acosh(_ x: Self) -> Self
    static func atanh(_ x: Self) -> Self
    static func erf(_ x: Self) -> Self
    static func erfc(_ x: Self) -> Self
    static func atan2(_ y: Self, _ x: Self) -> Self
    static func pow(_ x: Self, _ y: Self) -> Self
    static func fmod(_ x: Self, _ y: Self) -> Self
    static func hypot(_ x: Self, _ y: Self) -> Self
}

extension Float: MathFloat {
    @inline(__always) package static func exp(_ x: Float) -> Float { expf(x) }
    @inline(__always) package static func exp2(_ x: Float) -> Float { exp2f(x) }
    @inline(__always) package static func expm1(_ x: Float) -> Float { expm1f(x) }
    @inline(__always) package static func log(_ x: Float) -> Float { logf(x) }
    @inline(__always) package static func log2(_ x: Float) -> Float { log2f(x) }
    @inline(__always) package static func log10(_ x: Float) -> Float { log10f(x) }
    @inline(__always) package static func log1p(_ x: Float) -> Float { log1pf(x) }
    @inline(__always) package static func sin(_ x: Float) -> Float { sinf(x) }
    @inline(__always) package static func cos(_ x: Float) -> Float { cosf(x) }
    @inline(__always) package static func tan(_ x: Float) -> Float { tanf(x) }
    @inline(__always) package static func asin(_ x: Float) -> Float { asinf(x) }
    @inline(__always) package static func acos(_ x: Float) -> Float { acosf(x) }
    @inline(__always) package static func atan(_ x: Float) -> Float { atanf(x) }
    @inline(__always) package static func sinh(_ x: Float) -> Float { sinhf(x) }
    @inline(__always) package static func cosh(_ x: Float) -> Float { coshf(x) }
    @inline(__always) package static func tanh(_ x: Float) -> Float { tanhf(x) }
    @inline(__always) package static func asinh(_ x: Float) -> Float { asinhf(x) }
    @inline(__always) package static func acosh(_ x: Float) -> Float { acoshf(x) }
    @inline(__always) package static func atanh(_ x: Float) -> Float { atanhf(x) }
    @inline(__always) package static func erf(_ x: Float) -> Float { erff(x) }
    @inline(__always) package static func erfc(_ x: Float) -> Float { erfcf(x) }
    @inline(__always) package static func atan2(_ y: Float, _ x: Float) -> Float { atan2f(y, x) }
    @inline(__always) package static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
    @inline(__always) package static func fmod(_ x: Float, _ y: Float) -> Float { fmodf(x, y) }
    @inline(__always) package static func hypot(_ x: Float, _ y: Float) -> Float { hypotf(x, y) }
}

extension Double: MathFloat {
    @inline(__always) package static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) package static func exp2(_ x: Double) -> Double { Foundation.exp2(x) }
    @inline(__always) package static func expm1(_ x: Double) -> Double { Foundation.expm1(x) }
    @inline(__always) package static func log(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) package static func log2(_ x: Double) -> Double { Foundation.log2(x) }
    @inline(__always) package static func log10(_ x: Double) -> Double { Foundation.log10(x) }
    @inline(__always) package static func log1p(_ x: Double) -> Double { Foundation.log1p(x) }
    @inline(__always) package static func sin(_ x: Double) -> Double { Foundation.sin(x) }
    @inline(__always) package static func cos(_ x: Double) -> Double { Foundation.cos(x) }
    @inline(__always) package static func tan(_ x: Double) -> Double { Foundation.tan(x) }
    @inline(__always) package static func asin(_ x: Double) -> Double { Foundation.asin(x) }
    @inline(__always) package static func acos(_ x: Double) -> Double { Foundation.acos(x) }
    @inline(__always) package static func atan(_ x: Double) -> Double { Foundation.atan(x) }
    @inline(__always) package static func sinh(_ x: Double) -> Double { Foundation.sinh(x) }
    @inline(__always) package static func cosh(_ x: Double) -> Double { Foundation.cosh(x) }
    @inline(__always) package static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inline(__always) package static func asinh(_ x: Double) -> Double { Foundation.asinh(x) }
    @inline(__always) package static func acosh(_ x: Double) -> Double { Foundation.acosh(x) }
    @inline(__always) package static func atanh(_ x: Double) -> Double { Foundation.atanh(x) }
    @inline(__always) package static func erf(_ x: Double) -> Double { Foundation.erf(x) }
    @inline(__always) package static func erfc(_ x: Double) -> Double { Foundation.erfc(x) }
    @inline(__always) package static func atan2(_ y: Double, _ x: Double) -> Double { Foundation.atan2(y, x) }
    @inline(__always) package static func pow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
    @inline(__always) package static func fmod(_ x: Double, _ y: Double) -> Double { Foundation.fmod(x, y) }
    @inline(__always) package static func hypot(_ x: Double, _ y: Double) -> Double { Foundation.hypot(x, y) }
}

/// A floating storage type and the type its kernels compute in: itself for Float/Double, Float for
/// float16/bfloat16 (loaded, computed, rounded once on store).
package protocol FloatStorage: TensorElement {
    associatedtype Compute: MathFloat
    var compute: Compute { get }
    init(compute: Compute)
}

extension Float: FloatStorage {
    @inline(__always) package var compute: Float { self }
    @inline(__always) package init(compute: Float) { self = compute }
}
extension Double: FloatStorage {
    @inline(__always) package var compute: Double { self }
    @inline(__always) package init(compute: Double) { self = compute }
}
extension Float16: FloatStorage {
    @inline(__always) package var compute: Float { Float(self) }
    @inline(__always) package init(compute: Float) { self.init(compute) }
}
extension BFloat16: FloatStorage {
    @inline(__always) package var compute: Float { floatValue }
    @inline(__always) package init(compute: Float) { self.init(compute) }
}
