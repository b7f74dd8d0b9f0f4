/// The fused NN kernels recomposed from recorded ops, as torch's math defines them. Autodiff takes the
/// vjp of these when a backward is itself recorded (create_graph: gradient penalties, Hessians) or when
/// a gradient the kernels don't provide is asked for (a loss's target); the kernels stay the fast path.
extension NNOps {
    static func reducedLoss(_ losses: Tensor, _ reduction: LossReduction) -> Tensor {
        switch reduction {
        case .none: losses
        case .mean: losses.mean()
        case .sum: losses.sum()
        case .batchmean: torchFail("batchmean is not a valid value for reduction")
        }
    }

    package static func mseReference(_ input: Tensor, _ target: Tensor, _ reduction: LossReduction) -> Tensor {
        let d = input - target
        return reducedLoss(d * d, reduction)
    }

    package static func l1Reference(_ input: Tensor, _ target: Tensor, _ reduction: LossReduction) -> Tensor {
        reducedLoss((input - target).abs(), reduction)
    }

    /// smooth_l1 (`huber: false`, quadratic part divided by beta) or huber (linear part times delta).
    package static func smoothL1Reference(
        _ input: Tensor, _ target: Tensor, _ reduction: LossReduction, _ beta: Double, huber: Bool
    ) -> Tensor {
        let d = input - target, a = d.abs()
        let losses =
            huber
            ? Tensor.where(a.lt(.double(beta)), d * d * 0.5, (a - 0.5 * beta) * beta)
            : Tensor.where(a.lt(.double(beta)), d * d * (0.5 / beta), a - 0.5 * beta)
        return reducedLoss(losses, reduction)
    }

    /// −w·(t·max(log x, −100) + (1 − t)·max(log(1 − x), −100)).
    package static func bceReference(_ input: Tensor, _ target: Tensor, _ weight: Tensor?, _ reduction: LossReduction)
        -> Tensor
    {
        let logs = target * input.log().clampMin(-100) + (1 - target) * (-input).log1p().clampMin(-100)
        return reducedLoss(weight.map { -(logs * $0) } ?? -logs, reduction)
    }

    /// (1 − t)·x + (1 + (pw − 1)·t)·(log1p(exp(−|x|)) + max(−x, 0)), times weight.
    package static func bceWithLogitsReference(
        _ input: Tensor, _ target: Tensor, _ weight: Tensor?, _ posWeight: Tensor?, _ reduction: LossReduction
    ) -> Tensor {
        let softplusNeg = (-input.abs()).exp().log1p() + (-input).clampMin(0)
        let scaled = posWeight.map { softplusNeg * ((($0 - 1) * target) + 1) } ?? softplusNeg
        let losses = (1 - target) * input + scaled
        return reducedLoss(weight.map { losses * $0 } ?? losses, reduction)
    }

    /// nll_loss on log-probabilities [N, C, d...] or [C]: the picked −log p times the class weight, ignored
    /// targets at zero; "mean" divides by the total weight of the counted targets.
    package static func nllReference(
        _ logProbs: Tensor, _ target: Tensor, _ weight: Tensor?, _ reduction: LossReduction, _ ignoreIndex: Int
    ) -> Tensor {
        let (losses, weights) = pickedNLL(logProbs, target, weight, ignoreIndex)
        return reduction == .mean ? losses.sum() / weights.sum() : reducedLoss(losses, reduction)
    }

    /// Per-position −w·log p[target] and the per-position weights (0 where ignored).
    static func pickedNLL(_ logProbs: Tensor, _ target: Tensor, _ weight: Tensor?, _ ignoreIndex: Int) -> (
        Tensor, Tensor
    ) {
        let unbatched = logProbs.ndim == 1
        let lp = unbatched ? logProbs.unsqueeze(0) : logProbs
        let t = unbatched ? target.reshape([1]) : target
        let ignored = t.eq(.int(Int64(ignoreIndex)))
        let safe = t.maskedFill(ignored, 0)
        let picked = lp.gather(dim: 1, index: safe.unsqueeze(1)).squeeze(dim: 1)
        let classWeights =
            weight.map { $0.indexSelect(dim: 0, index: safe.reshape([-1])).reshape(safe.sizes) }
            ?? Tensor.onesLike(picked)
        let weights = classWeights.maskedFill(ignored, 0)
        let losses = -(picked * weights)
        return unbatched ? (losses.squeeze(dim: 0), weights.squeeze(dim: 0)) : (losses, weights)
    }

    /// cross_entropy as torch composes it: log_softmax, then nll (class indices, label smoothing mixing in
    /// the weighted mean of −log p) or −Σ target·w·log p (class probabilities, smoothed toward uniform).
    package static func crossEntropyReference(
        _ input: Tensor, _ target: Tensor, _ weight: Tensor?, _ ignoreIndex: Int, _ reduction: LossReduction,
        _ smoothing: Double
    ) -> Tensor {
        let classDim = input.ndim == 1 ? 0 : 1
        let classes = input.size(classDim)
        let lp = input.logSoftmax(dim: classDim)
        var weightShape = [Int](repeating: 1, count: input.ndim)
        weightShape[classDim] = classes
        let classWeight = weight?.reshape(weightShape)
        if target.dtype.isFloatingPoint {
            let t = smoothing > 0 ? target * (1 - smoothing) + smoothing / Double(classes) : target
            let products = lp * t
            let weighted = classWeight.map { products * $0 } ?? products
            switch reduction {
            case .none: return -weighted.sum(dim: classDim)
            case .sum: return -weighted.sum()
            default: return -weighted.sum() / Double(input.numel / Swift.max(classes, 1))
            }
        }
        let (losses, weights) = pickedNLL(lp, target, weight, ignoreIndex)
        let nll = reduction == .mean ? losses.sum() / weights.sum() : reducedLoss(losses, reduction)
        guard smoothing > 0 else { return nll }
        let ignored = target.eq(.int(Int64(ignoreIndex)))
        let smooth = (-(classWeight.map { lp * $0 } ?? lp).sum(dim: classDim)).maskedFill(ignored, 0)
        let smoothReduced: Tensor
        switch reduction {
        case .none: smoothReduced = smooth
        case .sum: smoothReduced = smooth.sum()
        default:
            smoothReduced = smooth.sum() / (weight == nil ? ignored.logicalNot().sum().to(smooth.dtype) : weights.sum())
        }
        return nll * (1 - smoothing) + smoothReduced * (smoothing / Double(classes))
    }

    /// (x − mean)·rstd over `dims`, statistics with correction 0.
    static func normalized(_ x: Tensor, dims: [Int], eps: Double) -> Tensor {
        let centered = x - x.mean(dims: dims, keepdim: true)
        return centered * (x.var(dims: dims, correction: 0, keepdim: true) + eps).rsqrt()
    }

    /// Per-channel affine parameters broadcast against [N, C, spatial...].
    package static func channelAffine(_ y: Tensor, _ weight: Tensor?, _ bias: Tensor?) -> Tensor {
        let shape = [1, y.size(1)] + [Int](repeating: 1, count: y.ndim - 2)
        var out = y
        if let weight { out = out * weight.reshape(shape) }
        if let bias { out = out + bias.reshape(shape) }
        return out
    }

    package static func layerNormReference(
        _ input: Tensor, _ weight: Tensor?, _ bias: Tensor?, normalizedShape: [Int], eps: Double
    ) -> Tensor {
        var y = normalized(input, dims: Array((input.ndim - normalizedShape.count)..<input.ndim), eps: eps)
        if let weight { y = y * weight }
        if let bias { y = y + bias }
        return y
    }

    package static func groupNormReference(
        _ input: Tensor, _ weight: Tensor?, _ bias: Tensor?, numGroups: Int, eps: Double
    ) -> Tensor {
        let rows = normalized(input.reshape([input.size(0), numGroups, -1]), dims: [2], eps: eps)
        return channelAffine(rows.reshape(input.sizes), weight, bias)
    }

    /// Training: batch statistics over every dim but the channel's; eval: the running statistics.
    package static func batchNormReference(
        _ input: Tensor, _ weight: Tensor?, _ bias: Tensor?, runningMean: Tensor?, runningVar: Tensor?, training: Bool,
        eps: Double
    ) -> Tensor {
        if training {
            return channelAffine(normalized(input, dims: [0] + Array(2..<input.ndim), eps: eps), weight, bias)
        }
        let shape = [1, input.size(1)] + [Int](repeating: 1, count: input.ndim - 2)
        let y = (input - runningMean!.reshape(shape)) * (runningVar!.reshape(shape) + eps).rsqrt()
        return channelAffine(y, weight, bias)
    }
}
