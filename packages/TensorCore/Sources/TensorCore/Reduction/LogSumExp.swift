/// logsumexp: log(sum(exp(x - m))) + m with m the max (0 when the max is infinite), as PyTorch computes
/// it, so large inputs do not overflow. Integer inputs compute in the default float dtype.

/// The shift PyTorch subtracts: the max, or 0 when it is ±inf (so all -inf gives -inf, +inf gives inf).
@inline(__always) private func shift<A: BinaryFloatingPoint>(_ m: A) -> A { m.isInfinite ? 0 : m }

/// One term exp(x - shift), rounded to T at each step as PyTorch's tensor ops do (a no-op for
/// float/double; for half types it reproduces torch's numbers, not just its formula).
@inline(__always) private func term<T: FloatReduceElement>(_ x: T, _ s: T.Acc, _: T.Type) -> T.Acc {
    T.widen(T.narrow(T.Acc.accExp(T.widen(T.narrow(T.widen(x) - s)))))
}

private struct LogSumExpReducer<T: FloatReduceElement>: Reducer {
    let out: UnsafeMutablePointer<T>

    /// (max, sum of exp(x - shift(max))); the sum is kept in Double so long runs stay accurate.
    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> (T.Acc, Double) {
        if n == 0 { return (-.infinity, 0) }
        var m = T.widen(p[0])
        for i in 0..<n {
            let x = T.widen(p[i])
            if x.isNaN { return (x, .nan) }
            if x > m { m = x }
        }
        let s = shift(m)
        var sum = 0.0
        if T.self == Float.self {
            // Vectorized exp in blocks; block sums are short, their total is kept in Double.
            var i = 0
            while i < n {
                let count = Swift.min(1024, n - i)
                sum += Double(expShiftSum(p + i, nil, count, shift: s))
                i += count
            }
        } else {
            for i in 0..<n { sum += Double(term(p[i], s, T.self)) }
        }
        return (m, sum)
    }
    func rows(
        _ acc: UnsafeMutablePointer<(T.Acc, Double)>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int,
        start: Int
    ) {
        for j in 0..<width { acc[j] = (rows == 0 ? -.infinity : T.widen(p[j]), 0) }
        for r in 0..<rows {
            let row = p + r * stride
            for j in 0..<width {
                let x = T.widen(row[j])
                if x.isNaN || x > acc[j].0 { acc[j].0 = acc[j].0.isNaN ? acc[j].0 : x }
            }
        }
        for r in 0..<rows {
            let row = p + r * stride
            for j in 0..<width { acc[j].1 += Double(term(row[j], shift(acc[j].0), T.self)) }
        }
    }
    func combine(_ a: (T.Acc, Double), _ b: (T.Acc, Double)) -> (T.Acc, Double) {
        if a.0.isNaN { return a }
        if b.0.isNaN { return b }
        let m = Swift.max(a.0, b.0)
        let s = shift(m)
        return (m, a.1 * Double(T.Acc.accExp(shift(a.0) - s)) + b.1 * Double(T.Acc.accExp(shift(b.0) - s)))
    }
    func store(_ acc: (T.Acc, Double), at index: Int) {
        if acc.0.isNaN {
            out[index] = T.narrow(acc.0)
            return
        }
        let logSum = T.widen(T.narrow(T.Acc.accLog(T.widen(T.narrow(T.Acc(acc.1))))))
        out[index] = T.narrow(logSum + shift(acc.0))
    }
}

private struct LogSumExpVisitor: ReduceFloatVisitor {
    let plan: ReducePlan
    let out: Tensor
    func visit<T: FloatReduceElement>(_: T.Type) {
        runReduction(plan, LogSumExpReducer<T>(out: out.mutablePointer(T.self)))
    }
}

extension Tensor {
    /// `torch.logsumexp` over `dims` (all dims when empty).
    public func logsumexp(dims: [Int], keepdim: Bool = false) -> Tensor {
        let x = dtype.isFloatingPoint ? self : to(.defaultFloatingPoint)
        let plan = ReducePlan(x, dims: dims, keepdim: keepdim)
        let out = Tensor(uninitializedShape: plan.outShape, dtype: x.dtype)
        x.dtype.visitReduceFloat(LogSumExpVisitor(plan: plan, out: out))
        return out.recorded(.logsumexp(dims: dims, keepdim: keepdim), x)
    }
    /// `torch.logsumexp(input, dim)`.
    public func logsumexp(dim: Int, keepdim: Bool = false) -> Tensor { logsumexp(dims: [dim], keepdim: keepdim) }
}
