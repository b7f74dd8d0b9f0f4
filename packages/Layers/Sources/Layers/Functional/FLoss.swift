import Autodiff
import TensorCore

/// Losses of `torch.nn.functional`: TensorCore's fused kernels (each records its own autograd node);
/// margin losses are compositions of recorded ops.
extension F {
    /// Mean (or sum) of squared differences (PyTorch: `torch.nn.functional.mse_loss`; no `weight`).
    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        NNOps.mseLoss(input, target, reduction: reduction)
    }

    /// Mean (or sum) of absolute differences (PyTorch: `torch.nn.functional.l1_loss`).
    public static func l1Loss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        NNOps.l1Loss(input, target, reduction: reduction)
    }

    /// Squared error below `beta`, absolute error above it (PyTorch: `torch.nn.functional.smooth_l1_loss`).
    public static func smoothL1Loss(
        _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, beta: Double = 1
    ) -> Tensor {
        NNOps.smoothL1Loss(input, target, reduction: reduction, beta: beta)
    }

    /// Smooth L1 scaled by `delta` (PyTorch: `torch.nn.functional.huber_loss`; no `weight`).
    public static func huberLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, delta: Double = 1)
        -> Tensor
    {
        NNOps.huberLoss(input, target, reduction: reduction, delta: delta)
    }

    /// Binary cross entropy of probabilities in `[0, 1]`, with an optional rescaling `weight`
    /// (PyTorch: `torch.nn.functional.binary_cross_entropy`).
    public static func binaryCrossEntropy(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean
    ) -> Tensor {
        NNOps.binaryCrossEntropy(input, target, weight: weight, reduction: reduction)
    }

    /// Sigmoid and binary cross entropy in one, stable for large logits; `posWeight` weighs the positive class
    /// (PyTorch: `torch.nn.functional.binary_cross_entropy_with_logits`).
    public static func binaryCrossEntropyWithLogits(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil,
        reduction: LossReduction = .mean
    ) -> Tensor {
        NNOps.binaryCrossEntropyWithLogits(input, target, weight: weight, posWeight: posWeight, reduction: reduction)
    }

    /// KL divergence of `target` from the log-probabilities `input` (PyTorch: `torch.nn.functional.kl_div`).
    public static func klDiv(
        _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, logTarget: Bool = false
    ) -> Tensor {
        NNOps.klDiv(input, target, reduction: reduction, logTarget: logTarget)
    }

    /// `F.cross_entropy`: class indices (int64 [N, d...]) or class probabilities (input's shape), with
    /// weight, ignore_index and label smoothing; one fused log-softmax + NLL node.
    /// PyTorch: `torch.nn.functional.cross_entropy`.
    public static func crossEntropy(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
        reduction: LossReduction = .mean, labelSmoothing: Double = 0
    ) -> Tensor {
        NNOps.crossEntropy(
            input, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction,
            labelSmoothing: labelSmoothing)
    }

    /// `F.nll_loss` on log-probabilities [N, C, d...] with class-index targets.
    /// PyTorch: `torch.nn.functional.nll_loss`.
    public static func nllLoss(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
        reduction: LossReduction = .mean
    ) -> Tensor {
        NNOps.nllLoss(input, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
    }

    static func reduce(_ loss: Tensor, _ reduction: LossReduction) -> Tensor {
        switch reduction {
        case .none: return loss
        case .mean: return loss.mean()
        case .sum: return loss.sum()
        case .batchmean: torchFail("batchmean is not a valid value for reduction")
        }
    }

    /// max(0, −y·(x1 − x2) + margin).
    /// PyTorch: `torch.nn.functional.margin_ranking_loss`.
    public static func marginRankingLoss(
        _ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Double = 0, reduction: LossReduction = .mean
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input1, input2, target]) { c in
                marginRankingLoss(c[0]!, c[1]!, c[2]!, margin: margin, reduction: reduction)
            }
        }
        torchCheck(
            input1.ndim == input2.ndim && input1.ndim == target.ndim,
            "margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: \(input1.shape), input2: \(input2.shape), target: \(target.shape) "
        )
        let difference = input1 - input2  // first, as torch's kernel evaluates it (its error comes first for bools)
        return reduce((-target * difference + Scalar.double(margin)).clampMin(0), reduction)
    }

    /// y = 1: 1 − cos(x1, x2); y = −1: max(0, cos(x1, x2) − margin). cos as torch: x1·x2 / √((‖x1‖² + ε)(‖x2‖² + ε)), ε = 1e-12.
    /// PyTorch: `torch.nn.functional.cosine_embedding_loss`.
    public static func cosineEmbeddingLoss(
        _ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Double = 0, reduction: LossReduction = .mean
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input1, input2, target]) { c in
                cosineEmbeddingLoss(c[0]!, c[1]!, c[2]!, margin: margin, reduction: reduction)
            }
        }
        let d = input1.ndim - 1
        let eps = 1e-12
        let prod = (input1 * input2).sum(dim: d)
        let mag1 = (input1 * input1).sum(dim: d) + Scalar.double(eps)
        let mag2 = (input2 * input2).sum(dim: d) + Scalar.double(eps)
        let cos = prod / (mag1 * mag2).sqrt()
        let zeros = Tensor.zerosLike(cos)
        let pos = Tensor.where(target.eq(1), 1 - cos, zeros)
        let neg = Tensor.where(target.eq(-1), (cos - Scalar.double(margin)).clampMin(0), zeros)
        return reduce(pos + neg, reduction)
    }

    /// `F.pairwise_distance`: ‖x1 − x2 + eps‖_p along the last dim.
    /// PyTorch: `torch.nn.functional.pairwise_distance`.
    public static func pairwiseDistance(
        _ x1: Tensor, _ x2: Tensor, p: Double = 2, eps: Double = 1e-6, keepdim: Bool = false
    ) -> Tensor {
        let d = Swift.max(x1.ndim, x2.ndim) - 1
        return Linalg.vectorNorm(x1 - x2 + Scalar.double(eps), ord: p, dim: [d], keepdim: keepdim)
    }

    /// max(d(a, p) − d(a, n) + margin, 0), with `swap` using min(d(a, n), d(p, n)).
    /// PyTorch: `torch.nn.functional.triplet_margin_loss`.
    public static func tripletMarginLoss(
        _ anchor: Tensor, _ positive: Tensor, _ negative: Tensor, margin: Double = 1, p: Double = 2, eps: Double = 1e-6,
        swap: Bool = false, reduction: LossReduction = .mean
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [anchor, positive, negative]) { c in
                tripletMarginLoss(c[0]!, c[1]!, c[2]!, margin: margin, p: p, eps: eps, swap: swap, reduction: reduction)
            }
        }
        let dPos = pairwiseDistance(anchor, positive, p: p, eps: eps)
        var dNeg = pairwiseDistance(anchor, negative, p: p, eps: eps)
        if swap { dNeg = dNeg.minimum(pairwiseDistance(positive, negative, p: p, eps: eps)) }
        return reduce((dPos - dNeg + Scalar.double(margin)).clampMin(0), reduction)
    }
}
