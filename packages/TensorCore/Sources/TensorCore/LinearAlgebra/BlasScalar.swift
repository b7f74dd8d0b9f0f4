import CBLAS

/// Float and Double, the two element types OpenBLAS and LAPACKE compute in; one generic kernel per
/// routine calls through these so both precisions share code.
protocol BlasScalar: FloatTensorElement {
    static func gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Self,
        _ a: UnsafePointer<Self>, _ lda: Int, _ b: UnsafePointer<Self>, _ ldb: Int, _ beta: Self,
        _ c: UnsafeMutablePointer<Self>, _ ldc: Int)
    static func gemv(
        _ trans: Bool, _ m: Int, _ n: Int, _ alpha: Self, _ a: UnsafePointer<Self>, _ lda: Int,
        _ x: UnsafePointer<Self>, _ incx: Int, _ beta: Self, _ y: UnsafeMutablePointer<Self>, _ incy: Int)
    static func dot(_ n: Int, _ x: UnsafePointer<Self>, _ incx: Int, _ y: UnsafePointer<Self>, _ incy: Int) -> Self
}

@inline(__always) private func order(_ trans: Bool) -> CBLAS_TRANSPOSE { trans ? CblasTrans : CblasNoTrans }

extension Float: BlasScalar {
    static func gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
        _ c: UnsafeMutablePointer<Float>, _ ldc: Int
    ) {
        if SgemmKernel.shouldRun(m: m, n: n, k: k) {
            SgemmKernel.gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            return
        }
        cblas_sgemm(
            CblasRowMajor, order(transA), order(transB), blasint(m), blasint(n), blasint(k), alpha, a,
            blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
    static func gemv(
        _ trans: Bool, _ m: Int, _ n: Int, _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
        _ x: UnsafePointer<Float>, _ incx: Int, _ beta: Float, _ y: UnsafeMutablePointer<Float>, _ incy: Int
    ) {
        cblas_sgemv(
            CblasRowMajor, order(trans), blasint(m), blasint(n), alpha, a, blasint(lda), x, blasint(incx),
            beta, y, blasint(incy))
    }
    static func dot(_ n: Int, _ x: UnsafePointer<Float>, _ incx: Int, _ y: UnsafePointer<Float>, _ incy: Int) -> Float {
        cblas_sdot(blasint(n), x, blasint(incx), y, blasint(incy))
    }
}

extension Double: BlasScalar {
    static func gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Double,
        _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int, _ beta: Double,
        _ c: UnsafeMutablePointer<Double>, _ ldc: Int
    ) {
        cblas_dgemm(
            CblasRowMajor, order(transA), order(transB), blasint(m), blasint(n), blasint(k), alpha, a,
            blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
    static func gemv(
        _ trans: Bool, _ m: Int, _ n: Int, _ alpha: Double, _ a: UnsafePointer<Double>, _ lda: Int,
        _ x: UnsafePointer<Double>, _ incx: Int, _ beta: Double, _ y: UnsafeMutablePointer<Double>, _ incy: Int
    ) {
        cblas_dgemv(
            CblasRowMajor, order(trans), blasint(m), blasint(n), alpha, a, blasint(lda), x, blasint(incx),
            beta, y, blasint(incy))
    }
    static func dot(_ n: Int, _ x: UnsafePointer<Double>, _ incx: Int, _ y: UnsafePointer<Double>, _ incy: Int)
        -> Double
    {
        cblas_ddot(blasint(n), x, blasint(incx), y, blasint(incy))
    }
}

/// OpenBLAS keeps its own thread count (OPENBLAS_NUM_THREADS or the core count); align it with
/// `Threads.get()` before each BLAS call so `setNumThreads` governs GEMMs as torch's does. In deterministic
/// mode OpenBLAS runs on one thread: its threaded GEMM adds in another order for another thread count
/// (a 64×784 · 784×256 product differs in the last bits between 1 and 2 threads); `laGemmCall` splits
/// the rows over our threads instead, in fixed parts.
@inline(__always) func laSyncBlasThreads() {
    let wanted = Determinism.enabled ? 1 : Int32(Threads.get())
    if openblas_get_num_threads() != wanted { openblas_set_num_threads(wanted) }
}

/// How BLAS can read a rows×cols matrix with strides (rs, cs) in place: row-major (NoTrans) or as the
/// transpose of a row-major one (Trans), with its leading dimension. nil: it needs a copy.
func laBlasLayout(rows: Int, cols: Int, rs: Int, cs: Int) -> (trans: Bool, ld: Int)? {
    // A stride along a size-1 dim is never used; pick the value that makes the layout legal.
    let rowStride = rows == 1 ? Swift.max(cols, 1) : rs
    let colStride = cols == 1 ? 1 : cs
    if colStride == 1 && rowStride >= Swift.max(cols, 1) { return (false, rowStride) }
    let rowStrideT = rows == 1 ? 1 : rs
    let colStrideT = cols == 1 ? Swift.max(rows, 1) : cs
    if rowStrideT == 1 && colStrideT >= Swift.max(rows, 1) { return (true, colStrideT) }
    return nil
}
