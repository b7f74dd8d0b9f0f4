/// logsumexp: log(sum(exp(x - m))) + m with m the max (0 when the max is infinite), as PyTorch computes
/// it, so large inputs do not overflow. Integer inputs compute in the default float dtype.

/// The shift PyTorch subtracts: the max, or 0 when it is ±inf (so all -inf gives -inf, +inf gives inf).
@inline(__always) private func shift<A: BinaryFloatingPoint>(_ m: A) -> A { m.isInfinite ? 0 : m }

private struct LogSumExpReducer<T: FloatReduceElement>: Reducer {
    let out: UnsafeMutablePointer<T>

    /// (max, sum of exp(x - shift(max))).
    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> (T.Acc, T.Acc) {
        if n == 0 { return (-.infinity, 0) }
        var m = T.widen(p[0])
        for i in 0..<n {
            let x = T.widen(p[i])
            if x.isNaN { return (x, x) }
            if x > m { m = x }
        }
        let s = shift(m)
        var sum: T.Acc = 0
        for i in 0..<n { sum += T.Acc.exp(T.widen(p[i]) - s) }
        return (m, sum)
    }
    func rows(_ acc: UnsafeMutablePointer<(T.Acc, T.Acc)>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int) {
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
            for j in 0..<width { acc[j].1 += T.Acc.exp(T.widen(row[j]) - shift(acc[j].0)) }
        }
    }
    func combine(_ a: (T.Acc, T.Acc), _ b: (T.Acc, T.Acc)) -> (T.Acc, T.Acc) {
        if a.0.isNaN { return a }
        if b.0.isNaN { return b }
        let m = Swift.max(a.0, b.0)
        let s = shift(m)
        return (m, a.1 * T.Acc.exp(shift(a.0) - s) + b.1 * T.Acc.exp(shift(b.0) - s))
    }
    func store(_ acc: (T.Acc, T.Acc), at index: Int) {
        out[index] = T.narrow(acc.0.isNaN ? acc.0 : T.Acc.log(acc.1) + shift(acc.0))
    }
}

private struct LogSumExpVisitor: FloatVisitor {
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
        x.dtype.visitFloat(LogSumExpVisitor(plan: plan, out: out))
        return out
    }
    public func logsumexp(dim: Int, keepdim: Bool = false) -> Tensor { logsumexp(dims: [dim], keepdim: keepdim) }
}
