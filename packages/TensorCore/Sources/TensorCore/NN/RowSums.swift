import CVectorKernels

/// Row reductions for the normalization kernels, accumulated in Double. float32 runs the C loops
/// (include/cvk_nn.h: AVX-512, 32 accumulators); float64 keeps eight independent accumulators here,
/// which break the add dependency chain so the loop vectorizes (a single running sum is latency-bound).

@inline(__always)
func nnSum<T: NNFloat>(_ p: UnsafePointer<T>, _ n: Int) -> Double {
    if T.self == Float.self { return cvk_sum_f32(floatPointer(p), n) }
    return nnReduce8(n) { Double(p[$0]) }
}

/// Σ (p − mean)².
@inline(__always)
func nnSumSquaredDeviation<T: NNFloat>(_ p: UnsafePointer<T>, _ n: Int, _ mean: Double) -> Double {
    if T.self == Float.self {
        return cvk_sum_squared_deviation_f32(floatPointer(p), n, mean)
    }
    return nnReduce8(n) {
        let d = Double(p[$0]) - mean
        return d * d
    }
}

/// Σ a·(x − mean).
@inline(__always)
func nnDotDeviation<T: NNFloat>(_ a: UnsafePointer<T>, _ x: UnsafePointer<T>, _ n: Int, _ mean: Double) -> Double {
    if T.self == Float.self {
        return cvk_dot_deviation_f32(floatPointer(a), floatPointer(x), n, mean)
    }
    return nnReduce8(n) { Double(a[$0]) * (Double(x[$0]) - mean) }
}

@inline(__always)
func nnReduce8(_ n: Int, _ f: (Int) -> Double) -> Double {
    var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0, a4 = 0.0, a5 = 0.0, a6 = 0.0, a7 = 0.0
    var j = 0
    while j + 8 <= n {
        a0 += f(j)
        a1 += f(j + 1)
        a2 += f(j + 2)
        a3 += f(j + 3)
        a4 += f(j + 4)
        a5 += f(j + 5)
        a6 += f(j + 6)
        a7 += f(j + 7)
        j += 8
    }
    while j < n {
        a0 += f(j)
        j += 1
    }
    return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
}

/// y = x·alpha + beta over n elements.
@inline(__always)
func nnScaleShift<T: NNFloat>(_ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int, _ alpha: T, _ beta: T) {
    if T.self == Float.self {
        return cvk_scale_shift_f32(floatPointer(x), floatPointer(y), n, asFloat(alpha), asFloat(beta))
    }
    for j in 0..<n { y[j] = x[j] * alpha + beta }
}

/// y = dy·a + x·b + c over n elements.
@inline(__always)
func nnScale2Shift<T: NNFloat>(
    _ dy: UnsafePointer<T>, _ x: UnsafePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int, _ a: T, _ b: T, _ c: T
) {
    if T.self == Float.self {
        return cvk_scale2_shift_f32(
            floatPointer(dy), floatPointer(x), floatPointer(y), n, asFloat(a), asFloat(b), asFloat(c))
    }
    for j in 0..<n { y[j] = dy[j] * a + x[j] * b + c }
}
