import Optimizers
import TensorCore

/// `ReduceLROnPlateau`: multiplies the lr by `factor` when a metric stopped improving for
/// `patience` epochs (then waits `cooldown` epochs).
/// PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau` (an `LRScheduler` subclass in torch; standalone here,
/// since its `step` takes a metric and it has no schedule to compute).
public final class ReduceLROnPlateau {
    /// Whether a lower metric is better (`min`, e.g. a loss) or a higher one (`max`, e.g. an accuracy)
    /// (PyTorch: the `mode` argument of `torch.optim.lr_scheduler.ReduceLROnPlateau`).
    public enum Mode: String, Sendable { case min, max }
    /// How `threshold` marks a real improvement: `rel` scales `best` by `1 ∓ threshold`, `abs` offsets it
    /// (PyTorch: the `threshold_mode` argument of `torch.optim.lr_scheduler.ReduceLROnPlateau`).
    public enum ThresholdMode: String, Sendable { case rel, abs }

    /// The optimizer whose param groups' `lr` is reduced
    /// (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.optimizer`).
    public let optimizer: Optimizer
    /// Whether lower or higher metrics are better (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.mode`).
    public var mode: Mode
    /// The multiplier of each reduction, below 1 (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.factor`).
    public var factor: Double
    /// Epochs without improvement tolerated before a reduction
    /// (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.patience`).
    public var patience: Int
    /// The least change that counts as an improvement
    /// (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.threshold`).
    public var threshold: Double
    /// Whether `threshold` is relative or absolute
    /// (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.threshold_mode`).
    public var thresholdMode: ThresholdMode
    /// Epochs after a reduction during which bad epochs are not counted
    /// (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.cooldown`).
    public var cooldown: Int
    /// Each group's lower bound on the lr (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.min_lrs`).
    public var minLRs: [Double]
    /// Reductions smaller than this are skipped (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.eps`).
    public var eps: Double
    /// The best metric so far, starting at the worst value for the mode
    /// (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.best`).
    public var best: Double
    /// Consecutive epochs without improvement (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.num_bad_epochs`).
    public var numBadEpochs = 0
    /// Cooldown epochs left (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.cooldown_counter`).
    public var cooldownCounter = 0
    /// The number of `step` calls so far (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.last_epoch`).
    public var lastEpoch = 0
    var lastLR: [Double]

    /// `minLR` has one value per group, or one for all; the defaults are torch's
    /// (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau`).
    public init(
        _ optimizer: Optimizer, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10, threshold: Double = 1e-4,
        thresholdMode: ThresholdMode = .rel, cooldown: Int = 0, minLR: [Double] = [0], eps: Double = 1e-8
    ) {
        torchCheck(factor < 1.0, "Factor should be < 1.0.")
        self.optimizer = optimizer
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
        if minLR.count == 1 {
            minLRs = Array(repeating: minLR[0], count: optimizer.paramGroups.count)
        } else {
            torchCheck(
                minLR.count == optimizer.paramGroups.count,
                "expected \(optimizer.paramGroups.count) min_lrs, got \(minLR.count)")
            minLRs = minLR
        }
        self.eps = eps
        best = mode == .min ? .infinity : -.infinity
        lastLR = optimizer.paramGroups.map(\.lr)
    }

    /// The lrs after the last `step`, one per param group
    /// (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.get_last_lr`).
    public func getLastLR() -> [Double] { lastLR }

    var inCooldown: Bool { cooldownCounter > 0 }

    func isBetter(_ a: Double, _ best: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.min, .rel): return a < best * (1.0 - threshold)
        case (.min, .abs): return a < best - threshold
        case (.max, .rel): return a > best * (threshold + 1.0)
        case (.max, .abs): return a > best + threshold
        }
    }

    /// One epoch's metric (e.g. the validation loss).
    /// PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.step(metrics)`.
    public func step(_ metric: Double) {
        lastEpoch += 1
        if isBetter(metric, best) {
            best = metric
            numBadEpochs = 0
        } else {
            numBadEpochs += 1
        }
        if inCooldown {
            cooldownCounter -= 1
            numBadEpochs = 0
        }
        if numBadEpochs > patience {
            for i in optimizer.paramGroups.indices {
                let old = optimizer.paramGroups[i].lr
                let new = Swift.max(old * factor, minLRs[i])
                if old - new > eps { optimizer.paramGroups[i].lr = new }
            }
            cooldownCounter = cooldown
            numBadEpochs = 0
        }
        lastLR = optimizer.paramGroups.map(\.lr)
    }

    /// `state_dict()`: torch's attribute names and values, `mode_worse` and `default_min_lr` included
    /// (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.state_dict`).
    public func stateDict() -> StateValue {
        [
            "factor": .double(factor),
            "default_min_lr": minLRs.allSatisfy({ $0 == minLRs[0] }) ? .double(minLRs[0]) : .none,
            "min_lrs": .list(minLRs.map { .double($0) }), "patience": .int(Int64(patience)),
            "cooldown": .int(Int64(cooldown)), "eps": .double(eps), "last_epoch": .int(Int64(lastEpoch)),
            "_last_lr": .list(lastLR.map { .double($0) }), "mode": .string(mode.rawValue),
            "threshold": .double(threshold), "threshold_mode": .string(thresholdMode.rawValue),
            "best": .double(best), "cooldown_counter": .int(Int64(cooldownCounter)),
            "num_bad_epochs": .int(Int64(numBadEpochs)), "mode_worse": .double(mode == .min ? .infinity : -.infinity),
        ]
    }

    /// Restores what `stateDict()` saves; throws when a key is missing or has the wrong type
    /// (PyTorch: `torch.optim.lr_scheduler.ReduceLROnPlateau.load_state_dict`).
    public func loadStateDict(_ value: StateValue) throws(SchedulerLoadError) {
        guard let d = value.dict else { throw .notADict }
        guard let m = Mode(rawValue: try d.value("mode").string ?? "") else { throw .wrongType("mode") }
        guard let tm = ThresholdMode(rawValue: try d.value("threshold_mode").string ?? "") else {
            throw .wrongType("threshold_mode")
        }
        let values = (
            try d.double("factor"), try d.doubles("min_lrs"), try d.int("patience"), try d.int("cooldown"),
            try d.double("eps"), try d.int("last_epoch"), try d.doubles("_last_lr"), try d.double("threshold"),
            try d.double("best"), try d.int("cooldown_counter"), try d.int("num_bad_epochs")
        )
        (factor, minLRs, patience, cooldown, eps, lastEpoch, lastLR, threshold, best, cooldownCounter, numBadEpochs) =
            values
        mode = m
        thresholdMode = tm
    }
}
