import Foundation
import Optimizers
import TensorCore

/// `OneCycleLR`: warm up from max_lr/div_factor to max_lr, anneal to initial_lr/final_div_factor
/// (cos or linear; optionally three phases), cycling momentum (or Adam's beta1) inversely.
/// PyTorch: `torch.optim.lr_scheduler.OneCycleLR`.
public final class OneCycleLR: LRScheduler {
    /// How each phase moves between its end points: `cos` (cosine annealing) or `linear`
    /// (PyTorch: the `anneal_strategy` argument of `torch.optim.lr_scheduler.OneCycleLR`).
    public enum AnnealStrategy: String, Sendable { case cos, linear }

    struct Phase {
        var endStep: Double
        var startLR, endLR, startMomentum, endMomentum: String
    }

    /// Steps in the whole cycle; stepping past it is an error
    /// (PyTorch: `torch.optim.lr_scheduler.OneCycleLR.total_steps`).
    public let totalSteps: Int
    /// The phases' interpolation (PyTorch: `torch.optim.lr_scheduler.OneCycleLR._anneal_func_type`).
    public let annealStrategy: AnnealStrategy
    /// Whether momentum (or beta1) moves inversely to the lr
    /// (PyTorch: `torch.optim.lr_scheduler.OneCycleLR.cycle_momentum`).
    public let cycleMomentum: Bool
    let useBeta1: Bool
    let phases: [Phase]

    /// `maxLR`, `baseMomentum` and `maxMomentum` have one value per group, or one for all.
    /// PyTorch: `torch.optim.lr_scheduler.OneCycleLR`; give `totalSteps`, or `epochs` and `stepsPerEpoch`.
    public init(
        _ optimizer: Optimizer, maxLR: [Double], totalSteps: Int? = nil, epochs: Int? = nil,
        stepsPerEpoch: Int? = nil, pctStart: Double = 0.3, annealStrategy: AnnealStrategy = .cos,
        cycleMomentum: Bool = true, baseMomentum: [Double] = [0.85], maxMomentum: [Double] = [0.95],
        divFactor: Double = 25.0, finalDivFactor: Double = 1e4, threePhase: Bool = false, lastEpoch: Int = -1
    ) {
        if let totalSteps {
            torchCheck(totalSteps > 0, "Expected positive integer total_steps, but got \(totalSteps)")
            self.totalSteps = totalSteps
        } else if let epochs, let stepsPerEpoch {
            torchCheck(epochs > 0, "Expected positive integer epochs, but got \(epochs)")
            torchCheck(stepsPerEpoch > 0, "Expected positive integer steps_per_epoch, but got \(stepsPerEpoch)")
            self.totalSteps = epochs * stepsPerEpoch
        } else {
            torchFail("You must define either total_steps OR (epochs AND steps_per_epoch)")
        }
        let total = Double(self.totalSteps)
        if threePhase {
            phases = [
                Phase(
                    endStep: pctStart * total - 1, startLR: "initial_lr", endLR: "max_lr",
                    startMomentum: "max_momentum", endMomentum: "base_momentum"),
                Phase(
                    endStep: 2 * pctStart * total - 2, startLR: "max_lr", endLR: "initial_lr",
                    startMomentum: "base_momentum", endMomentum: "max_momentum"),
                Phase(
                    endStep: total - 1, startLR: "initial_lr", endLR: "min_lr",
                    startMomentum: "max_momentum", endMomentum: "max_momentum"),
            ]
        } else {
            phases = [
                Phase(
                    endStep: pctStart * total - 1, startLR: "initial_lr", endLR: "max_lr",
                    startMomentum: "max_momentum", endMomentum: "base_momentum"),
                Phase(
                    endStep: total - 1, startLR: "max_lr", endLR: "min_lr",
                    startMomentum: "base_momentum", endMomentum: "max_momentum"),
            ]
        }
        torchCheck(pctStart >= 0 && pctStart <= 1, "Expected float between 0 and 1 pct_start, but got \(pctStart)")
        self.annealStrategy = annealStrategy
        let groups = optimizer.paramGroups.count
        let maxLRs = perGroup("max_lr", maxLR, groups)
        if lastEpoch == -1 {
            for i in 0..<groups {
                let initial = maxLRs[i] / divFactor
                optimizer.paramGroups[i]["initial_lr"] = .double(initial)
                optimizer.paramGroups[i]["max_lr"] = .double(maxLRs[i])
                optimizer.paramGroups[i]["min_lr"] = .double(initial / finalDivFactor)
            }
        }
        self.cycleMomentum = cycleMomentum
        useBeta1 =
            cycleMomentum
            ? startMomentumCycling(optimizer, base: baseMomentum, max: maxMomentum, lastEpoch: lastEpoch).useBeta1
            : optimizer.defaults["betas"] != nil
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The same with one value for every group (PyTorch: `torch.optim.lr_scheduler.OneCycleLR` given floats for
    /// `max_lr`, `base_momentum` and `max_momentum`).
    public convenience init(
        _ optimizer: Optimizer, maxLR: Double, totalSteps: Int? = nil, epochs: Int? = nil, stepsPerEpoch: Int? = nil,
        pctStart: Double = 0.3, annealStrategy: AnnealStrategy = .cos, cycleMomentum: Bool = true,
        baseMomentum: Double = 0.85, maxMomentum: Double = 0.95, divFactor: Double = 25.0,
        finalDivFactor: Double = 1e4, threePhase: Bool = false, lastEpoch: Int = -1
    ) {
        self.init(
            optimizer, maxLR: [maxLR], totalSteps: totalSteps, epochs: epochs, stepsPerEpoch: stepsPerEpoch,
            pctStart: pctStart, annealStrategy: annealStrategy, cycleMomentum: cycleMomentum,
            baseMomentum: [baseMomentum], maxMomentum: [maxMomentum], divFactor: divFactor,
            finalDivFactor: finalDivFactor, threePhase: threePhase, lastEpoch: lastEpoch)
    }

    func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        switch annealStrategy {
        case .cos: return end + (start - end) / 2.0 * (cos(Double.pi * pct) + 1)
        case .linear: return (end - start) * pct + start
        }
    }

    /// The lr of the phase this step falls in, annealed from the phase's start value to its end value; sets the
    /// momentum as a side effect (PyTorch: `torch.optim.lr_scheduler.OneCycleLR.get_lr`).
    public override func getLR() -> [Double] {
        let stepNum = Double(lastEpoch)
        torchCheck(
            lastEpoch <= totalSteps,
            "Tried to step \(lastEpoch) times. The specified number of total steps is \(totalSteps)")
        var lrs: [Double] = []
        for i in optimizer.paramGroups.indices {
            let group = optimizer.paramGroups[i]
            var start = 0.0
            for (k, phase) in phases.enumerated() {
                if stepNum <= phase.endStep || k == phases.count - 1 {
                    let pct = (stepNum - start) / (phase.endStep - start)
                    lrs.append(anneal(group.double(phase.startLR), group.double(phase.endLR), pct))
                    if cycleMomentum {
                        let m = anneal(group.double(phase.startMomentum), group.double(phase.endMomentum), pct)
                        setMomentum(optimizer, i, m, beta1: useBeta1)
                    }
                    break
                }
                start = phase.endStep
            }
        }
        return lrs
    }

    /// Adds torch's attributes, the phases as `_schedule_phases` dicts naming param-group keys
    /// (PyTorch: `torch.optim.lr_scheduler.OneCycleLR.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["total_steps"] = .int(Int64(totalSteps))
        d["_anneal_func_type"] = .string(annealStrategy.rawValue)
        d["cycle_momentum"] = .bool(cycleMomentum)
        if cycleMomentum { d["use_beta1"] = .bool(useBeta1) }
        d["_schedule_phases"] = .list(
            phases.map {
                .dict([
                    "end_step": .double($0.endStep), "start_lr": .string($0.startLR), "end_lr": .string($0.endLR),
                    "start_momentum": .string($0.startMomentum), "end_momentum": .string($0.endMomentum),
                ])
            })
    }
}

/// torch's `_format_param`: one value per group, or one value repeated.
func perGroup(_ name: String, _ values: [Double], _ groups: Int) -> [Double] {
    if values.count == 1 { return Array(repeating: values[0], count: groups) }
    torchCheck(
        values.count == groups,
        "\(name) must have the same length as optimizer.param_groups. \(name) has \(values.count) values, param_groups has \(groups)."
    )
    return values
}
