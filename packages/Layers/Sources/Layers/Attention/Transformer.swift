import TensorCore
import Autodiff

func activationFunction(_ name: String) -> (Tensor) -> Tensor {
    switch name {
    case "relu": return { $0.relu() }
    case "gelu": return { $0.gelu() }
    default: torchFail("activation should be relu/gelu, not \(name)")
    }
}

/// `nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation="relu",
/// layer_norm_eps=1e-5, batch_first=False, norm_first=False, bias=True)`.
public final class TransformerEncoderLayer: Module {
    public override func makeCopy() -> Module { TransformerEncoderLayer(dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: dropoutP, activation: activation, layerNormEps: layerNormEps, batchFirst: batchFirst, normFirst: normFirst, bias: bias) }
    public let dModel: Int, nhead: Int, dimFeedforward: Int, dropoutP: Double, activation: String, layerNormEps: Double
    public let batchFirst: Bool, normFirst: Bool, bias: Bool
    @Child public var selfAttn: MultiheadAttention
    @Child public var linear1: Linear
    @Child public var dropout: Dropout
    @Child public var linear2: Linear
    @Child public var norm1: LayerNorm
    @Child public var norm2: LayerNorm
    @Child public var dropout1: Dropout
    @Child public var dropout2: Dropout

    public init(
        dModel: Int, nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1, activation: String = "relu",
        layerNormEps: Double = 1e-5, batchFirst: Bool = false, normFirst: Bool = false, bias: Bool = true
    ) {
        (self.dModel, self.nhead, self.dimFeedforward, self.dropoutP) = (dModel, nhead, dimFeedforward, dropout)
        (self.activation, self.layerNormEps, self.batchFirst, self.normFirst, self.bias) = (activation, layerNormEps, batchFirst, normFirst, bias)
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

    public func callAsFunction(_ src: Tensor, srcMask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil, isCausal: Bool = false) -> Tensor {
        let act = activationFunction(activation)
        func sa(_ x: Tensor) -> Tensor {
            dropout1(selfAttn(x, x, x, keyPaddingMask: srcKeyPaddingMask, needWeights: false, attnMask: srcMask, isCausal: isCausal).output)
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

    public override func forward(_ input: Tensor) -> Tensor { self(input, srcKeyPaddingMask: nil) }

}

/// `nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation="relu", ...)`.
public final class TransformerDecoderLayer: Module {
    public override func makeCopy() -> Module { TransformerDecoderLayer(dModel: dModel, nhead: nhead, dimFeedforward: dimFeedforward, dropout: dropoutP, activation: activation, layerNormEps: layerNormEps, batchFirst: batchFirst, normFirst: normFirst, bias: bias) }
    public let dModel: Int, nhead: Int, dimFeedforward: Int, dropoutP: Double, activation: String, layerNormEps: Double
    public let batchFirst: Bool, normFirst: Bool, bias: Bool
    @Child public var selfAttn: MultiheadAttention
    @Child public var multiheadAttn: MultiheadAttention
    @Child public var linear1: Linear
    @Child public var dropout: Dropout
    @Child public var linear2: Linear
    @Child public var norm1: LayerNorm
    @Child public var norm2: LayerNorm
    @Child public var norm3: LayerNorm
    @Child public var dropout1: Dropout
    @Child public var dropout2: Dropout
    @Child public var dropout3: Dropout

    public init(
        dModel: Int, nhead: Int, dimFeedforward: Int = 2048, dropout: Double = 0.1, activation: String = "relu",
        layerNormEps: Double = 1e-5, batchFirst: Bool = false, normFirst: Bool = false, bias: Bool = true
    ) {
        (self.dModel, self.nhead, self.dimFeedforward, self.dropoutP) = (dModel, nhead, dimFeedforward, dropout)
        (self.activation, self.layerNormEps, self.batchFirst, self.normFirst, self.bias) = (activation, layerNormEps, batchFirst, normFirst, bias)
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

    public func callAsFunction(
        _ tgt: Tensor, _ memory: Tensor, tgtMask: Tensor? = nil, memoryMask: Tensor? = nil,
        tgtKeyPaddingMask: Tensor? = nil, memoryKeyPaddingMask: Tensor? = nil, tgtIsCausal: Bool = false,
        memoryIsCausal: Bool = false
    ) -> Tensor {
        let act = activationFunction(activation)
        func sa(_ x: Tensor) -> Tensor {
            dropout1(selfAttn(x, x, x, keyPaddingMask: tgtKeyPaddingMask, needWeights: false, attnMask: tgtMask, isCausal: tgtIsCausal).output)
        }
        func mha(_ x: Tensor) -> Tensor {
            dropout2(multiheadAttn(x, memory, memory, keyPaddingMask: memoryKeyPaddingMask, needWeights: false, attnMask: memoryMask,
                                   isCausal: memoryIsCausal).output)
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
public final class TransformerEncoder: Module {
    public override func makeCopy() -> Module { TransformerEncoder(layers: ModuleList(), norm: nil) }
    @Child public var layers: ModuleList
    @Child public var norm: LayerNorm?
    public var numLayers: Int { layers.count }

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

    public func callAsFunction(_ src: Tensor, mask: Tensor? = nil, srcKeyPaddingMask: Tensor? = nil, isCausal: Bool = false) -> Tensor {
        var x = src
        for layer in layers { x = (layer as! TransformerEncoderLayer)(x, srcMask: mask, srcKeyPaddingMask: srcKeyPaddingMask, isCausal: isCausal) }
        return norm.map { $0(x) } ?? x
    }

    public override func forward(_ input: Tensor) -> Tensor { self(input, srcKeyPaddingMask: nil) }
}

/// `nn.TransformerDecoder(decoder_layer, num_layers, norm=None)`.
public final class TransformerDecoder: Module {
    public override func makeCopy() -> Module { TransformerDecoder(layers: ModuleList(), norm: nil) }
    @Child public var layers: ModuleList
    @Child public var norm: LayerNorm?
    public var numLayers: Int { layers.count }

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
