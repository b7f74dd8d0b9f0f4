import TensorCore

/// Loss modules: `criterion(input, target)`; no parameters, the options printed nowhere (as torch).
open class Loss: Module {
    public let reduction: LossReduction
    public init(reduction: LossReduction = .mean) {
        self.reduction = reduction
        super.init()
    }
}

public final class MSELoss: Loss {
    public override func makeCopy() -> Module { MSELoss(reduction: reduction) }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor { F.mseLoss(input, target, reduction: reduction) }
}

public final class L1Loss: Loss {
    public override func makeCopy() -> Module { L1Loss(reduction: reduction) }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor { F.l1Loss(input, target, reduction: reduction) }
}

public final class SmoothL1Loss: Loss {
    public override func makeCopy() -> Module { SmoothL1Loss(reduction: reduction, beta: beta) }
    public let beta: Double
    public init(reduction: LossReduction = .mean, beta: Double = 1) {
        self.beta = beta
        super.init(reduction: reduction)
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.smoothL1Loss(input, target, reduction: reduction, beta: beta)
    }
}

public final class HuberLoss: Loss {
    public override func makeCopy() -> Module { HuberLoss(reduction: reduction, delta: delta) }
    public let delta: Double
    public init(reduction: LossReduction = .mean, delta: Double = 1) {
        self.delta = delta
        super.init(reduction: reduction)
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.huberLoss(input, target, reduction: reduction, delta: delta)
    }
}

/// `nn.CrossEntropyLoss(weight, ignore_index, reduction, label_smoothing)`; `weight` is a buffer as in torch.
public final class CrossEntropyLoss: Loss {
    public override func makeCopy() -> Module { CrossEntropyLoss(ignoreIndex: ignoreIndex, reduction: reduction, labelSmoothing: labelSmoothing) }
    @Buffer public var weight: Tensor?
    public let ignoreIndex: Int, labelSmoothing: Double
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean, labelSmoothing: Double = 0) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        super.init(reduction: reduction)
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.crossEntropy(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction, labelSmoothing: labelSmoothing)
    }
}

public final class NLLLoss: Loss {
    public override func makeCopy() -> Module { NLLLoss(ignoreIndex: ignoreIndex, reduction: reduction) }
    @Buffer public var weight: Tensor?
    public let ignoreIndex: Int
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        super.init(reduction: reduction)
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.nllLoss(input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

public final class BCELoss: Loss {
    public override func makeCopy() -> Module { BCELoss(reduction: reduction) }
    @Buffer public var weight: Tensor?
    public init(weight: Tensor? = nil, reduction: LossReduction = .mean) {
        self.weight = weight
        super.init(reduction: reduction)
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.binaryCrossEntropy(input, target, weight: weight, reduction: reduction)
    }
}

public final class BCEWithLogitsLoss: Loss {
    public override func makeCopy() -> Module { BCEWithLogitsLoss(reduction: reduction) }
    @Buffer public var weight: Tensor?
    @Buffer public var posWeight: Tensor?
    public init(weight: Tensor? = nil, reduction: LossReduction = .mean, posWeight: Tensor? = nil) {
        self.weight = weight
        self.posWeight = posWeight
        super.init(reduction: reduction)
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.binaryCrossEntropyWithLogits(input, target, weight: weight, posWeight: posWeight, reduction: reduction)
    }
}

public final class KLDivLoss: Loss {
    public override func makeCopy() -> Module { KLDivLoss(reduction: reduction, logTarget: logTarget) }
    public let logTarget: Bool
    public init(reduction: LossReduction = .mean, logTarget: Bool = false) {
        self.logTarget = logTarget
        super.init(reduction: reduction)
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        F.klDiv(input, target, reduction: reduction, logTarget: logTarget)
    }
}

public final class MarginRankingLoss: Loss {
    public override func makeCopy() -> Module { MarginRankingLoss(margin: margin, reduction: reduction) }
    public let margin: Double
    public init(margin: Double = 0, reduction: LossReduction = .mean) {
        self.margin = margin
        super.init(reduction: reduction)
    }
    public func callAsFunction(_ input1: Tensor, _ input2: Tensor, _ target: Tensor) -> Tensor {
        F.marginRankingLoss(input1, input2, target, margin: margin, reduction: reduction)
    }
}

public final class CosineEmbeddingLoss: Loss {
    public override func makeCopy() -> Module { CosineEmbeddingLoss(margin: margin, reduction: reduction) }
    public let margin: Double
    public init(margin: Double = 0, reduction: LossReduction = .mean) {
        self.margin = margin
        super.init(reduction: reduction)
    }
    public func callAsFunction(_ input1: Tensor, _ input2: Tensor, _ target: Tensor) -> Tensor {
        F.cosineEmbeddingLoss(input1, input2, target, margin: margin, reduction: reduction)
    }
}

public final class TripletMarginLoss: Loss {
    public override func makeCopy() -> Module { TripletMarginLoss(margin: margin, p: p, eps: eps, swap: swap, reduction: reduction) }
    public let margin: Double, p: Double, eps: Double, swap: Bool
    public init(margin: Double = 1, p: Double = 2, eps: Double = 1e-6, swap: Bool = false, reduction: LossReduction = .mean) {
        self.margin = margin
        self.p = p
        self.eps = eps
        self.swap = swap
        super.init(reduction: reduction)
    }
    public func callAsFunction(_ anchor: Tensor, _ positive: Tensor, _ negative: Tensor) -> Tensor {
        F.tripletMarginLoss(anchor, positive, negative, margin: margin, p: p, eps: eps, swap: swap, reduction: reduction)
    }
}
