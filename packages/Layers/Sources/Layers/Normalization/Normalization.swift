import TensorCore
import Autodiff

/// `nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True, bias=True)`: weight ones, bias zeros.
public final class LayerNorm: Module {
    public override func makeCopy() -> Module { LayerNorm(normalizedShape, eps: eps, elementwiseAffine: elementwiseAffine, bias: bias != nil) }
    public let normalizedShape: [Int], eps: Double, elementwiseAffine: Bool
    @Parameter public var weight: Tensor?
    @Parameter public var bias: Tensor?

    public init(_ normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        self.normalizedShape = normalizedShape
        self.eps = eps
        self.elementwiseAffine = elementwiseAffine
        self.weight = elementwiseAffine ? Tensor.ones(normalizedShape) : nil
        self.bias = elementwiseAffine && bias ? Tensor.zeros(normalizedShape) : nil
        super.init()
    }

    public convenience init(_ normalizedShape: Int, eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) {
        self.init([normalizedShape], eps: eps, elementwiseAffine: elementwiseAffine, bias: bias)
    }

    public override func forward(_ input: Tensor) -> Tensor {
        F.layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    public override var extraRepr: String {
        "(" + normalizedShape.map(String.init).joined(separator: ", ") + (normalizedShape.count == 1 ? ",)" : ")")
            + ", eps=\(pyFloat(eps)), elementwise_affine=\(pyBool(elementwiseAffine)), bias=\(pyBool(bias != nil))"
    }
}

/// `nn.GroupNorm(num_groups, num_channels, eps, affine)`.
public final class GroupNorm: Module {
    public override func makeCopy() -> Module { GroupNorm(numGroups, numChannels, eps: eps, affine: affine, bias: bias != nil) }
    public let numGroups: Int, numChannels: Int, eps: Double, affine: Bool
    @Parameter public var weight: Tensor?
    @Parameter public var bias: Tensor?

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

    public override func forward(_ input: Tensor) -> Tensor {
        F.groupNorm(input, numGroups: numGroups, weight: weight, bias: bias, eps: eps)
    }

    public override var extraRepr: String {
        "\(numGroups), \(numChannels), eps=\(pyFloat(eps)), affine=\(pyBool(affine)), bias=\(pyBool(bias != nil))"
    }
}

/// `_BatchNorm`: BatchNorm1d/2d share it; they differ in the accepted input ranks.
public class BatchNormBase: Module {
    public let numFeatures: Int, eps: Double, momentum: Double?, affine: Bool, trackRunningStats: Bool
    @Parameter public var weight: Tensor?
    @Parameter public var bias: Tensor?
    @Buffer public var runningMean: Tensor?
    @Buffer public var runningVar: Tensor?
    @Buffer public var numBatchesTracked: Tensor?

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

    public override func forward(_ input: Tensor) -> Tensor {
        checkInputDim(input)
        // torch: batch statistics in training, or whenever there are no running stats.
        let useBatchStats = training || (runningMean == nil && runningVar == nil)
        let update = training && trackRunningStats
        return F.batchNorm(
            input, runningMean: update || !training ? runningMean : nil, runningVar: update || !training ? runningVar : nil,
            weight: weight, bias: bias, training: useBatchStats, momentum: momentum, eps: eps,
            numBatchesTracked: update ? numBatchesTracked : nil)
    }

    public override var extraRepr: String {
        "\(numFeatures), eps=\(pyFloat(eps)), momentum=\(momentum.map(pyFloat) ?? "None"), affine=\(pyBool(affine)), bias=\(pyBool(bias != nil)), track_running_stats=\(pyBool(trackRunningStats))"
    }
}

public final class BatchNorm1d: BatchNormBase {
    public override func makeCopy() -> Module { BatchNorm1d(numFeatures, eps: eps, momentum: momentum, affine: affine, bias: bias != nil, trackRunningStats: trackRunningStats) }
    override func checkInputDim(_ input: Tensor) {
        torchCheck(input.ndim == 2 || input.ndim == 3, "expected 2D or 3D input (got \(input.ndim)D input)")
    }
}

public final class BatchNorm2d: BatchNormBase {
    public override func makeCopy() -> Module { BatchNorm2d(numFeatures, eps: eps, momentum: momentum, affine: affine, bias: bias != nil, trackRunningStats: trackRunningStats) }
    override func checkInputDim(_ input: Tensor) {
        torchCheck(input.ndim == 4, "expected 4D input (got \(input.ndim)D input)")
    }
}

/// `nn.InstanceNorm1d/2d(num_features, eps, momentum, affine=False, track_running_stats=False)`.
public class InstanceNormBase: Module {
    public let numFeatures: Int, eps: Double, momentum: Double, affine: Bool, trackRunningStats: Bool
    @Parameter public var weight: Tensor?
    @Parameter public var bias: Tensor?
    @Buffer public var runningMean: Tensor?
    @Buffer public var runningVar: Tensor?
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

    public override func forward(_ input: Tensor) -> Tensor {
        let d = input.ndim
        torchCheck(d == spatialDims + 1 || d == spatialDims + 2, "expected \(spatialDims + 1)D or \(spatialDims + 2)D input (got \(d)D input)")
        let batched = d == spatialDims + 2
        let x = batched ? input : input.unsqueeze(0)
        let y = F.instanceNorm(
            x, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
            useInputStats: training || !trackRunningStats, momentum: momentum, eps: eps)
        return batched ? y : y.squeeze(dim: 0)
    }

    public override var extraRepr: String {
        "\(numFeatures), eps=\(pyFloat(eps)), momentum=\(pyFloat(momentum)), affine=\(pyBool(affine)), bias=\(pyBool(bias != nil)), track_running_stats=\(pyBool(trackRunningStats))"
    }
}

public final class InstanceNorm1d: InstanceNormBase {
    public override func makeCopy() -> Module { InstanceNorm1d(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats) }
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double = 0.1, affine: Bool = false, trackRunningStats: Bool = false) {
        super.init(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats, spatialDims: 1)
    }
}

public final class InstanceNorm2d: InstanceNormBase {
    public override func makeCopy() -> Module { InstanceNorm2d(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats) }
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double = 0.1, affine: Bool = false, trackRunningStats: Bool = false) {
        super.init(numFeatures, eps: eps, momentum: momentum, affine: affine, trackRunningStats: trackRunningStats, spatialDims: 2)
    }
}

/// `nn.Embedding(num_embeddings, embedding_dim, padding_idx, max_norm)`: weight N(0, 1), padding row zeroed.
public final class Embedding: Module {
    public override func makeCopy() -> Module { Embedding(numEmbeddings, embeddingDim, paddingIdx: paddingIdx, maxNorm: maxNorm, normType: normType, scaleGradByFreq: scaleGradByFreq) }
    public let numEmbeddings: Int, embeddingDim: Int, paddingIdx: Int?, maxNorm: Double?, normType: Double, scaleGradByFreq: Bool
    @Parameter public var weight: Tensor

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

    public override func forward(_ input: Tensor) -> Tensor {
        F.embedding(input, weight, paddingIdx: paddingIdx, maxNorm: maxNorm, normType: normType, scaleGradByFreq: scaleGradByFreq)
    }

    public override var extraRepr: String {
        var s = "\(numEmbeddings), \(embeddingDim)"
        if let paddingIdx { s += ", padding_idx=\(paddingIdx)" }
        if let maxNorm { s += ", max_norm=\(pyFloat(maxNorm))" }
        if normType != 2 { s += ", norm_type=\(pyFloat(normType))" }
        if scaleGradByFreq { s += ", scale_grad_by_freq=True" }
        return s
    }
}
