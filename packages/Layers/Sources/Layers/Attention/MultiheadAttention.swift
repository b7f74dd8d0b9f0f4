import Foundation
import TensorCore
import Autodiff

/// `nn.MultiheadAttention(embed_dim, num_heads, dropout=0, bias=True, batch_first=False)` with packed
/// `in_proj_weight` [3E, E] (xavier_uniform_), `in_proj_bias` (zeros) and `out_proj` (bias zeroed).
/// Masks follow torch: in `attnMask`/`keyPaddingMask` a boolean true marks a position NOT attended;
/// float masks are added to the scores.
public final class MultiheadAttention: Module {
    public let embedDim: Int, numHeads: Int, headDim: Int, dropout: Double, batchFirst: Bool
    @Parameter public var inProjWeight: Tensor
    @Parameter public var inProjBias: Tensor?
    @Child public var outProj: NonDynamicallyQuantizableLinear

    public init(_ embedDim: Int, _ numHeads: Int, dropout: Double = 0, bias: Bool = true, batchFirst: Bool = false) {
        torchCheck(embedDim > 0 && numHeads > 0, "embed_dim and num_heads must be greater than 0, got embed_dim=\(embedDim) and num_heads=\(numHeads) instead")
        torchCheck(embedDim % numHeads == 0, "embed_dim must be divisible by num_heads")
        self.embedDim = embedDim
        self.numHeads = numHeads
        self.headDim = embedDim / numHeads
        self.dropout = dropout
        self.batchFirst = batchFirst
        inProjWeight = Tensor.empty([3 * embedDim, embedDim])
        inProjBias = bias ? Tensor.empty([3 * embedDim]) : nil
        outProj = NonDynamicallyQuantizableLinear(embedDim, embedDim, bias: bias)  // draws its own init first, as torch
        super.init()
        Init.xavierUniform_(inProjWeight)
        if let b = inProjBias {
            Init.constant_(b, 0)
            Init.constant_(outProj.bias!, 0)
        }
    }

    /// (attn_output, attn_output_weights): weights [N, L, S] averaged over heads (or [N, H, L, S]), nil
    /// unless `needWeights`.
    public func callAsFunction(
        _ query: Tensor, _ key: Tensor, _ value: Tensor, keyPaddingMask: Tensor? = nil, needWeights: Bool = true,
        attnMask: Tensor? = nil, averageAttnWeights: Bool = true, isCausal: Bool = false
    ) -> (output: Tensor, weights: Tensor?) {
        let batched = query.ndim == 3
        torchCheck(query.ndim == 3 || query.ndim == 2,
                   "query should be unbatched 2D or batched 3D tensor but received \(query.ndim)-D query tensor")
        var q = batched ? query : query.unsqueeze(1), k = batched ? key : key.unsqueeze(1), v = batched ? value : value.unsqueeze(1)
        if batchFirst && batched { (q, k, v) = (q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)) }
        let L = q.size(0), N = q.size(1), S = k.size(0), E = embedDim, H = numHeads
        torchCheck(q.size(2) == E, "was expecting embedding dimension of \(E), but got \(q.size(2))")
        torchCheck(k.sizes == v.sizes, "key shape \(k.shape) does not match value shape \(v.shape)")
        torchCheck(!(isCausal && attnMask == nil), "Need attn_mask if specifying the is_causal hint. You may use the Transformer module method `generate_square_subsequent_mask` to create this mask.")

        let w = inProjWeight.chunk(3, dim: 0), b = inProjBias?.chunk(3, dim: 0)
        func heads(_ x: Tensor, _ len: Int) -> Tensor { x.reshape([len, N * H, headDim]).transpose(0, 1) }
        let qh = heads(F.linear(q, w[0], b?[0]), L), kh = heads(F.linear(k, w[1], b?[1]), S), vh = heads(F.linear(v, w[2], b?[2]), S)

        // Merge masks into one additive [N·H, L, S] (or broadcastable) float mask.
        var mask: Tensor? = attnMask.map { m -> Tensor in
            let f = F.additiveMask(m, dtype: q.dtype, allowedWhenTrue: false)
            if f.ndim == 2 {
                torchCheck(f.sizes == [L, S], "The shape of the 2D attn_mask is \(f.shape), but should be (\(L), \(S)).")
                return f.unsqueeze(0)
            }
            torchCheck(f.sizes == [N * H, L, S], "The shape of the 3D attn_mask is \(f.shape), but should be (\(N * H), \(L), \(S)).")
            return f
        }
        if let kpm = keyPaddingMask {
            let m = batched ? kpm : kpm.unsqueeze(0)
            torchCheck(m.sizes == [N, S], "expected shape of key_padding_mask to be \(Size([N, S])), but got \(m.shape)")
            let f = F.additiveMask(m, dtype: q.dtype, allowedWhenTrue: false).view([N, 1, 1, S]).expand([N, H, 1, S]).reshape([N * H, 1, S])
            mask = mask.map { $0 + f } ?? f
        }
        let p = training ? dropout : 0
        let (ctxh, weights) = F.scaledDotProductAttentionWithWeights(qh, kh, vh, attnMask: mask, dropoutP: p)
        let context = ctxh.transpose(0, 1).contiguous().view([L * N, E])
        var out = outProj(context).view([L, N, E])
        if batchFirst && batched { out = out.transpose(0, 1) }
        if !batched { out = out.squeeze(dim: 1) }
        guard needWeights else { return (out, nil) }
        var wts = weights.view([N, H, L, S])
        if averageAttnWeights { wts = wts.mean(dim: 1) }
        if !batched { wts = wts.squeeze(dim: 0) }
        return (out, wts)
    }

    public override func forward(_ input: Tensor) -> Tensor { self(input, input, input, needWeights: false).output }
}

/// `nn.Transformer.generate_square_subsequent_mask(sz)`: 0 on and below the diagonal, −inf above.
public func generateSquareSubsequentMask(_ size: Int, dtype: DType = .float32) -> Tensor {
    Tensor.full([size, size], .double(-.infinity), dtype: dtype).triu(diagonal: 1)
}
