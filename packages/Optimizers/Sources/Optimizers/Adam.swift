import Foundation
import TensorCore

/// `torch.optim.Adam` (amsgrad, weight_decay, maximize, decoupled_weight_decay).
public class Adam: Optimizer {
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false, decoupledWeightDecay: Bool = false
    ) {
        super.init(groups, defaults: Adam.defaults(
            lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, defaultWeightDecay: 0, amsgrad: amsgrad,
            maximize: maximize, decoupled: decoupledWeightDecay))
    }

    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false, decoupledWeightDecay: Bool = false
    ) {
        self.init([ParamGroup(params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
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

    public override func validate(_ group: ParamGroup) { validateAdamFamily(group) }

    public override func update(group: ParamGroup) {
        let lr = group.double("lr"), (beta1, beta2) = group.betas, eps = group.double("eps")
        let wd = group.double("weight_decay"), amsgrad = group.bool("amsgrad"), maximize = group.bool("maximize")
        let decoupled = group.bool("decoupled_weight_decay")
        for p in group.params {
            guard let g = contiguousGrad(p, p.grad) else { continue }
            let s = paramState(p) {
                var s: StateDict = ["step": .tensor(newStepTensor()), "exp_avg": .tensor(stateLike(p)),
                                    "exp_avg_sq": .tensor(stateLike(p))]
                if amsgrad { s["max_exp_avg_sq"] = .tensor(stateLike(p)) }
                return s
            }
            let m = stateTensor(s, "exp_avg"), v = stateTensor(s, "exp_avg_sq")
            let vmax = amsgrad ? stateTensor(s, "max_exp_avg_sq") : nil
            let step = incrementStep(stateTensor(s, "step"))
            let k = AdamConstants(
                lr: lr, beta1: beta1, beta2: beta2, eps: eps, weightDecay: wd, decoupled: decoupled,
                maximize: maximize, stepSize: lr / (1 - pow(beta1, step)),
                biasCorrection2Sqrt: pow(1 - pow(beta2, step), 0.5))
            updatingInPlace(p) { p in
                switch p.dtype {
                case .float32: adamKernel(Float.self, p, g, m, v, vmax, k)
                default: adamKernel(Double.self, p, g, m, v, vmax, k)
                }
            }
            for t in [m, v] { t.bumpVersion() }
            vmax?.bumpVersion()
        }
    }
}

/// `torch.optim.AdamW`: Adam with decoupled weight decay (default 1e-2).
public final class AdamW: Adam {
    public init(
        _ groups: [ParamGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false
    ) {
        super.init(groups, defaults: Adam.defaults(
            lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, defaultWeightDecay: .double(1e-2),
            amsgrad: amsgrad, maximize: maximize, decoupled: true))
    }

    public convenience init(
        _ params: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), eps: Double = 1e-8,
        weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false
    ) {
        self.init([ParamGroup(params)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
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

struct AdamConstants {
    var lr, beta1, beta2, eps, weightDecay: Double
    var decoupled, maximize: Bool
    var stepSize, biasCorrection2Sqrt: Double
}

private func adamKernel<T: OptimFloat>(
    _: T.Type, _ param: Tensor, _ grad: Tensor, _ expAvg: Tensor, _ expAvgSq: Tensor, _ maxSq: Tensor?,
    _ k: AdamConstants
) {
    let p = param.mutablePointer(T.self), g = grad.pointer(T.self)
    let m = expAvg.mutablePointer(T.self), v = expAvgSq.mutablePointer(T.self)
    let vmax = maxSq?.mutablePointer(T.self)
    let decay = T(1 - k.lr * k.weightDecay), wd = T(k.weightDecay)
    let coupled = k.weightDecay != 0 && !k.decoupled, decoupled = k.weightDecay != 0 && k.decoupled
    let w1 = T(1 - k.beta1), b2 = T(k.beta2), w2 = T(1 - k.beta2)
    let bc2 = T(k.biasCorrection2Sqrt), eps = T(k.eps), negStep = T(-k.stepSize)
    let sign: T = k.maximize ? -1 : 1  // negation is exact: a multiply keeps the loop branch-free
    // The per-element update; `amsgrad` picks one of two loops so each stays branch-free.
    @inline(__always) func update(_ i: Int, _ vmax: UnsafeMutablePointer<T>?) {
        let pi = decoupled ? p[i] * decay : p[i]
        let d = coupled ? addScaled(g[i] * sign, pi, wd) : g[i] * sign
        let mi = lerp(m[i], d, w1)
        m[i] = mi
        var vi = v[i] * b2 + w2 * d * d
        v[i] = vi
        if let vmax {
            vi = nanMax(vmax[i], vi)
            vmax[i] = vi
        }
        let denom = vi.squareRoot() / bc2 + eps
        p[i] = pi + negStep * mi / denom
    }
    chunks(param.numel) { range in
        if let vmax {
            for i in range { update(i, vmax) }
        } else {
            for i in range { update(i, nil) }
        }
    }
}
