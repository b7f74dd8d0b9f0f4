import Glibc

/// var / std / var_mean / std_mean. Each run is two-pass in Double (mean, then squared deviations),
/// and runs split across threads merge with Chan's formula, as PyTorch's Welford combine does.

private typealias Moments = (n: Int, mean: Double, m2: Double)

private struct VarianceReducer<T: FloatReduceElement>: Reducer {
    let out: UnsafeMutablePointer<T>
    let meanOut: UnsafeMutablePointer<T>?
    let correction: Double
    let takeSqrt: Bool

    @inline(__always) private func value(_ x: T) -> Double { Double(T.widen(x)) }

    func run(_ p: UnsafePointer<T>, _ n: Int, start: Int) -> Moments {
        if n == 0 { return (0, 0, 0) }
        // Eight Double lanes per pass: vectorized, and accurate enough that two passes match Welford.
        var lanes = SIMD8<Double>()
        var i = 0
        while i + 8 <= n {
            lanes += SIMD8<Double>(T.load8(p + i))
            i += 8
        }
        var total = lanes.sum()
        while i < n {
            total += value(p[i])
            i += 1
        }
        let mean = total / Double(n)
        let meanLanes = SIMD8<Double>(repeating: mean)
        lanes = SIMD8<Double>()
        i = 0
        while i + 8 <= n {
            let d = SIMD8<Double>(T.load8(p + i)) - meanLanes
            lanes += d * d
            i += 8
        }
        var m2 = lanes.sum()
        while i < n {
            let d = value(p[i]) - mean
            m2 += d * d
            i += 1
        }
        return (n, mean, m2)
    }

    func rows(
        _ acc: UnsafeMutablePointer<Moments>, _ p: UnsafePointer<T>, rows: Int, stride: Int, width: Int, start: Int
    ) {
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * width) { buffer in
            let mean = buffer.baseAddress!, m2 = mean + width
            mean.update(repeating: 0, count: width)
            m2.update(repeating: 0, count: width)
            for r in 0..<rows {
                let row = p + r * stride
                for j in 0..<width { mean[j] += value(row[j]) }
            }
            let scale = 1 / Double(rows)
            for j in 0..<width { mean[j] = rows == 0 ? 0 : mean[j] * scale }
            for r in 0..<rows {
                let row = p + r * stride
                for j in 0..<width {
                    let d = value(row[j]) - mean[j]
                    m2[j] += d * d
                }
            }
            for j in 0..<width { acc[j] = (rows, mean[j], m2[j]) }
        }
    }

    func combine(_ a: Moments, _ b: Moments) -> Moments {
        if a.n == 0 { return b }
        if b.n == 0 { return a }
        let n = a.n + b.n
        let delta = b.mean - a.mean
        let nb = Double(b.n) / Double(n)
        return (n, a.mean + delta * nb, a.m2 + b.m2 + delta * delta * Double(a.n) * nb)
    }

    func store(_ acc: Moments, at index: Int) {
        let divisor = Swift.max(0, Double(acc.n) - correction)
        let variance = acc.n == 0 ? Double.nan : acc.m2 / divisor
        out[index] = T.narrow(T.Acc(takeSqrt ? variance.squareRoot() : variance))
        meanOut?[index] = T.narrow(T.Acc(acc.n == 0 ? Double.nan : acc.mean))
    }
}

private struct VarianceVisitor: ReduceFloatVisitor {
    let plan: ReducePlan
    let out: Tensor
    let meanOut: Tensor?
    let correction: Double
    let takeSqrt: Bool
    func visit<T: FloatReduceElement>(_: T.Type) {
        runReduction(
            plan,
            VarianceReducer<T>(
                out: out.mutablePointer(T.self), meanOut: meanOut?.mutablePointer(T.self),
                correction: correction, takeSqrt: takeSqrt))
    }
}

private func moments(
    _ x: Tensor, _ dims: [Int]?, _ correction: Scalar, _ keepdim: Bool, sqrt: Bool, withMean: Bool
) -> (Tensor, Tensor?) {
    torchCheck(
        x.dtype.isFloatingPoint,
        withMean
            ? "\(sqrt ? "std" : "var")_mean only support floating point and complex dtypes"
            : "std and var only support floating point and complex dtypes")
    let plan = ReducePlan(x, dims: dims, keepdim: keepdim)
    let out = Tensor(uninitializedShape: plan.outShape, dtype: x.dtype)
    let meanOut = withMean ? Tensor(uninitializedShape: plan.outShape, dtype: x.dtype) : nil
    x.dtype.visitReduceFloat(
        VarianceVisitor(
            plan: plan, out: out, meanOut: meanOut, correction: correction.doubleValue, takeSqrt: sqrt))
    let c = correction.doubleValue
    let tag: DifferentiableOp =
        sqrt
        ? .standardDeviation(dims: dims, correction: c, keepdim: keepdim)
        : .variance(dims: dims, correction: c, keepdim: keepdim)
    return (out.recorded(tag, x), meanOut?.recorded(.mean(dims: dims, keepdim: keepdim), x))
}

extension Tensor {
    /// `torch.var`: `correction` 1 (Bessel) by default; N - correction <= 0 gives inf or NaN as in PyTorch.
    public func `var`(correction: Scalar = 1, keepdim: Bool = false) -> Tensor {
        moments(self, nil, correction, keepdim, sqrt: false, withMean: false).0
    }
    /// `torch.var(input, dim)`: the variance along one dim.
    public func `var`(dim: Int, correction: Scalar = 1, keepdim: Bool = false) -> Tensor {
        moments(self, [dim], correction, keepdim, sqrt: false, withMean: false).0
    }
    /// `torch.var(input, dim=(...))`: the variance over several dims.
    public func `var`(dims: [Int], correction: Scalar = 1, keepdim: Bool = false) -> Tensor {
        moments(self, dims, correction, keepdim, sqrt: false, withMean: false).0
    }
    /// `var(unbiased=...)`: the legacy flag, correction 1 or 0.
    /// PyTorch: `torch.var(input, unbiased)`.
    public func `var`(unbiased: Bool) -> Tensor { `var`(correction: unbiased ? 1 : 0) }
    /// `torch.var(input, dim, unbiased)`: the legacy flag along one dim.
    public func `var`(dim: Int, unbiased: Bool, keepdim: Bool = false) -> Tensor {
        `var`(dims: [dim], correction: unbiased ? 1 : 0, keepdim: keepdim)
    }
    /// `torch.var(input, dim=(...), unbiased)`: the legacy flag over several dims.
    public func `var`(dims: [Int], unbiased: Bool, keepdim: Bool = false) -> Tensor {
        `var`(dims: dims, correction: unbiased ? 1 : 0, keepdim: keepdim)
    }

    /// `torch.std`: the square root of `var` with the same arguments.
    public func std(correction: Scalar = 1, keepdim: Bool = false) -> Tensor {
        moments(self, nil, correction, keepdim, sqrt: true, withMean: false).0
    }
    /// `torch.std(input, dim)`: the standard deviation along one dim.
    public func std(dim: Int, correction: Scalar = 1, keepdim: Bool = false) -> Tensor {
        moments(self, [dim], correction, keepdim, sqrt: true, withMean: false).0
    }
    /// `torch.std(input, dim=(...))`: the standard deviation over several dims.
    public func std(dims: [Int], correction: Scalar = 1, keepdim: Bool = false) -> Tensor {
        moments(self, dims, correction, keepdim, sqrt: true, withMean: false).0
    }
    /// `torch.std(input, unbiased)`: the legacy flag, correction 1 or 0.
    public func std(unbiased: Bool) -> Tensor { std(correction: unbiased ? 1 : 0) }
    /// `torch.std(input, dim, unbiased)`: the legacy flag along one dim.
    public func std(dim: Int, unbiased: Bool, keepdim: Bool = false) -> Tensor {
        std(dims: [dim], correction: unbiased ? 1 : 0, keepdim: keepdim)
    }
    /// `torch.std(input, dim=(...), unbiased)`: the legacy flag over several dims.
    public func std(dims: [Int], unbiased: Bool, keepdim: Bool = false) -> Tensor {
        std(dims: dims, correction: unbiased ? 1 : 0, keepdim: keepdim)
    }

    /// `torch.var_mean`: both in one pass over the data.
    public func varMean(dims: [Int]? = nil, correction: Scalar = 1, keepdim: Bool = false) -> (
        var: Tensor, mean: Tensor
    ) {
        let (v, m) = moments(self, dims, correction, keepdim, sqrt: false, withMean: true)
        return (v, m!)
    }
    /// `torch.var_mean(input, dim)`: both along one dim.
    public func varMean(dim: Int, correction: Scalar = 1, keepdim: Bool = false) -> (var: Tensor, mean: Tensor) {
        varMean(dims: [dim], correction: correction, keepdim: keepdim)
    }

    /// `torch.std_mean`.
    public func stdMean(dims: [Int]? = nil, correction: Scalar = 1, keepdim: Bool = false) -> (
        std: Tensor, mean: Tensor
    ) {
        let (s, m) = moments(self, dims, correction, keepdim, sqrt: true, withMean: true)
        return (s, m!)
    }
    /// `torch.std_mean(input, dim)`: both along one dim.
    public func stdMean(dim: Int, correction: Scalar = 1, keepdim: Bool = false) -> (std: Tensor, mean: Tensor) {
        stdMean(dims: [dim], correction: correction, keepdim: keepdim)
    }
}
