import Foundation

// The vectorized Box-Muller behind torch's `randn` for contiguous float tensors of >= 16 elements
// (`normal_fill_16_AVX2`): log and sincos are the Cephes polynomials of avx_mathfun.h, evaluated in
// the same order with the multiply-adds GCC fuses in torch's build, so results match bit for bit.

private let sqrtHalf = Float(0.707106781186547524)
private let logP0 = Float(7.0376836292E-2 as Double)
private let logP1 = Float(-1.1514610310E-1 as Double)
private let logP2 = Float(1.1676998740E-1 as Double)
private let logP3 = Float(-1.2420140846E-1 as Double)
private let logP4 = Float(1.4249322787E-1 as Double)
private let logP5 = Float(-1.6668057665E-1 as Double)
private let logP6 = Float(2.0000714765E-1 as Double)
private let logP7 = Float(-2.4999993993E-1 as Double)
private let logP8 = Float(3.3333331174E-1 as Double)
private let logQ1 = Float(-2.12194440e-4 as Double)
private let logQ2 = Float(0.693359375 as Double)
private let minusDP1 = Float(-0.78515625 as Double)
private let minusDP2 = Float(-2.4187564849853515625e-4 as Double)
private let minusDP3 = Float(-3.77489497744594108e-8 as Double)
private let sinP0 = Float(-1.9515295891E-4 as Double)
private let sinP1 = Float(8.3321608736E-3 as Double)
private let sinP2 = Float(-1.6666654611E-1 as Double)
private let cosP0 = Float(2.443315711809948E-005 as Double)
private let cosP1 = Float(-1.388731625493765E-003 as Double)
private let cosP2 = Float(4.166664568298827E-002 as Double)
private let fourOverPi = Float(1.27323954473516 as Double)

/// `a * b + c` rounded once, fast: the double sum of the exact product is already correct after
/// rounding to Float unless it sits exactly on a float midpoint (the one double-rounding hazard);
/// only then does it take the exact TwoSum path.
@inline(__always) func quickFMA(_ a: Float, _ b: Float, _ c: Float) -> Float {
    let sum = Double(a) * Double(b) + Double(c)
    if _slowPath(sum.bitPattern & 0x1FFF_FFFF == 0x1000_0000) { return fusedMultiplyAdd(a, b, c) }
    return Float(sum)
}

/// Natural log of a positive normal float (`log256_ps`, one lane).
@inline(__always) func cephesLog(_ input: Float) -> Float {
    let clamped = Swift.max(input, Float(bitPattern: 0x0080_0000))
    let bits = clamped.bitPattern
    var e = Float(Int32(bitPattern: bits >> 23) - 0x7F) + 1
    var x = Float(bitPattern: (bits & ~0x7F80_0000) | Float(0.5).bitPattern)
    let below = x < sqrtHalf
    let tmp: Float = below ? x : 0
    x = x - 1
    e = e - (below ? 1 : 0)
    x = x + tmp
    let z = x * x
    var y = quickFMA(logP0, x, logP1)
    y = quickFMA(y, x, logP2)
    y = quickFMA(y, x, logP3)
    y = quickFMA(y, x, logP4)
    y = quickFMA(y, x, logP5)
    y = quickFMA(y, x, logP6)
    y = quickFMA(y, x, logP7)
    y = quickFMA(y, x, logP8)
    y = y * x
    y = quickFMA(y, z, e * logQ1)
    y = y - z * 0.5  // z * 0.5 is exact, so the fused and unfused forms agree
    x = x + y
    return quickFMA(e, logQ2, x)
}

/// Sine and cosine (`sincos256_ps`, one lane).
@inline(__always) func cephesSinCos(_ input: Float) -> (sin: Float, cos: Float) {
    var sinSign = input.bitPattern & 0x8000_0000
    var x = Swift.abs(input)
    let scaled = x * fourOverPi
    // cvttps semantics: NaN and out-of-range give Int32.min instead of a trap.
    var j = scaled < 2_147_483_648 ? Int32(scaled) : Int32.min
    j = (j &+ 1) & ~1
    let y = Float(j)
    let swapSin = UInt32(bitPattern: j & 4) << 29
    let polySelect = (j & 2) == 0
    x = quickFMA(y, minusDP1, x)
    x = quickFMA(y, minusDP2, x)
    x = quickFMA(y, minusDP3, x)
    let cosSign = UInt32(bitPattern: ~(j &- 2) & 4) << 29
    sinSign ^= swapSin
    let z = x * x
    var c = quickFMA(cosP0, z, cosP1)
    c = quickFMA(c, z, cosP2)
    c = c * z
    c = quickFMA(c, z, -(z * 0.5))
    c = c + 1
    var s = quickFMA(sinP0, z, sinP1)
    s = quickFMA(s, z, sinP2)
    s = s * z
    s = quickFMA(s, x, x)
    let sinValue = polySelect ? s : c
    let cosValue = polySelect ? c : s
    return (Float(bitPattern: sinValue.bitPattern ^ sinSign), Float(bitPattern: cosValue.bitPattern ^ cosSign))
}

/// Turns 16 uniforms in place into 16 normals: lanes j and j + 8 share one Box-Muller pair.
@inline(__always) func boxMuller16(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
    let twoPi = Float(2.0 * Double.pi)
    for j in 0..<8 {
        let radius = (-2 * cephesLog(1 - data[j])).squareRoot()
        let (s, c) = cephesSinCos(twoPi * data[j + 8])
        data[j] = quickFMA(radius * c, std, mean)
        data[j + 8] = quickFMA(radius * s, std, mean)
    }
}

/// Scalar `normal_fill_16` for double: libm's log/cos/sin, `radius * cos * std + mean` fused.
@inline(__always) func boxMuller16(_ data: UnsafeMutablePointer<Double>, mean: Double, std: Double) {
    let twoPi = 2.0 * Double.pi
    for j in 0..<8 {
        let radius = (-2 * Foundation.log(1 - data[j])).squareRoot()
        let theta = twoPi * data[j + 8]
        data[j] = mean.addingProduct(radius * Foundation.cos(theta), std)
        data[j + 8] = mean.addingProduct(radius * Foundation.sin(theta), std)
    }
}

/// Half and bfloat16 samples are made in float with libm's logf/cosf/sinf (theta in double), then
/// rounded once to the element type.
@inline(__always) func boxMuller16Libm(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
    let twoPi = 2.0 * Double.pi
    for j in 0..<8 {
        let radius = (-2 * Foundation.logf(1 - data[j])).squareRoot()
        let theta = Float(twoPi * Double(data[j + 8]))
        data[j] = fusedMultiplyAdd(radius * Foundation.cosf(theta), std, mean)
        data[j + 8] = fusedMultiplyAdd(radius * Foundation.sinf(theta), std, mean)
    }
}
