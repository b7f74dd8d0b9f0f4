import CVectorKernels

/// TensorCore's bfloat16 GEMM on AVX512_BF16 (CVectorKernels/bf16gemm_avx512.c): bf16 pairs multiplied
/// and summed into float32 by vdpbf16ps, twice the float32 FMA rate. Where the CPU lacks the instruction,
/// or `ATEN_CPU_CAPABILITY` is below avx512, bf16 products convert to float32 and take the float32 GEMM.
enum Bf16GemmKernel {
    static let available = cvk_avx512_bf16_available() != 0
    static let mr = Int(CVK_BF16GEMM_MR)
    static let nr = Int(CVK_BF16GEMM_NR)

    /// In use: the ISA, and a release build or a `SgemmKernel.withForced` scope (debug compiles C at -O0).
    static var enabled: Bool { available && (SgemmKernel.optimized || SgemmKernel.isForced) }

    /// The float32 kernel's shape rule: a few rows and most of a 32-wide panel, else the float32 path.
    static func shouldRun(m: Int, n: Int, k: Int) -> Bool {
        enabled && m >= 2 && n >= 24 && k >= 1
    }

    /// C (float32) = alpha·op(A)·op(B) + beta·C over up to `Threads.get()` workers, split into whole
    /// panels as `SgemmKernel.gemm` does; A and B are bfloat16 bit patterns.
    static func gemm(
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
        _ a: UnsafePointer<UInt16>, _ lda: Int, _ b: UnsafePointer<UInt16>, _ ldb: Int, _ beta: Float,
        _ c: UnsafeMutablePointer<Float>, _ ldc: Int
    ) {
        let ta: Int32 = transA ? 1 : 0, tb: Int32 = transB ? 1 : 0
        // 2^19 multiply-adds per chunk: the float32 kernel's 2^18 at twice the rate.
        gemmSplit(m: m, n: n, k: k, mr: mr, nr: nr, minWork: 1 << 19) { rows, cols in
            let (i0, j0) = (rows.lowerBound, cols.lowerBound)
            let ai = transA ? a + i0 : a + i0 * lda, bj = transB ? b + j0 * ldb : b + j0
            cvk_bf16gemm(ta, tb, rows.count, cols.count, k, alpha, ai, lda, bj, ldb, beta, c + i0 * ldc + j0, ldc)
        }
    }
}
