import Foundation
import Optimizers
import TensorCore

/// `StepLR`: multiplies the lr by `gamma` every `stepSize` epochs.
/// PyTorch: `torch.optim.lr_scheduler.StepLR`.
public final class StepLR: LRScheduler {
    /// Epochs between two decays (PyTorch: `torch.optim.lr_scheduler.StepLR.step_size`).
    public var stepSize: Int
    /// The factor applied at each decay (PyTorch: `torch.optim.lr_scheduler.StepLR.gamma`).
    public var gamma: Double

    /// PyTorch: `torch.optim.lr_scheduler.StepLR(optimizer, step_size, gamma=0.1, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, stepSize: Int, gamma: Double = 0.1, lastEpoch: Int = -1) {
        self.stepSize = stepSize
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The current lr, times `gamma` on every `stepSize`-th epoch (PyTorch: `torch.optim.lr_scheduler.StepLR.get_lr`).
    public override func getLR() -> [Double] {
        if lastEpoch == 0 || lastEpoch % stepSize != 0 { return currentLRs }
        return currentLRs.map { $0 * gamma }
    }

    /// `base_lr * gamma ** (last_epoch // step_size)` (PyTorch: `torch.optim.lr_scheduler.StepLR._get_closed_form_lr`).
    public override func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * pow(gamma, Double(floorDiv(lastEpoch, stepSize))) }
    }

    /// Adds `step_size` and `gamma` (PyTorch: their entries in `torch.optim.lr_scheduler.StepLR.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["step_size"] = .int(Int64(stepSize))
        d["gamma"] = .double(gamma)
    }
    /// Reads `step_size` and `gamma` back (PyTorch: `torch.optim.lr_scheduler.StepLR.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        stepSize = try d.int("step_size")
        gamma = try d.double("gamma")
    }
}

/// `MultiStepLR`: multiplies the lr by `gamma` at each milestone (a repeated milestone counts twice).
/// PyTorch: `torch.optim.lr_scheduler.MultiStepLR`.
public final class MultiStepLR: LRScheduler {
    /// The epochs at which the lr decays, sorted, repeats kept
    /// (PyTorch: `torch.optim.lr_scheduler.MultiStepLR.milestones`, a `Counter` there).
    public var milestones: [Int]
    /// The factor applied at each milestone (PyTorch: `torch.optim.lr_scheduler.MultiStepLR.gamma`).
    public var gamma: Double

    /// PyTorch: `torch.optim.lr_scheduler.MultiStepLR(optimizer, milestones, gamma=0.1, last_epoch=-1)`; the
    /// milestones need not be sorted.
    public init(_ optimizer: Optimizer, milestones: [Int], gamma: Double = 0.1, lastEpoch: Int = -1) {
        self.milestones = milestones.sorted()
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The current lr, times `gamma` once per milestone equal to this epoch
    /// (PyTorch: `torch.optim.lr_scheduler.MultiStepLR.get_lr`).
    public override func getLR() -> [Double] {
        let hits = milestones.filter { $0 == lastEpoch }.count
        if hits == 0 { return currentLRs }
        return currentLRs.map { $0 * pow(gamma, Double(hits)) }
    }

    /// `base_lr * gamma ** bisect_right(milestones, last_epoch)`
    /// (PyTorch: `torch.optim.lr_scheduler.MultiStepLR._get_closed_form_lr`).
    public override func closedFormLR() -> [Double]? {
        let passed = milestones.filter { $0 <= lastEpoch }.count  // bisect_right
        return baseLRs.map { $0 * pow(gamma, Double(passed)) }
    }

    /// Adds `milestones` as torch's `Counter` (milestone to count) and `gamma`
    /// (PyTorch: their entries in `torch.optim.lr_scheduler.MultiStepLR.state_dict`).
    public override func saveState(into d: inout StateDict) {
        // torch keeps a Counter {milestone: count}.
        var counter = StateDict()
        for m in milestones { counter[.int(Int64(m))] = .int((counter[.int(Int64(m))]?.int ?? 0) + 1) }
        d["milestones"] = .dict(counter)
        d["gamma"] = .double(gamma)
    }
    /// Reads the milestone counter and `gamma` back (PyTorch: `torch.optim.lr_scheduler.MultiStepLR.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        guard let counter = try d.value("milestones").dict else { throw .wrongType("milestones") }
        var list: [Int] = []
        for (key, count) in counter {
            guard let m = key.intValue, let c = count.int else { throw .wrongType("milestones") }
            list += Array(repeating: Int(m), count: Int(c))
        }
        milestones = list.sorted()
        gamma = try d.double("gamma")
    }
}

/// `ExponentialLR`: multiplies the lr by `gamma` every epoch.
/// PyTorch: `torch.optim.lr_scheduler.ExponentialLR`.
public final class ExponentialLR: LRScheduler {
    /// The factor applied every epoch (PyTorch: `torch.optim.lr_scheduler.ExponentialLR.gamma`).
    public var gamma: Double

    /// PyTorch: `torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, gamma: Double, lastEpoch: Int = -1) {
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The current lr times `gamma`, except on the construction step
    /// (PyTorch: `torch.optim.lr_scheduler.ExponentialLR.get_lr`).
    public override func getLR() -> [Double] { isInitial ? currentLRs : currentLRs.map { $0 * gamma } }
    /// `base_lr * gamma ** last_epoch` (PyTorch: `torch.optim.lr_scheduler.ExponentialLR._get_closed_form_lr`).
    public override func closedFormLR() -> [Double]? { baseLRs.map { $0 * pow(gamma, Double(lastEpoch)) } }

    /// Adds `gamma` (PyTorch: its entry in `torch.optim.lr_scheduler.ExponentialLR.state_dict`).
    public override func saveState(into d: inout StateDict) { d["gamma"] = .double(gamma) }
    /// Reads `gamma` back (PyTorch: `torch.optim.lr_scheduler.ExponentialLR.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) { gamma = try d.double("gamma") }
}

/// `ConstantLR`: scales the lr by `factor` until `totalIters`.
/// PyTorch: `torch.optim.lr_scheduler.ConstantLR`.
public final class ConstantLR: LRScheduler {
    /// The multiplier held until `totalIters`, in [0, 1] (PyTorch: `torch.optim.lr_scheduler.ConstantLR.factor`).
    public var factor: Double
    /// The epoch at which the lr returns to its base value
    /// (PyTorch: `torch.optim.lr_scheduler.ConstantLR.total_iters`).
    public var totalIters: Int

    /// PyTorch: `torch.optim.lr_scheduler.ConstantLR(optimizer, factor=1/3, total_iters=5, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, factor: Double = 1.0 / 3, totalIters: Int = 5, lastEpoch: Int = -1) {
        torchCheck(factor <= 1.0 && factor >= 0, "Constant multiplicative factor expected to be between 0 and 1.")
        self.factor = factor
        self.totalIters = totalIters
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// Scales the current lr by `factor` at epoch 0 and by `1 / factor` at `totalIters`, else keeps it
    /// (PyTorch: `torch.optim.lr_scheduler.ConstantLR.get_lr`).
    public override func getLR() -> [Double] {
        if lastEpoch == 0 { return currentLRs.map { $0 * factor } }
        if lastEpoch != totalIters { return currentLRs }
        return currentLRs.map { $0 * (1.0 / factor) }
    }

    /// `base_lr * factor` before `totalIters`, `base_lr` from then on
    /// (PyTorch: `torch.optim.lr_scheduler.ConstantLR._get_closed_form_lr`).
    public override func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * (factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor)) }
    }

    /// Adds `factor` and `total_iters` (PyTorch: their entries in `torch.optim.lr_scheduler.ConstantLR.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["factor"] = .double(factor)
        d["total_iters"] = .int(Int64(totalIters))
    }
    /// Reads `factor` and `total_iters` back (PyTorch: `torch.optim.lr_scheduler.ConstantLR.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        factor = try d.double("factor")
        totalIters = try d.int("total_iters")
    }
}

/// `LinearLR`: scales the lr linearly from `startFactor` to `endFactor` over `totalIters` epochs.
/// PyTorch: `torch.optim.lr_scheduler.LinearLR`.
public final class LinearLR: LRScheduler {
    /// The multipliers at epoch 0 and from `totalIters` on (PyTorch: `torch.optim.lr_scheduler.LinearLR.start_factor`,
    /// `end_factor`).
    public var startFactor, endFactor: Double
    /// Epochs over which the multiplier moves from `startFactor` to `endFactor`
    /// (PyTorch: `torch.optim.lr_scheduler.LinearLR.total_iters`).
    public var totalIters: Int

    /// `startFactor` must be in (0, 1] and `endFactor` in [0, 1]
    /// (PyTorch: `torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1/3, end_factor=1.0, total_iters=5)`).
    public init(
        _ optimizer: Optimizer, startFactor: Double = 1.0 / 3, endFactor: Double = 1.0, totalIters: Int = 5,
        lastEpoch: Int = -1
    ) {
        torchCheck(
            startFactor <= 1.0 && startFactor > 0,
            "Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
        torchCheck(endFactor <= 1.0 && endFactor >= 0, "Ending multiplicative factor expected to be between 0 and 1.")
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIters = totalIters
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The current lr times the ratio of this epoch's multiplier to the last one's, so changes made to the lr
    /// from outside carry on (PyTorch: `torch.optim.lr_scheduler.LinearLR.get_lr`).
    public override func getLR() -> [Double] {
        if lastEpoch == 0 { return currentLRs.map { $0 * startFactor } }
        if isInitial || lastEpoch > totalIters { return currentLRs }
        let ratio =
            1.0 + (endFactor - startFactor)
            / (Double(totalIters) * startFactor + Double(lastEpoch - 1) * (endFactor - startFactor))
        return currentLRs.map { $0 * ratio }
    }

    /// `base_lr * (start_factor + (end_factor - start_factor) * min(total_iters, last_epoch) / total_iters)`
    /// (PyTorch: `torch.optim.lr_scheduler.LinearLR._get_closed_form_lr`).
    public override func closedFormLR() -> [Double]? {
        baseLRs.map {
            $0 * (startFactor + (endFactor - startFactor) * Double(min(totalIters, lastEpoch)) / Double(totalIters))
        }
    }

    /// Adds `start_factor`, `end_factor` and `total_iters`
    /// (PyTorch: their entries in `torch.optim.lr_scheduler.LinearLR.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["start_factor"] = .double(startFactor)
        d["end_factor"] = .double(endFactor)
        d["total_iters"] = .int(Int64(totalIters))
    }
    /// Reads the factors and `total_iters` back (PyTorch: `torch.optim.lr_scheduler.LinearLR.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        startFactor = try d.double("start_factor")
        endFactor = try d.double("end_factor")
        totalIters = try d.int("total_iters")
    }
}

/// `PolynomialLR`: decays the lr polynomially to zero at `totalIters`.
/// PyTorch: `torch.optim.lr_scheduler.PolynomialLR`.
public final class PolynomialLR: LRScheduler {
    /// The epoch at which the lr reaches zero (PyTorch: `torch.optim.lr_scheduler.PolynomialLR.total_iters`).
    public var totalIters: Int
    /// The polynomial's exponent; 1 decays linearly (PyTorch: `torch.optim.lr_scheduler.PolynomialLR.power`).
    public var power: Double

    /// PyTorch: `torch.optim.lr_scheduler.PolynomialLR(optimizer, total_iters=5, power=1.0, last_epoch=-1)`.
    public init(_ optimizer: Optimizer, totalIters: Int = 5, power: Double = 1.0, lastEpoch: Int = -1) {
        self.totalIters = totalIters
        self.power = power
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The current lr times the ratio of consecutive decay factors; unchanged past `totalIters`
    /// (PyTorch: `torch.optim.lr_scheduler.PolynomialLR.get_lr`).
    public override func getLR() -> [Double] {
        if isInitial || lastEpoch > totalIters { return currentLRs }
        let t = Double(totalIters), e = Double(lastEpoch)
        let factor = pow((1.0 - e / t) / (1.0 - (e - 1) / t), power)
        return currentLRs.map { $0 * factor }
    }

    /// `base_lr * (1 - min(total_iters, last_epoch) / total_iters) ** power`
    /// (PyTorch: `torch.optim.lr_scheduler.PolynomialLR._get_closed_form_lr`).
    public override func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * pow(1.0 - Double(min(totalIters, lastEpoch)) / Double(totalIters), power) }
    }

    /// Adds `total_iters` and `power` (PyTorch: their entries in `torch.optim.lr_scheduler.PolynomialLR.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["total_iters"] = .int(Int64(totalIters))
        d["power"] = .double(power)
    }
    /// Reads `total_iters` and `power` back (PyTorch: `torch.optim.lr_scheduler.PolynomialLR.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        totalIters = try d.int("total_iters")
        power = try d.double("power")
    }
}

/// Python's floor division for ints.
func floorDiv(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

/// Python's `%` for ints (the sign of the divisor).
func floorMod(_ a: Int, _ b: Int) -> Int {
    let r = a % b
    return r != 0 && (r < 0) != (b < 0) ? r + b : r
}
