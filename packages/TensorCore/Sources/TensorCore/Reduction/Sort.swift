/// sort / argsort / topk along a dim, with NaN as the largest value and ties in original order.

private struct SortVisitor: ReduceOrderedVisitor {
    let lanes: DimLanes
    let values: Tensor?
    let indices: Tensor
    let descending: Bool
    /// How many of the ordered elements each lane writes (topk's k, or the whole lane).
    let count: Int

    func visit<T: ReduceOrdered>(_: T.Type) {
        let vals = values?.mutablePointer(T.self), idx = indices.mutablePointer(Int64.self)
        let (inner, count, descending) = (lanes.inner, count, descending)
        forEachKeyedLane(lanes, T.self) { lane, keys in
            if count * 8 < keys.count {
                selectFirst(keys, count, descending: descending)
            } else {
                sortKeyed(keys, descending: descending)
            }
            // Output lanes have `count` elements along the dim.
            let offset = (lane / inner) * count * inner + lane % inner
            for k in 0..<count {
                vals?[offset + k * inner] = keys[k].value
                idx[offset + k * inner] = Int64(keys[k].index)
            }
        }
    }
}

/// Moves the first `k` elements in sort order to the front, ordered (topk with k much smaller than
/// the lane): one pass keeps a sorted window of the best k, most elements fail one comparison.
@inline(__always)
private func selectFirst<T: ReduceOrdered>(_ keys: UnsafeMutableBufferPointer<SortKey<T>>, _ k: Int, descending: Bool) {
    if k == 0 { return }
    let before = { (a: SortKey<T>, b: SortKey<T>) in descending ? descendingBefore(a, b) : ascendingBefore(a, b) }
    sortKeyed(UnsafeMutableBufferPointer(rebasing: keys[0..<k]), descending: descending)
    for i in k..<keys.count {
        let candidate = keys[i]
        if !before(candidate, keys[k - 1]) { continue }
        var j = k - 1
        while j > 0 && before(candidate, keys[j - 1]) {
            keys[j] = keys[j - 1]
            j -= 1
        }
        keys[j] = candidate
    }
}

private func sortImpl(_ x: Tensor, dim: Int, descending: Bool, k: Int?, values: Bool) -> ValuesIndices {
    let lanes = DimLanes(x, dim: dim)
    let count = k ?? lanes.size
    let shape = laneResultShape(x.sizes, dim: lanes.dim, keepdim: true, keptSize: count)
    let valuesOut = values ? Tensor(uninitializedShape: shape, dtype: x.dtype) : nil
    let indices = Tensor(uninitializedShape: shape, dtype: .int64)
    x.dtype.visitReduceOrdered(
        SortVisitor(lanes: lanes, values: valuesOut, indices: indices, descending: descending, count: count))
    return (values: valuesOut ?? indices, indices: indices)
}

extension Tensor {
    /// `torch.sort`: values and their original positions. Sorting is always stable here (PyTorch's
    /// CPU sort is too), so `stable` only documents intent.
    public func sort(dim: Int = -1, descending: Bool = false, stable: Bool = false) -> ValuesIndices {
        recordedPair(
            sortImpl(self, dim: dim, descending: descending, k: nil, values: true),
            .alongIndices(dim: wrapDim(dim, Swift.max(ndim, 1)), keepdim: true, name: "SortBackward0"), self)
    }

    /// `torch.argsort`: the indices `sort` would return.
    public func argsort(dim: Int = -1, descending: Bool = false, stable: Bool = false) -> Tensor {
        sortImpl(self, dim: dim, descending: descending, k: nil, values: false).indices
    }

    /// `torch.topk`: the `k` largest (or smallest) elements along `dim`. Results are always in sorted
    /// order (a valid answer for `sorted: false` too).
    public func topk(_ k: Int, dim: Int = -1, largest: Bool = true, sorted: Bool = true) -> ValuesIndices {
        let d = wrapDim(dim, ndim)
        let size = ndim == 0 ? 1 : sizes[d]
        torchCheck(k >= 0 && k <= size, "selected index k out of range")
        torchCheck(dtype != .bool, "topk does not support bool dtypes on CPU")
        return recordedPair(
            sortImpl(self, dim: d, descending: largest, k: k, values: true),
            .alongIndices(dim: d, keepdim: true, name: "TopkBackward0"), self)
    }
}
