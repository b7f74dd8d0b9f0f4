import TensorCore
import Autodiff

/// Losses of `torch.nn.functional`: TensorCore's fused kernels recorded as one autograd node each
/// (backward = the kernel's backward); margin losses are compositions of recorded ops.
extension F {
    /// Records `forward(input, target)` with `backward(grad, input, target)` as the input gradient;
    /// the target gradient is its negative when `targetGradIsNegated` (torch's formulas for the
    /// difference losses), otherwise asking for it stops with torch's message.
    static func recordedLoss(
        _ input: Tensor, _ target: Tensor, targetGradIsNegated: Bool,
        forward: @escaping (Tensor, Tensor) -> Tensor, backward: @escaping (Tensor, Tensor, Tensor) -> Tensor
    ) -> Tensor {
        recordKernel(
            [input, target],
            forward: { ctx, x in
                ctx.saveForBackward(x[0], x[1])
                return [forward(x[0], x[1])]
            },
            backward: { ctx, grads in
                let saved = ctx.savedTensors
                let gradInput = backward(grads[0]!, saved[0], saved[1])
                var gradTarget: Tensor? = nil
                if ctx.needsInputGrad[1] {
                    torchCheck(targetGradIsNegated, "the derivative for 'target' is not implemented.")
                    gradTarget = -gradInput
                }
                return [ctx.needsInputGrad[0] ? gradInput : nil, gradTarget]
            })[0]
    }

    public static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        recordedLoss(input, target, targetGradIsNegated: true,
                     forward: { NNOps.mseLoss($0, $1, reduction: reduction) },
                     backward: { NNOps.mseLossBackward($0, $1, $2, reduction: reduction) })
    }

    public static func l1Loss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        recordedLoss(input, target, targetGradIsNegated: true,
                     forward: { NNOps.l1Loss($0, $1, reduction: reduction) },
                     backward: { NNOps.l1LossBackward($0, $1, $2, reduction: reduction) })
    }

    public static func smoothL1Loss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, beta: Double = 1) -> Tensor {
        recordedLoss(input, target, targetGradIsNegated: true,
                     forward: { NNOps.smoothL1Loss($0, $1, reduction: reduction, beta: beta) },
                     backward: { NNOps.smoothL1LossBackward($0, $1, $2, reduction: reduction, beta: beta) })
    }

    public static func huberLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, delta: Double = 1) -> Tensor {
        recordedLoss(input, target, targetGradIsNegated: true,
                     forward: { NNOps.huberLoss($0, $1, reduction: reduction, delta: delta) },
                     backward: { NNOps.huberLossBackward($0, $1, $2, reduction: reduction, delta: delta) })
    }

    public static func binaryCrossEntropy(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean
    ) -> Tensor {
        recordedLoss(input, target, targetGradIsNegated: false,
                     forward: { NNOps.binaryCrossEntropy($0, $1, weight: weight, reduction: reduction) },
                     backward: { NNOps.binaryCrossEntropyBackward($0, $1, $2, weight: weight, reduction: reduction) })
    }

    public static func binaryCrossEntropyWithLogits(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil, reduction: LossReduction = .mean
    ) -> Tensor {
        recordedLoss(input, target, targetGradIsNegated: false,
                     forward: { NNOps.binaryCrossEntropyWithLogits($0, $1, weight: weight, posWeight: posWeight, reduction: reduction) },
                     backward: {
                         NNOps.binaryCrossEntropyWithLogitsBackward($0, $1, $2, weight: weight, posWeight: posWeight, reduction: reduction)
                     })
    }

    public static func klDiv(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, logTarget: Bool = false) -> Tensor {
        recordedLoss(input, target, targetGradIsNegated: false,
                     forward: { NNOps.klDiv($0, $1, reduction: reduction, logTarget: logTarget) },
                     backward: { NNOps.klDivBackward($0, $1, $2, reduction: reduction, logTarget: logTarget) })
    }

    /// `F.cross_entropy`: class indices (int64 [N, d...]) or class probabilities (input's shape), with
    /// weight, ignore_index and label smoothing; one fused log-softmax + NLL node.
    public static func crossEntropy(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
        reduction: LossReduction = .mean, labelSmoothing: Double = 0
    ) -> Tensor {
        recordedLoss(input, target, targetGradIsNegated: false,
                     forward: {
                         NNOps.crossEntropy($0, $1, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction, labelSmoothing: labelSmoothing)
                     },
                     backward: {
                         NNOps.crossEntropyBackward(
                             $0, $1, $2, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction, labelSmoothing: labelSmoothing)
                     })
    }

    /// `F.nll_loss` on log-probabilities [N, C, d...] with class-index targets.
    public static func nllLoss(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: LossReduction = .mean
    ) -> Tensor {
        recordKernel(
            [input],
            forward: { ctx, x in
                let (out, total) = NNOps.nllLossForward(x[0], target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
                ctx.saveForBackward(x[0], total)
                return [out]
            },
            backward: { ctx, grads in
                let s = ctx.savedTensors
                return [NNOps.nllLossBackward(grads[0]!, s[0], target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex, totalWeight: s[1])]
            })[0]
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
    public static func marginRankingLoss(
        _ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Double = 0, reduction: LossReduction = .mean
    ) -> Tensor {
        torchCheck(input1.ndim == input2.ndim && input1.ndim == target.ndim,
                   "margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: \(input1.shape), input2: \(input2.shape), target: \(target.shape) ")
        return reduce((-target * (input1 - input2) + Scalar.double(margin)).clampMin(0), reduction)
    }

    /// y = 1: 1 − cos(x1, x2); y = −1: max(0, cos(x1, x2) − margin). cos as torch: x1·x2 / √((‖x1‖² + ε)(‖x2‖² + ε)), ε = 1e-12.
    public static func cosineEmbeddingLoss(
        _ input1: Tensor, _ input2: Tensor, _ target: Tensor, margin: Double = 0, reduction: LossReduction = .mean
    ) -> Tensor {
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
    public static func pairwiseDistance(_ x1: Tensor, _ x2: Tensor, p: Double = 2, eps: Double = 1e-6, keepdim: Bool = false) -> Tensor {
        let d = Swift.max(x1.ndim, x2.ndim) - 1
        return Linalg.vectorNorm(x1 - x2 + Scalar.double(eps), ord: p, dim: [d], keepdim: keepdim)
    }

    /// max(d(a, p) − d(a, n) + margin, 0), with `swap` using min(d(a, n), d(p, n)).
    public static func tripletMarginLoss(
        _ anchor: Tensor, _ positive: Tensor, _ negative: Tensor, margin: Double = 1, p: Double = 2, eps: Double = 1e-6,
        swap: Bool = false, reduction: LossReduction = .mean
    ) -> Tensor {
        let dPos = pairwiseDistance(anchor, positive, p: p, eps: eps)
        var dNeg = pairwiseDistance(anchor, negative, p: p, eps: eps)
        if swap { dNeg = dNeg.minimum(pairwiseDistance(positive, negative, p: p, eps: eps)) }
        return reduce((dPos - dNeg + Scalar.double(margin)).clampMin(0), reduction)
    }
}
