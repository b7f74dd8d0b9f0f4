/// Row reductions for the normalization kernels, accumulated in Double. Eight independent accumulators
/// break the add dependency chain so the loops vectorize (a single running sum is latency-bound).

@inline(__always)
func nnSum<T: NNFloat>(_ p: UnsafePointer<T>, _ n: Int) -> Double {
    nnReduce8(n) { Double(p[$0]) }
}

/// Σ (p − mean)².
@inline(__always)
func nnSumSquaredDeviation<T: NNFloat>(_ p: UnsafePointer<T>, _ n: Int, _ mean: Double) -> Double {
    nnReduce8(n) { let d = Double(p[$0]) - mean; return d * d }
}

/// Σ a·(x − mean).
@inline(__always)
func nnDotDeviation<T: NNFloat>(_ a: UnsafePointer<T>, _ x: UnsafePointer<T>, _ n: Int, _ mean: Double) -> Double {
    nnReduce8(n) { Double(a[$0]) * (Double(x[$0]) - mean) }
}

@inline(__always)
func nnReduce8(_ n: Int, _ f: (Int) -> Double) -> Double {
    var a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0, a4 = 0.0, a5 = 0.0, a6 = 0.0, a7 = 0.0
    var j = 0
    while j + 8 <= n {
        a0 += f(j); a1 += f(j + 1); a2 += f(j + 2); a3 += f(j + 3)
        a4 += f(j + 4); a5 += f(j + 5); a6 += f(j + 6); a7 += f(j + 7)
        j += 8
    }
    while j < n { a0 += f(j); j += 1 }
    return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
}
