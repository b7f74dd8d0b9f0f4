import TensorCore

/// `torch.optim.Adadelta` (lr, rho, eps, weight_decay, maximize).
public final class Adadelta: Optimizer {
    /// Adadelta over explicit parameter groups; unset group options fall back to these defaults (PyTorch: `torch.optim.Adadelta(params, ...)` with a list of dicts).
    public init(
        _ groups: [ParamGroup], lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6,
        weightDecay: Double = 0, maximize: Bool = false
    ) {
        super.init(
            groups,
            defaults: [
                "lr": hyper(lr, default: .double(1.0)), "rho": hyper(rho, default: .double(0.9)),
                "eps": hyper(eps, default: .double(1e-6)), "weight_decay": hyper(weightDecay, default: 0),
                "maximize": .bool(maximize), "capturable": false, "foreach": .none, "differentiable": false,
            ])
    }

    /// Adadelta over one group of parameters (PyTorch: `torch.optim.Adadelta(params, lr=1.0, rho=0.9, eps=1e-6, ...)`).
    public convenience init(
        _ params: [Tensor], lr: Double = 1.0, rho: Double = 0.9, eps: Double = 1e-6,
        weightDecay: Double = 0, maximize: Bool = false
    ) {
        self.init([ParamGroup(params)], lr: lr, rho: rho, eps: eps, weightDecay: weightDecay, maximize: maximize)
    }

    /// Rejects out-of-range hyper-parameters with torch's messages (PyTorch: the checks in `torch.optim.Adadelta.__init__`).
    public override func validate(_ group: ParamGroup) {
        let lr = group.double("lr"), rho = group.double("rho"), eps = group.double("eps")
        let wd = group.double("weight_decay")
        torchCheck(lr >= 0, "Invalid learning rate: \(lr)")
        torchCheck(rho >= 0 && rho <= 1, "Invalid rho value: \(rho)")
        torchCheck(eps >= 0, "Invalid epsilon value: \(eps)")
        torchCheck(wd >= 0, "Invalid weight_decay value: \(wd)")
    }

    /// One Adadelta update of every parameter in `group` that has a gradient (PyTorch: `torch.optim.Adadelta.step`'s per-group loop).
    public override func update(group: ParamGroup) {
        let lr = group.double("lr"), rho = group.double("rho"), eps = group.double("eps")
        let wd = group.double("weight_decay"), maximize = group.bool("maximize")
        var work: [(FusedParam, SliceUpdate)] = []
        for p in group.params {
            guard let g = contiguousGrad(p, p.grad) else { continue }
            let s = paramState(p) {
                [
                    "step": .tensor(newStepTensor()), "square_avg": .tensor(stateLike(p)),
                    "acc_delta": .tensor(stateLike(p)),
                ]
            }
            _ = incrementStep(stateTensor(s, "step"))
            let sq = stateTensor(s, "square_avg"), acc = stateTensor(s, "acc_delta")
            guard usesFusedKernel(p) else {
                // torch's `_single_tensor_adadelta` (see SingleTensorOps.swift).
                let grad = effectiveGrad(p, g, weightDecay: wd, maximize: maximize)
                updateSecondMoment(sq, grad, beta2: rho)
                let std = sq.add(.double(eps)).sqrt_()
                let delta = acc.add(.double(eps)).sqrt_().div_(std).mul_(grad)
                updateSecondMoment(acc, delta, beta2: rho)
                p.add_(delta, alpha: .double(-lr))
                continue
            }
            let f = FusedParam(p, grad: g, state: [sq, acc])
            work.append(
                (
                    f,
                    f.isDouble
                        ? adadeltaKernel(Double.self, f.work, g, sq, acc, lr, rho, eps, wd, maximize)
                        : adadeltaKernel(Float.self, f.work, g, sq, acc, lr, rho, eps, wd, maximize)
                ))
        }
        runFused(work)
    }
}

private func adadeltaKernel<T: OptimFloat>(
    _: T.Type, _ param: Tensor, _ grad: Tensor, _ squareAvg: Tensor, _ accDelta: Tensor, _ lr: Double,
    _ rho: Double, _ eps: Double, _ weightDecay: Double, _ maximize: Bool
) -> SliceUpdate {
    let p = param.mutablePointer(T.self), g = grad.pointer(T.self)
    let sq = squareAvg.mutablePointer(T.self), acc = accDelta.mutablePointer(T.self)
    let r = T(rho), w = T(1 - rho), e = T(eps), wd = T(weightDecay), negLr = T(-lr), hasWd = weightDecay != 0
    return { range in
        for i in range {
            var d = maximize ? -g[i] : g[i]
            if hasWd { d = addScaled(d, p[i], wd) }
            let s = sq[i] * r + w * d * d
            sq[i] = s
            let std = (s + e).squareRoot()
            let delta = (acc[i] + e).squareRoot() / std * d
            acc[i] = acc[i] * r + w * delta * delta
            p[i] = addScaled(p[i], delta, negLr)
        }
    }
}
