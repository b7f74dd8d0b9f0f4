import Autodiff
import TensorCore

func activationFunction(_ name: String) -> (Tensor) -> Tensor {
    switch name {
    case "relu": return { $0.relu() }
    case "gelu": return { $0.gelu() }
    default: torchFail("activation should be relu/gelu, not \(name)")
    }
}

/// `nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation="relu",
/// layer_norm_eps=1e-5, batch_first=False, norm_first=False, bias=True)`.
/// PyTorch: `torch.nn.TransformerEncoderLayer`.
public final class TransformerEncoderLayer: Module {
    /// No PyTorch counterpart: the fresh `TransformerEncoderLayer` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        TransformerEncoderLayer(
            dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: dropoutP, activation: activation,
            layerNormEps: layerNormEps, batchFirst: batchFirst, normFirst: normFirst, bias: bias)
    }
    /// The model width, head count, feed-forward width, dropout probability, activation (`"relu"` or `"gelu"`) and
    /// layer-norm epsilon (PyTorch: `torch.nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps)`;
    /// torch keeps only some of them as attributes).
    public let dModel: Int, nhead: Int, dimFeedforward: Int, dropoutP: Double, activation: String, layerNormEps: Double
    /// Whether inputs are `(N, S, E)` rather than `(S, N, E)`, whether each block normalizes its input rather than its
    /// output, and whether the linear and norm layers have biases (PyTorch: `batch_first`, `norm_first`, `bias`).
    public let batchFirst: Bool, normFirst: Bool, bias: Bool
    /// PyTorch: `torch.nn.TransformerEncoderLayer.self_attn`.
    @Child public var selfAttn: MultiheadAttention
    /// The feed-forward block's first projection, `dModel` → `dimFeedforward` (PyTorch: `torch.nn.TransformerEncoderLayer.linear1`).
    @Child public var linear1: Linear
    /// The dropout between the feed-forward projections (PyTorch: `torch.nn.TransformerEncoderLayer.dropout`).
    @Child public var dropout: Dropout
    /// The feed-forward block's second projection, `dimFeedforward` → `dModel` (PyTorch: `torch.nn.TransformerEncoderLayer.linear2`).
    @Child public var linear2: Linear
    /// The self-attention block's norm (PyTorch: `torch.nn.TransformerEncoderLayer.norm1`).
    @Child public var norm1: LayerNorm
    /// The feed-forward block's norm (PyTorch: `torch.nn.TransformerEncoderLayer.norm2`).
    @Child public var norm2: LayerNorm
    /// The dropout on the self-attention block's output (PyTorch: `torch.nn.TransformerEncoderLayer.dropout1`).
    @Child public var dropout1: Dropout
    /// The dropout on the feed-forward block's output (PyTorch: `torch.nn.TransformerEncoderLayer.dropout2`).
    @Child public var dropout2: Dropout

    /// PyTorch: `torch.nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation="relu",
    /// layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True)`; the activation is named, not a callable.
    public init(
        dModel: Int, nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1, activation: String = "relu",
        layerNormEps: Double = 1e-5, batchFirst: Bool = false, normFirst: Bool = false, bias: Bool = true
    ) {
        (self.dModel, self.nhead, self.dimFeedforward, self.dropoutP) = (dModel, nhead, dimFeedforward, dropout)
        (self.activation, self.layerNormEps, self.batchFirst, self.normFirst, self.bias) = (
            activation, layerNormEps, batchFirst, normFirst, bias
        )
        selfAttn = MultiheadAttention(dModel, nhead, dropout: dropout, bias: bias, batchFirst: batchFirst)
        linear1 = Linear(dModel, dimFeedforward, bias: bias)
        self.dropout = Dropout(dropout)
        linear2 = Linear(dimFeedforward, dModel, bias: bias)
        norm1 = LayerNorm(dModel, eps: layerNormEps, bias: bias)
        norm2 = LayerNorm(dModel, eps: layerNormEps, bias: bias)
        dropout1 = Dropout(dropout)
        dropout2 = Dropout(dropout)
        super.init()
    }

    /// Self-attention then feed-forward, each with a residual connection
    /// (PyTorch: `torch.nn.TransformerEncoderLayer.forward(src, src_mask, src_key_padding_mask, is_causal)`).
    /// - Parameter src: `(S, N, E)`, or `(N, S, E)` when `batchFirst`.
    public func callAsFunction(
        _ src: Tensor, srcMask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil, isCausal: Bool = false
    ) -> Tensor {
        let act = activationFunction(activation)
        func sa(_ x: Tensor) -> Tensor {
            dropout1(
                selfAttn(
                    x, x, x, keyPaddingMask: srcKeyPaddingMask, needWeights: false, attnMask: srcMask,
                    isCausal: isCausal
                ).output)
        }
        func ff(_ x: Tensor) -> Tensor { dropout2(linear2(dropout(act(linear1(x))))) }
        var x = src
        if normFirst {
            x = x + sa(norm1(x))
            x = x + ff(norm2(x))
        } else {
            x = norm1(x + sa(x))
            x = norm2(x + ff(x))
        }
        return x
    }

    /// The layer without masks (PyTorch: `torch.nn.TransformerEncoderLayer.forward(src)`).
    public override func forward(_ input: Tensor) -> Tensor { self(input, srcKeyPaddingMask: nil) }

}

/// `nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation="relu", ...)`.
/// PyTorch: `torch.nn.TransformerDecoderLayer`.
public final class TransformerDecoderLayer: Module {
    /// No PyTorch counterpart: the fresh `TransformerDecoderLayer` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        TransformerDecoderLayer(
            dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: dropoutP, activation: activation,
            layerNormEps: layerNormEps, batchFirst: batchFirst, normFirst: normFirst, bias: bias)
    }
    /// The model width, head count, feed-forward width, dropout probability, activation (`"relu"` or `"gelu"`) and
    /// layer-norm epsilon (PyTorch: `torch.nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward, dropout, activation, layer_norm_eps)`;
    /// torch keeps only some of them as attributes).
    public let dModel: Int, nhead: Int, dimFeedforward: Int, dropoutP: Double, activation: String, layerNormEps: Double
    /// Whether inputs are `(N, S, E)` rather than `(S, N, E)`, whether each block normalizes its input rather than its
    /// output, and whether the linear and norm layers have biases (PyTorch: `batch_first`, `norm_first`, `bias`).
    public let batchFirst: Bool, normFirst: Bool, bias: Bool
    /// PyTorch: `torch.nn.TransformerDecoderLayer.self_attn`.
    @Child public var selfAttn: MultiheadAttention
    /// Attention from the target to the encoder's memory (PyTorch: `torch.nn.TransformerDecoderLayer.multihead_attn`).
    @Child public var multiheadAttn: MultiheadAttention
    /// The feed-forward block's first projection (PyTorch: `torch.nn.TransformerDecoderLayer.linear1`).
    @Child public var linear1: Linear
    /// The dropout between the feed-forward projections (PyTorch: `torch.nn.TransformerDecoderLayer.dropout`).
    @Child public var dropout: Dropout
    /// The feed-forward block's second projection (PyTorch: `torch.nn.TransformerDecoderLayer.linear2`).
    @Child public var linear2: Linear
    /// The self-attention block's norm (PyTorch: `torch.nn.TransformerDecoderLayer.norm1`).
    @Child public var norm1: LayerNorm
    /// The memory-attention block's norm (PyTorch: `torch.nn.TransformerDecoderLayer.norm2`).
    @Child public var norm2: LayerNorm
    /// The feed-forward block's norm (PyTorch: `torch.nn.TransformerDecoderLayer.norm3`).
    @Child public var norm3: LayerNorm
    /// The dropout on the self-attention block's output (PyTorch: `torch.nn.TransformerDecoderLayer.dropout1`).
    @Child public var dropout1: Dropout
    /// The dropout on the memory-attention block's output (PyTorch: `torch.nn.TransformerDecoderLayer.dropout2`).
    @Child public var dropout2: Dropout
    /// The dropout on the feed-forward block's output (PyTorch: `torch.nn.TransformerDecoderLayer.dropout3`).
    @Child public var dropout3: Dropout

    /// PyTorch: `torch.nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation="relu",
    /// layer_norm_eps=1e-05, batch_first=False, norm_first=False, bias=True)`; the activation is named, not a callable.
    public init(
        dModel: Int, nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1, activation: String = "relu",
        layerNormEps: Double = 1e-5, batchFirst: Bool = false, normFirst: Bool = false, bias: Bool = true
    ) {
        (self.dModel, self.nhead, self.dimFeedforward, self.dropoutP) = (dModel, nhead, dimFeedforward, dropout)
        (self.activation, self.layerNormEps, self.batchFirst, self.normFirst, self.bias) = (
            activation, layerNormEps, batchFirst, normFirst, bias
        )
        selfAttn = MultiheadAttention(dModel, nhead, dropout: dropout, bias: bias, batchFirst: batchFirst)
        multiheadAttn = MultiheadAttention(dModel, nhead, dropout: dropout, bias: bias, batchFirst: batchFirst)
        linear1 = Linear(dModel, dimFeedforward, bias: bias)
        self.dropout = Dropout(dropout)
        linear2 = Linear(dimFeedforward, dModel, bias: bias)
        norm1 = LayerNorm(dModel, eps: layerNormEps, bias: bias)
        norm2 = LayerNorm(dModel, eps: layerNormEps, bias: bias)
        norm3 = LayerNorm(dModel, eps: layerNormEps, bias: bias)
        dropout1 = Dropout(dropout)
        dropout2 = Dropout(dropout)
        dropout3 = Dropout(dropout)
        super.init()
    }

    /// Self-attention, attention to `memory`, then feed-forward, each with a residual connection
    /// (PyTorch: `torch.nn.TransformerDecoderLayer.forward`).
    public func callAsFunction(
        _ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor? = nil, memoryMask: Tensor? = nil,
        tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil, tgtIsCausal: Bool = false,
        memoryIsCausal: Bool = false
    ) -> Tensor {
        let act = activationFunction(activation)
        func sa(_ x: Tensor) -> Tensor {
            dropout1(
                selfAttn(
                    x, x, x, keyPaddingMask: tgtKeyPaddingMask, needWeights: false, attnMask: tgtMask,
                    isCausal: tgtIsCausal
                ).output)
        }
        func mha(_ x: Tensor) -> Tensor {
            dropout2(
                multiheadAttn(
                    x, memory, memory, keyPaddingMask: memoryKeyPaddingMask, needWeights: false, attnMask: memoryMask,
                    isCausal: memoryIsCausal
                ).output)
        }
        func ff(_ x: Tensor) -> Tensor { dropout3(linear2(dropout(act(linear1(x))))) }
        var x = tgt
        if normFirst {
            x = x + sa(norm1(x))
            x = x + mha(norm2(x))
            x = x + ff(norm3(x))
        } else {
            x = norm1(x + sa(x))
            x = norm2(x + mha(x))
            x = norm3(x + ff(x))
        }
        return x
    }

}

/// `nn.TransformerEncoder(encoder_layer, num_layers, norm=None)`: `num_layers` deep copies of the layer.
/// PyTorch: `torch.nn.TransformerEncoder`.
public final class TransformerEncoder: Module {
    /// No PyTorch counterpart: the fresh `TransformerEncoder` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { TransformerEncoder(layers: ModuleList(), norm: nil) }
    /// The stacked copies of the encoder layer (PyTorch: `torch.nn.TransformerEncoder.layers`).
    @Child public var layers: ModuleList
    /// The norm after the last layer, or nil (PyTorch: `torch.nn.TransformerEncoder.norm`).
    @Child public var norm: LayerNorm?
    /// PyTorch: `torch.nn.TransformerEncoder.num_layers`.
    public var numLayers: Int { layers.count }

    /// `numLayers` deep copies of `encoderLayer`, which itself is not registered
    /// (PyTorch: `torch.nn.TransformerEncoder(encoder_layer, num_layers, norm=None)`; no nested-tensor fast path).
    public init(_ encoderLayer: TransformerEncoderLayer, numLayers: Int, norm: LayerNorm? = nil) {
        layers = ModuleList((0..<numLayers).map { _ in encoderLayer.deepCopy() })
        self.norm = norm
        super.init()
    }

    init(layers: ModuleList, norm: LayerNorm?) {
        self.layers = layers
        self.norm = norm
        super.init()
    }

    /// The layers in order, then `norm` (PyTorch: `torch.nn.TransformerEncoder.forward(src, mask, src_key_padding_mask, is_causal)`).
    public func callAsFunction(
        _ src: Tensor, mask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil, isCausal: Bool = false
    ) -> Tensor {
        var x = src
        for layer in layers {
            x = (layer as! TransformerEncoderLayer)(
                x, srcMask: mask, srcKeyPaddingMask: srcKeyPaddingMask, isCausal: isCausal)
        }
        return norm.map { $0(x) } ?? x
    }

    /// The stack without masks (PyTorch: `torch.nn.TransformerEncoder.forward(src)`).
    public override func forward(_ input: Tensor) -> Tensor { self(input, srcKeyPaddingMask: nil) }
}

/// `nn.TransformerDecoder(decoder_layer, num_layers, norm=None)`.
/// PyTorch: `torch.nn.TransformerDecoder`.
public final class TransformerDecoder: Module {
    /// No PyTorch counterpart: the fresh `TransformerDecoder` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { TransformerDecoder(layers: ModuleList(), norm: nil) }
    /// The stacked copies of the decoder layer (PyTorch: `torch.nn.TransformerDecoder.layers`).
    @Child public var layers: ModuleList
    /// The norm after the last layer, or nil (PyTorch: `torch.nn.TransformerDecoder.norm`).
    @Child public var norm: LayerNorm?
    /// PyTorch: `torch.nn.TransformerDecoder.num_layers`.
    public var numLayers: Int { layers.count }

    /// `numLayers` deep copies of `decoderLayer`, which itself is not registered
    /// (PyTorch: `torch.nn.TransformerDecoder(decoder_layer, num_layers, norm=None)`).
    public init(_ decoderLayer: TransformerDecoderLayer, numLayers: Int, norm: LayerNorm? = nil) {
        layers = ModuleList((0..<numLayers).map { _ in decoderLayer.deepCopy() })
        self.norm = norm
        super.init()
    }

    init(layers: ModuleList, norm: LayerNorm?) {
        self.layers = layers
        self.norm = norm
        super.init()
    }

    /// The layers in order, each attending to `memory`, then `norm` (PyTorch: `torch.nn.TransformerDecoder.forward`).
    public func callAsFunction(
        _ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor? = nil, memoryMask: Tensor? = nil,
        tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil, tgtIsCausal: Bool = false,
        memoryIsCausal: Bool = false
    ) -> Tensor {
        var x = tgt
        for layer in layers {
            x = (layer as! TransformerDecoderLayer)(
                x, memory, tgtMask: tgtMask, memoryMask: memoryMask, tgtKeyPaddingMask: tgtKeyPaddingMask,
                memoryKeyPaddingMask: memoryKeyPaddingMask, tgtIsCausal: tgtIsCausal, memoryIsCausal: memoryIsCausal)
        }
        return norm.map { $0(x) } ?? x
    }
}
