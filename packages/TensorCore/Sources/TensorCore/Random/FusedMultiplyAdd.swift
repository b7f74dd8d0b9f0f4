// Float multiply-adds rounded once, as the FMA instructions in torch's AVX2 kernels round them.
// Swift's default x86-64 target has no FMA instruction and `Float.addingProduct` becomes a libm
// call per element, so these compute through Double instead: the product of two floats is exact
// there, and only the final rounding needs care.

/// `a * b + c` with a single rounding, computed exactly through Double and rounding to odd so the
/// final rounding to Float is correct.
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
