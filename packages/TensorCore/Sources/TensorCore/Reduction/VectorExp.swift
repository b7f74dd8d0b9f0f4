/// A vectorized float exp (Cephes-style range reduction + degree-6 polynomial, about 1 ulp), so
/// softmax runs at SIMD speed instead of one libm call per element. Results below the float range
/// flush to 0 (exp(-inf) = 0 exactly, which masked softmax relies on); NaN stays NaN.
@inline(__always)
func softmaxExp8(_ input: SIMD8<Float>) -> SIMD8<Float> {
    let upper: Float = 88.3762626647949
    let lower: Float = -87.3365447505531
    var x = input.clamped(lowerBound: SIMD8(repeating: lower), upperBound: SIMD8(repeating: upper))
    var fx = x * 1.44269504088896341 + 0.5
    fx.round(.down)
    x = x - fx * 0.693359375 + fx * 2.12194440e-4
    var y = SIMD8<Float>(repeating: 1.9875691500e-4)
    y = y * x + 1.3981999507e-3
    y = y * x + 8.3334519073e-3
    y = y * x + 4.1665795894e-2
    y = y * x + 1.6666665459e-1
    y = y * x + 5.0000001201e-1
    y = y * (x * x) + x + 1
    let exponent = (SIMD8<Int32>(truncatingIfNeeded: SIMD8<Int32>(fx)) &+ 127) &<< 23
    var result = y * unsafeBitCast(exponent, to: SIMD8<Float>.self)
    result.replace(with: 0, where: input .< lower)
    result.replace(with: .infinity, where: input .> upper)
    result.replace(with: input, where: input .!= input)
    return result
}

/// `dst[i] = exp(widen(src[i]) - shift)` (dst optional) and returns the sum of those exps.
@inline(__always)
func expShiftSum<T: FloatReduceElement>(
    _ src: UnsafePointer<T>, _ dst: UnsafeMutablePointer<T.Acc>?, _ n: Int, shift: T.Acc
) -> T.Acc {
    var i = 0
    var total: T.Acc = 0
    if T.Acc.self == Float.self {
        let s = SIMD8<Float>(repeating: unsafeBitCast(shift, to: Float.self))
        var acc = SIMD8<Float>()
        let fdst = dst.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Float.self) }
        while i + 8 <= n {
            let e = softmaxExp8(unsafeBitCast(T.load8(src + i), to: SIMD8<Float>.self) - s)
            fdst.map { UnsafeMutableRawPointer($0 + i).storeBytes(of: e, as: SIMD8<Float>.self) }
            acc += e
            i += 8
        }
        total = unsafeBitCast(acc.sum(), to: T.Acc.self)
    }
    while i < n {
        let e = T.Acc.accExp(T.widen(src[i]) - shift)
        dst?[i] = e
        total += e
        i += 1
    }
    return total
}
