import Foundation
import TensorCore

/// `torch.optim.NAdam` (momentum_decay, decoupled_weight_decay, maximize).
public final class NAdam: Optimizer {
    /// NAdam over explicit parameter groups; unset group options fall back to these defaults (PyTorch: `torch.optim.NAdam(params, ...)` with a list of dicts).
    public init(
        _ groups: [ParamGroup], lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false,
        maximize: Bool = false
    ) {
        super.init(
            groups,
            defaults: [
                "lr": hyper(lr, default: .double(2e-3)), "betas": .tuple([.double(betas.0), .double(betas.1)]),
                "eps": hyper(eps, default: .double(1e-8)), "weight_decay": hyper(weightDecay, default: 0),
                "momentum_decay": hyper(momentumDecay, default: .double(4e-3)),
                "decoupled_weight_decay": .bool(decoupledWeightDecay), "maximize": .bool(maximize), "foreach": .none,
                "capturable": false, "differentiable": false,
            ])
    }

    /// NAdam over one group of parameters (PyTorch: `torch.optim.NAdam(params, lr=2e-3, momentum_decay=4e-3, ...)`).
    public convenience init(
        _ params: [Tensor], lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false,
        maximize: Bool = false
    ) {
        self.init(
            [ParamGroup(params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
            momentumDecay: momentumDecay, decoupledWeightDecay: decoupledWeightDecay, maximize: maximize)
    }

    /// The Adam-family checks plus a non-negative momentum decay, with torch's messages (PyTorch: the checks in `torch.optim.NAdam.__init__`).
    public override func validate(_ group: ParamGroup) {
        validateAdamFamily(group)
        let md = group.double("momentum_decay")
        torchCheck(md >= 0, "Invalid momentum_decay value: \(md)")
    }

    /// One NAdam update of every parameter in `group` that has a gradient (PyTorch: `torch.optim.NAdam.step`'s per-group loop).
    public override func update(group: ParamGroup) {
        let lr = group.double("lr"), (beta1, beta2) = group.betas, eps = group.double("eps")
        let wd = group.double("weight_decay"), md = group.double("momentum_decay")
        let decoupled = group.bool("decoupled_weight_decay"), maximize = group.bool("maximize")
        var work: [(FusedParam, SliceUpdate)] = []
        for p in group.params {
            guard let g = contiguousGrad(p, p.grad) else { continue }
            let s = paramState(p) {
                [
                    "step": .tensor(newStepTensor()), "mu_product": .tensor(Tensor.ones([], dtype: .float32)),
                    "exp_avg": .tensor(stateLike(p)), "exp_avg_sq": .tensor(stateLike(p)),
                ]
            }
            let step = incrementStep(stateTensor(s, "step"))
            let m = stateTensor(s, "exp_avg"), v = stateTensor(s, "exp_avg_sq")
            let mu = beta1 * (1.0 - 0.5 * pow(0.96, step * md))
            let muNext = beta1 * (1.0 - 0.5 * pow(0.96, (step + 1) * md))
            let muProduct = multiplyCounter(stateTensor(s, "mu_product"), by: mu)
            let k = NAdamConstants(
                decay: 1 - lr * wd, weightDecay: wd, decoupled: decoupled, maximize: maximize, beta1: beta1,
                beta2: beta2, eps: eps, biasCorrection2: 1 - pow(beta2, step),
                gradScale: -lr * (1.0 - mu) / (1.0 - muProduct),
                avgScale: (-lr * muNext) / (1.0 - muProduct * muNext))
            guard usesFusedKernel(p) else {
                nadamOps(p, g, m, v, k)
                continue
            }
            let f = FusedParam(p, grad: g, state: [m, v])
            work.append(
                (
                    f,
                    f.isDouble
                        ? nadamKernel(Double.self, f.work, g, m, v, k)
                        : nadamKernel(Float.self, f.work, g, m, v, k)
                ))
        }
        runFused(work)
    }
}

/// `mu_product *= mu` on the 0-dim counter, in the counter's precision (float32 when created; a loaded
/// state dict gives it the parameter's dtype, as torch).
private func multiplyCounter(_ t: Tensor, by factor: Double) -> Double {
    switch t.dtype {
    case .float32:
        t.bumpVersion()
        let p = t.mutablePointer(Float.self)
        p[0] = p[0] * Float(factor)
        return Double(p[0])
    case .float64:
        t.bumpVersion()
        let p = t.mutablePointer(Double.self)
        p[0] = p[0] * factor
        return p[0]
    default:
        torchCheck(t.dtype.isFloatingPoint, "NAdam's mu_product must be a floating-point tensor, got \(t.dtype)")
        t.mul_(.double(factor))
        return t.to(.float64).pointer(Double.self)[0]
    }
}

private struct NAdamConstants {
    var decay, weightDecay: Double
    var decoupled, maximize: Bool
    var beta1, beta2, eps, biasCorrection2, gradScale, avgScale: Double
}

/// torch's `_single_tensor_nadam` for one parameter (see SingleTensorOps.swift).
private func nadamOps(_ p: Tensor, _ g: Tensor, _ m: Tensor, _ v: Tensor, _ k: NAdamConstants) {
    if k.decoupled && k.weightDecay != 0 { p.mul_(.double(k.decay)) }
    let grad = effectiveGrad(p, g, weightDecay: k.decoupled ? 0 : k.weightDecay, maximize: k.maximize)
    m.lerp_(grad, weight: .double(1 - k.beta1))
    updateSecondMoment(v, grad, beta2: k.beta2)
    let denom = v.div(.double(k.biasCorrection2)).sqrt().add_(.double(k.eps))
    p.addcdiv_(grad, denom, value: .double(k.gradScale))
    p.addcdiv_(m, denom, value: .double(k.avgScale))
}

private func nadamKernel<T: OptimFloat>(
    _: T.Type, _ param: Tensor, _ grad: Tensor, _ expAvg: Tensor, _ expAvgSq: Tensor, _ k: NAdamConstants
) -> SliceUpdate {
    let p = param.mutablePointer(T.self), g = grad.pointer(T.self)
    let m = expAvg.mutablePointer(T.self), v = expAvgSq.mutablePointer(T.self)
    let decay = T(k.decay), wd = T(k.weightDecay)
    let decoupled = k.weightDecay != 0 && k.decoupled, coupled = k.weightDecay != 0 && !k.decoupled
    let w1 = T(1 - k.beta1), b2 = T(k.beta2), w2 = T(1 - k.beta2), bc2 = T(k.biasCorrection2), e = T(k.eps)
    let gs = T(k.gradScale), ms = T(k.avgScale), maximize = k.maximize
    return { range in
        for i in range {
            var d = maximize ? -g[i] : g[i]
            if decoupled { p[i] = p[i] * decay }
            if coupled { d = addScaled(d, p[i], wd) }
            let mi = lerp(m[i], d, w1)
            m[i] = mi
            let vi = v[i] * b2 + w2 * d * d
            v[i] = vi
            let denom = (vi / bc2).squareRoot() + e
            p[i] = p[i] + gs * d / denom
            p[i] = p[i] + ms * mi / denom
        }
    }
}
