import CVectorKernels

/// Summation kernels. Like PyTorch's cascade_sum, floating sums are pairwise: blocks of 2048 are summed
/// in 32 SIMD lanes, blocks are combined in a binary tree, and outer reductions add rows pairwise, so
/// the error grows with log(n), not n. Half types accumulate in Float.

private let sumBlock = 2048
private let sumRowBlock = 16

@inline(__always)
private func dropNaN<A: BinaryFloatingPoint & SIMDScalar>(_ v: SIMD8<A>, _ skipNaN: Bool) -> SIMD8<A> {
    skipNaN ? v.replacing(with: 0, where: v .!= v) : v
}

@inline(__always)
private func blockSum<T: FloatReduceElement>(_ p: UnsafePointer<T>, _ n: Int, _ skipNaN: Bool) -> T.Acc {
    var a0 = SIMD8<T.Acc>(), a1 = SIMD8<T.Acc>(), a2 = SIMD8<T.Acc>(), a3 = SIMD8<T.Acc>()
    var i = 0
    while i + 32 <= n {
        a0 += dropNaN(T.load8(p + i), skipNaN)
        a1 += dropNaN(T.load8(p + i + 8), skipNaN)
        a2 += dropNaN(T.load8(p + i + 16), skipNaN)
        a3 += dropNaN(T.load8(p + i + 24), skipNaN)
        i += 32
    }
    while i + 8 <= n {
        a0 += dropNaN(T.load8(p + i), skipNaN)
        i += 8
    }
    var s = ((a0 + a1) + (a2 + a3)).sum()
    while i < n {
        let x = T.widen(p[i])
        if !(skipNaN && x.isNaN) { s += x }
        i += 1
    }
    return s
}

/// Pairwise sum of a contiguous run (`skipNaN`: nansum).
func cascadeSum<T: FloatReduceElement>(_ p: UnsafePointer<T>, _ n: Int, skipNaN: Bool) -> T.Acc {
    if n <= sumBlock { return blockSum(p, n, skipNaN) }
    let half = (n / 2) & ~31
    return cascadeSum(p, half, skipNaN: skipNaN) + cascadeSum(p + half, n - half, skipNaN: skipNaN)
}

/// Pairwise sum of `rows` rows (row r at `p + r*stride`) into `acc[0..<width]`, vectorized along the row.
func cascadeRowSum<T: FloatReduceElement>(
    _ acc: UnsafeMutablePointer<T.Acc>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, skipNaN: Bool
) {
    if rows <= sumRowBlock {
        acc.update(repeating: 0, count: width)
        for r in 0..<rows {
            let row = p + r * stride
            if skipNaN {
                for j in 0..<width {
                    let x = T.widen(row[j])
                    acc[j] += x.isNaN ? 0 : x
                }
            } else {
                for j in 0..<width { acc[j] += T.widen(row[j]) }
            }
        }
        return
    }
    let half = rows / 2
    cascadeRowSum(acc, p, rows: half, stride: stride, width: width, skipNaN: skipNaN)
    withUnsafeTemporaryAllocation(of: T.Acc.self, capacity: width) { buffer in
        let other = buffer.baseAddress!
        cascadeRowSum(other, p + half * stride, rows: rows - half, stride: stride, width: width, skipNaN: skipNaN)
        for j in 0..<width { acc[j] += other[j] }
    }
}

/// sum / nansum / mean of a floating tensor; `divisor` turns the stored sum into a mean the way
/// PyTorch's CPU mean does (sum rounded to the dtype, then divided).
struct FloatSumReducer<T: FloatReduceElement>: Reducer {
    let out: UnsafeMutablePointer<T>
    let skipNaN: Bool
    let divisor: Int?

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> T.Acc {
        // float32: the same arithmetic in C, eight lanes per instruction on AVX2 (the Swift loop's SIMD8 is
        // two SSE registers): a 16M-element sum went from 33 to 38–47 GB/s on two Zen 4 cores (a plain read: 49.5).
        if T.self == Float.self && !skipNaN {
            return unsafeBitCast(
                cvk_cascade_sum_f32(UnsafeRawPointer(p).assumingMemoryBound(to: Float.self), n), to: T.Acc.self)
        }
        return cascadeSum(p, n, skipNaN: skipNaN)
    }
    func rows(_ acc: UnsafeMutablePointer<T.Acc>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int)
    {
        cascadeRowSum(acc, p, rows: rows, stride: stride, width: width, skipNaN: skipNaN)
    }
    func combine(_ a: T.Acc, _ b: T.Acc) -> T.Acc { a + b }
    func store(_ acc: T.Acc, at index: Int) {
        let sum = T.narrow(acc)
        if let divisor {
            out[index] = T.narrow(T.widen(sum) / T.Acc(divisor))
        } else {
            out[index] = sum
        }
    }
}

/// nanmean: the NaN-free sum over the NaN-free count.
struct NanMeanReducer<T: FloatReduceElement>: Reducer {
    let out: UnsafeMutablePointer<T>

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> (T.Acc, Int) {
        var count = 0
        for i in 0..<n where !T.isNaN(p[i]) { count += 1 }
        return (cascadeSum(p, n, skipNaN: true), count)
    }
    func rows(
        _ acc: UnsafeMutablePointer<(T.Acc, Int)>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int
    ) {
        withUnsafeTemporaryAllocation(of: T.Acc.self, capacity: width) { sums in
            cascadeRowSum(sums.baseAddress!, p, rows: rows, stride: stride, width: width, skipNaN: true)
            for j in 0..<width {
                var count = 0
                for r in 0..<rows where !T.isNaN(p[r * stride + j]) { count += 1 }
                acc[j] = (sums[j], count)
            }
        }
    }
    func combine(_ a: (T.Acc, Int), _ b: (T.Acc, Int)) -> (T.Acc, Int) { (a.0 + b.0, a.1 + b.1) }
    func store(_ acc: (T.Acc, Int), at index: Int) {
        out[index] = T.narrow(T.widen(T.narrow(acc.0)) / T.Acc(acc.1))
    }
}

/// Integer (and bool, read as bytes) sums accumulate in Int64 with wrap-around, like C++; reading
/// the narrow type directly avoids converting the input first.
struct IntSumReducer<T: FixedWidthInteger>: Reducer {
    let out: UnsafeMutablePointer<Int64>

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> Int64 {
        var s: Int64 = 0
        for i in 0..<n { s &+= Int64(truncatingIfNeeded: p[i]) }
        return s
    }
    func rows(_ acc: UnsafeMutablePointer<Int64>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int)
    {
        acc.update(repeating: 0, count: width)
        for r in 0..<rows {
            let row = p + r * stride
            for j in 0..<width { acc[j] &+= Int64(truncatingIfNeeded: row[j]) }
        }
    }
    func combine(_ a: Int64, _ b: Int64) -> Int64 { a &+ b }
    func store(_ acc: Int64, at index: Int) { out[index] = acc }
}

/// Products: floating types in the accumulation type, integers in Int64 with wrap-around.
struct FloatProdReducer<T: FloatReduceElement>: Reducer {
    let out: UnsafeMutablePointer<T>

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> T.Acc {
        var s: T.Acc = 1
        for i in 0..<n { s *= T.widen(p[i]) }
        return s
    }
    func rows(_ acc: UnsafeMutablePointer<T.Acc>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int)
    {
        acc.update(repeating: 1, count: width)
        for r in 0..<rows {
            let row = p + r * stride
            for j in 0..<width { acc[j] *= T.widen(row[j]) }
        }
    }
    func combine(_ a: T.Acc, _ b: T.Acc) -> T.Acc { a * b }
    func store(_ acc: T.Acc, at index: Int) { out[index] = T.narrow(acc) }
}

struct IntProdReducer<T: FixedWidthInteger>: Reducer {
    let out: UnsafeMutablePointer<Int64>

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> Int64 {
        var s: Int64 = 1
        for i in 0..<n { s &*= Int64(truncatingIfNeeded: p[i]) }
        return s
    }
    func rows(_ acc: UnsafeMutablePointer<Int64>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int)
    {
        acc.update(repeating: 1, count: width)
        for r in 0..<rows {
            let row = p + r * stride
            for j in 0..<width { acc[j] &*= Int64(truncatingIfNeeded: row[j]) }
        }
    }
    func combine(_ a: Int64, _ b: Int64) -> Int64 { a &* b }
    func store(_ acc: Int64, at index: Int) { out[index] = acc }
}
