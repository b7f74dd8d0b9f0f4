// View and layout helpers the linear-algebra family needs before the Shape family lands.
// Internal and prefixed `la` so they never collide with the public `permute`/`reshape` at merge.

extension Tensor {
    /// `permute(dims)` as a view.
    func laPermuted(_ dims: [Int]) -> Tensor {
        asStrided(dims.map { sizes[$0] }, dims.map { strideValues[$0] })
    }

    /// `mT`: the last two dimensions swapped, as a view.
    func laMT() -> Tensor {
        var order = Array(0..<ndim)
        order.swapAt(ndim - 1, ndim - 2)
        return laPermuted(order)
    }

    /// `unsqueeze(dim)` as a view.
    func laUnsqueezed(_ dim: Int) -> Tensor {
        var shape = sizes, strides = strideValues
        let stride = dim < ndim ? strides[dim] * sizes[dim] : 1
        shape.insert(1, at: dim)
        strides.insert(stride, at: dim)
        return asStrided(shape, strides)
    }

    /// `expand(shape)` as a view (stride 0 along broadcast dims).
    func laExpanded(_ shape: [Int]) -> Tensor {
        shape == sizes ? self : asStrided(shape, broadcastStrides(to: shape))
    }

    /// `reshape(shape)`: a view when the layout allows it, else a contiguous copy.
    func laReshaped(_ shape: [Int]) -> Tensor {
        if let strides = laViewStrides(shape) { return asStrided(shape, strides) }
        let copy = contiguous()
        return copy.asStrided(shape, contiguousStrides(shape))
    }

    /// Strides that view this tensor as `shape` without copying, if they exist (ATen's computeStride).
    func laViewStrides(_ shape: [Int]) -> [Int]? {
        if isContiguous { return contiguousStrides(shape) }
        if numel == 0 { return contiguousStrides(shape) }
        var newStrides = [Int](repeating: 0, count: shape.count)
        var viewD = shape.count - 1
        var chunkBase = strideValues.last ?? 1
        var tensorNumel = 1
        var viewNumel = 1
        var d = ndim - 1
        while d >= 0 {
            tensorNumel *= sizes[d]
            if d == 0 || (sizes[d - 1] != 1 && strideValues[d - 1] != tensorNumel * chunkBase) {
                while viewD >= 0 && (viewNumel < tensorNumel || shape[viewD] == 1) {
                    newStrides[viewD] = viewNumel * chunkBase
                    viewNumel *= shape[viewD]
                    viewD -= 1
                }
                if viewNumel != tensorNumel { return nil }
                if d > 0 {
                    chunkBase = strideValues[d - 1]
                    tensorNumel = 1
                    viewNumel = 1
                }
            }
            d -= 1
        }
        return viewD == -1 ? newStrides : nil
    }

    /// The diagonal of the last two dims as a view (`diagonal(dim1=-2, dim2=-1)`).
    func laDiagonal() -> Tensor {
        let n = Swift.min(sizes[ndim - 2], sizes[ndim - 1])
        return asStrided(
            Array(sizes.dropLast(2)) + [n],
            Array(strideValues.dropLast(2)) + [strideValues[ndim - 2] + strideValues[ndim - 1]])
    }
}

/// Batch dims flattened: element offsets of each matrix in a [..., r, c] tensor, in row-major batch order.
func laBatchOffsets(_ batchShape: [Int], _ strides: [Int]) -> [Int] {
    let count = batchShape.reduce(1, *)
    var offsets = [Int](repeating: 0, count: count)
    if count <= 1 || batchShape.isEmpty { return offsets }
    var index = [Int](repeating: 0, count: batchShape.count)
    var offset = 0
    for b in 0..<count {
        offsets[b] = offset
        var d = batchShape.count - 1
        while d >= 0 {
            index[d] += 1
            offset += strides[d]
            if index[d] < batchShape[d] { break }
            offset -= strides[d] * batchShape[d]
            index[d] = 0
            d -= 1
        }
    }
    return offsets
}
