/// expand / broadcast_to / broadcast_tensors: size-1 dims repeated through stride 0 (views).

extension Tensor {
    /// `t.expand(sizes)`: a view with size-1 dims (and new leading dims) repeated; -1 keeps a size.
    /// Strides follow PyTorch's `inferExpandGeometry` exactly (kept where a size doesn't change).
    public func expand(_ shape: [Int]) -> Tensor {
        torchCheck(
            shape.count >= ndim,
            "expand(\(dtype.legacyTensorName){\(shapeString(sizes))}, size=\(shapeString(shape))): the number of sizes provided (\(shape.count)) must be greater or equal to the number of dimensions in the tensor (\(ndim))"
        )
        let rank = shape.count
        var newSizes = [Int](repeating: 0, count: rank)
        var newStrides = [Int](repeating: 0, count: rank)
        var i = rank - 1
        while i >= 0 {
            let dim = i - (rank - ndim)
            var size = dim >= 0 ? sizes[dim] : 1
            // New leading dims continue the layout; a 0-dim input expands with all strides 0 (as torch).
            var stride = dim >= 0 ? strideValues[dim] : (i == rank - 1 ? 0 : newSizes[i + 1] * newStrides[i + 1])
            var target = shape[i]
            if target == -1 {
                torchCheck(
                    dim >= 0,
                    "The expanded size of the tensor (-1) isn't allowed in a leading, non-existing dimension \(i)")
                target = size
            }
            if size != target {
                torchCheck(
                    size == 1,
                    "The expanded size of the tensor (\(target)) must match the existing size (\(size)) at non-singleton dimension \(i).  Target sizes: \(shapeString(shape)).  Tensor sizes: \(shapeString(sizes))"
                )
                size = target
                stride = 0
            }
            newSizes[i] = size
            newStrides[i] = stride
            i -= 1
        }
        return asStrided(newSizes, newStrides, offset: storageOffset).recorded(.expand, self)
    }
    /// `t.expand(2, 3)`: the variadic spelling (PyTorch: `torch.Tensor.expand(*sizes)`).
    public func expand(_ shape: Int...) -> Tensor { expand(shape) }

    /// A broadcast view with `other`'s shape (PyTorch: `torch.Tensor.expand_as`).
    public func expandAs(_ other: Tensor) -> Tensor { expand(other.sizes) }

    /// `torch.broadcast_to(t, shape)`.
    public func broadcastTo(_ shape: [Int]) -> Tensor { expand(shape) }

    /// `torch.broadcast_tensors(*tensors)`: every tensor expanded to the common broadcast shape.
    public static func broadcastTensors(_ tensors: [Tensor]) -> [Tensor] {
        let shape = broadcastShapes(tensors.map(\.sizes))
        return tensors.map { $0.expand(shape) }
    }
}
