/// torch.unique over the flattened tensor (dim=None): sorted distinct values, optionally the inverse
/// mapping (shaped like the input) and the counts. Each NaN is distinct, as in PyTorch.

/// `torch.unique`'s outputs; `inverse` and `counts` are nil unless requested.
public struct UniqueResult {
    public let values: Tensor
    public let inverse: Tensor?
    public let counts: Tensor?
}

private struct UniqueVisitor: OrderedVisitor {
    let x: Tensor
    let returnInverse: Bool
    let returnCounts: Bool

    func visit<T: OrderedElement>(_: T.Type) -> UniqueResult {
        let n = x.numel
        let source = x.contiguous()
        let src = UnsafePointer(source.rawPointer.assumingMemoryBound(to: T.self))
        var keys = [Keyed<T>]()
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

extension Tensor {
    /// `torch.unique(input, sorted, return_inverse, return_counts, dim=None)`. Values always come out
    /// sorted (PyTorch's CPU kernel sorts as well); unique along a dim is not implemented.
    public func unique(sorted: Bool = true, returnInverse: Bool = false, returnCounts: Bool = false) -> UniqueResult {
        dtype.visitOrdered(UniqueVisitor(x: self, returnInverse: returnInverse, returnCounts: returnCounts))
    }
}
