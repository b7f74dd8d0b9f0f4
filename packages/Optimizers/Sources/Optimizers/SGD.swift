import COptimizerKernels
import TensorCore

/// `torch.optim.SGD` (momentum, dampening, nesterov, weight_decay, maximize).
public final class SGD: Optimizer {
    /// SGD over explicit parameter groups; unset group options fall back to these defaults (PyTorch: `torch.optim.SGD(params, ...)` with a list of dicts).
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
        weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false
    ) {
        super.init(
            groups,
            defaults: [
                "lr": hyper(lr, default: .double(1e-3)), "momentum": hyper(momentum, default: 0),
                "dampening": hyper(dampening, default: 0), "weight_decay": hyper(weightDecay, default: 0),
                "nesterov": .bool(nesterov), "maximize": .bool(maximize), "foreach": .none,
                "differentiable": false, "fused": .none,
            ])
    }

    /// SGD over one group of parameters (PyTorch: `torch.optim.SGD(params, lr=1e-3, momentum=0, ...)`).
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
        weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false
    ) {
        self.init(
            [ParamGroup(params)], lr: lr, momentum: momentum, dampening: dampening,
            weightDecay: weightDecay, nesterov: nesterov, maximize: maximize)
    }

    /// Rejects out-of-range hyper-parameters and nesterov without momentum, with torch's messages (PyTorch: the checks in `torch.optim.SGD.__init__`).
    public override func validate(_ group: ParamGroup) {
        let lr = group.double("lr"), momentum = group.double("momentum"), wd = group.double("weight_decay")
        torchCheck(lr >= 0, "Invalid learning rate: \(lr)")
        torchCheck(momentum >= 0, "Invalid momentum value: \(momentum)")
        torchCheck(wd >= 0, "Invalid weight_decay value: \(wd)")
        torchCheck(
            !group.bool("nesterov") || (momentum > 0 && group.double("dampening") == 0),
            "Nesterov momentum requires a momentum and zero dampening")
    }

    /// One SGD (momentum, nesterov) update of every parameter in `group` that has a gradient (PyTorch: `torch.optim.SGD.step`'s per-group loop).
    public override func update(group: ParamGroup) {
        let momentum = group.double("momentum")
        var fused: [FusedParam] = [], first: [Bool] = []
        for p in group.params {
            guard let g = contiguousGrad(p, p.grad) else { continue }
            guard usesFusedKernel(p) else {
                sgdOps(p, g, group)
                continue
            }
            guard momentum != 0 else {
                fused.append(FusedParam(p, grad: g))
                first.append(false)
                continue
            }
            if let b = state[ObjectIdentifier(p)]?["momentum_buffer"]?.tensor {
                fused.append(FusedParam(p, grad: g, state: [b]))
                first.append(false)
            } else {
                let b = Tensor.zeros(p.shape.dims, dtype: p.dtype)
                state[ObjectIdentifier(p), default: [:]]["momentum_buffer"] = .tensor(b)
                fused.append(FusedParam(p, grad: g, state: [b]))
                first.append(true)
            }
        }
        let args = optim_sgd_args(
            lr: group.double("lr"), momentum: momentum, dampening: group.double("dampening"),
            weight_decay: group.double("weight_decay"), nesterov: group.bool("nesterov"),
            maximize: group.bool("maximize"), first: false)
        forEachSlice(fused) { i, r in
            let f = fused[i], o = r.lowerBound, buffer = f.state.first
            var a = args
            a.first = first[i]
            if f.isDouble {
                optim_sgd_f64(
                    address(f.work, Double.self, o), address(f.grad, Double.self, o),
                    addressIfAny(buffer, Double.self, o), r.count, &a)
            } else {
                optim_sgd_f32(
                    address(f.work, Float.self, o), address(f.grad, Float.self, o),
                    addressIfAny(buffer, Float.self, o), r.count, &a)
            }
        }
        for f in fused { f.finish() }
    }

    /// torch's `_single_tensor_sgd` for one parameter (see SingleTensorOps.swift).
    private func sgdOps(_ p: Tensor, _ g: Tensor, _ group: ParamGroup) {
        let momentum = group.double("momentum"), maximize = group.bool("maximize")
        var grad = effectiveGrad(p, g, weightDecay: group.double("weight_decay"), maximize: maximize)
        if momentum != 0 {
            let buf: Tensor
            if let b = state[ObjectIdentifier(p)]?["momentum_buffer"]?.tensor {
                buf = b
                buf.mul_(.double(momentum)).add_(grad, alpha: .double(1 - group.double("dampening")))
            } else {
                // The first step's buffer is the gradient itself (no dampening), as in torch.
                buf = grad.clone()
                state[ObjectIdentifier(p), default: [:]]["momentum_buffer"] = .tensor(buf)
            }
            grad = group.bool("nesterov") ? grad.add(buf, alpha: .double(momentum)) : buf
        }
        p.add_(grad, alpha: .double(-group.double("lr")))
    }
}
