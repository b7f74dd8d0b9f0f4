import Foundation

/// Diagonals and triangles: diagonal (a view), diag, diag_embed, tril, triu.

extension Tensor {
    /// `t.diagonal(offset, dim1, dim2)`: a view of the diagonal of the (dim1, dim2) planes, appended
    /// as the last dim. `offset > 0` is above the main diagonal.
    /// PyTorch: `torch.diagonal`.
    public func diagonal(offset: Int = 0, dim1: Int = 0, dim2: Int = 1) -> Tensor {
        let d1 = wrapDim(dim1, ndim)
        let d2 = wrapDim(dim2, ndim)
        torchCheck(d1 != d2, "diagonal dimensions cannot be identical \(dim1), \(dim2)")
        let length =
            offset >= 0
            ? Swift.max(Swift.min(sizes[d1], sizes[d2] - offset), 0)
            : Swift.max(Swift.min(sizes[d1] + offset, sizes[d2]), 0)
        var start = storageOffset
        if length > 0 { start += offset >= 0 ? offset * strideValues[d2] : -offset * strideValues[d1] }
        var shape: [Int] = []
        var strides: [Int] = []
        for d in 0..<ndim where d != d1 && d != d2 {
            shape.append(sizes[d])
            strides.append(strideValues[d])
        }
        shape.append(length)
        strides.append(strideValues[d1] + strideValues[d2])
        return asStrided(shape, strides, offset: start).recorded(
            .diagonal(offset: offset, dim1: dim1, dim2: dim2), self)
    }

    /// `torch.diag(t, diagonal)`: a 1-D tensor becomes a square matrix with it on a diagonal; a 2-D
    /// tensor gives a copy of that diagonal.
    public func diag(_ diagonal: Int = 0) -> Tensor {
        torchCheck(ndim == 1 || ndim == 2, "diag(): Supports 1D or 2D tensors. Got \(ndim)D")
        if ndim == 2 {
            let view = self.diagonal(offset: diagonal)
            let result = Tensor(uninitializedShape: view.sizes, dtype: dtype)
            LayoutCopy.assign(result, view)
            return result.recorded(.diagonal(offset: diagonal, dim1: 0, dim2: 1), self)
        }
        let n = sizes[0] + Swift.abs(diagonal)
        let result = Tensor.zeros([n, n], dtype: dtype)
        LayoutCopy.assign(result.diagonal(offset: diagonal), self)
        return result.recorded(.diagEmbed(offset: diagonal, dim1: 0, dim2: 1), self)
    }

    /// `torch.diag_embed(t, offset, dim1, dim2)`: the last dim of `t` placed on diagonals of new
    /// (dim1, dim2) planes, zeros elsewhere.
    public func diagEmbed(offset: Int = 0, dim1: Int = -2, dim2: Int = -1) -> Tensor {
        let rank = ndim + 1
        let d1 = wrapDim(dim1, rank)
        let d2 = wrapDim(dim2, rank)
        torchCheck(d1 != d2, "diagonal dimensions cannot be identical \(dim1), \(dim2)")
        let n = (sizes.last ?? 1) + Swift.abs(offset)
        var shape = Array(sizes.dropLast())
        // Insert in increasing position order so each index refers to the final layout.
        for d in [Swift.min(d1, d2), Swift.max(d1, d2)] { shape.insert(n, at: d) }
        let result = Tensor.zeros(shape, dtype: dtype)
        LayoutCopy.assign(result.diagonal(offset: offset, dim1: d1, dim2: d2), self)
        return result.recorded(.diagEmbed(offset: offset, dim1: d1, dim2: d2), self)
    }

    /// `t.tril(diagonal)`: the lower triangle of the last two dims (`j <= i + diagonal`), zeros above.
    /// PyTorch: `torch.tril`.
    public func tril(diagonal: Int = 0) -> Tensor {
        torchCheck(ndim >= 2, "tril: input tensor must have at least 2 dimensions")
        return triangle(keepLower: true, diagonal).recorded(.tril(diagonal), self)
    }

    /// `t.triu(diagonal)`: the upper triangle of the last two dims (`j >= i + diagonal`), zeros below.
    /// PyTorch: `torch.triu`.
    public func triu(diagonal: Int = 0) -> Tensor {
        torchCheck(ndim >= 2, "triu: input tensor must have at least 2 dimensions")
        return triangle(keepLower: false, diagonal).recorded(.triu(diagonal), self)
    }

    /// Copies into a contiguous result, then clears each row's excluded span with one memset
    /// (all-zero bits are 0 / +0.0 / false for every dtype).
    private func triangle(keepLower: Bool, _ k: Int) -> Tensor {
        let result = Tensor(uninitializedShape: sizes, dtype: dtype)
        LayoutCopy.assign(result, self)
        let rows = sizes[ndim - 2]
        let cols = sizes[ndim - 1]
        if result.numel == 0 { return result }
        let totalRows = result.numel / cols
        let item = dtype.itemSize
        let base = result.rawPointer
        parallelFor(totalRows, grain: Swift.max(Threads.grainSize / Swift.max(cols, 1), 1)) { range in
            for r in range {
                let i = r % rows
                let (lo, hi) =
                    keepLower
                    ? (Swift.min(Swift.max(i + k + 1, 0), cols), cols)
                    : (0, Swift.min(Swift.max(i + k, 0), cols))
                if hi > lo { memset(base + (r * cols + lo) * item, 0, (hi - lo) * item) }
            }
        }
        return result
    }

    /// `t.unfold(dimension, size, step)`: a view of every `size`-long window along `dimension`,
    /// `step` apart, as a new last dim (the basis of convolution's im2col).
    /// PyTorch: `torch.Tensor.unfold`.
    public func unfold(dimension: Int, size: Int, step: Int) -> Tensor {
        let d = wrapDim(dimension, ndim)
        let dimSize = ndim == 0 ? 1 : sizes[d]
        torchCheck(size <= dimSize, "maximum size for tensor at dimension \(d) is \(dimSize) but size is \(size)")
        torchCheck(size >= 0, "size is \(size) but must be >= 0")
        torchCheck(step > 0, "step is \(step) but must be > 0")
        if ndim == 0 { return asStrided([size], [1], offset: storageOffset) }
        var shape = sizes
        var strides = strideValues
        shape[d] = (dimSize - size) / step + 1
        strides[d] = step * strideValues[d]
        shape.append(size)
        strides.append(strideValues[d])
        return asStrided(shape, strides, offset: storageOffset).recorded(
            .unfold(dimension: dimension, size: size, step: step), self)
    }
}
