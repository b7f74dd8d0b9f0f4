/// Sub-views along one dimension: narrow, select, split, chunk, unbind, tensor_split.

extension Tensor {
    /// `t.narrow(dim, start, length)`: elements `start..<start+length` of `dim` (negative start wraps).
    /// PyTorch: `torch.narrow`.
    public func narrow(dim: Int, start: Int, length: Int) -> Tensor {
        torchCheck(ndim > 0, "narrow() cannot be applied to a 0-dim tensor.")
        torchCheck(length >= 0, "narrow(): length must be non-negative.")
        let d = wrapDim(dim, ndim)
        let size = sizes[d]
        torchCheck(
            start >= -size && start <= size,
            "start out of range (expected to be in range of [\(-size), \(size)], but got \(start))")
        let begin = start < 0 ? start + size : start
        torchCheck(begin <= size - length, "start (\(begin)) + length (\(length)) exceeds dimension size (\(size)).")
        return sliceView(d, begin, length).recorded(.narrow(dim: d, start: begin), self)
    }

    /// The view of `length` elements of dim `d` from `begin` (already validated).
    func sliceView(_ d: Int, _ begin: Int, _ length: Int) -> Tensor {
        var shape = sizes
        shape[d] = length
        return asStrided(shape, strideValues, offset: storageOffset + begin * strideValues[d])
    }

    /// `t.select(dim, index)`: removes `dim`, keeping slice `index` (negative counts from the end).
    /// PyTorch: `torch.select`.
    public func select(dim: Int, index: Int) -> Tensor {
        torchCheck(ndim > 0, "select() cannot be applied to a 0-dim tensor.")
        let d = wrapDim(dim, ndim)
        let size = sizes[d]
        torchCheck(
            index >= -size && index < size,
            "select(): index \(index) out of range for tensor of size \(shapeString(sizes)) at dimension \(d)")
        let i = index < 0 ? index + size : index
        var shape = sizes
        var strides = strideValues
        shape.remove(at: d)
        strides.remove(at: d)
        return asStrided(shape, strides, offset: storageOffset + i * strideValues[d]).recorded(
            .select(dim: d, index: i), self)
    }

    /// `t.split(split_size, dim)`: views of `splitSize` along `dim`, the last possibly smaller.
    /// PyTorch: `torch.split`.
    public func split(_ splitSize: Int, dim: Int = 0) -> [Tensor] {
        torchCheck(ndim != 0, "split expects at least a 1-dimensional tensor")
        torchCheck(splitSize >= 0, "split expects split_size be non-negative, but got split_size=\(splitSize)")
        let d = wrapDim(dim, ndim)
        let size = sizes[d]
        torchCheck(
            splitSize != 0 || size == 0,
            "split_size can only be 0 if dimension size is 0, but got dimension size of \(size)")
        // One empty piece for an empty dim, as in PyTorch.
        let pieces = splitSize == 0 ? 1 : Swift.max((size + splitSize - 1) / splitSize, 1)
        return (0..<pieces).map { i in
            let begin = i * splitSize
            return sliceView(d, begin, Swift.min(splitSize, size - begin))
        }
    }

    /// `t.split(split_sizes, dim)` (`split_with_sizes`): pieces of the given sizes, which must add up.
    /// PyTorch: `torch.split` with a list of sizes.
    public func split(_ splitSizes: [Int], dim: Int = 0) -> [Tensor] {
        torchCheck(ndim != 0, "split expects at least a 1-dimensional tensor")
        let d = wrapDim(dim, ndim)
        torchCheck(
            splitSizes.allSatisfy { $0 >= 0 },
            "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=\(shapeString(splitSizes))"
        )
        torchCheck(
            splitSizes.reduce(0, +) == sizes[d],
            "split_with_sizes expects split_sizes to sum exactly to \(sizes[d]) (input tensor's size at dimension \(d)), but got split_sizes=\(shapeString(splitSizes))"
        )
        var begin = 0
        return splitSizes.map { length in
            defer { begin += length }
            return sliceView(d, begin, length)
        }
    }

    /// `t.chunk(chunks, dim)`: `ceil(size / chunks)`-sized views; may return fewer than `chunks`.
    /// PyTorch: `torch.chunk`.
    public func chunk(_ chunks: Int, dim: Int = 0) -> [Tensor] {
        torchCheck(ndim > 0, "chunk expects at least a 1-dimensional tensor")
        torchCheck(chunks > 0, "chunk expects `chunks` to be greater than 0, got: \(chunks)")
        let d = wrapDim(dim, ndim)
        let size = sizes[d]
        let splitSize = (size + chunks - 1) / chunks
        // An empty dim still yields `chunks` empty pieces.
        if splitSize == 0 && size == 0 {
            return split([Int](repeating: 0, count: chunks), dim: d)
        }
        return split(splitSize, dim: d)
    }

    /// `t.unbind(dim)`: every slice along `dim`, with `dim` removed.
    /// PyTorch: `torch.unbind`.
    public func unbind(dim: Int = 0) -> [Tensor] {
        torchCheck(ndim > 0, "Dimension specified as \(dim) but tensor has no dimensions")
        let d = wrapDim(dim, ndim)
        return (0..<sizes[d]).map { select(dim: d, index: $0) }
    }

    /// `t.tensor_split(sections, dim)`: `sections` views, the first `size % sections` one longer.
    /// PyTorch: `torch.tensor_split`.
    public func tensorSplit(sections: Int, dim: Int = 0) -> [Tensor] {
        torchCheck(
            ndim > 0, "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims")
        torchCheck(sections > 0, "number of sections must be larger than 0, got \(sections)")
        let d = wrapDim(dim, ndim)
        let size = sizes[d]
        let base = size / sections
        let extra = size % sections
        var begin = 0
        return (0..<sections).map { i in
            let length = base + (i < extra ? 1 : 0)
            defer { begin += length }
            return sliceView(d, begin, length)
        }
    }

    /// `t.tensor_split(indices, dim)`: views between consecutive split indices (clamped to the dim).
    /// PyTorch: `torch.tensor_split`.
    public func tensorSplit(indices: [Int], dim: Int = 0) -> [Tensor] {
        torchCheck(
            ndim > 0, "tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims")
        let d = wrapDim(dim, ndim)
        let size = sizes[d]
        // Python slice semantics: negative indices count from the end, everything clamps.
        func clamp(_ i: Int) -> Int { Swift.min(Swift.max(i < 0 ? i + size : i, 0), size) }
        var result: [Tensor] = []
        var begin = 0
        for index in indices + [size] {
            let start = clamp(begin)
            let end = Swift.max(clamp(index), start)
            result.append(sliceView(d, start, end - start))
            begin = index
        }
        return result
    }
}
