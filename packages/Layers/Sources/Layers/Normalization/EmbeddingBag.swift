import TensorCore
import Autodiff

extension F {
    /// `F.embedding_bag(input, weight, offsets, mode, per_sample_weights, include_last_offset, padding_idx)`:
    /// sums / means / maxes of bags of rows, bags given by 2-D input rows or 1-D input with offsets.
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
public final class EmbeddingBag: Module {
    public override func makeCopy() -> Module { EmbeddingBag(numEmbeddings, embeddingDim, mode: mode, includeLastOffset: includeLastOffset, paddingIdx: paddingIdx) }
    public let numEmbeddings: Int, embeddingDim: Int, mode: EmbeddingBagMode, paddingIdx: Int?, includeLastOffset: Bool
    @Parameter public var weight: Tensor

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

    public func callAsFunction(_ input: Tensor, offsets: Tensor? = nil, perSampleWeights: Tensor? = nil) -> Tensor {
        F.embeddingBag(input, weight, offsets: offsets, mode: mode, perSampleWeights: perSampleWeights,
                       includeLastOffset: includeLastOffset, paddingIdx: paddingIdx)
    }

    public override func forward(_ input: Tensor) -> Tensor { self(input, offsets: nil) }

    public override var extraRepr: String {
        "\(numEmbeddings), \(embeddingDim), mode='\(mode.rawValue)'" + (paddingIdx.map { ", padding_idx=\($0)" } ?? "")
    }
}
