import Autodiff
import Foundation
import TensorCore

extension F {
    /// Turns a boolean mask (true = take part) into an additive float mask (0 / −inf), as torch's SDPA.
    static func additiveMask(_ mask: Tensor, dtype: DType, allowedWhenTrue: Bool) -> Tensor {
        guard mask.dtype == .bool else { return mask }
        let blocked = allowedWhenTrue ? mask.logicalNot() : mask
        return Tensor.zeros(mask.sizes, dtype: dtype).maskedFill(blocked, .double(-.infinity))
    }

    /// `F.scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal, scale)`: softmax(q kᵀ·scale
    /// + mask) v, the math path written with recorded ops (a boolean mask marks positions that take part).
    /// PyTorch: `torch.nn.functional.scaled_dot_product_attention`; no `enable_gqa`.
    public static func scaledDotProductAttention(
        _ query: Tensor, _ key: Tensor, _ value: Tensor, attnMask: Tensor? = nil, dropoutP: Double = 0,
        isCausal: Bool = false, scale: Double? = nil
    ) -> Tensor {
        scaledDotProductAttentionWithWeights(
            query, key, value, attnMask: attnMask, dropoutP: dropoutP, isCausal: isCausal, scale: scale
        ).output
    }

    static func scaledDotProductAttentionWithWeights(
        _ query: Tensor, _ key: Tensor, _ value: Tensor, attnMask: Tensor? = nil, dropoutP: Double = 0,
        isCausal: Bool = false, scale: Double? = nil
    ) -> (output: Tensor, weights: Tensor) {
        torchCheck(
            !(isCausal && attnMask != nil),
            "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True")
        torchCheck(
            key.dtype == query.dtype && value.dtype == query.dtype,
            "Expected query, key, and value to have the same dtype, but got query.dtype: \(query.dtype.cppTypeName) key.dtype: \(key.dtype.cppTypeName) and value.dtype: \(value.dtype.cppTypeName) instead."
        )
        if query.dtype == .float16 || query.dtype == .bfloat16 {
            // torch's CPU kernel for these (flash attention) keeps scores, softmax and the weighted sum in
            // float32 and rounds the output once.
            let r = scaledDotProductAttentionWithWeights(
                query.float(), key.float(), value.float(),
                attnMask: attnMask.map { $0.dtype == .bool ? $0 : $0.float() },
                dropoutP: dropoutP, isCausal: isCausal, scale: scale)
            return (r.output.to(query.dtype), r.weights.to(query.dtype))
        }
        let factor = scale ?? 1 / Double(query.size(-1)).squareRoot()
        var scores = (query * Scalar.double(factor)).matmul(key.transpose(-2, -1))
        let L = scores.size(-2), S = scores.size(-1)
        if isCausal {
            let causal = Tensor.ones([L, S], dtype: .bool).tril()
            scores = scores + additiveMask(causal, dtype: scores.dtype, allowedWhenTrue: true)
        } else if let attnMask {
            scores = scores + additiveMask(attnMask, dtype: scores.dtype, allowedWhenTrue: true)
        }
        var weights = scores.softmax(dim: -1)
        if dropoutP > 0 { weights = dropout(weights, p: dropoutP, training: true) }
        return (weights.matmul(value), weights)
    }
}
