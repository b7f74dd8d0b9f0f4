import TensorCore

/// `torch.optim.Adagrad` (lr_decay, weight_decay, initial_accumulator_value, eps, maximize). Its state
/// exists from construction, as in torch.
public final class Adagrad: Optimizer {
    /// Adagrad over explicit parameter groups; unset group options fall back to these defaults (PyTorch: `torch.optim.Adagrad(params, ...)` with a list of dicts).
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
        initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false
    ) {
        super.init(
            groups,
            defaults: [
                "lr": hyper(lr, default: .double(1e-2)), "lr_decay": hyper(lrDecay, default: 0),
                "eps": hyper(eps, default: .double(1e-10)), "weight_decay": hyper(weightDecay, default: 0),
                "initial_accumulator_value": hyper(initialAccumulatorValue, default: 0), "foreach": .none,
                "maximize": .bool(maximize), "differentiable": false, "fused": .none,
            ])
        for group in paramGroups { initializeState(group) }
    }

    /// Adagrad over one group of parameters (PyTorch: `torch.optim.Adagrad(params, lr=1e-2, lr_decay=0, ...)`).
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
        initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false
    ) {
        self.init(
            [ParamGroup(params)], lr: lr, lrDecay: lrDecay, weightDecay: weightDecay,
            initialAccumulatorValue: initialAccumulatorValue, eps: eps, maximize: maximize)
    }

    private func initializeState(_ group: ParamGroup) {
        let initial = group.double("initial_accumulator_value")
        for p in group.params {
            _ = paramState(p) { ["step": .tensor(newStepTensor()), "sum": .tensor(stateLike(p, fill: initial))] }
        }
    }

    /// Rejects out-of-range hyper-parameters with torch's messages (PyTorch: the checks in `torch.optim.Adagrad.__init__`).
    public override func validate(_ group: ParamGroup) {
        let lr = group.double("lr"), lrDecay = group.double("lr_decay"), wd = group.double("weight_decay")
        let initial = group.double("initial_accumulator_value"), eps = group.double("eps")
        torchCheck(lr >= 0, "Invalid learning rate: \(lr)")
        torchCheck(lrDecay >= 0, "Invalid lr_decay value: \(lrDecay)")
        torchCheck(wd >= 0, "Invalid weight_decay value: \(wd)")
        torchCheck(initial >= 0, "Invalid initial_accumulator_value value: \(initial)")
        torchCheck(eps >= 0, "Invalid epsilon value: \(eps)")
    }

    /// One Adagrad update of every parameter in `group` that has a gradient (PyTorch: `torch.optim.Adagrad.step`'s per-group loop).
    public override func update(group: ParamGroup) {
        let lr = group.double("lr"), lrDecay = group.double("lr_decay"), eps = group.double("eps")
        let wd = group.double("weight_decay"), maximize = group.bool("maximize")
        var work: [(FusedParam, SliceUpdate)] = []
        for p in group.params {
            guard let g = contiguousGrad(p, p.grad) else { continue }
            let initial = group.double("initial_accumulator_value")
            let s = paramState(p) { ["step": .tensor(newStepTensor()), "sum": .tensor(stateLike(p, fill: initial))] }
            let step = incrementStep(stateTensor(s, "step"))
            let sum = stateTensor(s, "sum")
            let clr = lr / (1 + (step - 1) * lrDecay)
            guard usesFusedKernel(p) else {
                // torch's `_single_tensor_adagrad` (see SingleTensorOps.swift).
                let grad = effectiveGrad(p, g, weightDecay: wd, maximize: maximize)
                sum.addcmul_(grad, grad, value: 1)
                p.addcdiv_(grad, sum.sqrt().add_(.double(eps)), value: .double(-clr))
                continue
            }
            let f = FusedParam(p, grad: g, state: [sum])
            work.append(
                (
                    f,
                    f.isDouble
                        ? adagradKernel(Double.self, f.work, g, sum, clr, eps, wd, maximize)
                        : adagradKernel(Float.self, f.work, g, sum, clr, eps, wd, maximize)
                ))
        }
        runFused(work)
    }
}

private func adagradKernel<T: OptimFloat>(
    _: T.Type, _ param: Tensor, _ grad: Tensor, _ stateSum: Tensor, _ clr: Double, _ eps: Double,
    _ weightDecay: Double, _ maximize: Bool
) -> SliceUpdate {
    let p = param.mutablePointer(T.self), g = grad.pointer(T.self), sum = stateSum.mutablePointer(T.self)
    let negClr = T(-clr), e = T(eps), wd = T(weightDecay), hasWd = weightDecay != 0
    return { range in
        for i in range {
            var d = maximize ? -g[i] : g[i]
            if hasWd { d = addScaled(d, p[i], wd) }
            let s = sum[i] + 1 * d * d
            sum[i] = s
            p[i] = p[i] + negClr * d / (s.squareRoot() + e)
        }
    }
}
