/// torch.unique: over the flattened tensor (dim=None) sorted distinct values, optionally the inverse
/// mapping (shaped like the input) and the counts; each NaN is distinct, as in PyTorch. With a dim,
/// the distinct slices along it, in lexicographic order.

/// `torch.unique`'s outputs; `inverse` and `counts` are nil unless requested.
public struct UniqueResult {
    /// The distinct elements (PyTorch: `torch.unique`'s first output).
    public let values: Tensor
    /// Each input element's position in `values` (PyTorch: `torch.unique(..., return_inverse=True)`).
    public let inverse: Tensor?
    /// How often each value occurs (PyTorch: `torch.unique(..., return_counts=True)`).
    public let counts: Tensor?
}

private struct UniqueVisitor: ReduceOrderedVisitor {
    let x: Tensor
    let returnInverse: Bool
    let returnCounts: Bool

    func visit<T: ReduceOrdered>(_: T.Type) -> UniqueResult {
        let n = x.numel
        let source = x.contiguous()
        let src = UnsafePointer(source.rawPointer.assumingMemoryBound(to: T.self))
        var keys = [SortKey<T>]()
        keys.reserveCapacity(n)
        for i in 0..<n { keys.append((src[i], i)) }
        keys.withUnsafeMutableBufferPointer { sortKeyed($0, descending: false) }

        var distinct = [T]()
        var counts = [Int64]()
        let inverse = returnInverse ? Tensor(uninitializedShape: x.sizes, dtype: .int64) : nil
        let inv = inverse?.mutablePointer(Int64.self)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && T.eq(keys[end].value, keys[start].value) { end += 1 }
            for i in start..<end { inv?[keys[i].index] = Int64(distinct.count) }
            distinct.append(keys[start].value)
            counts.append(Int64(end - start))
            start = end
        }
        return UniqueResult(
            values: Tensor(copying: distinct, shape: [distinct.count]),
            inverse: inverse,
            counts: returnCounts ? Tensor(copying: counts, shape: [counts.count]) : nil)
    }
}

/// unique along a dim: slice i is every element with index i on `dim`, compared lexicographically.
private struct UniqueDimVisitor: ReduceOrderedVisitor {
    let x: Tensor
    let dim: Int

    func visit<T: ReduceOrdered>(_: T.Type) -> UniqueResult {
        let lanes = DimLanes(x, dim: dim)
        let (outer, size, inner) = (lanes.outer, lanes.size, lanes.inner)
        let width = outer * inner
        let src = lanes.base(T.self)
        // slices[i * width + o * inner + j] = x[o, i, j]
        var slices = [T]()
        slices.reserveCapacity(size * width)
        for i in 0..<size {
            for o in 0..<outer {
                for j in 0..<inner { slices.append(src[(o * size + i) * inner + j]) }
            }
        }
        return slices.withUnsafeBufferPointer { data in
            func less(_ a: Int, _ b: Int) -> Bool {
                for k in 0..<width {
                    let u = data[a * width + k], v = data[b * width + k]
                    if T.lt(u, v) { return true }
                    if T.lt(v, u) { return false }
                }
                return a < b
            }
            func same(_ a: Int, _ b: Int) -> Bool {
                for k in 0..<width where !T.eq(data[a * width + k], data[b * width + k]) { return false }
                return true
            }
            let order = (0..<size).sorted(by: less)
            var firsts: [Int] = []
            var counts: [Int64] = []
            var inverse = [Int64](repeating: 0, count: size)
            var start = 0
            while start < size {
                var end = start + 1
                while end < size && same(order[end], order[start]) { end += 1 }
                for k in start..<end { inverse[order[k]] = Int64(firsts.count) }
                firsts.append(order[start])
                counts.append(Int64(end - start))
                start = end
            }
            var shape = x.sizes
            shape[lanes.dim] = firsts.count
            let values = Tensor(uninitializedShape: shape, dtype: x.dtype)
            let out = values.mutablePointer(T.self)
            for (u, slice) in firsts.enumerated() {
                for o in 0..<outer {
                    for j in 0..<inner { out[(o * firsts.count + u) * inner + j] = data[slice * width + o * inner + j] }
                }
            }
            return UniqueResult(
                values: values, inverse: Tensor(copying: inverse, shape: [size]),
                counts: Tensor(copying: counts, shape: [counts.count]))
        }
    }
}

extension Tensor {
    /// `torch.unique(input, sorted, return_inverse, return_counts, dim)`. Values always come out
    /// sorted (PyTorch's CPU kernels sort as well, whatever `sorted` says).
    public func unique(
        sorted: Bool = true, returnInverse: Bool = false, returnCounts: Bool = false, dim: Int? = nil
    ) -> UniqueResult {
        guard let dim else {
            return dtype.visitReduceOrdered(
                UniqueVisitor(x: self, returnInverse: returnInverse, returnCounts: returnCounts))
        }
        let d = wrapDim(dim, ndim)
        torchCheck(
            numel > 0 || (ndim > 0 && sizes[d] == 0),
            "There are 0 sized dimensions, and they aren't selected, so unique cannot be applied")
        let result = dtype.visitReduceOrdered(UniqueDimVisitor(x: ndim == 0 ? asStrided([1], [1]) : self, dim: d))
        return UniqueResult(
            values: result.values, inverse: returnInverse ? result.inverse : nil,
            counts: returnCounts ? result.counts : nil)
    }
}
