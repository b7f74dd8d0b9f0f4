import TensorCore

/// `torch.optim.RMSprop` (alpha, eps, weight_decay, momentum, centered, maximize).
public final class RMSprop: Optimizer {
    /// RMSprop over explicit parameter groups; unset group options fall back to these defaults (PyTorch: `torch.optim.RMSprop(params, ...)` with a list of dicts).
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8,
        weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false, maximize: Bool = false
    ) {
        super.init(
            groups,
            defaults: [
                "lr": hyper(lr, default: .double(1e-2)), "momentum": hyper(momentum, default: 0),
                "alpha": hyper(alpha, default: .double(0.99)), "eps": hyper(eps, default: .double(1e-8)),
                "centered": .bool(centered), "weight_decay": hyper(weightDecay, default: 0), "capturable": false,
                "foreach": .none, "maximize": .bool(maximize), "differentiable": false,
            ])
    }

    /// RMSprop over one group of parameters (PyTorch: `torch.optim.RMSprop(params, lr=1e-2, alpha=0.99, ...)`).
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8,
        weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false, maximize: Bool = false
    ) {
        self.init(
            [ParamGroup(params)], lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay,
            momentum: momentum, centered: centered, maximize: maximize)
    }

    /// Rejects out-of-range hyper-parameters with torch's messages (PyTorch: the checks in `torch.optim.RMSprop.__init__`).
    public override func validate(_ group: ParamGroup) {
        let lr = group.double("lr"), eps = group.double("eps"), momentum = group.double("momentum")
        let wd = group.double("weight_decay"), alpha = group.double("alpha")
        torchCheck(lr >= 0, "Invalid learning rate: \(lr)")
        torchCheck(eps >= 0, "Invalid epsilon value: \(eps)")
        torchCheck(momentum >= 0, "Invalid momentum value: \(momentum)")
        torchCheck(wd >= 0, "Invalid weight_decay value: \(wd)")
        torchCheck(alpha >= 0, "Invalid alpha value: \(alpha)")
    }

    /// One RMSprop update of every parameter in `group` that has a gradient (PyTorch: `torch.optim.RMSprop.step`'s per-group loop).
    public override func update(group: ParamGroup) {
        let lr = group.double("lr"), alpha = group.double("alpha"), eps = group.double("eps")
        let wd = group.double("weight_decay"), momentum = group.double("momentum")
        let centered = group.bool("centered"), maximize = group.bool("maximize")
        var work: [(FusedParam, SliceUpdate)] = []
        for p in group.params {
            guard let g = contiguousGrad(p, p.grad) else { continue }
            let s = paramState(p) {
                var s: StateDict = ["step": .tensor(newStepTensor()), "square_avg": .tensor(stateLike(p))]
                if momentum > 0 { s["momentum_buffer"] = .tensor(stateLike(p)) }
                if centered { s["grad_avg"] = .tensor(stateLike(p)) }
                return s
            }
            _ = incrementStep(stateTensor(s, "step"))
            let sq = stateTensor(s, "square_avg")
            let buf = momentum > 0 ? stateTensor(s, "momentum_buffer") : nil
            let avg = centered ? stateTensor(s, "grad_avg") : nil
            guard usesFusedKernel(p) else {
                rmspropOps(p, g, sq, avg, buf, lr: lr, alpha: alpha, eps: eps, wd: wd, momentum: momentum, maximize)
                continue
            }
            let f = FusedParam(p, grad: g, state: [sq, avg, buf].compactMap { $0 })
            work.append(
                (
                    f,
                    f.isDouble
                        ? rmspropKernel(Double.self, f.work, g, sq, avg, buf, lr, alpha, eps, wd, momentum, maximize)
                        : rmspropKernel(Float.self, f.work, g, sq, avg, buf, lr, alpha, eps, wd, momentum, maximize)
                ))
        }
        runFused(work)
    }
}

/// torch's `_single_tensor_rmsprop` for one parameter (see SingleTensorOps.swift).
private func rmspropOps(
    _ p: Tensor, _ g: Tensor, _ squareAvg: Tensor, _ gradAvg: Tensor?, _ buffer: Tensor?, lr: Double,
    alpha: Double, eps: Double, wd: Double, momentum: Double, _ maximize: Bool
) {
    let grad = effectiveGrad(p, g, weightDecay: wd, maximize: maximize)
    updateSecondMoment(squareAvg, grad, beta2: alpha)
    let avg: Tensor
    if let gradAvg {
        gradAvg.lerp_(grad, weight: .double(1 - alpha))
        avg = squareAvg.addcmul(gradAvg, gradAvg, value: -1).sqrt_()
    } else {
        avg = squareAvg.sqrt()
    }
    avg.add_(.double(eps))
    if let buffer {
        buffer.mul_(.double(momentum)).addcdiv_(grad, avg)
        p.add_(buffer, alpha: .double(-lr))
    } else {
        p.addcdiv_(grad, avg, value: .double(-lr))
    }
}

private func rmspropKernel<T: OptimFloat>(
    _: T.Type, _ param: Tensor, _ grad: Tensor, _ squareAvg: Tensor, _ gradAvg: Tensor?, _ buffer: Tensor?,
    _ lr: Double, _ alpha: Double, _ eps: Double, _ weightDecay: Double, _ momentum: Double, _ maximize: Bool
) -> SliceUpdate {
    let p = param.mutablePointer(T.self), g = grad.pointer(T.self), sq = squareAvg.mutablePointer(T.self)
    let ga = gradAvg?.mutablePointer(T.self), buf = buffer?.mutablePointer(T.self)
    let a = T(alpha), w = T(1 - alpha), e = T(eps), wd = T(weightDecay), mom = T(momentum), negLr = T(-lr)
    let hasWd = weightDecay != 0
    return { range in
        for i in range {
            var d = maximize ? -g[i] : g[i]
            if hasWd { d = addScaled(d, p[i], wd) }
            let s = sq[i] * a + w * d * d
            sq[i] = s
            var avg: T
            if let ga {
                let gi = lerp(ga[i], d, w)
                ga[i] = gi
                avg = (s + (-1) * gi * gi).squareRoot()
            } else {
                avg = s.squareRoot()
            }
            avg = avg + e
            if let buf {
                let b = buf[i] * mom + 1 * d / avg
                buf[i] = b
                p[i] = addScaled(p[i], b, negLr)
            } else {
                p[i] = p[i] + negLr * d / avg
            }
        }
    }
}
