import CVectorKernels
import Synchronization

/// TensorCore's own AVX-512 float32 GEMM (CVectorKernels/sgemm_avx512.c). OpenBLAS is often pinned to its
/// AVX2 kernels (OPENBLAS_CORETYPE=Haswell), about half of what an AVX-512 core can do, so `Float.gemm`
/// routes the shapes where this kernel wins to it; Double stays on OpenBLAS. `ATEN_CPU_CAPABILITY=avx2`
/// (CPUCapability) turns it off, as on a CPU without AVX-512.
enum SgemmKernel {
    static let available = cvk_avx512_available() != 0
    /// Debug builds compile the C at -O0: correct but slow, so automatic routing waits for a release build.
    static let optimized = cvk_sgemm_optimized() != 0
    static let mr = Int(CVK_SGEMM_MR)
    static let nr = Int(CVK_SGEMM_NR)

    /// Nesting count of `withForced` scopes (tests prove the kernel in debug builds through it).
    private static let forcedScopes = Atomic<Int>(0)

    /// Runs `body` with every eligible float GEMM on the kernel (when the CPU has AVX-512), even in debug.
    static func withForced<R>(_ body: () throws -> R) rethrows -> R {
        forcedScopes.add(1, ordering: .sequentiallyConsistent)
        defer { forcedScopes.subtract(1, ordering: .sequentiallyConsistent) }
        return try body()
    }

    /// Whether a `withForced` scope is open (the bf16 kernel follows it too).
    static var isForced: Bool { forcedScopes.load(ordering: .relaxed) > 0 }

    /// Whether the kernel is in use at all (AVX-512, and a release build or a forced scope).
    static var enabled: Bool {
        available && (optimized || isForced)
    }

    /// Shapes where it beats OpenBLAS's AVX2 sgemm (measured single-threaded): a C at least a few rows
    /// tall and close to a 32-wide panel wide. Narrower products (n < 24 wastes most of a panel) and
    /// vector-like ones (m == 1) stay on OpenBLAS.
    static func shouldRun(m: Int, n: Int, k: Int) -> Bool {
        enabled && m >= 2 && n >= 24 && k >= 1
    }

    /// C = alpha·op(A)·op(B) + beta·C over up to `Threads.get()` workers, each on whole NR-column panels
    /// (or MR-row panels when C is taller than wide) with its own packing buffers.
    static func gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
        _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
        _ c: UnsafeMutablePointer<Float>, _ ldc: Int
    ) {
        let ta: Int32 = transA ? 1 : 0, tb: Int32 = transB ? 1 : 0
        // About 2^18 multiply-adds per chunk before a second thread pays for its hand-off.
        gemmSplit(m: m, n: n, k: k, mr: mr, nr: nr, minWork: 1 << 18) { rows, cols in
            let (i0, j0) = (rows.lowerBound, cols.lowerBound)
            let ai = transA ? a + i0 : a + i0 * lda, bj = transB ? b + j0 * ldb : b + j0
            cvk_sgemm(ta, tb, rows.count, cols.count, k, alpha, ai, lda, bj, ldb, beta, c + i0 * ldc + j0, ldc)
        }
    }
}
