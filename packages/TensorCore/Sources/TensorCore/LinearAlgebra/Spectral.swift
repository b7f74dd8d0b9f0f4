/// SVD and the symmetric eigendecomposition (LAPACK gesdd, syevd — torch's CPU drivers).
extension Linalg {
    /// `torch.linalg.svd`: A = U diag(S) Vh, singular values descending. Signs of singular vectors follow LAPACK.
    public static func svd(_ a: Tensor, fullMatrices: Bool = true) -> (U: Tensor, S: Tensor, Vh: Tensor) {
        let r = svdImpl(a, fullMatrices: fullMatrices)
        _ = recordedMany([r.U, r.S, r.Vh], .svd(fullMatrices: fullMatrices), [a])
        return r
    }

    private static func svdImpl(_ a: Tensor, fullMatrices: Bool) -> (U: Tensor, S: Tensor, Vh: Tensor) {
        checkMatrix(a, "linalg.svd", kernel: "linalg_svd_cpu")
        switch a.dtype {
        case .float32: return svdKernel(Float.self, a, vectors: true, full: fullMatrices)
        default: return svdKernel(Double.self, a, vectors: true, full: fullMatrices)
        }
    }

    /// `torch.linalg.svdvals`: the singular values only, descending.
    public static func svdvals(_ a: Tensor) -> Tensor {
        svdvalsImpl(a).recorded(.svdvals, a)
    }

    private static func svdvalsImpl(_ a: Tensor) -> Tensor {
        checkMatrix(a, "linalg.svd", kernel: "linalg_svd_cpu")
        switch a.dtype {
        case .float32: return svdKernel(Float.self, a, vectors: false, full: false).S
        default: return svdKernel(Double.self, a, vectors: false, full: false).S
        }
    }

    private static func svdKernel<T: LapackScalar>(_: T.Type, _ a: Tensor, vectors: Bool, full: Bool) -> (
        U: Tensor, S: Tensor, Vh: Tensor
    ) {
        let m = a.sizes[a.ndim - 2], n = a.sizes[a.ndim - 1], k = Swift.min(m, n)
        let batch = Array(a.sizes.dropLast(2))
        let uCols = full ? m : k, vRows = full ? n : k
        let work = columnMajor(a, batch: batch)
        let s = Tensor.empty(batch + [k], dtype: a.dtype)
        // U: column-major m×uCols; Vh: column-major vRows×n. Zero-filled so empty problems stay defined.
        let u = Tensor.zeros(vectors ? batch + [uCols, m] : [0], dtype: a.dtype)
        let vt = Tensor.zeros(vectors ? batch + [n, vRows] : [0], dtype: a.dtype)
        let base = work.mutablePointer(T.self), sBase = s.mutablePointer(T.self)
        let uBase = u.mutablePointer(T.self), vBase = vt.mutablePointer(T.self)
        let jobz = laChar(vectors ? (full ? "A" : "S") : "N")
        for i in 0..<batch.reduce(1, *) where k > 0 {
            let info = T.gesdd(
                jobz, m, n, base + i * m * n, m, sBase + i * k, vectors ? uBase + i * m * uCols : nil, m,
                vectors ? vBase + i * vRows * n : nil, Swift.max(vRows, 1))
            torchCheck(
                info <= 0,
                "linalg.svd: \(batchPrefix(a, i))The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated singular values (error code: \(info))."
            )
        }
        if vectors && k == 0 {
            // An empty side: full matrices are identities, as LAPACK would return for a 0-rank problem.
            for i in 0..<batch.reduce(1, *) {
                for j in 0..<uCols { (uBase + i * m * uCols)[j * m + j] = 1 }
                for j in 0..<vRows { (vBase + i * vRows * n)[j * vRows + j] = 1 }
            }
        }
        return (vectors ? u.laMT() : u, s, vectors ? vt.laMT() : vt)
    }

    /// `torch.linalg.eigh`: eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric
    /// matrix, reading only the `UPLO` triangle.
    public static func eigh(_ a: Tensor, UPLO: String = "L") -> (eigenvalues: Tensor, eigenvectors: Tensor) {
        let r = eighImpl(a, UPLO: UPLO)
        _ = recordedMany([r.eigenvalues, r.eigenvectors], .eigh, [a])
        return r
    }

    private static func eighImpl(_ a: Tensor, UPLO: String) -> (eigenvalues: Tensor, eigenvectors: Tensor) {
        // torch's eigh dispatches on the dtype before checking it: integers get the kernel's message too.
        torchCheck(
            a.dtype.isFloatingPoint,
            "\"linalg_eigh_cpu\" not implemented for '\(a.dtype.scalarTypeName)'")
        checkSquare(a, "linalg.eigh", kernel: "linalg_eigh_cpu")
        torchCheck(UPLO == "L" || UPLO == "U", "Expected UPLO argument to be 'L' or 'U', but got \(UPLO)")
        switch a.dtype {
        case .float32: return eighKernel(Float.self, a, UPLO: UPLO, vectors: true)
        default: return eighKernel(Double.self, a, UPLO: UPLO, vectors: true)
        }
    }

    /// `torch.linalg.eigvalsh`: the eigenvalues of a symmetric matrix, ascending.
    public static func eigvalsh(_ a: Tensor, UPLO: String = "L") -> Tensor {
        eigvalshImpl(a, UPLO: UPLO).recorded(.eigvalsh, a)
    }

    private static func eigvalshImpl(_ a: Tensor, UPLO: String) -> Tensor {
        // torch's eigh dispatches on the dtype before checking it: integers get the kernel's message too.
        torchCheck(
            a.dtype.isFloatingPoint,
            "\"linalg_eigh_cpu\" not implemented for '\(a.dtype.scalarTypeName)'")
        checkSquare(a, "linalg.eigvalsh", kernel: "linalg_eigh_cpu")
        torchCheck(UPLO == "L" || UPLO == "U", "Expected UPLO argument to be 'L' or 'U', but got \(UPLO)")
        switch a.dtype {
        case .float32: return eighKernel(Float.self, a, UPLO: UPLO, vectors: false).eigenvalues
        default: return eighKernel(Double.self, a, UPLO: UPLO, vectors: false).eigenvalues
        }
    }

    private static func eighKernel<T: LapackScalar>(_: T.Type, _ a: Tensor, UPLO: String, vectors: Bool) -> (
        eigenvalues: Tensor, eigenvectors: Tensor
    ) {
        let n = a.sizes[a.ndim - 1]
        let batch = Array(a.sizes.dropLast(2))
        let work = columnMajor(a, batch: batch)
        let w = Tensor.empty(batch + [n], dtype: a.dtype)
        let base = work.mutablePointer(T.self), wBase = w.mutablePointer(T.self)
        // The buffer holds A itself column-major, so UPLO names the same triangle LAPACK reads.
        let uplo = laChar(UPLO == "U" ? "U" : "L")
        for i in 0..<batch.reduce(1, *) where n > 0 {
            let info = T.syevd(laChar(vectors ? "V" : "N"), uplo, n, base + i * n * n, n, wBase + i * n)
            torchCheck(
                info <= 0,
                "linalg.eigh: \(batchPrefix(a, i))The algorithm failed to converge because the input matrix is ill-conditioned or has too many repeated eigenvalues (error code: \(info))."
            )
        }
        return (w, vectors ? work.laMT() : Tensor.empty([0], dtype: a.dtype))
    }
}
