/// view / reshape and their relatives: a new shape over the same elements in row-major order.

/// Resolves one `-1` in `shape` against `numel` (PyTorch's `infer_size`), with its messages.
func inferSize(_ shape: [Int], numel: Int) -> [Int] {
    var product = 1
    var inferred: Int? = nil
    for (index, size) in shape.enumerated() {
        if size == -1 {
            torchCheck(inferred == nil, "only one dimension can be inferred")
            inferred = index
        } else if size >= 0 {
            product *= size
        } else {
            torchFail("invalid shape dimension \(size) at index \(index) of shape \(shapeString(shape))")
        }
    }
    var result = shape
    if numel == product || (inferred != nil && product > 0 && numel % product == 0) {
        if let inferred {
            torchCheck(
                product != 0,
                "cannot reshape tensor of 0 elements into shape \(shapeString(shape)) because the unspecified dimension size -1 can be any value and is ambiguous"
            )
            result[inferred] = numel / product
        }
        return result
    }
    torchFail("shape '\(shapeString(shape))' is invalid for input of size \(numel)")
}

/// Strides that show a tensor of `oldShape`/`oldStrides` as `newShape` without copying, or nil when
/// some new dimension would span two non-contiguous chunks (PyTorch's `computeStride`). Old dims are
/// grouped into chunks that are contiguous among themselves; each chunk must be re-split exactly.
func computeViewStrides(_ oldShape: [Int], _ oldStrides: [Int], _ newShape: [Int]) -> [Int]? {
    if oldShape.isEmpty { return [Int](repeating: 1, count: newShape.count) }
    let numel = oldShape.reduce(1, *)
    if numel == 0 && oldShape == newShape { return oldStrides }
    var newStrides = [Int](repeating: 0, count: newShape.count)
    if numel == 0 {
        var d = newShape.count - 1
        while d >= 0 {
            newStrides[d] = d == newShape.count - 1 ? 1 : Swift.max(newShape[d + 1], 1) * newStrides[d + 1]
            d -= 1
        }
        return newStrides
    }
    var viewD = newShape.count - 1
    var chunkBaseStride = oldStrides.last!
    var tensorNumel = 1
    var viewNumel = 1
    var tensorD = oldShape.count - 1
    while tensorD >= 0 {
        tensorNumel *= oldShape[tensorD]
        // A chunk ends where the next-outer dim is not laid out right after this one.
        if tensorD == 0
            || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride)
        {
            while viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1) {
                newStrides[viewD] = viewNumel * chunkBaseStride
                viewNumel *= newShape[viewD]
                viewD -= 1
            }
            if viewNumel != tensorNumel { return nil }
            if tensorD > 0 {
                chunkBaseStride = oldStrides[tensorD - 1]
                tensorNumel = 1
                viewNumel = 1
            }
        }
        tensorD -= 1
    }
    if viewD != -1 { return nil }
    return newStrides
}

extension Tensor {
    /// `t.view(shape)`: the same storage seen with a new shape; fails when the layout can't express it.
    /// PyTorch: `torch.Tensor.view`.
    public func view(_ shape: [Int]) -> Tensor {
        let shape = inferSize(shape, numel: numel)
        guard let strides = computeViewStrides(sizes, strideValues, shape) else {
            torchFail(
                "view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead."
            )
        }
        return asStrided(shape, strides, offset: storageOffset).recorded(.view, self)
    }
    /// `t.view(2, 3)`: the variadic spelling (PyTorch: `torch.Tensor.view(*shape)`).
    public func view(_ shape: Int...) -> Tensor { view(shape) }

    /// `t.reshape(shape)`: a view when the layout allows it, otherwise a contiguous copy.
    /// PyTorch: `torch.reshape`.
    public func reshape(_ shape: [Int]) -> Tensor {
        let shape = inferSize(shape, numel: numel)
        if let strides = computeViewStrides(sizes, strideValues, shape) {
            return asStrided(shape, strides, offset: storageOffset).recorded(.reshape, self)
        }
        let copy = Tensor(uninitializedShape: sizes, dtype: dtype)
        LayoutCopy.assign(copy, self)
        return copy.asStrided(shape, contiguousStrides(shape), offset: 0).recorded(.reshape, self)
    }
    /// `t.reshape(2, 3)`: the variadic spelling (PyTorch: `torch.Tensor.reshape(*shape)`).
    public func reshape(_ shape: Int...) -> Tensor { reshape(shape) }

    /// A view with `other`'s shape (PyTorch: `torch.Tensor.view_as`).
    public func viewAs(_ other: Tensor) -> Tensor { view(other.sizes) }
    /// Reshaped to `other`'s shape, a view when possible (PyTorch: `torch.Tensor.reshape_as`).
    public func reshapeAs(_ other: Tensor) -> Tensor { reshape(other.sizes) }

    /// `t.flatten(start_dim, end_dim)`: merges a run of dims (a view when possible, like reshape).
    /// PyTorch: `torch.flatten`.
    public func flatten(startDim: Int = 0, endDim: Int = -1) -> Tensor {
        let start = wrapDim(startDim, ndim)
        let end = wrapDim(endDim, ndim)
        torchCheck(start <= end, "flatten() has invalid args: start_dim cannot come after end_dim")
        if ndim == 0 { return reshape([1]) }
        if start == end { return self }
        let merged = sizes[start...end].reduce(1, *)
        return reshape(Array(sizes[..<start]) + [merged] + Array(sizes[(end + 1)...]))
    }

    /// `t.unflatten(dim, sizes)`: splits one dim into several (one size may be -1).
    /// PyTorch: `torch.unflatten`.
    public func unflatten(dim: Int, sizes newSizes: [Int]) -> Tensor {
        let d = wrapDim(dim, ndim)
        torchCheck(!newSizes.isEmpty, "unflatten: sizes must be non-empty")
        let product = newSizes.reduce(1) { $1 == -1 ? $0 : $0 * $1 }
        let inferredCount = newSizes.filter { $0 == -1 }.count
        torchCheck(inferredCount <= 1, "only one dimension can be inferred")
        torchCheck(
            inferredCount == 1 ? (product != 0 && sizes[d] % product == 0) : product == sizes[d],
            "unflatten: Provided sizes \(shapeString(newSizes)) don't multiply up to the size of dim \(d) (\(sizes[d])) in the input tensor"
        )
        let resolved = inferSize(newSizes, numel: sizes[d])
        return view(Array(sizes[..<d]) + resolved + Array(sizes[(d + 1)...]))
    }
}
