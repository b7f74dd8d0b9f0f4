/// Joining tensors: cat, stack, hstack/vstack/dstack, and the atleast_Nd helpers they use.

extension Tensor {
    /// `torch.cat(tensors, dim)`: joins along an existing dim. The result dtype promotes across the
    /// inputs; 1-D empty tensors are skipped for shape checks (PyTorch's legacy rule) but still
    /// take part in promotion. Each input moves in contiguous blocks straight into its output slice.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
        if Autocast.isActive { return Autocast.run(.promote, list: tensors) { cat($0, dim: dim) } }
        return concatenated(tensors, dim: dim).recorded(.cat(dim: dim), inputs: tensors)
    }

    private static func concatenated(_ tensors: [Tensor], dim: Int) -> Tensor {
        torchCheck(!tensors.isEmpty, "torch.cat(): expected a non-empty list of Tensors")
        for (i, t) in tensors.enumerated() {
            torchCheck(t.ndim > 0, "zero-dimensional tensor (at position \(i)) cannot be concatenated")
        }
        let dtype = tensors.dropFirst().reduce(tensors[0].dtype) { DType.promote($0, $1.dtype) }
        let isSkipped = { (t: Tensor) in t.ndim == 1 && t.numel == 0 }
        guard let reference = tensors.first(where: { !isSkipped($0) }) else {
            return Tensor(uninitializedShape: [0], dtype: dtype)
        }
        let d = wrapDim(dim, reference.ndim)
        var total = 0
        for (i, t) in tensors.enumerated() where !isSkipped(t) {
            torchCheck(
                t.ndim == reference.ndim,
                "Tensors must have same number of dimensions: got \(reference.ndim) and \(t.ndim)")
            for k in 0..<t.ndim where k != d {
                torchCheck(
                    t.sizes[k] == reference.sizes[k],
                    "Sizes of tensors must match except in dimension \(d). Expected size \(reference.sizes[k]) but got size \(t.sizes[k]) for tensor number \(i) in the list."
                )
            }
            total += t.sizes[d]
        }
        var shape = reference.sizes
        shape[d] = total
        let result = Tensor(uninitializedShape: shape, dtype: dtype)
        var offset = 0
        for t in tensors where !isSkipped(t) {
            let length = t.sizes[d]
            if length > 0 { LayoutCopy.assign(result.sliceView(d, offset, length), t) }
            offset += length
        }
        return result
    }

    /// `torch.concat` / `torch.concatenate`: aliases of `cat`.
    public static func concat(_ tensors: [Tensor], dim: Int = 0) -> Tensor { cat(tensors, dim: dim) }
    /// An alias of `cat` (PyTorch: `torch.concatenate`).
    public static func concatenate(_ tensors: [Tensor], dim: Int = 0) -> Tensor { cat(tensors, dim: dim) }

    /// `torch.stack(tensors, dim)`: joins equally shaped tensors along a new dim.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) -> Tensor {
        if Autocast.isActive { return Autocast.run(.promote, list: tensors) { stack($0, dim: dim) } }
        torchCheck(!tensors.isEmpty, "stack expects a non-empty TensorList")
        let first = tensors[0]
        for (i, t) in tensors.enumerated() {
            torchCheck(
                t.sizes == first.sizes,
                "stack expects each tensor to be equal size, but got \(shapeString(first.sizes)) at entry 0 and \(shapeString(t.sizes)) at entry \(i)"
            )
        }
        let d = wrapDim(dim, first.ndim + 1)
        return cat(tensors.map { $0.unsqueeze(d) }, dim: d).recorded(.stack(dim: d), inputs: tensors)
    }

    /// `torch.hstack`: concatenates along dim 1 (dim 0 for 1-D inputs).
    public static func hstack(_ tensors: [Tensor]) -> Tensor {
        torchCheck(!tensors.isEmpty, "hstack expects a non-empty TensorList")
        let parts = tensors.map { $0.atleast1d() }
        return cat(parts, dim: parts[0].ndim == 1 ? 0 : 1)
    }

    /// `torch.vstack` / `row_stack`: concatenates along dim 0 after making inputs at least 2-D.
    public static func vstack(_ tensors: [Tensor]) -> Tensor {
        torchCheck(!tensors.isEmpty, "vstack expects a non-empty TensorList")
        return cat(tensors.map { $0.atleast2d() }, dim: 0)
    }

    /// `torch.dstack`: concatenates along dim 2 after making inputs at least 3-D.
    public static func dstack(_ tensors: [Tensor]) -> Tensor {
        torchCheck(!tensors.isEmpty, "dstack expects a non-empty TensorList")
        return cat(tensors.map { $0.atleast3d() }, dim: 2)
    }

    /// `torch.atleast_1d`: 0-dim becomes `[1]`; others are returned as they are.
    public func atleast1d() -> Tensor { ndim == 0 ? reshape([1]) : self }

    /// `torch.atleast_2d`: `[]` → `[1, 1]`, `[n]` → `[1, n]`.
    public func atleast2d() -> Tensor {
        switch ndim {
        case 0: reshape([1, 1])
        case 1: unsqueeze(0)
        default: self
        }
    }

    /// `torch.atleast_3d`: `[]` → `[1, 1, 1]`, `[n]` → `[1, n, 1]`, `[m, n]` → `[m, n, 1]`.
    public func atleast3d() -> Tensor {
        switch ndim {
        case 0: reshape([1, 1, 1])
        case 1: unsqueeze(0).unsqueeze(-1)
        case 2: unsqueeze(-1)
        default: self
        }
    }
}
