import Foundation
import Optimizers
import TensorCore

/// `CyclicLR`: the lr cycles between `base_lr` and `max_lr` (up over `stepSizeUp` steps, down over
/// `stepSizeDown`), the amplitude scaled per cycle or per iteration; momentum (or Adam's beta1) cycles
/// inversely between `max_momentum` and `base_momentum`. Stepped once per batch.
/// PyTorch: `torch.optim.lr_scheduler.CyclicLR`.
public final class CyclicLR: LRScheduler {
    /// The amplitude policy: `triangular` keeps it, `triangular2` halves it every cycle, `expRange` scales it by
    /// `gamma ** iteration` (PyTorch: the `mode` argument of `torch.optim.lr_scheduler.CyclicLR`).
    public enum Mode: String, Sendable { case triangular, triangular2, expRange = "exp_range" }
    /// What a scale function is applied to: the cycle number or the iteration (`last_epoch`)
    /// (PyTorch: the `scale_mode` argument of `torch.optim.lr_scheduler.CyclicLR`).
    public enum ScaleMode: String, Sendable { case cycle, iterations }

    /// Each group's upper lr boundary (PyTorch: `torch.optim.lr_scheduler.CyclicLR.max_lrs`).
    public private(set) var maxLRs: [Double]
    /// Steps per cycle, `stepSizeUp + stepSizeDown` (PyTorch: `torch.optim.lr_scheduler.CyclicLR.total_size`).
    public private(set) var totalSize: Double
    /// The rising fraction of a cycle, `stepSizeUp / totalSize`
    /// (PyTorch: `torch.optim.lr_scheduler.CyclicLR.step_ratio`).
    public private(set) var stepRatio: Double
    /// The amplitude policy (PyTorch: `torch.optim.lr_scheduler.CyclicLR.mode`).
    public private(set) var mode: Mode
    /// The base of `expRange`'s scaling, `gamma ** iteration` (PyTorch: `torch.optim.lr_scheduler.CyclicLR.gamma`).
    public private(set) var gamma: Double
    /// What the scale function takes; set by the mode unless a custom `scaleFn` is given
    /// (PyTorch: `torch.optim.lr_scheduler.CyclicLR.scale_mode`).
    public private(set) var scaleMode: ScaleMode
    /// Whether momentum (or beta1) cycles inversely to the lr
    /// (PyTorch: `torch.optim.lr_scheduler.CyclicLR.cycle_momentum`).
    public private(set) var cycleMomentum: Bool
    /// Each group's momentum at the lr's peak; empty without momentum cycling
    /// (PyTorch: `torch.optim.lr_scheduler.CyclicLR.base_momentums`).
    public private(set) var baseMomentums: [Double]
    /// Each group's momentum at a cycle's start; empty without momentum cycling
    /// (PyTorch: `torch.optim.lr_scheduler.CyclicLR.max_momentums`).
    public private(set) var maxMomentums: [Double]
    let customScaleFn: ((Double) -> Double)?
    let useBeta1: Bool

    /// `baseLR`, `maxLR`, `baseMomentum` and `maxMomentum` have one value per group, or one for all.
    /// A `scaleFn` replaces the mode's policy and is applied to the cycle number or the iteration per
    /// `scaleMode` (torch ignores `scaleMode` for the built-in modes).
    public init(
        _ optimizer: Optimizer, baseLR: [Double], maxLR: [Double], stepSizeUp: Int = 2000, stepSizeDown: Int? = nil,
        mode: Mode = .triangular, gamma: Double = 1.0, scaleFn: ((Double) -> Double)? = nil,
        scaleMode: ScaleMode = .cycle, cycleMomentum: Bool = true, baseMomentum: [Double] = [0.8],
        maxMomentum: [Double] = [0.9], lastEpoch: Int = -1
    ) {
        let groups = optimizer.paramGroups.count
        let baseLRs = perGroup("base_lr", baseLR, groups)
        if lastEpoch == -1 {
            for i in 0..<groups { optimizer.paramGroups[i].lr = baseLRs[i] }
        }
        maxLRs = perGroup("max_lr", maxLR, groups)
        let up = Double(stepSizeUp), down = stepSizeDown.map(Double.init) ?? up
        totalSize = up + down
        stepRatio = up / totalSize
        self.mode = mode
        self.gamma = gamma
        customScaleFn = scaleFn
        self.scaleMode = scaleFn != nil ? scaleMode : CyclicLR.builtInScaleMode(mode)
        self.cycleMomentum = cycleMomentum
        if cycleMomentum {
            (useBeta1, baseMomentums, maxMomentums) = startMomentumCycling(
                optimizer, base: baseMomentum, max: maxMomentum, lastEpoch: lastEpoch)
        } else {
            (useBeta1, baseMomentums, maxMomentums) = (optimizer.defaults["betas"] != nil, [], [])
        }
        super.init(optimizer, lastEpoch: lastEpoch)
        self.baseLRs = baseLRs
    }

    /// The same with one value for every group (PyTorch: `torch.optim.lr_scheduler.CyclicLR` given floats for
    /// `base_lr`, `max_lr`, `base_momentum` and `max_momentum`).
    public convenience init(
        _ optimizer: Optimizer, baseLR: Double, maxLR: Double, stepSizeUp: Int = 2000, stepSizeDown: Int? = nil,
        mode: Mode = .triangular, gamma: Double = 1.0, scaleFn: ((Double) -> Double)? = nil,
        scaleMode: ScaleMode = .cycle, cycleMomentum: Bool = true, baseMomentum: Double = 0.8,
        maxMomentum: Double = 0.9, lastEpoch: Int = -1
    ) {
        self.init(
            optimizer, baseLR: [baseLR], maxLR: [maxLR], stepSizeUp: stepSizeUp, stepSizeDown: stepSizeDown,
            mode: mode, gamma: gamma, scaleFn: scaleFn, scaleMode: scaleMode, cycleMomentum: cycleMomentum,
            baseMomentum: [baseMomentum], maxMomentum: [maxMomentum], lastEpoch: lastEpoch)
    }

    static func builtInScaleMode(_ mode: Mode) -> ScaleMode { mode == .expRange ? .iterations : .cycle }

    /// The amplitude factor for cycle number or iteration `x`.
    func scale(_ x: Double) -> Double {
        if let customScaleFn { return customScaleFn(x) }
        switch mode {
        case .triangular: return 1.0
        case .triangular2: return 1 / pow(2.0, x - 1)
        case .expRange: return pow(gamma, x)
        }
    }

    /// The lr at the current point of the triangle wave, the amplitude scaled per the mode; sets the inverse
    /// momentum as a side effect, as torch does (PyTorch: `torch.optim.lr_scheduler.CyclicLR.get_lr`).
    public override func getLR() -> [Double] {
        let cycle = floor(1 + Double(lastEpoch) / totalSize)
        let x = 1.0 + Double(lastEpoch) / totalSize - cycle
        let scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1)
        let amplitude = scale(scaleMode == .cycle ? cycle : Double(lastEpoch))
        let lrs = zip(baseLRs, maxLRs).map { base, max in base + (max - base) * scaleFactor * amplitude }
        if cycleMomentum {
            for (i, (base, max)) in zip(baseMomentums, maxMomentums).enumerated() {
                setMomentum(optimizer, i, max - (max - base) * scaleFactor * amplitude, beta1: useBeta1)
            }
        }
        return lrs
    }

    /// Adds torch's attributes; a custom scale function saves as None, as torch saves a plain function
    /// (PyTorch: `torch.optim.lr_scheduler.CyclicLR.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["max_lrs"] = .list(maxLRs.map { .double($0) })
        d["total_size"] = .double(totalSize)
        d["step_ratio"] = .double(stepRatio)
        d["mode"] = .string(mode.rawValue)
        d["gamma"] = .double(gamma)
        d["scale_mode"] = .string(scaleMode.rawValue)
        d["cycle_momentum"] = .bool(cycleMomentum)
        if cycleMomentum {
            d["use_beta1"] = .bool(useBeta1)
            d["base_momentums"] = .list(baseMomentums.map { .double($0) })
            d["max_momentums"] = .list(maxMomentums.map { .double($0) })
        }
        // torch saves a custom scale function only when it is a callable object; closures save None.
        d["_scale_fn_custom"] = StateValue.none
    }

    /// Reads the attributes back, re-deriving the scale mode from the mode unless a custom function is in use
    /// (PyTorch: `torch.optim.lr_scheduler.CyclicLR.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        let maxLRs = try d.doubles("max_lrs"), totalSize = try d.double("total_size")
        let stepRatio = try d.double("step_ratio"), gamma = try d.double("gamma")
        guard let mode = try d.value("mode").string.flatMap(Mode.init(rawValue:)) else { throw .wrongType("mode") }
        guard let scaleMode = try d.value("scale_mode").string.flatMap(ScaleMode.init(rawValue:)) else {
            throw .wrongType("scale_mode")
        }
        guard let cycleMomentum = try d.value("cycle_momentum").bool else { throw .wrongType("cycle_momentum") }
        guard maxLRs.count == baseLRs.count else { throw .countMismatch("max_lrs") }
        if cycleMomentum {
            let base = try d.doubles("base_momentums"), max = try d.doubles("max_momentums")
            guard base.count == baseLRs.count, max.count == baseLRs.count else {
                throw .countMismatch("base_momentums")
            }
            baseMomentums = base
            maxMomentums = max
        }
        self.maxLRs = maxLRs
        self.totalSize = totalSize
        self.stepRatio = stepRatio
        self.mode = mode
        self.gamma = gamma
        self.cycleMomentum = cycleMomentum
        // torch re-derives the scale mode from the mode unless a custom function is in use.
        self.scaleMode = customScaleFn != nil ? scaleMode : CyclicLR.builtInScaleMode(mode)
    }
}
