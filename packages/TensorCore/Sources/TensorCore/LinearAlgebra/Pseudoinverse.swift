/// pinv and matrix_rank: both threshold the singular values at max(atol, rtol · σ_max), with torch's
/// default rtol = eps · max(m, n) when neither tolerance is given.
extension Linalg {
    /// `torch.linalg.pinv`: the Moore–Penrose pseudoinverse [..., n, m] of A [..., m, n] through the SVD.
    public static func pinv(_ a: Tensor, atol: Double? = nil, rtol: Double? = nil) -> Tensor {
        // Computed untracked (the SVD route writes its singular values in place); one node records it.
        let result =
            installedAutogradRecorder == nil || a.autogradMeta == nil
            ? pinvImpl(a, atol: atol, rtol: rtol) : pinvImpl(a.untrackedView(), atol: atol, rtol: rtol)
        return result.recorded(.pinv, a)
    }

    private static func pinvImpl(_ a: Tensor, atol: Double?, rtol: Double?) -> Tensor {
        torchCheck(
            a.ndim >= 2 && (a.dtype == .float32 || a.dtype == .float64),
            "linalg.pinv(\(a.dtype.scalarTypeName){\(shapeString(a.sizes))}): expected a tensor with 2 or more dimensions of float, double, cfloat or cdouble types"
        )
        let (u, s, vh) = svd(a, fullMatrices: false)
        let inverted = s.clone()
        switch a.dtype {
        case .float32: invertAboveCutoff(Float.self, inverted, a, atol: atol, rtol: rtol)
        default: invertAboveCutoff(Double.self, inverted, a, atol: atol, rtol: rtol)
        }
        // V diag(1/σ) Uᵀ.
        return Tensor.einsum("...ji,...j,...kj->...ik", vh, inverted, u)
    }

    /// `torch.linalg.matrix_rank`: the number of singular values above the cutoff (int64, batch shape).
    public static func matrixRank(_ a: Tensor, atol: Double? = nil, rtol: Double? = nil) -> Tensor {
        torchCheck(
            a.dtype == .float32 || a.dtype == .float64, "This function doesn't handle types other than float and double"
        )
        checkMatrix(a, "linalg.matrix_rank")
        let s = svdvals(a)
        let marks = s.clone()
        switch a.dtype {
        case .float32: invertAboveCutoff(Float.self, marks, a, atol: atol, rtol: rtol, indicator: true)
        default: invertAboveCutoff(Double.self, marks, a, atol: atol, rtol: rtol, indicator: true)
        }
        return laReduce(marks, dims: [-1], keepdim: false, .sum).to(.int64)
    }

    /// In place over rows of singular values (descending, contiguous): σ → 1/σ above the cutoff, else 0
    /// (or 1/0 indicators for the rank).
    private static func invertAboveCutoff<T: LapackScalar>(
        _: T.Type, _ s: Tensor, _ a: Tensor, atol: Double?, rtol: Double?, indicator: Bool = false
    ) {
        let m = a.sizes[a.ndim - 2], n = a.sizes[a.ndim - 1], k = Swift.min(m, n)
        let relative = rtol ?? (atol == nil ? Double(T.ulpOfOne) * Double(Swift.max(m, n)) : 0)
        let p = s.mutablePointer(T.self)
        for row in 0..<(k == 0 ? 0 : s.numel / k) {
            let values = p + row * k
            let cutoff = Swift.max(atol ?? 0, relative * Double(values[0]))
            for i in 0..<k {
                let above = Double(values[i]) > cutoff
                values[i] = indicator ? (above ? 1 : 0) : (above ? 1 / values[i] : 0)
            }
        }
    }
}
