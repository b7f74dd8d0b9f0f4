import Foundation
import Optimizers
import TensorCore

/// `StepLR`: multiplies the lr by `gamma` every `stepSize` epochs.
public final class StepLR: LRScheduler {
    public var stepSize: Int
    public var gamma: Double

    public init(_ optimizer: Optimizer, stepSize: Int, gamma: Double = 0.1, lastEpoch: Int = -1) {
        self.stepSize = stepSize
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public override func getLR() -> [Double] {
        if lastEpoch == 0 || lastEpoch % stepSize != 0 { return currentLRs }
        return currentLRs.map { $0 * gamma }
    }

    public override func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * pow(gamma, Double(floorDiv(lastEpoch, stepSize))) }
    }

    public override func saveState(into d: inout StateDict) {
        d["step_size"] = .int(Int64(stepSize))
        d["gamma"] = .double(gamma)
    }
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        stepSize = try d.int("step_size")
        gamma = try d.double("gamma")
    }
}

/// `MultiStepLR`: multiplies the lr by `gamma` at each milestone (a repeated milestone counts twice).
public final class MultiStepLR: LRScheduler {
    public var milestones: [Int]
    public var gamma: Double

    public init(_ optimizer: Optimizer, milestones: [Int], gamma: Double = 0.1, lastEpoch: Int = -1) {
        self.milestones = milestones.sorted()
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public override func getLR() -> [Double] {
        let hits = milestones.filter { $0 == lastEpoch }.count
        if hits == 0 { return currentLRs }
        return currentLRs.map { $0 * pow(gamma, Double(hits)) }
    }

    public override func closedFormLR() -> [Double]? {
        let passed = milestones.filter { $0 <= lastEpoch }.count  // bisect_right
        return baseLRs.map { $0 * pow(gamma, Double(passed)) }
    }

    public override func saveState(into d: inout StateDict) {
        // torch keeps a Counter {milestone: count}.
        var counter = StateDict()
        for m in milestones { counter[.int(Int64(m))] = .int((counter[.int(Int64(m))]?.int ?? 0) + 1) }
        d["milestones"] = .dict(counter)
        d["gamma"] = .double(gamma)
    }
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
public final class ExponentialLR: LRScheduler {
    public var gamma: Double

    public init(_ optimizer: Optimizer, gamma: Double, lastEpoch: Int = -1) {
        self.gamma = gamma
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public override func getLR() -> [Double] { isInitial ? currentLRs : currentLRs.map { $0 * gamma } }
    public override func closedFormLR() -> [Double]? { baseLRs.map { $0 * pow(gamma, Double(lastEpoch)) } }

    public override func saveState(into d: inout StateDict) { d["gamma"] = .double(gamma) }
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) { gamma = try d.double("gamma") }
}

/// `ConstantLR`: scales the lr by `factor` until `totalIters`.
public final class ConstantLR: LRScheduler {
    public var factor: Double
    public var totalIters: Int

    public init(_ optimizer: Optimizer, factor: Double = 1.0 / 3, totalIters: Int = 5, lastEpoch: Int = -1) {
        torchCheck(factor <= 1.0 && factor >= 0, "Constant multiplicative factor expected to be between 0 and 1.")
        self.factor = factor
        self.totalIters = totalIters
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public override func getLR() -> [Double] {
        if lastEpoch == 0 { return currentLRs.map { $0 * factor } }
        if lastEpoch != totalIters { return currentLRs }
        return currentLRs.map { $0 * (1.0 / factor) }
    }

    public override func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * (factor + (lastEpoch >= totalIters ? 1 : 0) * (1 - factor)) }
    }

    public override func saveState(into d: inout StateDict) {
        d["factor"] = .double(factor)
        d["total_iters"] = .int(Int64(totalIters))
    }
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        factor = try d.double("factor")
        totalIters = try d.int("total_iters")
    }
}

/// `LinearLR`: scales the lr linearly from `startFactor` to `endFactor` over `totalIters` epochs.
public final class LinearLR: LRScheduler {
    public var startFactor, endFactor: Double
    public var totalIters: Int

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

    public override func getLR() -> [Double] {
        if lastEpoch == 0 { return currentLRs.map { $0 * startFactor } }
        if isInitial || lastEpoch > totalIters { return currentLRs }
        let ratio = 1.0 + (endFactor - startFactor)
            / (Double(totalIters) * startFactor + Double(lastEpoch - 1) * (endFactor - startFactor))
        return currentLRs.map { $0 * ratio }
    }

    public override func closedFormLR() -> [Double]? {
        baseLRs.map {
            $0 * (startFactor + (endFactor - startFactor) * Double(min(totalIters, lastEpoch)) / Double(totalIters))
        }
    }

    public override func saveState(into d: inout StateDict) {
        d["start_factor"] = .double(startFactor)
        d["end_factor"] = .double(endFactor)
        d["total_iters"] = .int(Int64(totalIters))
    }
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        startFactor = try d.double("start_factor")
        endFactor = try d.double("end_factor")
        totalIters = try d.int("total_iters")
    }
}

/// `PolynomialLR`: decays the lr polynomially to zero at `totalIters`.
public final class PolynomialLR: LRScheduler {
    public var totalIters: Int
    public var power: Double

    public init(_ optimizer: Optimizer, totalIters: Int = 5, power: Double = 1.0, lastEpoch: Int = -1) {
        self.totalIters = totalIters
        self.power = power
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public override func getLR() -> [Double] {
        if isInitial || lastEpoch > totalIters { return currentLRs }
        let t = Double(totalIters), e = Double(lastEpoch)
        let factor = pow((1.0 - e / t) / (1.0 - (e - 1) / t), power)
        return currentLRs.map { $0 * factor }
    }

    public override func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * pow(1.0 - Double(min(totalIters, lastEpoch)) / Double(totalIters), power) }
    }

    public override func saveState(into d: inout StateDict) {
        d["total_iters"] = .int(Int64(totalIters))
        d["power"] = .double(power)
    }
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
