import Autodiff
import TensorCore

extension Module {
    /// `copy.deepcopy(module)`: the same structure with new, independent parameters and buffers holding the
    /// same values (and gradients), the same training mode and hooks. A module or tensor reachable twice is
    /// copied once, so shared weights stay shared in the copy. Draws nothing from the default generator.
    /// PyTorch: `copy.deepcopy(module)` on a `torch.nn.Module`.
    public func deepCopy() -> Self {
        var memo = DeepCopyMemo()
        return deepCopy(&memo) as! Self
    }

    private func deepCopy(_ memo: inout DeepCopyMemo) -> Module {
        if let done = memo.modules[ObjectIdentifier(self)] { return done }
        let state = getRngState()
        let copy = makeCopy()
        setRngState(state)
        torchCheck(
            type(of: copy) == type(of: self),
            "\(typeName).makeCopy() built a \(copy.typeName): \(typeName) must override makeCopy() to be deep-copied")
        memo.modules[ObjectIdentifier(self)] = copy
        copy.training = training
        copy.hooks = hooks.copy()
        for (name, slot) in parameterTable.entries {
            let t = slot.tensor.map { memo.tensor($0, parameter: true) }
            if let own = copy.parameterTable[name] { own.tensor = t } else { copy.registerParameter(name, t) }
        }
        for (name, slot) in bufferTable.entries {
            let t = slot.tensor.map { memo.tensor($0, parameter: false) }
            if let own = copy.bufferTable[name] {
                own.tensor = t
            } else {
                copy.registerBuffer(name, t, persistent: slot.persistent)
            }
        }
        for (name, slot) in childTable.entries {
            let m = slot.module.map { $0.deepCopy(&memo) }
            if let own = copy.childTable[name] { own.module = m } else { copy.addModule(name, m) }
        }
        return copy
    }
}

/// `deepcopy`'s memo: what was copied already, by identity.
private struct DeepCopyMemo {
    var modules: [ObjectIdentifier: Module] = [:]
    var tensors: [ObjectIdentifier: Tensor] = [:]

    mutating func tensor(_ t: Tensor, parameter: Bool) -> Tensor {
        if let done = tensors[ObjectIdentifier(t)] { return done }
        let copy = noGrad { t.detach().clone() }
        if parameter {
            copy.requiresGrad = t.requiresGrad
            copy.grad = t.grad.map { g in noGrad { g.detach().clone() } }
        }
        tensors[ObjectIdentifier(t)] = copy
        return copy
    }
}
