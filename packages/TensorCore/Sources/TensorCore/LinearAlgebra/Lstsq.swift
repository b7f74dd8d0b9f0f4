/// Least squares through LAPACK gelsy, torch's default CPU driver.
extension Linalg {
    /// `torch.linalg.lstsq`'s result. With gelsy torch fills `solution` and `rank`; `residuals` and
    /// `singularValues` come back empty, as here.
    public struct LstsqResult {
        /// The least-squares solution X (PyTorch: `torch.linalg.lstsq(...).solution`).
        public let solution: Tensor
        /// Empty, as with gelsy in PyTorch (PyTorch: `torch.linalg.lstsq(...).residuals`).
        public let residuals: Tensor
        /// The effective rank of A (PyTorch: `torch.linalg.lstsq(...).rank`).
        public let rank: Tensor
        /// Empty, as with gelsy in PyTorch (PyTorch: `torch.linalg.lstsq(...).singular_values`).
        public let singularValues: Tensor
    }

    /// `torch.linalg.lstsq(A, B, rcond)`: the minimum-norm least-squares X of AX ≈ B for A [..., m, n] and B
    /// [..., m, k] (or a batch of vectors), batch dims broadcast. `rcond` defaults to eps·max(m, n).
    public static func lstsq(_ a: Tensor, _ b: Tensor, rcond: Double? = nil) -> LstsqResult {
        let r = lstsqImpl(a, b, rcond: rcond)
        return LstsqResult(
            solution: r.solution.recorded(.lstsq, a, b), residuals: r.residuals, rank: r.rank,
            singularValues: r.singularValues)
    }

    private static func lstsqImpl(_ a: Tensor, _ b: Tensor, rcond: Double?) -> LstsqResult {
        checkMatrix(a, "linalg.lstsq")
        torchCheck(
            a.dtype == b.dtype,
            "torch.linalg.lstsq: Expected input and other to have the same dtype, but got input's dtype \(a.dtype.scalarTypeName) and other's dtype \(b.dtype.scalarTypeName)"
        )
        let m = a.sizes[a.ndim - 2]
        let vectorCase = b.ndim == 1 || (b.ndim == a.ndim - 1 && Array(b.sizes) == Array(a.sizes.dropLast()))
        let rhs = vectorCase ? b.laUnsqueezed(b.ndim) : b
        torchCheck(
            rhs.sizes[rhs.ndim - 2] == m,
            "torch.linalg.lstsq: input.size(-2) should match other.size(-2)")
        let batch = broadcastShapes(Array(a.sizes.dropLast(2)), Array(rhs.sizes.dropLast(2)))
        let result: (Tensor, Tensor)
        switch a.dtype {
        case .float32: result = lstsqKernel(Float.self, a, rhs, batch, rcond)
        default: result = lstsqKernel(Double.self, a, rhs, batch, rcond)
        }
        var x = result.0
        if vectorCase { x = x.asStrided(Array(x.sizes.dropLast()), Array(x.strideValues.dropLast())) }
        let empty = Tensor.empty([0], dtype: a.dtype)
        return LstsqResult(solution: x, residuals: empty, rank: result.1, singularValues: empty)
    }

    private static func lstsqKernel<T: LapackScalar>(
        _: T.Type, _ a: Tensor, _ b: Tensor, _ batch: [Int], _ rcond: Double?
    ) -> (Tensor, Tensor) {
        let m = a.sizes[a.ndim - 2], n = a.sizes[a.ndim - 1], k = b.sizes[b.ndim - 1]
        let ldb = Swift.max(m, n, 1)
        let count = batch.reduce(1, *)
        let work = columnMajor(a, batch: batch)
        // B padded to max(m, n) rows: gelsy writes the n-row solution over it.
        let x = Tensor.zeros(batch + [k, ldb], dtype: a.dtype)
        x.laMT().asStrided(batch + [m, k], Array(x.laMT().strideValues)).copyElements(b.laExpanded(batch + [m, k]))
        let rank = Tensor.zeros(batch, dtype: .int64)
        let base = work.mutablePointer(T.self), xBase = x.mutablePointer(T.self),
            rankP = rank.mutablePointer(Int64.self)
        let cond = T(rcond ?? Double(T.ulpOfOne) * Double(Swift.max(m, n)))
        var pivots = [Int32](repeating: 0, count: Swift.max(n, 1))
        var r: Int32 = 0
        for i in 0..<count where m > 0 && n > 0 && k > 0 {
            for j in 0..<pivots.count { pivots[j] = 0 }
            _ = T.gelsy(m, n, k, base + i * m * n, Swift.max(m, 1), xBase + i * k * ldb, ldb, &pivots, cond, &r)
            rankP[i] = Int64(r)
        }
        let solution = x.asStrided(batch + [k, n], Array(x.strideValues)).laMT()
        return (solution, rank)
    }
}
