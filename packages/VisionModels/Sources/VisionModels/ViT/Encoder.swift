import Layers
import TensorCore

/// `torchvision.models.vision_transformer.EncoderBlock`: pre-norm self-attention and MLP, each added back
/// to its input (`ln_1`, `self_attention`, `dropout`, `ln_2`, `mlp`).
public final class EncoderBlock: Module {
    public let numHeads: Int
    @Child(name: "ln_1") public var ln1: LayerNorm
    /// `nn.MultiheadAttention(hidden_dim, num_heads, dropout=attention_dropout, batch_first=True)`.
    @Child public var selfAttention: MultiheadAttention
    @Child public var dropout: Dropout
    @Child(name: "ln_2") public var ln2: LayerNorm
    @Child public var mlp: MLPBlock

    public init(numHeads: Int, hiddenDim: Int, mlpDim: Int, dropout: Double, attentionDropout: Double) {
        self.numHeads = numHeads
        // Only these draw: attention before MLP, as torchvision builds them. The norms draw nothing.
        selfAttention = MultiheadAttention(hiddenDim, numHeads, dropout: attentionDropout, batchFirst: true)
        self.dropout = Dropout(dropout)
        mlp = MLPBlock(inDim: hiddenDim, mlpDim: mlpDim, dropout: dropout)
        super.init()
        ln1 = vitLayerNorm(hiddenDim)
        ln2 = vitLayerNorm(hiddenDim)
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    public override func makeCopy() -> Module {
        Init.withoutInitialization { EncoderBlock(numHeads: numHeads, hiddenDim: numHeads, mlpDim: 1, dropout: 0, attentionDropout: 0) }
    }

    public override func forward(_ input: Tensor) -> Tensor {
        torchCheck(input.ndim == 3, "Expected (batch_size, seq_length, hidden_dim) got \(input.shape)")
        var x = ln1(input)
        x = selfAttention(x, x, x, needWeights: false).output
        x = dropout(x) + input
        return x + mlp(ln2(x))
    }
}

/// `torchvision.models.vision_transformer.Encoder`: learned position embedding, dropout, the blocks
/// (`layers.encoder_layer_0` ...) and a final LayerNorm.
public final class Encoder: Module {
    /// [1, seq_length, hidden_dim], drawn N(0, 0.02) before any block is built (BERT's init).
    @Parameter public var posEmbedding: Tensor
    @Child public var dropout: Dropout
    @Child public var layers: Sequential
    @Child public var ln: LayerNorm

    public init(seqLength: Int, numLayers: Int, numHeads: Int, hiddenDim: Int, mlpDim: Int, dropout: Double, attentionDropout: Double) {
        posEmbedding = Init.normal_(Tensor.empty([1, seqLength, hiddenDim]), std: 0.02)
        self.dropout = Dropout(dropout)
        let blocks = Sequential([])
        for i in 0..<numLayers {
            blocks.addModule("encoder_layer_\(i)", EncoderBlock(
                numHeads: numHeads, hiddenDim: hiddenDim, mlpDim: mlpDim, dropout: dropout, attentionDropout: attentionDropout))
        }
        layers = blocks
        ln = vitLayerNorm(hiddenDim)
        super.init()
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    public override func makeCopy() -> Module {
        Init.withoutInitialization {
            Encoder(seqLength: 1, numLayers: 0, numHeads: 1, hiddenDim: 1, mlpDim: 1, dropout: 0, attentionDropout: 0)
        }
    }

    public override func forward(_ input: Tensor) -> Tensor {
        torchCheck(input.ndim == 3, "Expected (batch_size, seq_length, hidden_dim) got \(input.shape)")
        return ln(layers(dropout(input + posEmbedding)))
    }
}

/// torchvision's default `norm_layer`, `partial(nn.LayerNorm, eps=1e-6)`.
func vitLayerNorm(_ dim: Int) -> LayerNorm { LayerNorm([dim], eps: 1e-6) }
