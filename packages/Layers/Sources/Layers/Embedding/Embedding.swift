import Autodiff
import TensorCore

/// `nn.Embedding(num_embeddings, embedding_dim, padding_idx, max_norm)`: weight N(0, 1), padding row zeroed.
/// PyTorch: `torch.nn.Embedding`.
public final class Embedding: Module {
    /// No PyTorch counterpart: the fresh `Embedding` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Embedding(
            numEmbeddings, embeddingDim, paddingIdx: paddingIdx, maxNorm: maxNorm, normType: normType,
            scaleGradByFreq: scaleGradByFreq)
    }
    /// PyTorch: `torch.nn.Embedding.num_embeddings`, `embedding_dim`, `padding_idx` (normalized to be non-negative),
    /// `max_norm`, `norm_type`, `scale_grad_by_freq`.
    public let numEmbeddings: Int, embeddingDim: Int, paddingIdx: Int?, maxNorm: Double?, normType: Double,
        scaleGradByFreq: Bool
    /// The lookup table, shape `(numEmbeddings, embeddingDim)` (PyTorch: `torch.nn.Embedding.weight`).
    @Parameter public var weight: Tensor

    /// PyTorch: `torch.nn.Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False)`;
    /// `sparse` and `_weight` are not offered.
    public init(
        _ numEmbeddings: Int, _ embeddingDim: Int, paddingIdx: Int? = nil, maxNorm: Double? = nil, normType: Double = 2,
        scaleGradByFreq: Bool = false
    ) {
        var padding = paddingIdx
        if let p = paddingIdx {
            torchCheck(p < numEmbeddings && p >= -numEmbeddings, "Padding_idx must be within num_embeddings")
            padding = p < 0 ? p + numEmbeddings : p
        }
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.paddingIdx = padding
        self.maxNorm = maxNorm
        self.normType = normType
        self.scaleGradByFreq = scaleGradByFreq
        self.weight = Tensor.empty([numEmbeddings, embeddingDim])
        super.init()
        Init.normal_(weight)
        if let padding { noGrad { _ = weight[padding].fill_(0) } }
    }

    /// PyTorch: `torch.nn.Embedding.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        F.embedding(
            input, weight, paddingIdx: paddingIdx, maxNorm: maxNorm, normType: normType,
            scaleGradByFreq: scaleGradByFreq)
    }

    /// PyTorch: `torch.nn.Embedding.extra_repr`.
    public override var extraRepr: String {
        var s = "\(numEmbeddings), \(embeddingDim)"
        if let paddingIdx { s += ", padding_idx=\(paddingIdx)" }
        if let maxNorm { s += ", max_norm=\(pyFloat(maxNorm))" }
        if normType != 2 { s += ", norm_type=\(pyFloat(normType))" }
        if scaleGradByFreq { s += ", scale_grad_by_freq=True" }
        return s
    }
}
