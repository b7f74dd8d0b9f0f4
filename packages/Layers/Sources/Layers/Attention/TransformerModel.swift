import Autodiff
import TensorCore

/// What `nn.Transformer` calls its encoder with; `TransformerEncoder` conforms, and so can a custom one.
/// No PyTorch counterpart: Python duck-types `custom_encoder`; Swift states the call `torch.nn.Transformer` makes.
public protocol TransformerEncoding: Module {
    func callAsFunction(_ src: Tensor, mask: Tensor?, srcKeyPaddingMask: Tensor?, isCausal: Bool) -> Tensor
}

/// What `nn.Transformer` calls its decoder with; `TransformerDecoder` conforms, and so can a custom one.
/// No PyTorch counterpart: Python duck-types `custom_decoder`; Swift states the call `torch.nn.Transformer` makes.
public protocol TransformerDecoding: Module {
    func callAsFunction(
        _ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor?, memoryMask: Tensor?, tgtKeyPaddingMask: Tensor?,
        memoryKeyPaddingMask: Tensor?, tgtIsCausal: Bool, memoryIsCausal: Bool
    ) -> Tensor
}

extension TransformerEncoder: TransformerEncoding {}
extension TransformerDecoder: TransformerDecoding {}

/// `nn.Transformer(d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6, dim_feedforward=2048,
/// dropout=0.1, activation="relu", custom_encoder=None, custom_decoder=None, layer_norm_eps=1e-5,
/// batch_first=False, norm_first=False, bias=True)`: encoder and decoder stacks, each ending in a LayerNorm,
/// then xavier_uniform_ over every parameter of more than one dimension (custom stacks included), as torch.
/// PyTorch: `torch.nn.Transformer`.
public final class Transformer: Module {
    /// No PyTorch counterpart: the fresh `Transformer` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Transformer(encoder: encoder, decoder: decoder, dModel: dModel, nhead: nhead, batchFirst: batchFirst)
    }
    /// The model width, head count and batch layout the forward checks inputs against
    /// (PyTorch: `torch.nn.Transformer.d_model`, `nhead`, `batch_first`).
    public let dModel: Int, nhead: Int, batchFirst: Bool
    /// The encoder stack, or the custom one (PyTorch: `torch.nn.Transformer.encoder`).
    @Child public var encoder: any TransformerEncoding
    /// The decoder stack, or the custom one (PyTorch: `torch.nn.Transformer.decoder`).
    @Child public var decoder: any TransformerDecoding

    /// PyTorch: `torch.nn.Transformer(d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6, dim_feedforward=2048,
    /// dropout=0.1, activation="relu", custom_encoder=None, custom_decoder=None, layer_norm_eps=1e-05, batch_first=False,
    /// norm_first=False, bias=True)`.
    public init(
        dModel: Int = 512, nhead: Int = 8, numEncoderLayers: Int = 6, numDecoderLayers: Int = 6,
        dimFeedforward: Int = 2048, dropout: Double = 0.1, activation: String = "relu",
        customEncoder: (any TransformerEncoding)? = nil, customDecoder: (any TransformerDecoding)? = nil,
        layerNormEps: Double = 1e-5, batchFirst: Bool = false, normFirst: Bool = false, bias: Bool = true
    ) {
        (self.dModel, self.nhead, self.batchFirst) = (dModel, nhead, batchFirst)
        encoder =
            customEncoder
            ?? TransformerEncoder(
                TransformerEncoderLayer(
                    dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: dropout,
                    activation: activation,
                    layerNormEps: layerNormEps, batchFirst: batchFirst, normFirst: normFirst, bias: bias),
                numLayers: numEncoderLayers, norm: LayerNorm(dModel, eps: layerNormEps, bias: bias))
        decoder =
            customDecoder
            ?? TransformerDecoder(
                TransformerDecoderLayer(
                    dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: dropout,
                    activation: activation,
                    layerNormEps: layerNormEps, batchFirst: batchFirst, normFirst: normFirst, bias: bias),
                numLayers: numDecoderLayers, norm: LayerNorm(dModel, eps: layerNormEps, bias: bias))
        super.init()
        for p in parameters() where p.ndim > 1 { Init.xavierUniform_(p) }
    }

    init(encoder: any TransformerEncoding, decoder: any TransformerDecoding, dModel: Int, nhead: Int, batchFirst: Bool)
    {
        (self.encoder, self.decoder, self.dModel, self.nhead, self.batchFirst) = (
            encoder, decoder, dModel, nhead, batchFirst
        )
        super.init()
    }

    /// `forward(src, tgt, src_mask, tgt_mask, memory_mask, *_key_padding_mask, *_is_causal)`.
    /// PyTorch: `torch.nn.Transformer.forward`.
    /// - Parameters:
    ///   - src: `(S, N, E)`, `(N, S, E)` when `batchFirst`, or unbatched `(S, E)`.
    ///   - tgt: `(T, N, E)`, `(N, T, E)` when `batchFirst`, or unbatched `(T, E)`.
    /// - Returns: shaped as `tgt`.
    public func callAsFunction(
        _ src: Tensor, _ tgt: Tensor, srcMask: Tensor? = nil, tgtMask: Tensor? = nil, memoryMask: Tensor? = nil,
        srcKeyPaddingMask: Tensor? = nil, tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil,
        srcIsCausal: Bool = false, tgtIsCausal: Bool = false, memoryIsCausal: Bool = false
    ) -> Tensor {
        let batched = src.ndim == 3, batchDim = batchFirst ? 0 : 1
        torchCheck(
            !batched || src.size(batchDim) == tgt.size(batchDim), "the batch number of src and tgt must be equal")
        torchCheck(
            src.size(-1) == dModel && tgt.size(-1) == dModel,
            "the feature number of src and tgt must be equal to d_model")
        let memory = encoder(src, mask: srcMask, srcKeyPaddingMask: srcKeyPaddingMask, isCausal: srcIsCausal)
        return decoder(
            tgt, memory, tgtMask: tgtMask, memoryMask: memoryMask, tgtKeyPaddingMask: tgtKeyPaddingMask,
            memoryKeyPaddingMask: memoryKeyPaddingMask, tgtIsCausal: tgtIsCausal, memoryIsCausal: memoryIsCausal)
    }

    /// `nn.Transformer.generate_square_subsequent_mask(sz)`.
    /// PyTorch: `torch.nn.Transformer.generate_square_subsequent_mask` (a static method there too).
    public static func generateSquareSubsequentMask(_ size: Int, dtype: DType = .float32) -> Tensor {
        Layers.generateSquareSubsequentMask(size, dtype: dtype)
    }
}
