/// Shared by softmax and logsumexp; the SIMD exp is Elementwise's `VectorMath.exp` (about 1 ulp).

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
            let e = VectorMath.exp(unsafeBitCast(T.load8(src + i), to: SIMD8<Float>.self) - s)
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
