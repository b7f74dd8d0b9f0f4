/// `add`/`sub` with alpha ≠ 1 on float16/bfloat16, with torch's CPU rounding. ATen's ufunc `add` rounds
/// alpha to the tensor's dtype and then computes `self + alpha * other` two ways: its vectorized loop
/// widens whole 32-element blocks to float and rounds once (`fmadd`), while the loop's scalar tail (the
/// last `count % 32` elements of each thread's chunk) and non-contiguous inputs use the scalar code,
/// which rounds the product `alpha * other` to the dtype before adding. Measured on torch 2.15 (AVX512).

/// Elements per vectorized block of ATen's reduced-precision loops.
private let atenBlock = 32
/// ATen's `GRAIN_SIZE`: below it TensorIterator runs the whole tensor as one chunk.
private let atenGrain = 32768

extension Tensor {
    /// The result of `addImpl` when torch's reduced-precision rounding applies (tensor operand, alpha ≠ 1,
    /// float16/bfloat16 result), else nil. `threads`: torch's intra-op thread count, which sets its chunks.
    func reducedAddScaled(
        _ other: Tensor, alpha: Scalar, dtype: DType, inPlace: Bool, threads: Int = Threads.get()
    ) -> Tensor? {
        guard dtype.isReducedFloat else { return nil }
        let out = inPlace ? self : nil
        let shape = broadcastShapes(sizes, other.sizes)
        if let out { checkInPlace(out, resultType: dtype, shape: shape) }
        let a = unaliased(self, from: out).to(dtype).expand(shape).contiguous()
        let b = unaliased(other, from: out).to(dtype).expand(shape).contiguous()
        // torch vectorizes flat inputs only (and contiguous inner rows, which this does not model).
        let vectorized = readsFlat(self, a.numel) && readsFlat(other, a.numel)
        let result = Tensor(uninitializedShape: shape, dtype: dtype)
        switch dtype {
        case .bfloat16: reducedAddScaledLoop(BFloat16.self, result, a, b, alpha, vectorized, threads)
        default: reducedAddScaledLoop(Float16.self, result, a, b, alpha, vectorized, threads)
        }
        return finish(result, into: out)
    }
}

private func reducedAddScaledLoop<S: FloatStorage>(
    _: S.Type, _ out: Tensor, _ a: Tensor, _ b: Tensor, _ alpha: Scalar, _ vectorized: Bool, _ threads: Int
) where S.Compute == Float {
    let o = out.mutablePointer(S.self), x = a.pointer(S.self), y = b.pointer(S.self), n = out.numel
    let w = S(compute: Float(alpha.doubleValue)).compute
    // torch's chunks (at::parallel_for): one per thread, at most n / GRAIN_SIZE of them, each with its
    // own tail; one chunk below GRAIN_SIZE.
    let chunks = n < atenGrain ? 1 : Swift.max(1, Swift.min(threads, (n + atenGrain - 1) / atenGrain))
    let chunk = (n + chunks - 1) / chunks
    var start = 0
    while start < n {
        let end = Swift.min(n, start + chunk)
        let body = vectorized ? start + (end - start) / atenBlock * atenBlock : start
        for i in start..<body { o[i] = S(compute: x[i].compute + w * y[i].compute) }
        for i in body..<end { o[i] = S(compute: x[i].compute + S(compute: w * y[i].compute).compute) }
        start = end
    }
}
