import Autodiff
import TensorCore

extension F {
    /// `F.embedding_bag(input, weight, offsets, mode, per_sample_weights, include_last_offset, padding_idx)`:
    /// sums / means / maxes of bags of rows, bags given by 2-D input rows or 1-D input with offsets.
    /// PyTorch: `torch.nn.functional.embedding_bag`; `max_norm`, `norm_type`, `scale_grad_by_freq` and `sparse` are not offered.
    /// - Returns: `(B, embeddingDim)`, one row per bag.
    public static func embeddingBag(
        _ input: Tensor, _ weight: Tensor, offsets: Tensor? = nil, mode: EmbeddingBagMode = .mean,
        perSampleWeights: Tensor? = nil, includeLastOffset: Bool = false, paddingIdx: Int? = nil
    ) -> Tensor {
        NNOps.embeddingBag(
            weight, input, offsets: offsets, mode: mode, perSampleWeights: perSampleWeights,
            includeLastOffset: includeLastOffset, paddingIdx: paddingIdx
        ).output
    }
}

/// `nn.EmbeddingBag(num_embeddings, embedding_dim, mode='mean', padding_idx=None)`: weight N(0, 1).
/// PyTorch: `torch.nn.EmbeddingBag`.
public final class EmbeddingBag: Module {
    /// No PyTorch counterpart: the fresh `EmbeddingBag` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        EmbeddingBag(
            numEmbeddings, embeddingDim, mode: mode, includeLastOffset: includeLastOffset, paddingIdx: paddingIdx)
    }
    /// PyTorch: `torch.nn.EmbeddingBag.num_embeddings`, `embedding_dim`, `mode`, `padding_idx` (normalized to be
    /// non-negative), `include_last_offset`.
    public let numEmbeddings: Int, embeddingDim: Int, mode: EmbeddingBagMode, paddingIdx: Int?, includeLastOffset: Bool
    /// The lookup table, shape `(numEmbeddings, embeddingDim)` (PyTorch: `torch.nn.EmbeddingBag.weight`).
    @Parameter public var weight: Tensor

    /// PyTorch: `torch.nn.EmbeddingBag(num_embeddings, embedding_dim, mode='mean', include_last_offset=False, padding_idx=None)`.
    public init(
        _ numEmbeddings: Int, _ embeddingDim: Int, mode: EmbeddingBagMode = .mean, includeLastOffset: Bool = false,
        paddingIdx: Int? = nil
    ) {
        var padding = paddingIdx
        if let p = paddingIdx {
            torchCheck(p < numEmbeddings && p >= -numEmbeddings, "padding_idx must be within num_embeddings")
            padding = p < 0 ? p + numEmbeddings : p
        }
        self.numEmbeddings = numEmbeddings
        self.embeddingDim = embeddingDim
        self.mode = mode
        self.paddingIdx = padding
        self.includeLastOffset = includeLastOffset
        weight = Tensor.empty([numEmbeddings, embeddingDim])
        super.init()
        Init.normal_(weight)
        if let padding { noGrad { _ = weight[padding].fill_(0) } }
    }

    /// Reduces each bag: rows of a 2-D `input`, or the spans of a 1-D `input` that start at `offsets`
    /// (PyTorch: `torch.nn.EmbeddingBag.forward(input, offsets, per_sample_weights)`).
    public func callAsFunction(_ input: Tensor, offsets: Tensor? = nil, perSampleWeights: Tensor? = nil) -> Tensor {
        F.embeddingBag(
            input, weight, offsets: offsets, mode: mode, perSampleWeights: perSampleWeights,
            includeLastOffset: includeLastOffset, paddingIdx: paddingIdx)
    }

    /// The bags as the rows of a 2-D `input` (PyTorch: `torch.nn.EmbeddingBag.forward(input)`).
    public override func forward(_ input: Tensor) -> Tensor { self(input, offsets: nil) }

    /// PyTorch: `torch.nn.EmbeddingBag.extra_repr`.
    public override var extraRepr: String {
        "\(numEmbeddings), \(embeddingDim), mode='\(mode.rawValue)'" + (paddingIdx.map { ", padding_idx=\($0)" } ?? "")
    }
}
