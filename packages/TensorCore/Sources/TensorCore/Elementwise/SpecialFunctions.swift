import Foundation

/// `lgamma`, `digamma` and `polygamma`, computed in Double for every floating dtype and rounded once.
/// The algorithms are those torch's CPU kernels use: digamma by recurrence up to 10 and the asymptotic
/// series (Cephes' psi), trigamma by recurrence and its asymptotic series, higher orders through the
/// Hurwitz zeta function (ψ⁽ⁿ⁾(x) = (−1)ⁿ⁺¹ n! ζ(n+1, x)).
struct LgammaOp: UnaryElementOp {
    var kernelName: String { "lgamma_vml_cpu" }
    func float<T: MathFloat>(_ x: T) -> T { T(Foundation.lgamma(Double(x))) }
}

struct DigammaOp: UnaryElementOp {
    var kernelName: String { "digamma" }
    func float<T: MathFloat>(_ x: T) -> T { T(SpecialFunctions.digamma(Double(x))) }
}

struct PolygammaOp: UnaryElementOp {
    let n: Int
    var kernelName: String { "polygamma" }
    func float<T: MathFloat>(_ x: T) -> T {
        // torch computes trigamma in the tensor's precision (float for the reduced types): near the poles
        // sin(πx) is a float32 rounding residue, and its huge result is torch's.
        if n == 1 && T.self != Double.self { return T(SpecialFunctions.trigamma(Float(x), sin: Foundation.sin)) }
        return T(SpecialFunctions.polygamma(n, Double(x)))
    }
}

enum SpecialFunctions {
    /// ψ(x). Poles: ψ(±0) = ∓∞, NaN at the negative integers (torch's convention).
    static func digamma(_ x: Double) -> Double {
        if x == 0 { return x.sign == .minus ? .infinity : -.infinity }
        if x.isNaN || x == -.infinity { return .nan }
        if x < 0 {
            if x == x.rounded(.towardZero) { return .nan }
            // Reflection: ψ(1 − x) − ψ(x) = π / tan(πx).
            return digamma(1 - x) - Double.pi / Foundation.tan(Double.pi * x)
        }
        var x = x, result = 0.0
        while x < 10 {
            result -= 1 / x
            x += 1
        }
        if x == 10 { return result + 2.25175258906672110764 }  // ψ(10)
        // ψ(x) ≈ log x − 1/(2x) − Σ B₂ₖ / (2k x²ᵏ)
        var series = 0.0
        if x < 1e17 {
            let z = 1 / (x * x)
            for c in [
                8.33333333333333333333e-2, -2.10927960927960927961e-2, 7.57575757575757575758e-3,
                -4.16666666666666666667e-3, 3.96825396825396825397e-3, -8.33333333333333333333e-3,
                8.33333333333333333333e-2,
            ] { series = series * z + c }
            series *= z
        }
        return result + Foundation.log(x) - 0.5 / x - series
    }

    /// ψ⁽ⁿ⁾(x) for n ≥ 0.
    static func polygamma(_ n: Int, _ x: Double) -> Double {
        switch n {
        case 0: return digamma(x)
        case 1: return trigamma(x, sin: Foundation.sin)
        default:
            let sign: Double = n % 2 == 1 ? 1 : -1
            return sign * Foundation.exp(Foundation.lgamma(Double(n) + 1)) * hurwitzZeta(Double(n + 1), x)
        }
    }

    /// ψ′(x): reflection below 1/2, six recurrence steps, then the asymptotic series.
    static func trigamma<T: BinaryFloatingPoint>(_ x: T, sin: (T) -> T) -> T {
        var x = x, sign: T = 1, result: T = 0
        // π rounded to nearest, as C's M_PI converts (Swift's `.pi` rounds toward zero: another sin(πx) at the poles).
        let pi = T(Double.pi)
        if x < 0.5 {
            sign = -1
            let s = sin(pi * x)
            result -= pi * pi / (s * s)
            x = 1 - x
        }
        for _ in 0..<6 {
            result += 1 / (x * x)
            x += 1
        }
        let ixx = 1 / (x * x)
        // 1/x + 1/(2x²) + 1/(6x³) − 1/(30x⁵) + 1/(42x⁷)
        let tail: T = 1 / 30 - ixx * (1 / 42)
        let series: T = 1 + 1 / (2 * x) + ixx * (1 / 6 - ixx * tail)
        result += series / x
        return sign * result
    }

    /// ζ(s, q) = Σₖ (k + q)⁻ˢ: direct sum until the terms are negligible, then Euler–Maclaurin.
    static func hurwitzZeta(_ s: Double, _ q: Double) -> Double {
        if s == 1 { return .infinity }
        if s < 1 { return .nan }
        if q <= 0 {
            if q == q.rounded(.down) { return .infinity }
            if s != s.rounded(.down) { return .nan }  // q^-s is not real
        }
        let epsilon = 1.11022302462515654042e-16
        var sum = Foundation.pow(q, -s), a = q, b = 0.0, i = 0
        while i < 9 || a <= 9 {
            i += 1
            a += 1
            b = Foundation.pow(a, -s)
            sum += b
            if abs(b / sum) < epsilon { return sum }
        }
        let w = a
        sum += b * w / (s - 1) - 0.5 * b
        // Euler–Maclaurin terms B₂ⱼ / (2j)! · s(s+1)…(s+2j−2) · a^(−s−2j+1), as (2j)!/B₂ⱼ.
        let denominators = [
            12.0, -720.0, 30240.0, -1209600.0, 47900160.0, -1.8924375803183791606e9, 7.47242496e10,
            -2.950130727918164224e12, 1.1646782814350067249e14, -4.5979787224074726105e15,
            1.8152105401943546773e17, -7.1661652561756670113e18,
        ]
        var factor = 1.0, k = 0.0
        for d in denominators {
            factor *= s + k
            b /= w
            let term = factor * b / d
            sum += term
            if abs(term / sum) < epsilon { break }
            k += 1
            factor *= s + k
            b /= w
            k += 1
        }
        return sum
    }
}
