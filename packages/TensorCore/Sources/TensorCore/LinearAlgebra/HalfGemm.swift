import CVectorKernels

/// laGemm for float16 and bfloat16: float32 accumulation and one rounding at the end, like torch's CPU
/// kernels. bfloat16 runs on the AVX512_BF16 kernel when it may; otherwise, on AVX-512, both run on the
/// float32 kernel with the conversion inside its packing (`cvk_sgemm_half`: a panel at a time, no float32
/// copies of the operands); everything else converts the operands to float32 (vectorized, see
/// HalfConversion.swift) and runs the float32 GEMM.
func laHalfGemm(_ a: Tensor, _ b: Tensor, into c: Tensor, alpha: Scalar, beta: Scalar) {
    let rank = a.ndim
    let m = a.sizes[rank - 2], k = a.sizes[rank - 1], n = b.sizes[rank - 1]
    let alpha32 = Float(alpha.doubleValue), beta32 = Float(beta.doubleValue)
    let c32 = beta32 == 0 ? Tensor(uninitializedShape: c.sizes, dtype: .float32) : c.to(.float32, copy: true)
    if a.dtype == .bfloat16 && k > 0 && Bf16GemmKernel.shouldRun(m: m, n: n, k: k) {
        laHalfKernelGemm(a, b, c32, alpha: alpha32, beta: beta32, Bf16GemmKernel.gemm)
    } else if k > 0 && SgemmKernel.shouldRun(m: m, n: n, k: k) {
        let format: Int32 = a.dtype == .bfloat16 ? 1 : 0
        laHalfKernelGemm(a, b, c32, alpha: alpha32, beta: beta32) {
            ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
            SgemmKernel.gemmHalf(format, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        }
    } else {
        laGemm(a.to(.float32), b.to(.float32), into: c32, alpha: alpha, beta: beta)
    }
    // One rounding, with torch's GEMM-output NaN (c10::BFloat16's 0x7FC0).
    if !HalfConversion.run(c32, into: c, bf16NaN: 0x7FC0) { c.copy_(c32) }
}

extension SgemmKernel {
    /// `gemm` for float16 (format 0) or bfloat16 (format 1) bit patterns, converted in the packing.
    static func gemmHalf(
        _ format: Int32, _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
        _ a: UnsafePointer<UInt16>, _ lda: Int, _ b: UnsafePointer<UInt16>, _ ldb: Int, _ beta: Float,
        _ c: UnsafeMutablePointer<Float>, _ ldc: Int
    ) {
        let ta: Int32 = transA ? 1 : 0, tb: Int32 = transB ? 1 : 0
        gemmSplit(m: m, n: n, k: k, mr: mr, nr: nr, minWork: 1 << 18) { rows, cols in
            let (i0, j0) = (rows.lowerBound, cols.lowerBound)
            let ai = transA ? a + i0 : a + i0 * lda, bj = transB ? b + j0 * ldb : b + j0
            cvk_sgemm_half(
                format, ta, tb, rows.count, cols.count, k, alpha, ai, lda, bj, ldb, beta, c + i0 * ldc + j0, ldc)
        }
    }
}

/// A single-threaded-per-chunk GEMM on 16-bit operands into float32 C (Bf16GemmKernel.gemm's signature).
typealias HalfKernelGemm = (
    Bool, Bool, Int, Int, Int, Float, UnsafePointer<UInt16>, Int, UnsafePointer<UInt16>, Int, Float,
    UnsafeMutablePointer<Float>, Int
) -> Void

/// Every batch's product on `kernel`; operands BLAS cannot read in place are copied contiguous.
private func laHalfKernelGemm(
    _ a: Tensor, _ b: Tensor, _ c32: Tensor, alpha: Float, beta: Float, _ kernel: HalfKernelGemm
) {
    let rank = a.ndim
    let m = a.sizes[rank - 2], k = a.sizes[rank - 1], n = b.sizes[rank - 1]
    let batchShape = Array(c32.sizes.dropLast(2))
    func layout(_ t: Tensor, _ rows: Int, _ cols: Int) -> (Tensor, (trans: Bool, ld: Int)) {
        if let l = laBlasLayout(rows: rows, cols: cols, rs: t.strideValues[rank - 2], cs: t.strideValues[rank - 1]) {
            return (t, l)
        }
        let copy = t.contiguous()
        return (
            copy,
            laBlasLayout(rows: rows, cols: cols, rs: copy.strideValues[rank - 2], cs: copy.strideValues[rank - 1])!
        )
    }
    let (a, al) = layout(a, m, k), (b, bl) = layout(b, k, n)
    let aBase = UnsafeRawPointer(a.rawPointer).assumingMemoryBound(to: UInt16.self)
    let bBase = UnsafeRawPointer(b.rawPointer).assumingMemoryBound(to: UInt16.self)
    let cBase = c32.mutablePointer(Float.self)
    let aOffsets = laBatchOffsets(batchShape, Array(a.strideValues.dropLast(2)))
    let bOffsets = laBatchOffsets(batchShape, Array(b.strideValues.dropLast(2)))
    // Small products run one whole GEMM per thread; big ones split their own panels across threads.
    let work = m * n * k, smallWork = 64 * 64 * 64
    parallelFor(aOffsets.count, grain: work <= smallWork ? Swift.max(1, smallWork / work) : aOffsets.count) { range in
        for i in range {
            kernel(
                al.trans, bl.trans, m, n, k, alpha, aBase + aOffsets[i], al.ld, bBase + bOffsets[i], bl.ld, beta,
                cBase + i * m * n, n)
        }
    }
}
