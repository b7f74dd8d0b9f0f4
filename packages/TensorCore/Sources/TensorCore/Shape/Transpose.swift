/// Dimension reordering: transpose, permute, movedim and the matrix-transpose shorthands (views).
import Foundation

extension Tensor {
    /// `t.transpose(dim0, dim1)`: swaps two dims.
    /// PyTorch: `torch.transpose`.
    public func transpose(_ dim0: Int, _ dim1: Int) -> Tensor {
        let a = wrapDim(dim0, ndim)
        let b = wrapDim(dim1, ndim)
        if ndim == 0 { return asStrided([], [], offset: storageOffset).recorded(.view, self) }
        var shape = sizes
        var strides = strideValues
        shape.swapAt(a, b)
        strides.swapAt(a, b)
        return asStrided(shape, strides, offset: storageOffset).recorded(.transpose(dim0, dim1), self)
    }

    /// `t.swapaxes(axis0, axis1)` / `swapdims`: NumPy's name for `transpose`.
    /// PyTorch: `torch.swapaxes`.
    public func swapaxes(_ axis0: Int, _ axis1: Int) -> Tensor { transpose(axis0, axis1) }
    /// `t.swapdims(dim0, dim1)`: another name for `transpose` (PyTorch: `torch.swapdims`).
    public func swapdims(_ dim0: Int, _ dim1: Int) -> Tensor { transpose(dim0, dim1) }

    /// `t.t()`: transposes a matrix; 0-D and 1-D tensors come back as they are.
    /// PyTorch: `torch.t`.
    public func t() -> Tensor {
        torchCheck(ndim <= 2, "t() expects a tensor with <= 2 dimensions, but self is \(ndim)D")
        return ndim == 2 ? transpose(0, 1) : transpose(0, 0)
    }

    /// `t.T`: reverses all dims. PyTorch deprecates it for ndim other than 0 and 2 and warns once;
    /// prefer `mT` for batches of matrices.
    public var T: Tensor {
        if ndim != 2 && ndim != 0 {
            TorchWarnings.once(
                "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated and it will throw an error in a future release. Consider `x.mT` to transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a tensor."
            )
        }
        return permute(Array((0..<ndim).reversed()))
    }

    /// `t.mT`: transposes the last two dims (batches of matrices).
    /// PyTorch: `torch.Tensor.mT`.
    public var mT: Tensor {
        torchCheck(ndim >= 2, "tensor.mT is only supported on matrices or batches of matrices. Got \(ndim)-D tensor.")
        return transpose(-2, -1)
    }

    /// `t.mH`: conjugate transpose of the last two dims; without complex dtypes it equals `mT`.
    /// PyTorch: `torch.Tensor.mH`.
    public var mH: Tensor {
        torchCheck(ndim >= 2, "tensor.mH is only supported on matrices or batches of matrices. Got \(ndim)-D tensor.")
        return transpose(-2, -1)
    }

    /// `t.adjoint()`: same as `mH`.
    /// PyTorch: `torch.adjoint`.
    public func adjoint() -> Tensor { mH }

    /// `t.permute(dims)`: result dim i is input dim `dims[i]`.
    /// PyTorch: `torch.permute`.
    public func permute(_ dims: [Int]) -> Tensor {
        torchCheck(
            dims.count == ndim,
            "permute(sparse_coo): number of dimensions in the tensor input does not match the length of the desired ordering of dimensions i.e. input.dim() = \(ndim) is not equal to len(dims) = \(dims.count)"
        )
        var seen = [Bool](repeating: false, count: ndim)
        var shape = [Int](repeating: 0, count: ndim)
        var strides = [Int](repeating: 0, count: ndim)
        for (i, dim) in dims.enumerated() {
            let d = wrapDim(dim, ndim)
            torchCheck(!seen[d], "permute(): duplicate dims are not allowed.")
            seen[d] = true
            shape[i] = sizes[d]
            strides[i] = strideValues[d]
        }
        return asStrided(shape, strides, offset: storageOffset).recorded(.permute(dims), self)
    }
    /// `t.permute(2, 0, 1)`: the variadic spelling (PyTorch: `torch.Tensor.permute(*dims)`).
    public func permute(_ dims: Int...) -> Tensor { permute(dims) }

    /// `t.movedim(source, destination)` / `moveaxis`: moves dims to new positions, others keep order.
    /// PyTorch: `torch.movedim`.
    public func movedim(_ source: [Int], _ destination: [Int]) -> Tensor {
        torchCheck(
            source.count == destination.count,
            "movedim: Invalid source or destination dims: source (\(shapeString(source)) dims) should contain the same number of dims as destination (\(shapeString(destination)) dims)"
        )
        let src = source.map { wrapDim($0, ndim) }
        let dst = destination.map { wrapDim($0, ndim) }
        torchCheck(Set(src).count == src.count, "movedim: repeated dim in `source` (\(shapeString(source)))")
        torchCheck(Set(dst).count == dst.count, "movedim: repeated dim in `destination` (\(shapeString(destination)))")
        if ndim <= 1 { return asStrided(sizes, strideValues, offset: storageOffset) }
        var order = [Int](repeating: -1, count: ndim)
        for (s, d) in zip(src, dst) { order[d] = s }
        var rest = (0..<ndim).filter { !src.contains($0) }.makeIterator()
        for i in 0..<ndim where order[i] == -1 { order[i] = rest.next()! }
        return permute(order)
    }
    /// `t.movedim(source, destination)` for one dim (PyTorch: `torch.movedim`).
    public func movedim(_ source: Int, _ destination: Int) -> Tensor { movedim([source], [destination]) }
    /// NumPy's name for `movedim` (PyTorch: `torch.moveaxis`).
    public func moveaxis(_ source: [Int], _ destination: [Int]) -> Tensor { movedim(source, destination) }
    /// NumPy's name for `movedim`, for one dim (PyTorch: `torch.moveaxis`).
    public func moveaxis(_ source: Int, _ destination: Int) -> Tensor { movedim([source], [destination]) }
}
