import TensorCore

/// The matrix-product gradients as torch's FunctionsManual writes them (mm_mat1_backward,
/// mm_mat2_backward, maybe_multiply). The layout choice matters for speed, not values: a linear layer
/// multiplies by `weight.t()`, a column-major view, and computing its gradient as `(gᵀ·mat1)ᵀ` hands the
/// transpose's backward a contiguous [out, in] gradient that `.grad` keeps without a transposed copy.
extension Tensor {
    /// torch's maybe_multiply: `self` itself when the factor is 1 (no pass over memory), else `self * s`.
    func maybeMultiplied(by s: Scalar) -> Tensor {
        let isOne: Bool =
            switch s {
            case .bool(let b): b
            case .int(let i): i == 1
            case .double(let d): d == 1
            }
        return isOne ? self : self * s
    }
}

/// Column-major: a 2-D layout whose first dim is the contiguous one (the transpose of a contiguous matrix).
private func isColumnMajor(_ t: Tensor) -> Bool {
    t.ndim == 2 && t.strides[0] == 1 && t.strides[1] == t.sizes[0]
}

/// d(mat1 · mat2)/d(mat1) = g · mat2ᵀ, produced column-major when mat1 was.
func mmMat1Backward(_ g: Tensor, mat1: Tensor, mat2: Tensor, alpha: Scalar = .int(1)) -> Tensor {
    let grad = isColumnMajor(mat1) ? mat2.mm(g.t()).t() : g.mm(mat2.t())
    return grad.maybeMultiplied(by: alpha)
}

/// d(mat1 · mat2)/d(mat2) = mat1ᵀ · g, produced column-major when mat2 was.
func mmMat2Backward(_ g: Tensor, mat1: Tensor, mat2: Tensor, alpha: Scalar = .int(1)) -> Tensor {
    let grad = isColumnMajor(mat2) ? g.t().mm(mat1).t() : mat1.t().mm(g)
    return grad.maybeMultiplied(by: alpha)
}
