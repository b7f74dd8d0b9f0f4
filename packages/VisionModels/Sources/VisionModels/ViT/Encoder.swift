import Layers
import TensorCore

/// `torchvision.models.vision_transformer.EncoderBlock`: pre-norm self-attention and MLP, each added back
/// to its input (`ln_1`, `self_attention`, `dropout`, `ln_2`, `mlp`).
public final class EncoderBlock: Module {
    /// PyTorch: `torchvision.models.vision_transformer.EncoderBlock.num_heads`.
    public let numHeads: Int
    /// The norm before attention (PyTorch: `torchvision.models.vision_transformer.EncoderBlock.ln_1`).
    @Child(name: "ln_1") public var ln1: LayerNorm
    /// `nn.MultiheadAttention(hidden_dim, num_heads, dropout=attention_dropout, batch_first=True)`.
    /// PyTorch: `torchvision.models.vision_transformer.EncoderBlock.self_attention`.
    @Child public var selfAttention: MultiheadAttention
    /// Dropout on the attention output (PyTorch: `torchvision.models.vision_transformer.EncoderBlock.dropout`).
    @Child public var dropout: Dropout
    /// The norm before the MLP (PyTorch: `torchvision.models.vision_transformer.EncoderBlock.ln_2`).
    @Child(name: "ln_2") public var ln2: LayerNorm
    /// PyTorch: `torchvision.models.vision_transformer.EncoderBlock.mlp`.
    @Child public var mlp: MLPBlock

    /// PyTorch: `torchvision.models.vision_transformer.EncoderBlock(num_heads, hidden_dim, mlp_dim, dropout, attention_dropout)`.
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
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Init.withoutInitialization {
            EncoderBlock(numHeads: numHeads, hiddenDim: numHeads, mlpDim: 1, dropout: 0, attentionDropout: 0)
        }
    }

    /// `(N, seqLength, hiddenDim)` in and out (PyTorch: `torchvision.models.vision_transformer.EncoderBlock.forward`).
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
    /// PyTorch: `torchvision.models.vision_transformer.Encoder.pos_embedding`.
    @Parameter public var posEmbedding: Tensor
    /// Dropout after adding the position embedding (PyTorch: `torchvision.models.vision_transformer.Encoder.dropout`).
    @Child public var dropout: Dropout
    /// The `encoder_layer_i` blocks (PyTorch: `torchvision.models.vision_transformer.Encoder.layers`).
    @Child public var layers: Sequential
    /// The final norm (PyTorch: `torchvision.models.vision_transformer.Encoder.ln`).
    @Child public var ln: LayerNorm

    /// PyTorch: `torchvision.models.vision_transformer.Encoder(seq_length, num_layers, num_heads, hidden_dim, mlp_dim, dropout, attention_dropout)`.
    public init(
        seqLength: Int, numLayers: Int, numHeads: Int, hiddenDim: Int, mlpDim: Int, dropout: Double,
        attentionDropout: Double
    ) {
        posEmbedding = Init.normal_(Tensor.empty([1, seqLength, hiddenDim]), std: 0.02)
        self.dropout = Dropout(dropout)
        let blocks = Sequential([])
        for i in 0..<numLayers {
            blocks.addModule(
                "encoder_layer_\(i)",
                EncoderBlock(
                    numHeads: numHeads, hiddenDim: hiddenDim, mlpDim: mlpDim, dropout: dropout,
                    attentionDropout: attentionDropout))
        }
        layers = blocks
        ln = vitLayerNorm(hiddenDim)
        super.init()
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Init.withoutInitialization {
            Encoder(seqLength: 1, numLayers: 0, numHeads: 1, hiddenDim: 1, mlpDim: 1, dropout: 0, attentionDropout: 0)
        }
    }

    /// `(N, seqLength, hiddenDim)` in and out (PyTorch: `torchvision.models.vision_transformer.Encoder.forward`).
    public override func forward(_ input: Tensor) -> Tensor {
        torchCheck(input.ndim == 3, "Expected (batch_size, seq_length, hidden_dim) got \(input.shape)")
        return ln(layers(dropout(input + posEmbedding)))
    }
}

/// torchvision's default `norm_layer`, `partial(nn.LayerNorm, eps=1e-6)`.
func vitLayerNorm(_ dim: Int) -> LayerNorm { LayerNorm([dim], eps: 1e-6) }
