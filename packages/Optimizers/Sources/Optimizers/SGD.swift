import TensorCore

/// `torch.optim.SGD` (momentum, dampening, nesterov, weight_decay, maximize).
public final class SGD: Optimizer {
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
        weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false
    ) {
        super.init(groups, defaults: [
            "lr": hyper(lr, default: .double(1e-3)), "momentum": hyper(momentum, default: 0),
            "dampening": hyper(dampening, default: 0), "weight_decay": hyper(weightDecay, default: 0),
            "nesterov": .bool(nesterov), "maximize": .bool(maximize), "foreach": .none,
            "differentiable": false, "fused": .none,
        ])
    }

    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
        weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false
    ) {
        self.init([ParamGroup(params)], lr: lr, momentum: momentum, dampening: dampening,
                  weightDecay: weightDecay, nesterov: nesterov, maximize: maximize)
    }

    public override func validate(_ group: ParamGroup) {
        let lr = group.double("lr"), momentum = group.double("momentum"), wd = group.double("weight_decay")
        torchCheck(lr >= 0, "Invalid learning rate: \(lr)")
        torchCheck(momentum >= 0, "Invalid momentum value: \(momentum)")
        torchCheck(wd >= 0, "Invalid weight_decay value: \(wd)")
        torchCheck(
            !group.bool("nesterov") || (momentum > 0 && group.double("dampening") == 0),
            "Nesterov momentum requires a momentum and zero dampening")
    }

    public override func update(group: ParamGroup) {
        let lr = group.double("lr"), momentum = group.double("momentum")
        let dampening = group.double("dampening"), wd = group.double("weight_decay")
        let nesterov = group.bool("nesterov"), maximize = group.bool("maximize")
        for p in group.params {
            guard let g = contiguousGrad(p, p.grad) else { continue }
            var buf: Tensor? = nil
            var first = false
            if momentum != 0 {
                if let b = state[ObjectIdentifier(p)]?["momentum_buffer"]?.tensor {
                    buf = b
                } else {
                    buf = Tensor.zeros(p.shape.dims, dtype: p.dtype)
                    state[ObjectIdentifier(p), default: [:]]["momentum_buffer"] = .tensor(buf!)
                    first = true
                }
            }
            updatingInPlace(p) { p in
                switch p.dtype {
                case .float32:
                    sgdKernel(Float.self, p, g, buf, first, lr, momentum, dampening, wd, nesterov, maximize)
                default:
                    sgdKernel(Double.self, p, g, buf, first, lr, momentum, dampening, wd, nesterov, maximize)
                }
            }
            buf?.bumpVersion()
        }
    }
}

private func sgdKernel<T: OptimFloat>(
    _: T.Type, _ param: Tensor, _ grad: Tensor, _ buffer: Tensor?, _ first: Bool, _ lr: Double,
    _ momentum: Double, _ dampening: Double, _ weightDecay: Double, _ nesterov: Bool, _ maximize: Bool
) {
    let p = param.mutablePointer(T.self), g = grad.pointer(T.self)
    let negLr = T(-lr), mom = T(momentum), keep = T(1 - dampening), wd = T(weightDecay)
    let sign: T = maximize ? -1 : 1  // negation is exact, so a multiply keeps the loop branch-free
    let hasWd = weightDecay != 0
    // One loop per case, so each inner loop is branch-free and vectorizes.
    guard let b = buffer?.mutablePointer(T.self) else {
        chunks(param.numel) { range in
            for i in range {
                let d = g[i] * sign
                p[i] = addScaled(p[i], hasWd ? addScaled(d, p[i], wd) : d, negLr)
            }
        }
        return
    }
    chunks(param.numel) { range in
        if first {
            for i in range {
                let d0 = g[i] * sign
                let d = hasWd ? addScaled(d0, p[i], wd) : d0
                b[i] = d
                p[i] = addScaled(p[i], nesterov ? addScaled(d, d, mom) : d, negLr)
            }
        } else if nesterov {
            for i in range {
                let d0 = g[i] * sign
                let d = hasWd ? addScaled(d0, p[i], wd) : d0
                let v = addScaled(b[i] * mom, d, keep)
                b[i] = v
                p[i] = addScaled(p[i], addScaled(d, v, mom), negLr)
            }
        } else {
            for i in range {
                let d0 = g[i] * sign
                let d = hasWd ? addScaled(d0, p[i], wd) : d0
                let v = addScaled(b[i] * mom, d, keep)
                b[i] = v
                p[i] = addScaled(p[i], v, negLr)
            }
        }
    }
}
