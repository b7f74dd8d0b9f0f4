import COptimizerKernels
import Foundation
import TensorCore

/// `torch.optim.Adam` (amsgrad, weight_decay, maximize, decoupled_weight_decay).
public class Adam: Optimizer {
    /// Adam over explicit parameter groups; unset group options fall back to these defaults (PyTorch: `torch.optim.Adam(params, ...)` with a list of dicts).
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false, decoupledWeightDecay: Bool = false
    ) {
        super.init(
            groups,
            defaults: Adam.defaults(
                lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, defaultWeightDecay: 0, amsgrad: amsgrad,
                maximize: maximize, decoupled: decoupledWeightDecay))
    }

    /// Adam over one group of parameters (PyTorch: `torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), ...)`).
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false, decoupledWeightDecay: Bool = false
    ) {
        self.init(
            [ParamGroup(params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
            amsgrad: amsgrad, maximize: maximize, decoupledWeightDecay: decoupledWeightDecay)
    }

    override init(_ groups: [ParamGroup], defaults: StateDict) { super.init(groups, defaults: defaults) }

    static func defaults(
        lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double, defaultWeightDecay: StateValue,
        amsgrad: Bool, maximize: Bool, decoupled: Bool
    ) -> StateDict {
        [
            "lr": hyper(lr, default: .double(1e-3)), "betas": .tuple([.double(betas.0), .double(betas.1)]),
            "eps": hyper(eps, default: .double(1e-8)), "weight_decay": hyper(weightDecay, default: defaultWeightDecay),
            "amsgrad": .bool(amsgrad), "maximize": .bool(maximize), "foreach": .none, "capturable": false,
            "differentiable": false, "fused": .none, "decoupled_weight_decay": .bool(decoupled),
        ]
    }

    /// Rejects out-of-range lr, eps, betas and weight decay with torch's messages (PyTorch: the checks in `torch.optim.Adam.__init__`).
    public override func validate(_ group: ParamGroup) { validateAdamFamily(group) }

    /// One Adam (or AMSGrad) update of every parameter in `group` that has a gradient (PyTorch: `torch.optim.Adam.step`'s per-group loop).
    public override func update(group: ParamGroup) {
        let lr = group.double("lr"), (beta1, beta2) = group.betas, amsgrad = group.bool("amsgrad")
        var fused: [FusedParam] = [], args: [optim_adam_args] = []
        for p in group.params {
            guard let g = contiguousGrad(p, p.grad) else { continue }
            let s = paramState(p) {
                var s: StateDict = [
                    "step": .tensor(newStepTensor()), "exp_avg": .tensor(stateLike(p)),
                    "exp_avg_sq": .tensor(stateLike(p)),
                ]
                if amsgrad { s["max_exp_avg_sq"] = .tensor(stateLike(p)) }
                return s
            }
            let moments = [stateTensor(s, "exp_avg"), stateTensor(s, "exp_avg_sq")]
            guard usesFusedKernel(p) else {
                adamOps(
                    p, g, moments[0], moments[1], amsgrad ? stateTensor(s, "max_exp_avg_sq") : nil,
                    step: incrementStep(stateTensor(s, "step")), group)
                continue
            }
            fused.append(FusedParam(p, grad: g, state: moments + (amsgrad ? [stateTensor(s, "max_exp_avg_sq")] : [])))
            // Each parameter has its own step counter (equal unless a state dict or group change split them).
            let step = incrementStep(stateTensor(s, "step"))
            args.append(
                optim_adam_args(
                    lr: lr, beta1: beta1, beta2: beta2, eps: group.double("eps"),
                    weight_decay: group.double("weight_decay"),
                    step_size: lr / (1 - pow(beta1, step)), bias_correction2_sqrt: pow(1 - pow(beta2, step), 0.5),
                    decoupled_weight_decay: group.bool("decoupled_weight_decay"), maximize: group.bool("maximize")))
        }
        forEachSlice(fused) { i, r in
            let f = fused[i], o = r.lowerBound, maxSq = f.state.count > 2 ? f.state[2] : nil
            var a = args[i]
            if f.isDouble {
                optim_adam_f64(
                    address(f.work, Double.self, o), address(f.grad, Double.self, o),
                    address(f.state[0], Double.self, o), address(f.state[1], Double.self, o),
                    addressIfAny(maxSq, Double.self, o), r.count, &a)
            } else {
                optim_adam_f32(
                    address(f.work, Float.self, o), address(f.grad, Float.self, o),
                    address(f.state[0], Float.self, o), address(f.state[1], Float.self, o),
                    addressIfAny(maxSq, Float.self, o), r.count, &a)
            }
        }
        for f in fused { f.finish() }
    }

    /// torch's `_single_tensor_adam` for one parameter (see SingleTensorOps.swift).
    private func adamOps(
        _ p: Tensor, _ g: Tensor, _ m: Tensor, _ v: Tensor, _ maxV: Tensor?, step: Double,
        _ group: ParamGroup
    ) {
        let lr = group.double("lr"), (beta1, beta2) = group.betas, wd = group.double("weight_decay")
        let decoupled = group.bool("decoupled_weight_decay")
        if decoupled && wd != 0 { p.mul_(.double(1 - lr * wd)) }
        let grad = effectiveGrad(p, g, weightDecay: decoupled ? 0 : wd, maximize: group.bool("maximize"))
        m.lerp_(grad, weight: .double(1 - beta1))
        updateSecondMoment(v, grad, beta2: beta2)
        let stepSize = lr / (1 - pow(beta1, step)), bc2Sqrt = pow(1 - pow(beta2, step), 0.5)
        var second = v
        if let maxV {
            maxV.copy_(maxV.maximum(v))
            second = maxV
        }
        let denom = second.sqrt().div(.double(bc2Sqrt)).add_(.double(group.double("eps")))
        p.addcdiv_(m, denom, value: .double(-stepSize))
    }
}

/// `torch.optim.AdamW`: Adam with decoupled weight decay (default 1e-2).
public final class AdamW: Adam {
    /// AdamW over explicit parameter groups; weight decay defaults to 1e-2 and is always decoupled (PyTorch: `torch.optim.AdamW(params, ...)` with a list of dicts).
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false
    ) {
        super.init(
            groups,
            defaults: Adam.defaults(
                lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, defaultWeightDecay: .double(1e-2),
                amsgrad: amsgrad, maximize: maximize, decoupled: true))
    }

    /// AdamW over one group of parameters (PyTorch: `torch.optim.AdamW(params, lr=1e-3, weight_decay=1e-2, ...)`).
    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false
    ) {
        self.init(
            [ParamGroup(params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
            amsgrad: amsgrad, maximize: maximize)
    }
}

/// The constructor checks Adam, AdamW, Adamax, NAdam and RAdam share (torch's messages).
func validateAdamFamily(_ group: ParamGroup) {
    let lr = group.double("lr"), eps = group.double("eps"), (b0, b1) = group.betas
    let wd = group.double("weight_decay")
    torchCheck(lr >= 0, "Invalid learning rate: \(lr)")
    torchCheck(eps >= 0, "Invalid epsilon value: \(eps)")
    torchCheck(b0 >= 0 && b0 < 1, "Invalid beta parameter at index 0: \(b0)")
    torchCheck(b1 >= 0 && b1 < 1, "Invalid beta parameter at index 1: \(b1)")
    torchCheck(wd >= 0, "Invalid weight_decay value: \(wd)")
}
