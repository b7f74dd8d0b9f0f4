/// squeeze / unsqueeze: add or drop size-1 dimensions (always views).

/// Wraps each dim and rejects repeats with PyTorch's message (`dim_list_to_bitset`).
func wrapDimList(_ dims: [Int], _ ndim: Int) -> [Bool] {
    var seen = [Bool](repeating: false, count: Swift.max(ndim, 1))
    for dim in dims {
        let d = wrapDim(dim, ndim)
        torchCheck(!seen[d], "dim \(d) appears multiple times in the list of dims")
        seen[d] = true
    }
    return seen
}

extension Tensor {
    /// `t.squeeze()`: drops every size-1 dim.
    /// PyTorch: `torch.squeeze`.
    public func squeeze() -> Tensor {
        squeezeMask([Bool](repeating: true, count: ndim))
    }

    /// `t.squeeze(dim)`: drops `dim` if its size is 1, else returns an identical view.
    /// PyTorch: `torch.squeeze(input, dim)`.
    public func squeeze(dim: Int) -> Tensor {
        squeezeMask(wrapDimList([dim], ndim))
    }

    /// `t.squeeze(dims)`: drops those of `dims` whose size is 1.
    /// PyTorch: `torch.squeeze(input, dim=(...))`.
    public func squeeze(dims: [Int]) -> Tensor {
        squeezeMask(wrapDimList(dims, ndim))
    }

    private func squeezeMask(_ mask: [Bool]) -> Tensor {
        var shape: [Int] = []
        var strides: [Int] = []
        for d in 0..<ndim where !(mask[d] && sizes[d] == 1) {
            shape.append(sizes[d])
            strides.append(strideValues[d])
        }
        return asStrided(shape, strides, offset: storageOffset).recorded(.squeeze, self)
    }

    /// `t.unsqueeze(dim)`: inserts a size-1 dim; its stride continues the layout as PyTorch's does.
    public func unsqueeze(_ dim: Int) -> Tensor {
        let d = wrapDim(dim, ndim + 1)
        let stride = d >= ndim ? 1 : sizes[d] * strideValues[d]
        var shape = sizes
        var strides = strideValues
        shape.insert(1, at: d)
        strides.insert(stride, at: d)
        return asStrided(shape, strides, offset: storageOffset).recorded(.unsqueeze, self)
    }
}
