/// The one batched GEMM behind matmul, mm, bmm, mv, addmm, baddbmm and einsum:
/// `c[b] = alpha * a[b] @ b[b] + beta * c[b]` for every batch index.
///
/// `a` is [batch..., m, k] and `b` is [batch..., k, n], any strides (broadcast batch dims have stride 0,
/// transposed matrices are read in place with CblasTrans); `c` is a contiguous [batch..., m, n] tensor of
/// the same dtype, read only when `beta != 0` (BLAS semantics: beta 0 ignores NaN in `c`, as torch does).
func laGemm(_ a: Tensor, _ b: Tensor, into c: Tensor, alpha: Scalar = 1, beta: Scalar = 0) {
    let m = a.sizes[a.ndim - 2], n = b.sizes[b.ndim - 1]
    if m == 0 || n == 0 { return }
    switch a.dtype {
    case .float32: laBlasGemm(Float.self, a, b, c, alpha: Float(alpha.doubleValue), beta: Float(beta.doubleValue))
    case .float64: laBlasGemm(Double.self, a, b, c, alpha: alpha.doubleValue, beta: beta.doubleValue)
    case .float16, .bfloat16: laHalfGemm(a, b, into: c, alpha: alpha, beta: beta)
    case .uint8: laLoopGemm(UInt8.self, a, b, c, alpha: alpha, beta: beta)
    case .int8: laLoopGemm(Int8.self, a, b, c, alpha: alpha, beta: beta)
    case .int16: laLoopGemm(Int16.self, a, b, c, alpha: alpha, beta: beta)
    case .int32: laLoopGemm(Int32.self, a, b, c, alpha: alpha, beta: beta)
    case .int64: laLoopGemm(Int64.self, a, b, c, alpha: alpha, beta: beta)
    case .bool: torchFail("\"addmm_impl_cpu_\" not implemented for 'Bool'")
    }
    c.bumpVersion()
}

/// Below this m·n·k OpenBLAS runs a GEMM on one thread anyway (its GEMM_MULTITHREAD_THRESHOLD), so a
/// batch of such matrices is faster spread over our threads, one whole GEMM per thread.
private let laSmallGemmWork = 64 * 64 * 64
/// Below this m·n·k a BLAS call costs more than the arithmetic (einsum's elementwise products hit it).
private let laTinyGemmWork = 64

private func laBlasGemm<T: BlasScalar & LAArithmetic>(
    _: T.Type, _ a: Tensor, _ b: Tensor, _ c: Tensor, alpha: T, beta: T
) {
    let rank = a.ndim
    let m = a.sizes[rank - 2], k = a.sizes[rank - 1], n = b.sizes[rank - 1]
    let batchShape = Array(c.sizes.dropLast(2))
    let batch = batchShape.reduce(1, *)
    let cBase = c.mutablePointer(T.self)
    if k == 0 {
        // Empty inner product: the product is zero, so c = beta * c.
        let count = c.numel
        if beta == 0 { cBase.update(repeating: 0, count: count) } else { for i in 0..<count { cBase[i] *= beta } }
        return
    }
    if m * n * k <= laTinyGemmWork {
        laLoopGemm(T.self, a, b, c, alpha: .double(Double(alpha)), beta: .double(Double(beta)))
        return
    }
    laSyncBlasThreads()
    // One tall GEMM when every batch shares `b` and a's batch rows stack at one stride: [batch*m, k].
    if batch > 1, b.strideValues.dropLast(2).allSatisfy({ $0 == 0 }),
        let folded = a.laViewStrides([batch * m, k]),
        let layout = laBlasLayout(rows: batch * m, cols: k, rs: folded[0], cs: folded[1]), !layout.trans,
        let bl = laBlasLayout(rows: k, cols: n, rs: b.strideValues[rank - 2], cs: b.strideValues[rank - 1])
    {
        laGemmCall(
            false, bl.trans, batch * m, n, k, alpha, a.pointer(T.self), layout.ld, b.pointer(T.self), bl.ld, beta,
            cBase, n)
        return
    }
    var a = a, b = b
    var al = laBlasLayout(rows: m, cols: k, rs: a.strideValues[rank - 2], cs: a.strideValues[rank - 1])
    if al == nil {
        a = a.contiguous()
        al = laBlasLayout(rows: m, cols: k, rs: a.strideValues[rank - 2], cs: a.strideValues[rank - 1])
    }
    var bl = laBlasLayout(rows: k, cols: n, rs: b.strideValues[rank - 2], cs: b.strideValues[rank - 1])
    if bl == nil {
        b = b.contiguous()
        bl = laBlasLayout(rows: k, cols: n, rs: b.strideValues[rank - 2], cs: b.strideValues[rank - 1])
    }
    guard let al, let bl else { torchFail("internal error: no BLAS layout after a contiguous copy") }
    let aBase = a.pointer(T.self), bBase = b.pointer(T.self)
    if batch == 1 {
        laGemmCall(al.trans, bl.trans, m, n, k, alpha, aBase, al.ld, bBase, bl.ld, beta, cBase, n)
        return
    }
    let aOffsets = laBatchOffsets(batchShape, Array(a.strideValues.dropLast(2)))
    let bOffsets = laBatchOffsets(batchShape, Array(b.strideValues.dropLast(2)))
    let work = m * n * k
    let body = { (range: Range<Int>) in
        for i in range {
            laGemmCall(
                al.trans, bl.trans, m, n, k, alpha, aBase + aOffsets[i], al.ld, bBase + bOffsets[i], bl.ld, beta,
                cBase + i * m * n, n)
        }
    }
    if work <= laSmallGemmWork {
        parallelFor(batch, grain: Swift.max(1, laSmallGemmWork / Swift.max(work, 1)), body)
    } else {
        body(0..<batch)  // each GEMM is big enough for OpenBLAS's own threads
    }
}

/// One BLAS GEMM (row-major C = alpha·op(A)·op(B) + beta·C). In deterministic mode the rows of C are cut
/// into at most `Determinism.parts` fixed blocks, each a single-threaded BLAS call on the pool's threads:
/// every element is computed the same way whatever the thread count.
@inline(__always)
func laGemmCall<T: BlasScalar>(
    _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: T, _ a: UnsafePointer<T>, _ lda: Int,
    _ b: UnsafePointer<T>, _ ldb: Int, _ beta: T, _ c: UnsafeMutablePointer<T>, _ ldc: Int
) {
    let parts = Swift.min(Determinism.parts, m / 16)
    guard Determinism.enabled, parts > 1 else {
        T.gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        return
    }
    parallelFor(parts, grain: 1) { range in
        for part in range {
            let r0 = m * part / parts, r1 = m * (part + 1) / parts
            // Row r of op(A) starts at a + r·lda, or (transposed, A stored [k][m]) at a + r.
            T.gemm(
                transA, transB, r1 - r0, n, k, alpha, a + (transA ? r0 : r0 * lda), lda, b, ldb, beta, c + r0 * ldc, ldc
            )
        }
    }
}

/// Arithmetic of the loop GEMM: wrapping for integers (C++ semantics), plain for floats.
protocol LAArithmetic: Equatable {
    static func mul(_ a: Self, _ b: Self) -> Self
    static func mulAdd(_ acc: Self, _ a: Self, _ b: Self) -> Self
    static func fromScalar(_ s: Scalar) -> Self
}

extension LAArithmetic where Self: IntegerTensorElement {
    @inline(__always) static func mul(_ a: Self, _ b: Self) -> Self { a &* b }
    @inline(__always) static func mulAdd(_ acc: Self, _ a: Self, _ b: Self) -> Self { acc &+ a &* b }
    static func fromScalar(_ s: Scalar) -> Self { Self(fromInt64: s.int64Value) }
}

extension LAArithmetic where Self: FloatTensorElement {
    @inline(__always) static func mul(_ a: Self, _ b: Self) -> Self { a * b }
    @inline(__always) static func mulAdd(_ acc: Self, _ a: Self, _ b: Self) -> Self { acc + a * b }
    static func fromScalar(_ s: Scalar) -> Self { Self(s.doubleValue) }
}

extension UInt8: LAArithmetic {}
extension Int8: LAArithmetic {}
extension Int16: LAArithmetic {}
extension Int32: LAArithmetic {}
extension Int64: LAArithmetic {}
extension Float: LAArithmetic {}
extension Double: LAArithmetic {}

/// Integer GEMM (torch supports it on CPU), and float GEMMs too small to pay for a BLAS call:
/// a typed loop, rows in parallel.
private func laLoopGemm<T: TensorElement & LAArithmetic>(
    _: T.Type, _ a: Tensor, _ b: Tensor, _ c: Tensor, alpha: Scalar, beta: Scalar
) {
    let rank = a.ndim
    let m = a.sizes[rank - 2], k = a.sizes[rank - 1], n = b.sizes[rank - 1]
    let batchShape = Array(c.sizes.dropLast(2))
    let aOffsets = laBatchOffsets(batchShape, Array(a.strideValues.dropLast(2)))
    let bOffsets = laBatchOffsets(batchShape, Array(b.strideValues.dropLast(2)))
    let ars = a.strideValues[rank - 2], acs = a.strideValues[rank - 1]
    let brs = b.strideValues[rank - 2], bcs = b.strideValues[rank - 1]
    let aBase = a.pointer(T.self), bBase = b.pointer(T.self), cBase = c.mutablePointer(T.self)
    let alphaT = T.fromScalar(alpha), betaT = T.fromScalar(beta)
    let rows = aOffsets.count * m
    parallelFor(rows, grain: Swift.max(1, Threads.grainSize / Swift.max(n * k, 1))) { range in
        for row in range {
            let batchIndex = row / m, i = row % m
            let out = cBase + row * n
            if betaT == T.zero {
                out.update(repeating: T.zero, count: n)
            } else if betaT != T.one {
                for j in 0..<n { out[j] = T.mul(out[j], betaT) }
            }
            let aRow = aBase + aOffsets[batchIndex] + i * ars
            let bMat = bBase + bOffsets[batchIndex]
            for p in 0..<k {
                let x = T.mul(aRow[p * acs], alphaT)
                let bRow = bMat + p * brs
                if bcs == 1 {
                    for j in 0..<n { out[j] = T.mulAdd(out[j], x, bRow[j]) }
                } else {
                    for j in 0..<n { out[j] = T.mulAdd(out[j], x, bRow[j * bcs]) }
                }
            }
        }
    }
}
