import Foundation
import Layers
import TensorCore

/// `torchvision.models.VisionTransformer` (without `conv_stem_configs`): patches embedded by `conv_proj`,
/// a class token, the `encoder`, and `heads` reading the class token's output, with torchvision's keys,
/// repr and initialization (each layer's default init as it is built, then trunc_normal_ for `conv_proj`
/// and `heads.pre_logits`, zeros for `heads.head`), so `manualSeed(s); vitB16()` holds the very weights of
/// `torch.manual_seed(s); torchvision.models.vit_b_16()`.
public final class VisionTransformer: Module {
    /// The input side, the patch side and the widths (PyTorch: `torchvision.models.VisionTransformer.image_size`, `.patch_size`, `.hidden_dim`, `.mlp_dim`).
    public let imageSize: Int, patchSize: Int, hiddenDim: Int, mlpDim: Int
    /// PyTorch: `torchvision.models.VisionTransformer.attention_dropout`, `.dropout`.
    public let attentionDropout: Double, dropout: Double
    /// PyTorch: `torchvision.models.VisionTransformer.num_classes`.
    public let numClasses: Int
    /// The width of the Tanh `pre_logits` layer, nil for none (PyTorch: `torchvision.models.VisionTransformer.representation_size`).
    public let representationSize: Int?
    /// Patches plus the class token: (imageSize / patchSize)² + 1.
    /// PyTorch: `torchvision.models.VisionTransformer.seq_length`.
    public let seqLength: Int
    /// The patch embedding: a `patchSize` × `patchSize` convolution with that stride (PyTorch: `torchvision.models.VisionTransformer.conv_proj`).
    @Child public var convProj: Conv2d
    /// [1, 1, hidden_dim], zeros.
    /// PyTorch: `torchvision.models.VisionTransformer.class_token`.
    @Parameter public var classToken: Tensor
    /// PyTorch: `torchvision.models.VisionTransformer.encoder`.
    @Child public var encoder: Encoder
    /// `head` (a `Linear`), or `pre_logits`, `act` (Tanh), `head` with `representationSize`. Fine-tune for
    /// other classes as torchvision's `model.heads.head = nn.Linear(...)`: `heads.addModule("head", Linear(...))`.
    @Child public var heads: Sequential

    /// `VisionTransformer(image_size, patch_size, num_layers, num_heads, hidden_dim, mlp_dim, dropout=0.0,
    /// attention_dropout=0.0, num_classes=1000, representation_size=None)`.
    /// PyTorch: `torchvision.models.VisionTransformer.__init__`.
    public init(
        imageSize: Int, patchSize: Int, numLayers: Int, numHeads: Int, hiddenDim: Int, mlpDim: Int,
        dropout: Double = 0, attentionDropout: Double = 0, numClasses: Int = 1000, representationSize: Int? = nil
    ) {
        torchCheck(imageSize % patchSize == 0, "Input shape indivisible by patch size!")
        (self.imageSize, self.patchSize, self.hiddenDim, self.mlpDim) = (imageSize, patchSize, hiddenDim, mlpDim)
        (self.dropout, self.attentionDropout) = (dropout, attentionDropout)
        self.numClasses = numClasses
        self.representationSize = representationSize
        // Built in torchvision's order: each default init draws from the generator as torchvision's does.
        convProj = Conv2d(3, hiddenDim, kernelSize: IntOrTuple([patchSize]), stride: IntOrTuple([patchSize]))
        classToken = Tensor.zeros([1, 1, hiddenDim])
        seqLength = (imageSize / patchSize) * (imageSize / patchSize) + 1
        encoder = Encoder(
            seqLength: seqLength, numLayers: numLayers, numHeads: numHeads, hiddenDim: hiddenDim, mlpDim: mlpDim,
            dropout: dropout, attentionDropout: attentionDropout)
        if let representationSize {
            heads = Sequential(named: [
                "pre_logits": Linear(hiddenDim, representationSize), "act": Tanh(),
                "head": Linear(representationSize, numClasses),
            ])
        } else {
            heads = Sequential(named: ["head": Linear(hiddenDim, numClasses)])
        }
        super.init()

        // The patchify stem: a linear embedding of each patch, std √(1/fan_in).
        Init.truncNormal_(convProj.weight, std: (1.0 / Double(3 * patchSize * patchSize)).squareRoot())
        Init.zeros_(convProj.bias!)
        if let preLogits = heads.child("pre_logits") as? Linear {
            Init.truncNormal_(preLogits.weight, std: (1.0 / Double(preLogits.inFeatures)).squareRoot())
            Init.zeros_(preLogits.bias!)
        }
        if let head = heads.child("head") as? Linear {
            Init.zeros_(head.weight)
            Init.zeros_(head.bias!)
        }
    }

    /// torchvision's `_process_input`: (n, 3, h, w) → patch embeddings (n, (h/p)·(w/p), hidden_dim).
    public func processInput(_ x: Tensor) -> Tensor {
        let n = x.size(0), h = x.size(2), w = x.size(3), p = patchSize
        torchCheck(h == imageSize, "Wrong image height! Expected \(imageSize) but got \(h)!")
        torchCheck(w == imageSize, "Wrong image width! Expected \(imageSize) but got \(w)!")
        return convProj(x).reshape([n, hiddenDim, (h / p) * (w / p)]).permute(0, 2, 1)
    }

    /// For `deepCopy()`: an instance built without drawing; the copy then replaces its children and tensors.
    /// Its sizes are the original's (forward checks the input against them); its encoder, a shell, is replaced.
    /// No PyTorch counterpart (Python's `copy.deepcopy` needs no blank instance): the instance `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Init.withoutInitialization {
            VisionTransformer(
                imageSize: imageSize, patchSize: patchSize, numLayers: 0, numHeads: 1, hiddenDim: hiddenDim,
                mlpDim: mlpDim,
                dropout: dropout, attentionDropout: attentionDropout, numClasses: numClasses,
                representationSize: representationSize)
        }
    }

    /// `(N, 3, imageSize, imageSize)` images to `(N, numClasses)` logits (PyTorch: `torchvision.models.VisionTransformer.forward`).
    public override func forward(_ x: Tensor) -> Tensor {
        let patches = processInput(x)
        let classTokens = classToken.expand([patches.size(0), -1, -1])
        let encoded = encoder(Tensor.cat([classTokens, patches], dim: 1))
        // The class token's output classifies, as in language models.
        return heads(encoded.select(dim: 1, index: 0))
    }
}
