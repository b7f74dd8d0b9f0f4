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

// The block transform runs step by step across its 8 lanes (structure of arrays): each step's 8
// multiply-adds are independent, so the CPU overlaps their latency chains.

/// Natural log of 8 positive normal floats in place (`log256_ps`).
@inline(__always) func cephesLog8(
    _ v: UnsafeMutablePointer<Float>, _ e: UnsafeMutablePointer<Float>, _ y: UnsafeMutablePointer<Float>
) {
    for j in 0..<8 {
        let bits = Swift.max(v[j], Float(bitPattern: 0x0080_0000)).bitPattern
        var exponent = Float(Int32(bitPattern: bits >> 23) - 0x7F) + 1
        var x = Float(bitPattern: (bits & ~0x7F80_0000) | Float(0.5).bitPattern)
        let below = x < sqrtHalf
        let tmp: Float = below ? x : 0
        x = x - 1
        exponent = exponent - (below ? 1 : 0)
        v[j] = x + tmp
        e[j] = exponent
        y[j] = quickFMA(logP0, v[j], logP1)
    }
    for j in 0..<8 { y[j] = quickFMA(y[j], v[j], logP2) }
    for j in 0..<8 { y[j] = quickFMA(y[j], v[j], logP3) }
    for j in 0..<8 { y[j] = quickFMA(y[j], v[j], logP4) }
    for j in 0..<8 { y[j] = quickFMA(y[j], v[j], logP5) }
    for j in 0..<8 { y[j] = quickFMA(y[j], v[j], logP6) }
    for j in 0..<8 { y[j] = quickFMA(y[j], v[j], logP7) }
    for j in 0..<8 { y[j] = quickFMA(y[j], v[j], logP8) }
    for j in 0..<8 {
        let x = v[j], z = x * x
        var t = quickFMA(y[j] * x, z, e[j] * logQ1)
        t = t - z * 0.5  // z * 0.5 is exact, so the fused and unfused forms agree
        y[j] = x + t
    }
    for j in 0..<8 { v[j] = quickFMA(e[j], logQ2, y[j]) }
}

/// Sine and cosine of 8 floats (`sincos256_ps`): `v` holds the angles, then the sines; `c` the cosines.
@inline(__always) func cephesSinCos8(
    _ v: UnsafeMutablePointer<Float>, _ c: UnsafeMutablePointer<Float>,
    _ y: UnsafeMutablePointer<Float>, _ signs: UnsafeMutablePointer<UInt32>
) {
    for j in 0..<8 {
        let input = v[j]
        let x = Swift.abs(input)
        let scaled = x * fourOverPi
        // cvttps semantics: NaN and out-of-range give Int32.min instead of a trap.
        var k = scaled < 2_147_483_648 ? Int32(scaled) : Int32.min
        k = (k &+ 1) & ~1
        y[j] = Float(k)
        let sinSign = (input.bitPattern & 0x8000_0000) ^ (UInt32(bitPattern: k & 4) << 29)
        let cosSign = UInt32(bitPattern: ~(k &- 2) & 4) << 29
        let swap: UInt32 = (k & 2) == 0 ? 0 : 1
        signs[j] = sinSign | (cosSign >> 1) | swap
        v[j] = quickFMA(y[j], minusDP1, x)
    }
    for j in 0..<8 { v[j] = quickFMA(y[j], minusDP2, v[j]) }
    for j in 0..<8 { v[j] = quickFMA(y[j], minusDP3, v[j]) }
    for j in 0..<8 {
        let x = v[j], z = x * x
        var cosPoly = quickFMA(cosP0, z, cosP1)
        var sinPoly = quickFMA(sinP0, z, sinP1)
        cosPoly = quickFMA(cosPoly, z, cosP2)
        sinPoly = quickFMA(sinPoly, z, sinP2)
        cosPoly = quickFMA(cosPoly * z, z, -(z * 0.5)) + 1
        sinPoly = quickFMA(sinPoly * z, x, x)
        let swapped = signs[j] & 1 != 0
        let sinValue = swapped ? cosPoly : sinPoly
        let cosValue = swapped ? sinPoly : cosPoly
        v[j] = Float(bitPattern: sinValue.bitPattern ^ (signs[j] & 0x8000_0000))
        c[j] = Float(bitPattern: cosValue.bitPattern ^ ((signs[j] << 1) & 0x8000_0000))
    }
}

/// Turns 16 uniforms in place into 16 normals: lanes j and j + 8 share one Box-Muller pair.
@inline(__always) func boxMuller16(_ data: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 48) { scratch in
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 8) { signs in
            let radius = scratch.baseAddress!, cosine = radius + 8, e = radius + 16, y = radius + 24
            let angle = radius + 32
            let twoPi = Float(2.0 * Double.pi)
            for j in 0..<8 {
                radius[j] = 1 - data[j]
                angle[j] = twoPi * data[j + 8]
            }
            cephesLog8(radius, e, y)
            for j in 0..<8 { radius[j] = (-2 * radius[j]).squareRoot() }
            cephesSinCos8(angle, cosine, y, signs.baseAddress!)
            for j in 0..<8 {
                data[j] = quickFMA(radius[j] * cosine[j], std, mean)
                data[j + 8] = quickFMA(radius[j] * angle[j], std, mean)
            }
        }
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
        data[j] = quickFMA(radius * Foundation.cosf(theta), std, mean)
        data[j + 8] = quickFMA(radius * Foundation.sinf(theta), std, mean)
    }
}
