import Optimizers
import TensorCore

/// `torch.optim.lr_scheduler.LRScheduler`: owns `last_epoch` and `base_lrs`, writes each param group's
/// `lr` on `step()`. Subclasses give `getLR()` (torch's recursive form, used by `step()`) and, where torch
/// has one, `closedFormLR()` (used when a SequentialLR jumps to a milestone).
open class LRScheduler {
    /// The optimizer whose param groups' `lr` this scheduler writes
    /// (PyTorch: `torch.optim.lr_scheduler.LRScheduler.optimizer`).
    public let optimizer: Optimizer
    /// Each group's `initial_lr`, the value the schedule starts from and scales
    /// (PyTorch: `torch.optim.lr_scheduler.LRScheduler.base_lrs`).
    public var baseLRs: [Double] = []
    /// The index of the current epoch (or batch, for per-batch schedules): 0 after the construction step
    /// (PyTorch: `torch.optim.lr_scheduler.LRScheduler.last_epoch`).
    public var lastEpoch: Int
    /// torch's `_step_count`: 1 after construction; the first user `step()` checks the call order.
    public var stepCount = 0
    /// True only during the construction step (torch's `_is_initial`).
    public var isInitial = false
    var lastLR: [Double] = []

    /// Records `initial_lr` in every group (or requires it when resuming with `lastEpoch >= 0`) and
    /// performs the initial step, as torch's constructor does.
    public init(_ optimizer: Optimizer, lastEpoch: Int = -1) {
        self.optimizer = optimizer
        self.lastEpoch = lastEpoch
        for i in optimizer.paramGroups.indices {
            if lastEpoch == -1 {
                if optimizer.paramGroups[i]["initial_lr"] == nil {
                    optimizer.paramGroups[i]["initial_lr"] = optimizer.paramGroups[i]["lr"]
                }
            } else {
                torchCheck(
                    optimizer.paramGroups[i]["initial_lr"] != nil,
                    "param 'initial_lr' is not specified in param_groups[\(i)] when resuming scheduler with last_epoch >= 0."
                )
            }
        }
        baseLRs = optimizer.paramGroups.map { $0.double("initial_lr") }
        initialStep()
    }

    /// For schedulers that manage others (ChainedScheduler): no initial step of their own.
    init(composing optimizer: Optimizer) {
        self.optimizer = optimizer
        self.lastEpoch = 0
    }

    func initialStep() {
        stepCount = 0
        isInitial = true
        step()
        isInitial = false
    }

    /// The learning rates of the current step (torch's `get_lr`).
    open func getLR() -> [Double] { torchFail("\(type(of: self)) does not implement getLR()") }

    /// The closed form at `lastEpoch`, or nil when torch's scheduler has none.
    open func closedFormLR() -> [Double]? { nil }

    /// `get_last_lr()`: the learning rates the last step set, one per param group.
    /// PyTorch: `torch.optim.lr_scheduler.LRScheduler.get_last_lr`.
    public func getLastLR() -> [Double] { lastLR }

    /// Advances one epoch. Call it after `optimizer.step()`; the other order skips the schedule's
    /// first value, and torch's warning says so (printed once to stderr).
    open func step() {
        if stepCount == 1 && optimizer.stepCount == 0 { warnStepOrder() }
        stepCount += 1
        updateLR(epoch: nil)
    }

    func updateLR(epoch: Int?) {
        let values: [Double]
        if let epoch {
            lastEpoch = epoch
            values = closedFormLR() ?? getLR()
        } else {
            lastEpoch += 1
            values = getLR()
        }
        for (i, lr) in values.enumerated() { optimizer.paramGroups[i].lr = lr }
        lastLR = currentLRs
    }

    var currentLRs: [Double] { optimizer.paramGroups.map(\.lr) }

    /// Decrements `last_epoch` (SequentialLR's `recursive_undo`).
    func undo() { lastEpoch -= 1 }

    // MARK: State dict (torch's keys: the scheduler's attributes except the optimizer)

    /// `state_dict()`: torch's attribute names and values.
    public func stateDict() -> StateValue {
        var d: StateDict = [
            "base_lrs": .list(baseLRs.map { .double($0) }), "last_epoch": .int(Int64(lastEpoch)),
            "_step_count": .int(Int64(stepCount)), "_is_initial": .bool(isInitial),
            "_get_lr_called_within_step": false, "_last_lr": .list(lastLR.map { .double($0) }),
        ]
        saveState(into: &d)
        return .dict(d)
    }

    /// `load_state_dict()`. Throws when a key torch's scheduler has is missing or has the wrong type.
    public func loadStateDict(_ value: StateValue) throws(SchedulerLoadError) {
        guard let d = value.dict else { throw .notADict }
        let base = try d.doubles("base_lrs"), last = try d.int("last_epoch"), count = try d.int("_step_count")
        let lastLR = try d.doubles("_last_lr")
        try loadState(from: d)
        baseLRs = base
        lastEpoch = last
        stepCount = count
        self.lastLR = lastLR
    }

    /// Subclasses add their own attributes (torch's names).
    open func saveState(into dict: inout StateDict) {}
    /// Subclasses read back what `saveState` wrote, throwing on a missing or mistyped key (PyTorch: the
    /// attributes `load_state_dict` restores, which torch does wholesale with `__dict__.update`).
    open func loadState(from dict: StateDict) throws(SchedulerLoadError) {}
}

/// A scheduler state dict that does not fit (it comes from outside the program).
/// No PyTorch counterpart: torch's `load_state_dict` takes any dict and fails later, if at all, on a bad one.
public enum SchedulerLoadError: Error, Equatable, CustomStringConvertible {
    /// The value is not a dict.
    case notADict
    /// A key the scheduler saves is absent.
    case missingKey(String)
    /// A key holds a value of another type.
    case wrongType(String)
    /// A list whose length differs from this scheduler's (param groups, or chained schedulers).
    case countMismatch(String)

    /// The message, naming the key (No PyTorch counterpart: the error type is Swift's; Python's `__str__`
    /// of an exception plays this part).
    public var description: String {
        switch self {
        case .notADict: return "scheduler state dict is not a dict"
        case .missingKey(let k): return "scheduler state dict lacks '\(k)'"
        case .wrongType(let k): return "scheduler state dict has '\(k)' of an unexpected type"
        case .countMismatch(let k): return "scheduler state dict's '\(k)' has a different number of entries"
        }
    }
}

extension StateDict {
    func value(_ key: String) throws(SchedulerLoadError) -> StateValue {
        guard let v = self[key] else { throw .missingKey(key) }
        return v
    }
    func int(_ key: String) throws(SchedulerLoadError) -> Int {
        guard let v = try value(key).int else { throw .wrongType(key) }
        return Int(v)
    }
    func double(_ key: String) throws(SchedulerLoadError) -> Double {
        guard let v = try value(key).double else { throw .wrongType(key) }
        return v
    }
    func doubles(_ key: String) throws(SchedulerLoadError) -> [Double] {
        guard let items = try value(key).items else { throw .wrongType(key) }
        var out: [Double] = []
        for item in items {
            guard let d = item.double else { throw .wrongType(key) }
            out.append(d)
        }
        return out
    }
}

/// torch's UserWarning for `scheduler.step()` before `optimizer.step()`, once per process.
func warnStepOrder() {
    guard !StepOrderWarning.shown.exchange() else { return }
    let text =
        "UserWarning: Detected call of `lr_scheduler.step()` before `optimizer.step()`. "
        + "In PyTorch 1.1.0 and later, you should call them in the opposite order: "
        + "`optimizer.step()` before `lr_scheduler.step()`.  Failure to do this "
        + "will result in PyTorch skipping the first value of the learning rate schedule. "
        + "See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate\n"
    FileHandleStderr.write(text)
}
