import Foundation
import TensorCore

/// `torch.optim.Adamax` (Adam with the infinity norm).
public final class Adamax: Optimizer {
    /// Adamax over explicit parameter groups; unset group options fall back to these defaults (PyTorch: `torch.optim.Adamax(params, ...)` with a list of dicts).
    public init(
        _ groups: [ParamGroup], lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, maximize: Bool = false
    ) {
        super.init(
            groups,
            defaults: [
                "lr": hyper(lr, default: .double(2e-3)), "betas": .tuple([.double(betas.0), .double(betas.1)]),
                "eps": hyper(eps, default: .double(1e-8)), "weight_decay": hyper(weightDecay, default: 0),
                "foreach": .none, "maximize": .bool(maximize), "differentiable": false, "capturable": false,
            ])
    }

    /// Adamax over one group of parameters (PyTorch: `torch.optim.Adamax(params, lr=2e-3, ...)`).
    public convenience init(
        _ params: [Tensor], lr: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, maximize: Bool = false
    ) {
        self.init([ParamGroup(params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, maximize: maximize)
    }

    /// Rejects out-of-range lr, eps, betas and weight decay with torch's messages (PyTorch: the checks in `torch.optim.Adamax.__init__`).
    public override func validate(_ group: ParamGroup) { validateAdamFamily(group) }

    /// One Adamax (infinity-norm) update of every parameter in `group` that has a gradient (PyTorch: `torch.optim.Adamax.step`'s per-group loop).
    public override func update(group: ParamGroup) {
        let lr = group.double("lr"), (beta1, beta2) = group.betas, eps = group.double("eps")
        let wd = group.double("weight_decay"), maximize = group.bool("maximize")
        var work: [(FusedParam, SliceUpdate)] = []
        for p in group.params {
            guard let g = contiguousGrad(p, p.grad) else { continue }
            let s = paramState(p) {
                ["step": .tensor(newStepTensor()), "exp_avg": .tensor(stateLike(p)), "exp_inf": .tensor(stateLike(p))]
            }
            let step = incrementStep(stateTensor(s, "step"))
            let m = stateTensor(s, "exp_avg"), u = stateTensor(s, "exp_inf")
            let clr = lr / (1 - pow(beta1, step))
            guard usesFusedKernel(p) else {
                // torch's `_single_tensor_adamax` (see SingleTensorOps.swift).
                let grad = effectiveGrad(p, g, weightDecay: wd, maximize: maximize)
                m.lerp_(grad, weight: .double(1 - beta1))
                u.copy_(u.mul_(.double(beta2)).maximum(grad.abs().add_(.double(eps))))
                p.addcdiv_(m, u, value: .double(-clr))
                continue
            }
            let f = FusedParam(p, grad: g, state: [m, u])
            work.append(
                (
                    f,
                    f.isDouble
                        ? adamaxKernel(Double.self, f.work, g, m, u, clr, beta1, beta2, eps, wd, maximize)
                        : adamaxKernel(Float.self, f.work, g, m, u, clr, beta1, beta2, eps, wd, maximize)
                ))
        }
        runFused(work)
    }
}

private func adamaxKernel<T: OptimFloat>(
    _: T.Type, _ param: Tensor, _ grad: Tensor, _ expAvg: Tensor, _ expInf: Tensor, _ clr: Double,
    _ beta1: Double, _ beta2: Double, _ eps: Double, _ weightDecay: Double, _ maximize: Bool
) -> SliceUpdate {
    let p = param.mutablePointer(T.self), g = grad.pointer(T.self)
    let m = expAvg.mutablePointer(T.self), u = expInf.mutablePointer(T.self)
    let w1 = T(1 - beta1), b2 = T(beta2), e = T(eps), wd = T(weightDecay), negClr = T(-clr)
    let hasWd = weightDecay != 0
    return { range in
        for i in range {
            var d = maximize ? -g[i] : g[i]
            if hasWd { d = addScaled(d, p[i], wd) }
            let mi = lerp(m[i], d, w1)
            m[i] = mi
            let ui = nanMax(u[i] * b2, abs(d) + e)
            u[i] = ui
            p[i] = p[i] + negClr * mi / ui
        }
    }
}
