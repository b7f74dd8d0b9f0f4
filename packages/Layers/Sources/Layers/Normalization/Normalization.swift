import Autodiff
import TensorCore

/// `nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True, bias=True)`: weight ones, bias zeros.
/// PyTorch: `torch.nn.LayerNorm`.
public final class LayerNorm: Module {
    /// No PyTorch counterpart: the fresh `LayerNorm` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        LayerNorm(normalizedShape, eps: eps, elementwiseAffine: elementwiseAffine, bias: bias != nil)
    }
    /// The trailing shape normalized over, the variance epsilon, and whether there are learnable `weight`/`bias`
    /// (PyTorch: `torch.nn.LayerNorm.normalized_shape`, `eps`, `elementwise_affine`).
    public let normalizedShape: [Int], eps: Double, elementwiseAffine: Bool
    /// The per-element scale, shape `normalizedShape`; nil without `elementwiseAffine` (PyTorch: `torch.nn.LayerNorm.weight`).
    @Parameter public var weight: Tensor?
    /// The per-element shift, shape `normalizedShape`; nil without `elementwiseAffine` or `bias` (PyTorch: `torch.nn.LayerNorm.bias`).
    @Parameter public var bias: Tensor?

    /// PyTorch: `torch.nn.LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True, bias=True)`.
    public init(_ normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        self.normalizedShape = normalizedShape
        self.eps = eps
        self.elementwiseAffine = elementwiseAffine
        self.weight = elementwiseAffine ? Tensor.ones(normalizedShape) : nil
        self.bias = elementwiseAffine && bias ? Tensor.zeros(normalizedShape) : nil
        super.init()
    }

    /// One normalized trailing dimension (PyTorch: `torch.nn.LayerNorm(normalized_shape)` with an int).
    public convenience init(
        _ normalizedShape: Int, eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true
    ) {
        self.init([normalizedShape], eps: eps, elementwiseAffine: elementwiseAffine, bias: bias)
    }

    /// PyTorch: `torch.nn.LayerNorm.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        F.layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    /// PyTorch: `torch.nn.LayerNorm.extra_repr`.
    public override var extraRepr: String {
        "(" + normalizedShape.map(String.init).joined(separator: ", ") + (normalizedShape.count == 1 ? ",)" : ")")
            + ", eps=\(pyFloat(eps)), elementwise_affine=\(pyBool(elementwiseAffine)), bias=\(pyBool(bias != nil))"
    }
}

/// `nn.GroupNorm(num_groups, num_channels, eps, affine)`.
/// Normalizes each sample over groups of channels, independent of the batch size (PyTorch: `torch.nn.GroupNorm`).
public final class GroupNorm: Module {
    /// No PyTorch counterpart: the fresh `GroupNorm` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        GroupNorm(numGroups, numChannels, eps: eps, affine: affine, bias: bias != nil)
    }
    /// PyTorch: `torch.nn.GroupNorm.num_groups`, `num_channels`, `eps`, `affine`.
    public let numGroups: Int, numChannels: Int, eps: Double, affine: Bool
    /// The per-channel scale, shape `(C)`; nil without `affine` (PyTorch: `torch.nn.GroupNorm.weight`).
    @Parameter public var weight: Tensor?
    /// The per-channel shift, shape `(C)`; nil without `affine` or `bias` (PyTorch: `torch.nn.GroupNorm.bias`).
    @Parameter public var bias: Tensor?

    /// PyTorch: `torch.nn.GroupNorm(num_groups, num_channels, eps=1e-05, affine=True, bias=True)`; `numChannels`
    /// must be divisible by `numGroups`.
    public init(_ numGroups: Int, _ numChannels: Int, eps: Double = 1e-5, affine: Bool = true, bias: Bool = true) {
        torchCheck(numChannels % numGroups == 0, "num_channels must be divisible by num_groups")
        self.numGroups = numGroups
        self.numChannels = numChannels
        self.eps = eps
        self.affine = affine
        self.weight = affine ? Tensor.ones(numChannels) : nil
        self.bias = affine && bias ? Tensor.zeros(numChannels) : nil
        super.init()
    }

    /// PyTorch: `torch.nn.GroupNorm.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        F.groupNorm(input, numGroups: numGroups, weight: weight, bias: bias, eps: eps)
    }

    /// PyTorch: `torch.nn.GroupNorm.extra_repr`.
    public override var extraRepr: String {
        "\(numGroups), \(numChannels), eps=\(pyFloat(eps)), affine=\(pyBool(affine)), bias=\(pyBool(bias != nil))"
    }
}

/// `_BatchNorm`: BatchNorm1d/2d share it; they differ in the accepted input ranks.
/// PyTorch: `torch.nn.modules.batchnorm._BatchNorm`.
public class BatchNormBase: Module {
    /// The channel count, variance epsilon, running-statistics momentum (nil: a cumulative average), and the
    /// two switches (PyTorch: `_BatchNorm.num_features`, `eps`, `momentum`, `affine`, `track_running_stats`).
    public let numFeatures: Int, eps: Double, momentum: Double?, affine: Bool, trackRunningStats: Bool
    /// The per-channel scale, shape `(C)`; nil without `affine` (PyTorch: `_BatchNorm.weight`, a parameter).
    @Parameter public var weight: Tensor?
    /// The per-channel shift, shape `(C)`; nil without `affine` or `bias` (PyTorch: `_BatchNorm.bias`, a parameter).
    @Parameter public var bias: Tensor?
    /// The running mean used in eval mode, shape `(C)`; nil without `trackRunningStats` (PyTorch: `_BatchNorm.running_mean`, a buffer).
    @Buffer public var runningMean: Tensor?
    /// The running (unbiased) variance used in eval mode, shape `(C)`; nil without `trackRunningStats`
    /// (PyTorch: `_BatchNorm.running_var`, a buffer).
    @Buffer public var runningVar: Tensor?
    /// The int64 count of training batches seen, which drives the cumulative average when `momentum` is nil
    /// (PyTorch: `_BatchNorm.num_batches_tracked`, a buffer).
    @Buffer public var numBatchesTracked: Tensor?

    /// PyTorch: `torch.nn.modules.batchnorm._BatchNorm(num_features, eps=1e-05, momentum=0.1, affine=True, bias=True, track_running_stats=True)`.
    public init(
        _ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true, bias: Bool = true,
        trackRunningStats: Bool = true
    ) {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.trackRunningStats = trackRunningStats
        self.weight = affine ? Tensor.ones(numFeatures) : nil
        self.bias = affine && bias ? Tensor.zeros(numFeatures) : nil
        self.runningMean = trackRunningStats ? Tensor.zeros(numFeatures) : nil
        self.runningVar = trackRunningStats ? Tensor.ones(numFeatures) : nil
        self.numBatchesTracked = trackRunningStats ? Tensor.zeros([], dtype: .int64) : nil
        super.init()
    }

    func checkInputDim(_ input: Tensor) {}

    /// PyTorch: `torch.nn.modules.batchnorm._BatchNorm.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        checkInputDim(input)
        // torch: batch statistics in training, or whenever there are no running stats.
        let useBatchStats = training || (runningMean == nil && runningVar == nil)
        let update = training && trackRunningStats
        return F.batchNorm(
            input, runningMean: update || !training ? runningMean : nil,
            runningVar: update || !training ? runningVar : nil,
            weight: weight, bias: bias, training: useBatchStats, momentum: momentum, eps: eps,
            numBatchesTracked: update ? numBatchesTracked : nil)
    }

    /// PyTorch: `torch.nn.modules.batchnorm._BatchNorm.extra_repr`.
    public override var extraRepr: String {
        "\(numFeatures), eps=\(pyFloat(eps)), momentum=\(momentum.map(pyFloat) ?? "None"), affine=\(pyBool(affine)), bias=\(pyBool(bias != nil)), track_running_stats=\(pyBool(trackRunningStats))"
    }
}

/// Batch norm over `(N, C)` or `(N, C, L)` input (PyTorch: `torch.nn.BatchNorm1d`).
public final class BatchNorm1d: BatchNormBase {
    /// No PyTorch counterpart: the fresh `BatchNorm1d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        BatchNorm1d(
            numFeatures, eps: eps, momentum: momentum, affine: affine, bias: bias != nil,
            trackRunningStats: trackRunningStats)
    }
    override func checkInputDim(_ input: Tensor) {
        torchCheck(input.ndim == 2 || input.ndim == 3, "expected 2D or 3D input (got \(input.ndim)D input)")
    }
}

/// Batch norm over `(N, C, H, W)` input (PyTorch: `torch.nn.BatchNorm2d`).
public final class BatchNorm2d: BatchNormBase {
    /// No PyTorch counterpart: the fresh `BatchNorm2d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        BatchNorm2d(
            numFeatures, eps: eps, momentum: momentum, affine: affine, bias: bias != nil,
            trackRunningStats: trackRunningStats)
    }
    override func checkInputDim(_ input: Tensor) {
        torchCheck(input.ndim == 4, "expected 4D input (got \(input.ndim)D input)")
    }
}

/// `nn.InstanceNorm1d/2d(num_features, eps, momentum, affine=False, track_running_stats=False)`.
/// PyTorch: `torch.nn.modules.instancenorm._InstanceNorm`.
public class InstanceNormBase: Module {
    /// The channel count, variance epsilon, running-statistics momentum and the two switches
    /// (PyTorch: `_InstanceNorm.num_features`, `eps`, `momentum`, `affine`, `track_running_stats`).
    public let numFeatures: Int, eps: Double, momentum: Double, affine: Bool, trackRunningStats: Bool
    /// The per-channel scale, shape `(C)`; nil without `affine` (PyTorch: `_InstanceNorm.weight`, a parameter).
    @Parameter public var weight: Tensor?
    /// The per-channel shift, shape `(C)`; nil without `affine` (PyTorch: `_InstanceNorm.bias`, a parameter).
    @Parameter public var bias: Tensor?
    /// The running mean used in eval mode, shape `(C)`; nil without `trackRunningStats` (PyTorch: `_InstanceNorm.running_mean`, a buffer).
    @Buffer public var runningMean: Tensor?
    /// The running variance used in eval mode, shape `(C)`; nil without `trackRunningStats` (PyTorch: `_InstanceNorm.running_var`, a buffer).
    @Buffer public var runningVar: Tensor?
    /// The int64 count of training batches seen; nil without `trackRunningStats` (PyTorch: `_InstanceNorm.num_batches_tracked`, a buffer).
    @Buffer public var numBatchesTracked: Tensor?
    let spatialDims: Int

    init(_ numFeatures: Int, eps: Double, momentum: Double, affine: Bool, trackRunningStats: Bool, spatialDims: Int) {
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.trackRunningStats = trackRunningStats
        self.spatialDims = spatialDims
        self.weight = affine ? Tensor.ones(numFeatures) : nil
        self.bias = affine ? Tensor.zeros(numFeatures) : nil
        self.runningMean = trackRunningStats ? Tensor.zeros(numFeatures) : nil
        self.runningVar = trackRunningStats ? Tensor.ones(numFeatures) : nil
        self.numBatchesTracked = trackRunningStats ? Tensor.zeros([], dtype: .int64) : nil
        super.init()
    }

    /// PyTorch: `torch.nn.modules.instancenorm._InstanceNorm.forward`; an unbatched input gets a batch of one.
    public override func forward(_ input: Tensor) -> Tensor {
        let d = input.ndim
        torchCheck(
            d == spatialDims + 1 || d == spatialDims + 2,
            "expected \(spatialDims + 1)D or \(spatialDims + 2)D input (got \(d)D input)")
        let batched = d == spatialDims + 2
        let x = batched ? input : input.unsqueeze(0)
        let y = F.instanceNorm(
            x, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
            useInputStats: training || !trackRunningStats, momentum: momentum, eps: eps)
        return batched ? y : y.squeeze(dim: 0)
    }

    /// PyTorch: `torch.nn.modules.instancenorm._InstanceNorm.extra_repr`.
    public override var extraRepr: String {
        "\(numFeatures), eps=\(pyFloat(eps)), momentum=\(pyFloat(momentum)), affine=\(pyBool(affine)), bias=\(pyBool(bias != nil)), track_running_stats=\(pyBool(trackRunningStats))"
    }
}

/// Instance norm over `(N, C, L)` or unbatched `(C, L)` input (PyTorch: `torch.nn.InstanceNorm1d`).
public final class InstanceNorm1d: InstanceNormBase {
    /// No PyTorch counterpart: the fresh `InstanceNorm1d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        InstanceNorm1d(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats)
    }
    /// PyTorch: `torch.nn.InstanceNorm1d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)`.
    public init(
        _ numFeatures: Int, eps: Double = 1e-5, momentum: Double = 0.1, affine: Bool = false,
        trackRunningStats: Bool = false
    ) {
        super.init(
            numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats,
            spatialDims: 1)
    }
}

/// Instance norm over `(N, C, H, W)` or unbatched `(C, H, W)` input (PyTorch: `torch.nn.InstanceNorm2d`).
public final class InstanceNorm2d: InstanceNormBase {
    /// No PyTorch counterpart: the fresh `InstanceNorm2d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        InstanceNorm2d(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats)
    }
    /// PyTorch: `torch.nn.InstanceNorm2d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)`.
    public init(
        _ numFeatures: Int, eps: Double = 1e-5, momentum: Double = 0.1, affine: Bool = false,
        trackRunningStats: Bool = false
    ) {
        super.init(
            numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats,
            spatialDims: 2)
    }
}

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
