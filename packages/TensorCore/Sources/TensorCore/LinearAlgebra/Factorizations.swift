/// Cholesky and QR (LAPACK potrf, geqrf + orgqr).
extension Linalg {
    /// `torch.linalg.cholesky`: L with A = L Lᴴ (or U = Lᴴ when `upper`); a matrix that is not positive
    /// definite stops with torch's message naming the failing leading minor.
    public static func cholesky(_ a: Tensor, upper: Bool = false) -> Tensor {
        if Autocast.isActive { return Autocast.run(.float32, [a]) { c in cholesky(c[0]!, upper: upper) } }
        return choleskyImpl(a, upper: upper).recorded(.cholesky(upper: upper), a)
    }

    private static func choleskyImpl(_ a: Tensor, upper: Bool) -> Tensor {
        checkSquare(a, "linalg.cholesky", kernel: "cholesky_cpu")
        switch a.dtype {
        case .float32: return choleskyKernel(Float.self, a, upper: upper)
        default: return choleskyKernel(Double.self, a, upper: upper)
        }
    }

    private static func choleskyKernel<T: LapackScalar>(_: T.Type, _ a: Tensor, upper: Bool) -> Tensor {
        let n = a.sizes[a.ndim - 1]
        let batch = Array(a.sizes.dropLast(2))
        let work = columnMajor(a, batch: batch)
        let base = work.mutablePointer(T.self)
        for i in 0..<batch.reduce(1, *) where n > 0 {
            let matrix = base + i * n * n
            let info = T.potrf(laChar("L"), n, matrix, n)
            torchCheck(
                info <= 0,
                "linalg.cholesky: \(batchPrefix(a, i))The factorization could not be completed because the input is not positive-definite (the leading minor of order \(info) is not positive-definite)."
            )
            // potrf leaves the strict upper triangle untouched: clear it (column j, rows < j).
            for j in 1..<Swift.max(n, 1) { (matrix + j * n).update(repeating: 0, count: j) }
        }
        // The column-major buffer read row-major is Lᵀ = U.
        return upper ? work : work.laMT()
    }

    /// `torch.linalg.qr`: A = QR. `mode` "reduced" (Q m×k, R k×n), "complete" (Q m×m, R m×n) or "r"
    /// (Q empty, R k×n), k = min(m, n). Signs follow LAPACK, as torch's CPU kernel does.
    public static func qr(_ a: Tensor, mode: String = "reduced") -> (Q: Tensor, R: Tensor) {
        let r = qrImpl(a, mode: mode)
        _ = recordedMany([r.Q, r.R], .qr(mode: mode), [a])
        return r
    }

    private static func qrImpl(_ a: Tensor, mode: String) -> (Q: Tensor, R: Tensor) {
        checkMatrix(a, "linalg.qr", kernel: "geqrf_cpu")
        torchCheck(
            mode == "reduced" || mode == "complete" || mode == "r",
            "qr received unrecognized mode '\(mode)' but expected one of 'reduced' (default), 'r', or 'complete'")
        switch a.dtype {
        case .float32: return qrKernel(Float.self, a, mode: mode)
        default: return qrKernel(Double.self, a, mode: mode)
        }
    }

    private static func qrKernel<T: LapackScalar>(_: T.Type, _ a: Tensor, mode: String) -> (Q: Tensor, R: Tensor) {
        let m = a.sizes[a.ndim - 2], n = a.sizes[a.ndim - 1], k = Swift.min(m, n)
        let batch = Array(a.sizes.dropLast(2))
        let count = batch.reduce(1, *)
        let qCols = mode == "complete" ? m : k
        let rRows = mode == "complete" ? m : k
        // Q's buffer holds max(n, qCols) columns: geqrf works on all n, orgqr then builds qCols of them.
        let width = Swift.max(n, qCols)
        let work = Tensor.zeros(batch + [width, m], dtype: a.dtype)
        work.laMT().asStrided(batch + [m, n], Array(work.laMT().strideValues)).copyElements(
            a.laExpanded(batch + [m, n]))
        let r = Tensor.zeros(batch + [rRows, n], dtype: a.dtype)
        let base = work.mutablePointer(T.self), rBase = r.mutablePointer(T.self)
        var tau = [T](repeating: 0, count: Swift.max(k, 1))
        for i in 0..<count where m > 0 && n > 0 {
            let matrix = base + i * width * m
            _ = T.geqrf(m, n, matrix, m, &tau)
            let rMatrix = rBase + i * rRows * n
            for row in 0..<Swift.min(rRows, k) {
                for col in row..<n { rMatrix[row * n + col] = matrix[col * m + row] }
            }
            if mode != "r" { _ = T.orgqr(m, qCols, k, matrix, m, tau) }
        }
        if mode == "r" { return (Tensor.empty([0], dtype: a.dtype), r) }
        if m > 0 && n == 0 && qCols > 0 {
            // No reflectors: Q is the identity.
            for i in 0..<count { for j in 0..<Swift.min(qCols, m) { (base + i * width * m)[j * m + j] = 1 } }
        }
        let q = work.asStrided(batch + [qCols, m], Array(work.strideValues)).laMT()
        return (q, r)
    }
}
