import TensorCore

/// Loss modules: `criterion(input, target)`; no parameters, the options printed nowhere (as torch).
/// PyTorch: `torch.nn.modules.loss._Loss`.
open class Loss: Module {
    /// How per-element losses combine: `.mean`, `.sum`, `.none`, or `.batchmean` for `KLDivLoss`
    /// (PyTorch: `torch.nn.modules.loss._Loss.reduction`, a string there).
    public let reduction: LossReduction
    /// PyTorch: `torch.nn.modules.loss._Loss(reduction='mean')`; the deprecated `size_average`/`reduce` are left out.
    public init(reduction: LossReduction = .mean) {
        self.reduction = reduction
        super.init()
    }
}

/// Mean (or sum) of squared differences (PyTorch: `torch.nn.MSELoss`).
public final class MSELoss: Loss {
    /// No PyTorch counterpart: the fresh `MSELoss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { MSELoss(reduction: reduction) }
    /// PyTorch: `torch.nn.MSELoss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.mseLoss(input, target, reduction: reduction)
    }
}

/// Mean (or sum) of absolute differences (PyTorch: `torch.nn.L1Loss`).
public final class L1Loss: Loss {
    /// No PyTorch counterpart: the fresh `L1Loss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { L1Loss(reduction: reduction) }
    /// PyTorch: `torch.nn.L1Loss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.l1Loss(input, target, reduction: reduction)
    }
}

/// Squared error below `beta`, absolute error above it, less outlier-sensitive than MSE (PyTorch: `torch.nn.SmoothL1Loss`).
public final class SmoothL1Loss: Loss {
    /// No PyTorch counterpart: the fresh `SmoothL1Loss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { SmoothL1Loss(reduction: reduction, beta: beta) }
    /// Where the loss switches from quadratic to linear (PyTorch: `torch.nn.SmoothL1Loss.beta`).
    public let beta: Double
    /// PyTorch: `torch.nn.SmoothL1Loss(reduction='mean', beta=1.0)`.
    public init(reduction: LossReduction = .mean, beta: Double = 1) {
        self.beta = beta
        super.init(reduction: reduction)
    }
    /// PyTorch: `torch.nn.SmoothL1Loss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.smoothL1Loss(input, target, reduction: reduction, beta: beta)
    }
}

/// Smooth L1 scaled by `delta`, so its linear part has slope `delta` (PyTorch: `torch.nn.HuberLoss`).
public final class HuberLoss: Loss {
    /// No PyTorch counterpart: the fresh `HuberLoss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { HuberLoss(reduction: reduction, delta: delta) }
    /// Where the loss switches from quadratic to linear (PyTorch: `torch.nn.HuberLoss.delta`).
    public let delta: Double
    /// PyTorch: `torch.nn.HuberLoss(reduction='mean', delta=1.0)`.
    public init(reduction: LossReduction = .mean, delta: Double = 1) {
        self.delta = delta
        super.init(reduction: reduction)
    }
    /// PyTorch: `torch.nn.HuberLoss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.huberLoss(input, target, reduction: reduction, delta: delta)
    }
}

/// `nn.CrossEntropyLoss(weight, ignore_index, reduction, label_smoothing)`; `weight` is a buffer as in torch.
/// PyTorch: `torch.nn.CrossEntropyLoss`.
public final class CrossEntropyLoss: Loss {
    /// No PyTorch counterpart: the fresh `CrossEntropyLoss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        CrossEntropyLoss(ignoreIndex: ignoreIndex, reduction: reduction, labelSmoothing: labelSmoothing)
    }
    /// A manual rescaling weight per class, shape `(C)` (PyTorch: `torch.nn.CrossEntropyLoss.weight`).
    @Buffer public var weight: Tensor?
    /// The target class that contributes nothing, and the smoothing amount in `[0, 1]`
    /// (PyTorch: `torch.nn.CrossEntropyLoss.ignore_index`, `label_smoothing`).
    public let ignoreIndex: Int, labelSmoothing: Double
    /// PyTorch: `torch.nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)`.
    public init(
        weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean, labelSmoothing: Double = 0
    ) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        super.init(reduction: reduction)
    }
    /// PyTorch: `torch.nn.CrossEntropyLoss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.crossEntropy(
            input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction,
            labelSmoothing: labelSmoothing)
    }
}

/// Negative log likelihood of class indices, given log-probabilities (PyTorch: `torch.nn.NLLLoss`).
public final class NLLLoss: Loss {
    /// No PyTorch counterpart: the fresh `NLLLoss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { NLLLoss(ignoreIndex: ignoreIndex, reduction: reduction) }
    /// A manual rescaling weight per class, shape `(C)`; a buffer (PyTorch: `torch.nn.NLLLoss.weight`).
    @Buffer public var weight: Tensor?
    /// The target class that contributes nothing (PyTorch: `torch.nn.NLLLoss.ignore_index`).
    public let ignoreIndex: Int
    /// PyTorch: `torch.nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')`.
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        super.init(reduction: reduction)
    }
    /// PyTorch: `torch.nn.NLLLoss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.nllLoss(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

/// Binary cross entropy of probabilities in `[0, 1]` (PyTorch: `torch.nn.BCELoss`).
public final class BCELoss: Loss {
    /// No PyTorch counterpart: the fresh `BCELoss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { BCELoss(reduction: reduction) }
    /// A rescaling weight broadcast against the input; a buffer (PyTorch: `torch.nn.BCELoss.weight`).
    @Buffer public var weight: Tensor?
    /// PyTorch: `torch.nn.BCELoss(weight=None, reduction='mean')`.
    public init(weight: Tensor? = nil, reduction: LossReduction = .mean) {
        self.weight = weight
        super.init(reduction: reduction)
    }
    /// PyTorch: `torch.nn.BCELoss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.binaryCrossEntropy(input, target, weight: weight, reduction: reduction)
    }
}

/// Sigmoid and binary cross entropy in one, stable for large logits (PyTorch: `torch.nn.BCEWithLogitsLoss`).
public final class BCEWithLogitsLoss: Loss {
    /// No PyTorch counterpart: the fresh `BCEWithLogitsLoss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { BCEWithLogitsLoss(reduction: reduction) }
    /// A rescaling weight broadcast against the input; a buffer (PyTorch: `torch.nn.BCEWithLogitsLoss.weight`).
    @Buffer public var weight: Tensor?
    /// A weight for positive examples, broadcast along the class dimension; a buffer
    /// (PyTorch: `torch.nn.BCEWithLogitsLoss.pos_weight`).
    @Buffer public var posWeight: Tensor?
    /// PyTorch: `torch.nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)`.
    public init(weight: Tensor? = nil, reduction: LossReduction = .mean, posWeight: Tensor? = nil) {
        self.weight = weight
        self.posWeight = posWeight
        super.init(reduction: reduction)
    }
    /// PyTorch: `torch.nn.BCEWithLogitsLoss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.binaryCrossEntropyWithLogits(input, target, weight: weight, posWeight: posWeight, reduction: reduction)
    }
}

/// Kullback–Leibler divergence of the target from log-probability inputs (PyTorch: `torch.nn.KLDivLoss`).
public final class KLDivLoss: Loss {
    /// No PyTorch counterpart: the fresh `KLDivLoss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { KLDivLoss(reduction: reduction, logTarget: logTarget) }
    /// Whether the target is given as log-probabilities too (PyTorch: `torch.nn.KLDivLoss.log_target`).
    public let logTarget: Bool
    /// PyTorch: `torch.nn.KLDivLoss(reduction='mean', log_target=False)`; `.batchmean` gives the divergence
    /// per sample, as the maths defines it (`.mean` also divides by the elements per sample).
    public init(reduction: LossReduction = .mean, logTarget: Bool = false) {
        self.logTarget = logTarget
        super.init(reduction: reduction)
    }
    /// PyTorch: `torch.nn.KLDivLoss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.klDiv(input, target, reduction: reduction, logTarget: logTarget)
    }
}

/// `max(0, −target · (input1 − input2) + margin)` for ranking pairs (PyTorch: `torch.nn.MarginRankingLoss`).
public final class MarginRankingLoss: Loss {
    /// No PyTorch counterpart: the fresh `MarginRankingLoss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { MarginRankingLoss(margin: margin, reduction: reduction) }
    /// The required gap between the ranked inputs (PyTorch: `torch.nn.MarginRankingLoss.margin`).
    public let margin: Double
    /// PyTorch: `torch.nn.MarginRankingLoss(margin=0.0, reduction='mean')`.
    public init(margin: Double = 0, reduction: LossReduction = .mean) {
        self.margin = margin
        super.init(reduction: reduction)
    }
    /// PyTorch: `torch.nn.MarginRankingLoss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input1: Tensor, _ input2: Tensor, _ target: Tensor) -> Tensor {
        F.marginRankingLoss(input1, input2, target, margin: margin, reduction: reduction)
    }
}

/// Pulls pairs labelled 1 together and pushes pairs labelled −1 below `margin` in cosine similarity
/// (PyTorch: `torch.nn.CosineEmbeddingLoss`).
public final class CosineEmbeddingLoss: Loss {
    /// No PyTorch counterpart: the fresh `CosineEmbeddingLoss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { CosineEmbeddingLoss(margin: margin, reduction: reduction) }
    /// The cosine similarity under which dissimilar pairs cost nothing (PyTorch: `torch.nn.CosineEmbeddingLoss.margin`).
    public let margin: Double
    /// PyTorch: `torch.nn.CosineEmbeddingLoss(margin=0.0, reduction='mean')`.
    public init(margin: Double = 0, reduction: LossReduction = .mean) {
        self.margin = margin
        super.init(reduction: reduction)
    }
    /// PyTorch: `torch.nn.CosineEmbeddingLoss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ input1: Tensor, _ input2: Tensor, _ target: Tensor) -> Tensor {
        F.cosineEmbeddingLoss(input1, input2, target, margin: margin, reduction: reduction)
    }
}

/// `max(d(a, p) − d(a, n) + margin, 0)` with the p-norm distance (PyTorch: `torch.nn.TripletMarginLoss`).
public final class TripletMarginLoss: Loss {
    /// No PyTorch counterpart: the fresh `TripletMarginLoss` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        TripletMarginLoss(margin: margin, p: p, eps: eps, swap: swap, reduction: reduction)
    }
    /// The margin, the norm degree, the distance's epsilon and whether to use the closer of the two negatives' distances
    /// (PyTorch: `torch.nn.TripletMarginLoss.margin`, `p`, `eps`, `swap`).
    public let margin: Double, p: Double, eps: Double, swap: Bool
    /// PyTorch: `torch.nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-06, swap=False, reduction='mean')`.
    public init(
        margin: Double = 1, p: Double = 2, eps: Double = 1e-6, swap: Bool = false, reduction: LossReduction = .mean
    ) {
        self.margin = margin
        self.p = p
        self.eps = eps
        self.swap = swap
        super.init(reduction: reduction)
    }
    /// PyTorch: `torch.nn.TripletMarginLoss.forward`, called as `criterion(...)`.
    public func callAsFunction(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor) -> Tensor {
        F.tripletMarginLoss(
            anchor, positive, negative, margin: margin, p: p, eps: eps, swap: swap, reduction: reduction)
    }
}
