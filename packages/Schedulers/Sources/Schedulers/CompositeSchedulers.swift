import Optimizers
import TensorCore

/// `SequentialLR`: runs `schedulers[i]` between milestones; at a milestone the next scheduler starts
/// from its epoch 0 (closed form where torch has one).
public final class SequentialLR: LRScheduler {
    /// The schedulers in the order they take turns (PyTorch: `torch.optim.lr_scheduler.SequentialLR._schedulers`).
    public let schedulers: [LRScheduler]
    /// The epochs at which the next scheduler takes over
    /// (PyTorch: `torch.optim.lr_scheduler.SequentialLR._milestones`).
    public let milestones: [Int]

    /// Resets every group's lr to `initial_lr`, undoes the schedulers' construction steps and takes the active
    /// scheduler's initial step
    /// (PyTorch: `torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers, milestones, last_epoch=-1)`).
    public init(_ optimizer: Optimizer, schedulers: [LRScheduler], milestones: [Int], lastEpoch: Int = -1) {
        torchCheck(!schedulers.isEmpty, "SequentialLR expects at least one scheduler, but got no scheduler.")
        for (i, s) in schedulers.enumerated() {
            torchCheck(
                s.optimizer === optimizer,
                "SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler \(type(of: s)) at index \(i) has \(s.optimizer), which is different from \(type(of: optimizer))."
            )
        }
        torchCheck(
            milestones.count == schedulers.count - 1,
            "Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers \(schedulers.count) and the number of milestones to be equal to \(milestones.count)"
        )
        self.schedulers = schedulers
        self.milestones = milestones
        super.init(composing: optimizer)
        self.lastEpoch = lastEpoch + 1
        for i in optimizer.paramGroups.indices {
            optimizer.paramGroups[i].lr = optimizer.paramGroups[i].double("initial_lr")
        }
        for s in schedulers { s.undo() }
        let idx = bisectRight(milestones, 0)
        schedulers[idx].initialStep()
        lastLR = schedulers[idx].getLastLR()
    }

    override func undo() { for s in schedulers { s.undo() } }

    /// Advances one epoch on the active scheduler; at a milestone the next one starts from its epoch 0
    /// (PyTorch: `torch.optim.lr_scheduler.SequentialLR.step`).
    public override func step() {
        lastEpoch += 1
        let idx = bisectRight(milestones, lastEpoch)
        let scheduler = schedulers[idx]
        if idx > 0 && milestones[idx - 1] == lastEpoch {
            scheduler.updateLR(epoch: 0)
        } else {
            scheduler.step()
        }
        lastLR = scheduler.getLastLR()
    }

    /// Adds the child schedulers' state dicts and the milestones
    /// (PyTorch: `torch.optim.lr_scheduler.SequentialLR.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["_schedulers"] = .list(schedulers.map { $0.stateDict() })
        d["_milestones"] = .list(milestones.map { .int(Int64($0)) })
    }
    /// Loads each child's state dict; throws if their number differs
    /// (PyTorch: `torch.optim.lr_scheduler.SequentialLR.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        guard let saved = try d.value("_schedulers").items else { throw .wrongType("_schedulers") }
        guard saved.count == schedulers.count else { throw .countMismatch("_schedulers") }
        for (s, v) in zip(schedulers, saved) { try s.loadStateDict(v) }
    }
}

/// `ChainedScheduler`: steps every scheduler each epoch, so their factors multiply.
/// PyTorch: `torch.optim.lr_scheduler.ChainedScheduler`.
public final class ChainedScheduler: LRScheduler {
    /// The schedulers stepped together, in order (PyTorch: `torch.optim.lr_scheduler.ChainedScheduler._schedulers`).
    public let schedulers: [LRScheduler]

    /// Checks that every scheduler drives `optimizer` (by default the first scheduler's)
    /// (PyTorch: `torch.optim.lr_scheduler.ChainedScheduler(schedulers, optimizer=None)`).
    public init(_ schedulers: [LRScheduler], optimizer: Optimizer? = nil) {
        torchCheck(
            !schedulers.isEmpty, "ChainedScheduler expects at least one scheduler to be chained, but got no scheduler.")
        let optimizer = optimizer ?? schedulers[0].optimizer
        for (i, s) in schedulers.enumerated() {
            torchCheck(
                s.optimizer === optimizer,
                "ChainedScheduler expects all schedulers to belong to the same optimizer, but got scheduler \(type(of: s)) at index \(i) has \(s.optimizer), which is different from \(type(of: optimizer))."
            )
        }
        self.schedulers = schedulers
        super.init(composing: optimizer)
        lastLR = currentLRs
    }

    override func undo() { for s in schedulers { s.undo() } }

    /// Steps every scheduler in order (PyTorch: `torch.optim.lr_scheduler.ChainedScheduler.step`).
    public override func step() {
        for s in schedulers { s.step() }
        lastLR = currentLRs
    }

    /// Adds the child schedulers' state dicts (PyTorch: `torch.optim.lr_scheduler.ChainedScheduler.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["_schedulers"] = .list(schedulers.map { $0.stateDict() })
    }
    /// Loads each child's state dict; throws if their number differs
    /// (PyTorch: `torch.optim.lr_scheduler.ChainedScheduler.load_state_dict`).
    public override func loadState(from d: StateDict) throws(SchedulerLoadError) {
        guard let saved = try d.value("_schedulers").items else { throw .wrongType("_schedulers") }
        guard saved.count == schedulers.count else { throw .countMismatch("_schedulers") }
        for (s, v) in zip(schedulers, saved) { try s.loadStateDict(v) }
    }
}

/// Python's `bisect_right` on a sorted list.
func bisectRight(_ a: [Int], _ x: Int) -> Int {
    var lo = 0, hi = a.count
    while lo < hi {
        let mid = (lo + hi) / 2
        if x < a[mid] { hi = mid } else { lo = mid + 1 }
    }
    return lo
}
