import Foundation
import TensorCore

/// `torch.optim.RAdam` (rectified Adam; decoupled_weight_decay, maximize).
public final class RAdam: Optimizer {
    /// RAdam over explicit parameter groups; unset group options fall back to these defaults (PyTorch: `torch.optim.RAdam(params, ...)` with a list of dicts).
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, decoupledWeightDecay: Bool = false, maximize: Bool = false
    ) {
        super.init(
            groups,
            defaults: [
                "lr": hyper(lr, default: .double(1e-3)), "betas": .tuple([.double(betas.0), .double(betas.1)]),
                "eps": hyper(eps, default: .double(1e-8)), "weight_decay": hyper(weightDecay, default: 0),
                "maximize": .bool(maximize), "foreach": .none, "capturable": false,
                "decoupled_weight_decay": .bool(decoupledWeightDecay), "differentiable": false,
            ])
    }

    /// RAdam over one group of parameters (PyTorch: `torch.optim.RAdam(params, lr=1e-3, ...)`).
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, decoupledWeightDecay: Bool = false, maximize: Bool = false
    ) {
        self.init(
            [ParamGroup(params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
            decoupledWeightDecay: decoupledWeightDecay, maximize: maximize)
    }

    /// Rejects out-of-range lr, eps, betas and weight decay with torch's messages (PyTorch: the checks in `torch.optim.RAdam.__init__`).
    public override func validate(_ group: ParamGroup) { validateAdamFamily(group) }

    /// One RAdam update of every parameter in `group` that has a gradient (PyTorch: `torch.optim.RAdam.step`'s per-group loop).
    public override func update(group: ParamGroup) {
        let lr = group.double("lr"), (beta1, beta2) = group.betas, eps = group.double("eps")
        let wd = group.double("weight_decay"), decoupled = group.bool("decoupled_weight_decay")
        let maximize = group.bool("maximize")
        var work: [(FusedParam, SliceUpdate)] = []
        for p in group.params {
            guard let g = contiguousGrad(p, p.grad) else { continue }
            let s = paramState(p) {
                [
                    "step": .tensor(newStepTensor()), "exp_avg": .tensor(stateLike(p)),
                    "exp_avg_sq": .tensor(stateLike(p)),
                ]
            }
            let step = incrementStep(stateTensor(s, "step"))
            let m = stateTensor(s, "exp_avg"), v = stateTensor(s, "exp_avg_sq")
            let bc1 = 1 - pow(beta1, step), bc2 = 1 - pow(beta2, step)
            let rhoInf = 2 / (1 - beta2) - 1
            let rhoT = rhoInf - 2 * step * pow(beta2, step) / bc2
            let rect =
                rhoT > 5.0
                ? pow((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT), 0.5) : nil
            let k = RAdamConstants(
                lr: lr, weightDecay: wd, decoupled: decoupled, maximize: maximize, beta1: beta1, beta2: beta2,
                eps: eps, biasCorrection1: bc1, biasCorrection2Sqrt: pow(bc2, 0.5), rect: rect)
            guard usesFusedKernel(p) else {
                radamOps(p, g, m, v, k)
                continue
            }
            let f = FusedParam(p, grad: g, state: [m, v])
            work.append(
                (
                    f,
                    f.isDouble
                        ? radamKernel(Double.self, f.work, g, m, v, k)
                        : radamKernel(Float.self, f.work, g, m, v, k)
                ))
        }
        runFused(work)
    }
}

private struct RAdamConstants {
    var lr, weightDecay: Double
    var decoupled, maximize: Bool
    var beta1, beta2, eps, biasCorrection1, biasCorrection2Sqrt: Double
    var rect: Double?
}

/// torch's `_single_tensor_radam` for one parameter (see SingleTensorOps.swift).
private func radamOps(_ p: Tensor, _ g: Tensor, _ m: Tensor, _ v: Tensor, _ k: RAdamConstants) {
    if k.decoupled && k.weightDecay != 0 { p.mul_(.double(1 - k.lr * k.weightDecay)) }
    let grad = effectiveGrad(p, g, weightDecay: k.decoupled ? 0 : k.weightDecay, maximize: k.maximize)
    m.lerp_(grad, weight: .double(1 - k.beta1))
    updateSecondMoment(v, grad, beta2: k.beta2)
    var update = m.div(.double(k.biasCorrection1)).mul(.double(k.lr))
    if let rect = k.rect {
        // `bias_correction2**0.5 / exp_avg_sq_sqrt` is Tensor.__rtruediv__: reciprocal, then a product.
        let adaptive = v.sqrt().add_(.double(k.eps)).reciprocal().mul(.double(k.biasCorrection2Sqrt))
        update = update.mul(adaptive).mul(.double(rect))
    }
    p.add_(update, alpha: .double(-1))
}

private func radamKernel<T: OptimFloat>(
    _: T.Type, _ param: Tensor, _ grad: Tensor, _ expAvg: Tensor, _ expAvgSq: Tensor, _ k: RAdamConstants
) -> SliceUpdate {
    let p = param.mutablePointer(T.self), g = grad.pointer(T.self)
    let m = expAvg.mutablePointer(T.self), v = expAvgSq.mutablePointer(T.self)
    let decay = T(1 - k.lr * k.weightDecay), wd = T(k.weightDecay)
    let decoupled = k.weightDecay != 0 && k.decoupled, coupled = k.weightDecay != 0 && !k.decoupled
    let w1 = T(1 - k.beta1), b2 = T(k.beta2), w2 = T(1 - k.beta2), e = T(k.eps)
    let bc1 = T(k.biasCorrection1), bc2 = T(k.biasCorrection2Sqrt), lr = T(k.lr), maximize = k.maximize
    let rect = k.rect.map { T($0) }
    return { range in
        for i in range {
            var d = maximize ? -g[i] : g[i]
            if decoupled { p[i] = p[i] * decay }
            if coupled { d = addScaled(d, p[i], wd) }
            let mi = lerp(m[i], d, w1)
            m[i] = mi
            let vi = v[i] * b2 + w2 * d * d
            v[i] = vi
            var update = mi / bc1 * lr
            if let rect { update = update * (bc2 / (vi.squareRoot() + e)) * rect }
            p[i] = addScaled(p[i], update, -1)
        }
    }
}
