import Autodiff
import Foundation
import TensorCore

/// `nn.MultiheadAttention(embed_dim, num_heads, dropout=0, bias=True, add_bias_kv=False, add_zero_attn=False,
/// kdim=None, vdim=None, batch_first=False)`. With kdim = vdim = embed_dim the projections are packed in
/// `in_proj_weight` [3E, E] (xavier_uniform_); otherwise `q_proj_weight` [E, E], `k_proj_weight` [E, kdim] and
/// `v_proj_weight` [E, vdim] (each xavier_uniform_). `in_proj_bias` and out_proj's bias start at zero,
/// `bias_k`/`bias_v` [1, 1, E] at xavier_normal_. Masks follow torch: in `attnMask`/`keyPaddingMask` a
/// boolean true marks a position NOT attended; float masks are added to the scores.
/// PyTorch: `torch.nn.MultiheadAttention`.
public final class MultiheadAttention: Module {
    /// No PyTorch counterpart: the fresh `MultiheadAttention` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        MultiheadAttention(
            embedDim, numHeads, dropout: dropout, bias: inProjBias != nil, addBiasKv: biasK != nil,
            addZeroAttn: addZeroAttn, kdim: kdim, vdim: vdim, batchFirst: batchFirst)
    }
    /// The query width, key and value widths, head count, per-head width (`embedDim / numHeads`), attention-weight
    /// dropout probability and batch layout (PyTorch: `torch.nn.MultiheadAttention.embed_dim`, `kdim`, `vdim`,
    /// `num_heads`, `head_dim`, `dropout`, `batch_first`).
    public let embedDim: Int, kdim: Int, vdim: Int, numHeads: Int, headDim: Int, dropout: Double, batchFirst: Bool
    /// Whether a zero key and value are appended to the sequence (PyTorch: `torch.nn.MultiheadAttention.add_zero_attn`).
    public let addZeroAttn: Bool
    /// The packed q/k/v projection, shape `(3E, E)`; nil when `kdim` or `vdim` differs from `embedDim`
    /// (PyTorch: `torch.nn.MultiheadAttention.in_proj_weight`).
    @Parameter public var inProjWeight: Tensor?
    /// The query projection, shape `(E, E)`; nil when packed (PyTorch: `torch.nn.MultiheadAttention.q_proj_weight`).
    @Parameter public var qProjWeight: Tensor?
    /// The key projection, shape `(E, kdim)`; nil when packed (PyTorch: `torch.nn.MultiheadAttention.k_proj_weight`).
    @Parameter public var kProjWeight: Tensor?
    /// The value projection, shape `(E, vdim)`; nil when packed (PyTorch: `torch.nn.MultiheadAttention.v_proj_weight`).
    @Parameter public var vProjWeight: Tensor?
    /// The q/k/v projection biases, shape `(3E)`; nil without `bias` (PyTorch: `torch.nn.MultiheadAttention.in_proj_bias`).
    @Parameter public var inProjBias: Tensor?
    /// A learned key appended to the sequence, shape `(1, 1, E)`; nil without `addBiasKv` (PyTorch: `torch.nn.MultiheadAttention.bias_k`).
    @Parameter public var biasK: Tensor?
    /// A learned value appended to the sequence, shape `(1, 1, E)`; nil without `addBiasKv` (PyTorch: `torch.nn.MultiheadAttention.bias_v`).
    @Parameter public var biasV: Tensor?
    /// The output projection (PyTorch: `torch.nn.MultiheadAttention.out_proj`).
    @Child public var outProj: NonDynamicallyQuantizableLinear

    /// torch's `_qkv_same_embed_dim`: one packed projection instead of three.
    /// PyTorch: `torch.nn.MultiheadAttention._qkv_same_embed_dim`.
    public var qkvSameEmbedDim: Bool { kdim == embedDim && vdim == embedDim }

    /// PyTorch: `torch.nn.MultiheadAttention(embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False,
    /// add_zero_attn=False, kdim=None, vdim=None, batch_first=False)`.
    public init(
        _ embedDim: Int, _ numHeads: Int, dropout: Double = 0, bias: Bool = true, addBiasKv: Bool = false,
        addZeroAttn: Bool = false, kdim: Int? = nil, vdim: Int? = nil, batchFirst: Bool = false
    ) {
        torchCheck(
            embedDim > 0 && numHeads > 0,
            "embed_dim and num_heads must be greater than 0, got embed_dim=\(embedDim) and num_heads=\(numHeads) instead"
        )
        torchCheck(embedDim % numHeads == 0, "embed_dim must be divisible by num_heads")
        (self.embedDim, self.kdim, self.vdim) = (embedDim, kdim ?? embedDim, vdim ?? embedDim)
        self.numHeads = numHeads
        self.headDim = embedDim / numHeads
        self.dropout = dropout
        self.batchFirst = batchFirst
        self.addZeroAttn = addZeroAttn
        let packed = self.kdim == embedDim && self.vdim == embedDim
        inProjWeight = packed ? Tensor.empty([3 * embedDim, embedDim]) : nil
        qProjWeight = packed ? nil : Tensor.empty([embedDim, embedDim])
        kProjWeight = packed ? nil : Tensor.empty([embedDim, self.kdim])
        vProjWeight = packed ? nil : Tensor.empty([embedDim, self.vdim])
        inProjBias = bias ? Tensor.empty([3 * embedDim]) : nil
        outProj = NonDynamicallyQuantizableLinear(embedDim, embedDim, bias: bias)  // draws its own init first, as torch
        biasK = addBiasKv ? Tensor.empty([1, 1, embedDim]) : nil
        biasV = addBiasKv ? Tensor.empty([1, 1, embedDim]) : nil
        super.init()
        for w in [inProjWeight, qProjWeight, kProjWeight, vProjWeight].compactMap({ $0 }) { Init.xavierUniform_(w) }
        if let b = inProjBias {
            Init.constant_(b, 0)
            Init.constant_(outProj.bias!, 0)
        }
        for b in [biasK, biasV].compactMap({ $0 }) { Init.xavierNormal_(b) }
    }

    /// (attn_output, attn_output_weights): weights [N, L, S] averaged over heads (or [N, H, L, S]), nil
    /// unless `needWeights`. Passing the same tensor as query, key and value takes torch's self-attention
    /// path: one packed projection GEMM.
    /// PyTorch: `torch.nn.MultiheadAttention.forward(query, key, value, key_padding_mask, need_weights, attn_mask,
    /// average_attn_weights, is_causal)`.
    /// - Parameters:
    ///   - query: `(L, N, E)`, `(N, L, E)` when `batchFirst`, or unbatched `(L, E)`.
    ///   - key: `(S, N, kdim)`, `(N, S, kdim)` when `batchFirst`, or unbatched `(S, kdim)`.
    ///   - value: `(S, N, vdim)`, `(N, S, vdim)` when `batchFirst`, or unbatched `(S, vdim)`.
    ///   - keyPaddingMask: `(N, S)` or unbatched `(S)`.
    ///   - attnMask: `(L, S)` or `(N·numHeads, L, S)`.
    /// - Returns: the output shaped as `query`, and the weights (nil unless `needWeights`).
    public func callAsFunction(
        _ query: Tensor, _ key: Tensor, _ value: Tensor, keyPaddingMask: Tensor? = nil, needWeights: Bool = true,
        attnMask: Tensor? = nil, averageAttnWeights: Bool = true, isCausal: Bool = false
    ) -> (output: Tensor, weights: Tensor?) {
        let batched = checkShapes(query, key, value, keyPaddingMask: keyPaddingMask, attnMask: attnMask)
        let selfAttention = query === key && key === value, sharedKV = key === value
        let packed = selfAttention && inProjWeight != nil && biasK == nil
        // The packed path reads a batch-first input in place; the others work sequence-first, as torch.
        let batchMajor = batchFirst && batched && packed
        var q = batched ? query : query.unsqueeze(1), k = batched ? key : key.unsqueeze(1),
            v = batched ? value : value.unsqueeze(1)
        if batchFirst && batched && !packed { (q, k, v) = (q.transpose(0, 1), k.transpose(0, 1), v.transpose(0, 1)) }
        let (L, N) = batchMajor ? (q.size(1), q.size(0)) : (q.size(0), q.size(1))
        let S = batchMajor ? k.size(1) : k.size(0), E = embedDim, H = numHeads
        torchCheck(q.size(2) == E, "was expecting embedding dimension of \(E), but got \(q.size(2))")
        if qkvSameEmbedDim {
            torchCheck(k.sizes == v.sizes, "key shape \(k.shape) does not match value shape \(v.shape)")
        } else {
            torchCheck(
                k.sizes.prefix(2) == v.sizes.prefix(2),
                "key's sequence and batch dims \(Size(Array(k.sizes.prefix(2)))) do not match value's \(Size(Array(v.sizes.prefix(2))))"
            )
        }
        torchCheck(
            !(isCausal && attnMask == nil),
            "Need attn_mask if specifying the is_causal hint. You may use the Transformer module method `generate_square_subsequent_mask` to create this mask."
        )

        var (qh, kh, vh) =
            packed ? packedSelfProjection(q, batchMajor: batchMajor) : projectHeads(q, k, v, sharedKV: sharedKV)
        var mask = attnMask.map { canonicalAttnMask($0, dtype: q.dtype, nh: N * H, L: L, S: S) }
        var kpm = keyPaddingMask.map {
            F.additiveMask(batched ? $0 : $0.unsqueeze(0), dtype: q.dtype, allowedWhenTrue: false)
        }
        func padMasks() {
            mask = mask.map { F.pad($0, [0, 1]) }
            kpm = kpm.map { F.pad($0, [0, 1]) }
        }
        if let bk = biasK, let bv = biasV {
            kh = Tensor.cat([kh, bk.expand([1, N, E]).reshape([1, N * H, headDim]).transpose(0, 1)], dim: 1)
            vh = Tensor.cat([vh, bv.expand([1, N, E]).reshape([1, N * H, headDim]).transpose(0, 1)], dim: 1)
            padMasks()
        }
        if addZeroAttn {
            kh = Tensor.cat([kh, Tensor.zeros([N * H, 1, headDim], dtype: kh.dtype)], dim: 1)
            vh = Tensor.cat([vh, Tensor.zeros([N * H, 1, headDim], dtype: vh.dtype)], dim: 1)
            padMasks()
        }
        let srcLen = kh.size(1)
        if let m = kpm {
            torchCheck(m.size(0) == N, "Expected key_padded_mask.shape[0] to be \(N), but got \(m.size(0))")
            torchCheck(m.size(1) == srcLen, "Expected key_padded_mask.shape[1] to be \(srcLen), but got \(m.size(1))")
            let f = m.view([N, 1, 1, srcLen]).expand([N, H, 1, srcLen]).reshape([N * H, 1, srcLen])
            mask = mask.map { $0 + f } ?? f
        }
        let p = training ? dropout : 0
        let (ctxh, weights) = F.scaledDotProductAttentionWithWeights(qh, kh, vh, attnMask: mask, dropoutP: p)
        // Sequence-first memory even for batch-first output (a transposed view), as torch: a dropout after
        // this layer draws its mask in memory order.
        let context = ctxh.transpose(0, 1).contiguous().view([L * N, E])
        var out = outProj(context).view([L, N, E])
        if batchFirst && batched { out = out.transpose(0, 1) }
        if !batched { out = out.squeeze(dim: 1) }
        guard needWeights else { return (out, nil) }
        var wts = weights.view([N, H, L, srcLen])
        if averageAttnWeights { wts = wts.mean(dim: 1) }
        if !batched { wts = wts.squeeze(dim: 0) }
        return (out, wts)
    }

    /// Self-attention of `input` without masks or weights (No PyTorch counterpart: torch's `forward` takes query, key and value).
    public override func forward(_ input: Tensor) -> Tensor { self(input, input, input, needWeights: false).output }

    /// Self-attention: x [L, N, E] (or [N, L, E] when batch-major) → one [L·N, 3E] GEMM, rearranged once
    /// into q, k, v [N·H, L, headDim].
    private func packedSelfProjection(_ x: Tensor, batchMajor: Bool) -> (Tensor, Tensor, Tensor) {
        let A = x.size(0), B = x.size(1), H = numHeads
        let (L, N) = batchMajor ? (B, A) : (A, B)
        let proj = F.linear(x.reshape([A * B, embedDim]), inProjWeight!, inProjBias).view([A, B, 3, H, headDim])
        let qkv = StackedUnbind.apply(
            (batchMajor ? proj.permute(2, 0, 3, 1, 4) : proj.permute(2, 1, 3, 0, 4))
                .contiguous().view([3, N * H, L, headDim]))
        return (qkv[0], qkv[1], qkv[2])
    }

    /// Separate (or key/value-shared) projections, split into heads: [N·H, len, headDim].
    private func projectHeads(_ q: Tensor, _ k: Tensor, _ v: Tensor, sharedKV: Bool) -> (Tensor, Tensor, Tensor) {
        let E = embedDim, N = q.size(1)
        let b = inProjBias?.chunk(3, dim: 0)
        let qp: Tensor, kp: Tensor, vp: Tensor
        if let w = inProjWeight {
            let ws = w.chunk(3, dim: 0)
            qp = F.linear(q, ws[0], b?[0])
            if sharedKV {
                let kv = F.linear(
                    k, w.narrow(dim: 0, start: E, length: 2 * E), inProjBias?.narrow(dim: 0, start: E, length: 2 * E)
                ).chunk(2, dim: -1)
                (kp, vp) = (kv[0], kv[1])
            } else {
                (kp, vp) = (F.linear(k, ws[1], b?[1]), F.linear(v, ws[2], b?[2]))
            }
        } else {
            let wq = qProjWeight!, wk = kProjWeight!, wv = vProjWeight!
            torchCheck(wq.sizes == [E, E], "expecting query weights shape of (\(E), \(E)), but got \(wq.shape)")
            torchCheck(
                wk.sizes == [E, k.size(-1)], "expecting key weights shape of (\(E), \(k.size(-1))), but got \(wk.shape)"
            )
            torchCheck(
                wv.sizes == [E, v.size(-1)],
                "expecting value weights shape of (\(E), \(v.size(-1))), but got \(wv.shape)")
            (qp, kp, vp) = (F.linear(q, wq, b?[0]), F.linear(k, wk, b?[1]), F.linear(v, wv, b?[2]))
        }
        func heads(_ x: Tensor) -> Tensor { x.reshape([x.size(0), N * numHeads, headDim]).transpose(0, 1) }
        return (heads(qp), heads(kp), heads(vp))
    }

    /// `_mha_shape_check`: whether the call is batched, with torch's messages for inconsistent ranks.
    private func checkShapes(
        _ query: Tensor, _ key: Tensor, _ value: Tensor, keyPaddingMask: Tensor?, attnMask: Tensor?
    ) -> Bool {
        torchCheck(
            query.ndim == 3 || query.ndim == 2,
            "query should be unbatched 2D or batched 3D tensor but received \(query.ndim)-D query tensor")
        let batched = query.ndim == 3
        let (kind, rank) = batched ? ("batched (3-D)", 3) : ("unbatched (2-D)", 2)
        torchCheck(
            key.ndim == rank && value.ndim == rank,
            "For \(kind) `query`, expected `key` and `value` to be \(rank)-D but found \(key.ndim)-D and \(value.ndim)-D tensors respectively"
        )
        if let m = keyPaddingMask {
            torchCheck(
                m.ndim == rank - 1,
                "For \(kind) `query`, expected `key_padding_mask` to be `None` or \(rank - 1)-D but found \(m.ndim)-D tensor instead"
            )
        }
        if let m = attnMask {
            torchCheck(
                m.ndim == 2 || m.ndim == 3,
                "For \(kind) `query`, expected `attn_mask` to be `None`, 2-D or 3-D but found \(m.ndim)-D tensor instead"
            )
            if !batched && m.ndim == 3 {
                let want = [numHeads, query.size(0), key.size(0)]
                torchCheck(
                    m.sizes == want,
                    "Expected `attn_mask` shape to be (\(want.map(String.init).joined(separator: ", "))) but got \(m.shape)"
                )
            }
        }
        return batched
    }

    /// The attention mask as an additive float mask [1 or N·H, L, S], shape-checked as torch.
    private func canonicalAttnMask(_ m: Tensor, dtype: DType, nh: Int, L: Int, S: Int) -> Tensor {
        let f = F.additiveMask(m, dtype: dtype, allowedWhenTrue: false)
        if f.ndim == 2 {
            torchCheck(f.sizes == [L, S], "The shape of the 2D attn_mask is \(f.shape), but should be (\(L), \(S)).")
            return f.unsqueeze(0)
        }
        torchCheck(
            f.sizes == [nh, L, S], "The shape of the 3D attn_mask is \(f.shape), but should be (\(nh), \(L), \(S)).")
        return f
    }
}

/// `nn.Transformer.generate_square_subsequent_mask(sz)`: 0 on and below the diagonal, −inf above.
/// PyTorch: `torch.nn.Transformer.generate_square_subsequent_mask`, as a free function.
public func generateSquareSubsequentMask(_ size: Int, dtype: DType = .float32) -> Tensor {
    Tensor.full([size, size], .double(-.infinity), dtype: dtype).triu(diagonal: 1)
}
