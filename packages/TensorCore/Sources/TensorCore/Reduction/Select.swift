/// Order statistics along a dim: median (lower median), nanmedian, kthvalue, mode.
/// Each lane is ordered like `sort` (NaN largest, ties by position), then one element is picked.

private enum Selection {
    case median, nanmedian
    case kth(Int)
    case mode
}

/// Finds the answer's (value, index) in a lane. Order statistics use quickselect, which lands on the
/// same element a full stable sort would; mode needs the runs of a full sort.
@inline(__always)
private func pick<T: ReduceOrdered>(_ keys: UnsafeMutableBufferPointer<SortKey<T>>, _ selection: Selection) -> SortKey<
    T
> {
    let n = keys.count
    switch selection {
    case .median:
        // Any NaN makes the median NaN, reported at the first NaN.
        if let firstNaN = keys.firstIndex(where: { T.isNaN($0.value) }) { return keys[firstNaN] }
        selectKth(keys, (n - 1) / 2)
        return keys[(n - 1) / 2]
    case .nanmedian:
        var valid = 0
        for i in 0..<n where !T.isNaN(keys[i].value) { valid += 1 }
        // All NaN: the smallest position among them (the sort's first element).
        let k = valid == 0 ? 0 : (valid - 1) / 2
        selectKth(keys, k)
        return keys[k]
    case .kth(let k):
        selectKth(keys, k - 1)
        return keys[k - 1]
    case .mode:
        // Longest run of equal values; the smallest value wins ties, reported at its last position.
        sortKeyed(keys, descending: false)
        var best = 0, bestCount = 0, start = 0
        while start < n {
            var end = start + 1
            while end < n && T.eq(keys[end].value, keys[start].value) { end += 1 }
            if end - start > bestCount { (best, bestCount) = (start, end - start) }
            start = end
        }
        var last = keys[best]
        for i in best..<(best + bestCount) where keys[i].index > last.index { last = keys[i] }
        return last
    }
}

private struct SelectVisitor: ReduceOrderedVisitor {
    let lanes: DimLanes
    let values: Tensor
    let indices: Tensor
    let selection: Selection

    func visit<T: ReduceOrdered>(_: T.Type) {
        let vals = values.mutablePointer(T.self), idx = indices.mutablePointer(Int64.self)
        let selection = selection
        forEachKeyedLane(lanes, T.self) { lane, keys in
            let chosen = pick(keys, selection)
            vals[lane] = chosen.value
            idx[lane] = Int64(chosen.index)
        }
    }
}

private func selectAlong(_ x: Tensor, dim: Int, keepdim: Bool, _ selection: Selection, op: String) -> ValuesIndices {
    let d = wrapDim(dim, x.ndim)
    if op != "mode" {
        let kernel = op == "kthvalue" ? "kthvalue_cpu" : "median_out"
        torchCheck(x.dtype != .bool, "\"\(kernel)\" not implemented for 'Bool'")
    }
    if case .kth(let k) = selection {
        let size = x.ndim == 0 ? 1 : x.sizes[d]
        torchCheck(k >= 1 && k <= size, "kthvalue(): selected number k out of range for dimension \(d)")
    } else {
        checkNonEmptyReduction(x, [d], op)
    }
    let lanes = DimLanes(x, dim: d)
    let shape = laneResultShape(x.sizes, dim: d, keepdim: keepdim)
    let values = Tensor(uninitializedShape: shape, dtype: x.dtype)
    let indices = Tensor(uninitializedShape: shape, dtype: .int64)
    x.dtype.visitReduceOrdered(SelectVisitor(lanes: lanes, values: values, indices: indices, selection: selection))
    return (values: values, indices: indices)
}

/// The whole-tensor median: flattened, 0-dim result, NaN for an empty tensor (as PyTorch).
private func flatSelect(_ x: Tensor, _ selection: Selection, op: String) -> Tensor {
    torchCheck(x.dtype != .bool, "\"median_cpu\" not implemented for 'Bool'")
    if x.numel == 0 { return Tensor.full([], .double(.nan), dtype: x.dtype) }
    let flat = x.contiguous()
    return selectAlong(flat.asStrided([x.numel], [1]), dim: 0, keepdim: false, selection, op: op).values
}

extension Tensor {
    /// `torch.median(input)`: the lower of the two middle values; NaN if any element is NaN.
    public func median() -> Tensor {
        flatSelect(self, .median, op: "median").recorded(.medianAll(name: "MedianBackward0"), self)
    }
    /// `torch.median(input, dim)`: values and their indices along `dim`.
    public func median(dim: Int, keepdim: Bool = false) -> ValuesIndices {
        recordedPair(
            selectAlong(self, dim: dim, keepdim: keepdim, .median, op: "median"),
            .alongIndices(dim: wrapDim(dim, Swift.max(ndim, 1)), keepdim: keepdim, name: "MedianBackward1"), self)
    }

    /// `torch.nanmedian`: the median of the non-NaN elements (NaN when all are NaN).
    public func nanmedian() -> Tensor {
        flatSelect(self, .nanmedian, op: "nanmedian").recorded(.medianAll(name: "NanmedianBackward0"), self)
    }
    /// `torch.nanmedian(input, dim)`: values and their indices along `dim`.
    public func nanmedian(dim: Int, keepdim: Bool = false) -> ValuesIndices {
        recordedPair(
            selectAlong(self, dim: dim, keepdim: keepdim, .nanmedian, op: "nanmedian"),
            .alongIndices(dim: wrapDim(dim, Swift.max(ndim, 1)), keepdim: keepdim, name: "NanmedianBackward1"), self)
    }

    /// `torch.kthvalue`: the k-th smallest element (1-based) along `dim`.
    public func kthvalue(_ k: Int, dim: Int = -1, keepdim: Bool = false) -> ValuesIndices {
        recordedPair(
            selectAlong(self, dim: dim, keepdim: keepdim, .kth(k), op: "kthvalue"),
            .alongIndices(dim: wrapDim(dim, Swift.max(ndim, 1)), keepdim: keepdim, name: "KthvalueBackward0"), self)
    }

    /// `torch.mode`: the most frequent value along `dim` (the smallest on ties) and its last index.
    public func mode(dim: Int = -1, keepdim: Bool = false) -> ValuesIndices {
        recordedPair(
            selectAlong(self, dim: dim, keepdim: keepdim, .mode, op: "mode"),
            .alongIndices(dim: wrapDim(dim, Swift.max(ndim, 1)), keepdim: keepdim, name: "ModeBackward0"), self)
    }
}
