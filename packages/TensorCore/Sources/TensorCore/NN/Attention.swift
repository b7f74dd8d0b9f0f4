/// `scaled_dot_product_attention` (math path: matmul, masked softmax, matmul) and dropout by mask.
extension NNOps {
    /// q [..., L, E], k [..., S, E], v [..., S, Ev] → [..., L, Ev]. A bool mask marks positions that take
    /// part; a float mask is added to the scores. `isCausal` keeps j ≤ i. Dropout draws from `generator`
    /// as torch's math path does, unless a keep-mask (`dropoutMask`, broadcastable to the scores) is given.
    package static func scaledDotProductAttention(
        _ query: Tensor, _ key: Tensor, _ value: Tensor, attnMask: Tensor? = nil, dropoutP: Double = 0,
        isCausal: Bool = false, scale: Double? = nil, dropoutMask: Tensor? = nil, generator: Generator? = nil
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.lowerPrecision, [query, key, value, attnMask]) { c in
                scaledDotProductAttention(
                    c[0]!, c[1]!, c[2]!, attnMask: c[3], dropoutP: dropoutP, isCausal: isCausal, scale: scale,
                    dropoutMask: dropoutMask, generator: generator)
            }
        }
        return scaledDotProductAttentionMath(
            query, key, value, attnMask: attnMask, dropoutP: dropoutP, isCausal: isCausal, scale: scale,
            dropoutMask: dropoutMask, generator: generator
        ).output
    }

    /// `_scaled_dot_product_attention_math`: (output, attention weights after softmax and dropout).
    package static func scaledDotProductAttentionMath(
        _ query: Tensor, _ key: Tensor, _ value: Tensor, attnMask: Tensor? = nil, dropoutP: Double = 0,
        isCausal: Bool = false, scale: Double? = nil, dropoutMask: Tensor? = nil, generator: Generator? = nil
    ) -> (output: Tensor, attention: Tensor) {
        torchCheck(
            query.ndim >= 2 && key.ndim >= 2 && value.ndim >= 2,
            "scaled_dot_product_attention: query, key and value must be at least 2-D")
        torchCheck(
            !(isCausal && attnMask != nil),
            "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True")
        nnCheckSameDType(query, key)
        nnCheckSameDType(query, value)
        if query.dtype.isReducedFloat {
            // torch's CPU kernel for float16/bfloat16 (flash attention) keeps scores, softmax and the weighted
            // sum in float32 and rounds the output once.
            if let attnMask, attnMask.dtype != .bool { nnCheckSameDType(query, attnMask) }
            let r = scaledDotProductAttentionMath(
                query.opmath, key.opmath, value.opmath, attnMask: attnMask?.opmath, dropoutP: dropoutP,
                isCausal: isCausal,
                scale: scale, dropoutMask: dropoutMask, generator: generator)
            return (r.output.to(query.dtype), r.attention.to(query.dtype))
        }
        torchCheck(
            query.size(-1) == key.size(-1),
            "scaled_dot_product_attention: query and key must have the same embedding size, got \(query.size(-1)) and \(key.size(-1))"
        )
        let factor = scale ?? 1 / Double(query.size(-1)).squareRoot()
        var scores = nnScale(query, factor).matmul(key.transpose(-2, -1))
        let L = scores.size(-2), S = scores.size(-1)
        if isCausal {
            let mask = Tensor.ones([L, S], dtype: .bool).tril()
            applyAttentionMask(scores, mask)
        } else if let attnMask, attnMask.dtype != .bool && attnMask.requiresGradient {
            // A tracked float mask gets its own gradient through a recorded add.
            nnCheckSameDType(scores, attnMask)
            scores = scores + attnMask
        } else if let attnMask {
            applyAttentionMask(scores, attnMask)
        }
        var attention = scores.softmax(dim: -1)
        if dropoutP > 0 {
            attention =
                dropoutMask.map { dropout(attention, mask: $0, p: dropoutP) }
                ?? dropout(attention, p: dropoutP, training: true, generator: generator)
        }
        return (attention.matmul(value), attention)
    }

    /// Scores += float mask, or −inf where a bool mask is false (in place on a fresh scores tensor).
    private static func applyAttentionMask(_ scores: Tensor, _ mask: Tensor) {
        if mask.dtype == .bool {
            let m = Tensor(uninitializedShape: scores.sizes, dtype: .bool)
            m.copy_(mask)
            MaskKernel(scores: scores, mask: m, additive: nil).dispatch(scores.dtype, "scaled_dot_product_attention")
        } else {
            nnCheckSameDType(scores, mask)
            MaskKernel(scores: scores, mask: nil, additive: nnExpand(mask, scores)).dispatch(
                scores.dtype, "scaled_dot_product_attention")
        }
        scores.bumpVersion()
    }
}

private struct MaskKernel: NNKernel {
    let scores: Tensor, mask: Tensor?, additive: Tensor?
    func run<T: NNFloat>(_: T.Type) {
        let s = scores.mutablePointer(T.self)
        if let mask {
            let m = mask.pointer(Bool.self)
            for i in 0..<scores.numel where !m[i] { s[i] = -T.infinity }
        } else if let additive {
            let a = additive.pointer(T.self)
            for i in 0..<scores.numel { s[i] += a[i] }
        }
    }
}
