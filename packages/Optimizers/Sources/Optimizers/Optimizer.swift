import Autodiff
import TensorCore

/// `torch.optim.Optimizer`: parameter groups, per-parameter state, `zeroGrad`, `step`, and state dicts
/// in torch's structure. Subclasses supply their defaults and `update(group:)`, the per-group update
/// that runs under no-grad and writes each parameter's storage in place.
open class Optimizer {
    /// Hyper-parameters every group falls back to, in torch's order.
    public let defaults: StateDict
    /// `optimizer.param_groups`: readable and writable (schedulers set `lr` here).
    /// PyTorch: `torch.optim.Optimizer.param_groups`.
    public var paramGroups: [ParamGroup] = []
    /// `optimizer.state`, keyed by parameter identity; values use torch's keys ("step", "exp_avg", ...).
    public var state: [ObjectIdentifier: StateDict] = [:]

    /// Counts `step()` calls; schedulers use it to warn when they step before the optimizer.
    /// No PyTorch counterpart: torch's schedulers patch `optimizer.step` to notice the same thing.
    public internal(set) var stepCount = 0

    /// Adds each group through `addParamGroup`; an empty parameter list fails (PyTorch: `torch.optim.Optimizer.__init__(params, defaults)`).
    public init(_ groups: [ParamGroup], defaults: StateDict) {
        self.defaults = defaults
        torchCheck(
            !groups.isEmpty && !groups.allSatisfy({ $0.params.isEmpty }), "optimizer got an empty parameter list")
        for group in groups { addParamGroup(group) }
    }

    /// `add_param_group`: fills the group's missing hyper-parameters from the defaults.
    /// PyTorch: `torch.optim.Optimizer.add_param_group`.
    public func addParamGroup(_ group: ParamGroup) {
        for p in group.params {
            torchCheck(p.isLeaf, "can't optimize a non-leaf Tensor")
        }
        var filled = group
        for (key, value) in defaults where filled.options[key] == nil { filled.options[key] = value }
        let seen = Set(paramGroups.flatMap { $0.params.map(ObjectIdentifier.init) })
        let mine = group.params.map(ObjectIdentifier.init)
        torchCheck(
            Set(mine).count == mine.count && seen.isDisjoint(with: mine),
            "some parameters appear in more than one parameter group")
        validate(filled)
        paramGroups.append(filled)
    }

    /// Checks a group's hyper-parameters with torch's messages (the constructor's checks, applied to
    /// every group so a per-group value is checked too).
    open func validate(_ group: ParamGroup) {}

    /// `zero_grad(set_to_none=True)`.
    /// PyTorch: `torch.optim.Optimizer.zero_grad`.
    public func zeroGrad(setToNone: Bool = true) {
        for group in paramGroups {
            for p in group.params {
                guard let g = p.grad else { continue }
                if setToNone { p.grad = nil } else { g.zero_() }
            }
        }
    }

    /// One optimization step with the gradients already in `.grad`.
    /// PyTorch: `torch.optim.Optimizer.step()` without a closure.
    public func step() { _ = step(closure: nil) }

    /// `step(closure)`: the closure re-evaluates the model (with grad enabled) and returns the loss.
    /// PyTorch: `torch.optim.Optimizer.step(closure)`.
    @discardableResult
    open func step(closure: (() -> Tensor)?) -> Tensor? {
        let loss = closure.map { c in enableGrad { c() } }
        noGrad {
            for i in paramGroups.indices { update(group: paramGroups[i]) }
        }
        stepCount += 1
        return loss
    }

    /// The algorithm: update every parameter of `group` that has a gradient.
    /// Subclasses override it (PyTorch: the body of each optimizer's `step`).
    open func update(group: ParamGroup) {
        torchFail("\(type(of: self)) does not implement update(group:)")
    }

    // MARK: State helpers for subclasses

    /// The state of `p`, created by `initial` on first use.
    /// No PyTorch counterpart: torch subclasses fill `self.state[p]` inline; this does the lazy init once.
    public func paramState(_ p: Tensor, initial: () -> StateDict) -> StateDict {
        let key = ObjectIdentifier(p)
        if let s = state[key] { return s }
        let s = initial()
        state[key] = s
        return s
    }
}

extension Optimizer: CustomStringConvertible {
    /// torch's repr: the class name and each group's hyper-parameters.
    public var description: String {
        var s = "\(type(of: self)) ("
        for (i, group) in paramGroups.enumerated() {
            s += "\nParameter Group \(i)"
            for (key, value) in group.options.sorted(by: { $0.0.text < $1.0.text }) {
                s += "\n    \(key.text): \(value)"
            }
        }
        return s + "\n)"
    }
}
