import Autodiff
import TensorCore

extension Module {
    /// `state_dict()`: for each module (depth first, own entries before children's) its parameters,
    /// then its persistent buffers, under dotted keys. Values are detached and share storage.
    /// PyTorch: `torch.nn.Module.state_dict` (`destination` is left out; `keepVars` is `keep_vars`).
    public func stateDict(prefix: String = "", keepVars: Bool = false) -> StateDict {
        StateDict(tensors: stateEntries(prefix: prefix).map { ($0.0, keepVars ? $0.1 : $0.1.detach()) })
    }

    /// The live tensors behind `stateDict()` keys, in its order (duplicates of a shared module once per path, as torch).
    func stateEntries(prefix: String) -> [(String, Tensor)] {
        var out: [(String, Tensor)] = []
        for (name, slot) in parameterTable.entries { if let t = slot.tensor { out.append((prefix + name, t)) } }
        for (name, slot) in bufferTable.entries where slot.persistent {
            if let t = slot.tensor { out.append((prefix + name, t)) }
        }
        for (name, slot) in childTable.entries {
            if let m = slot.module { out += m.stateEntries(prefix: prefix + name + ".") }
        }
        return out
    }

    /// `load_state_dict(state_dict, strict=True)`: copies values into the parameters and buffers
    /// (under no-grad, shapes must match). Throws torch's "Error(s) in loading state_dict for X"
    /// report for missing/unexpected keys (strict) or shape mismatches; nothing is copied then.
    @discardableResult
    public func loadStateDict(_ stateDict: StateDict, strict: Bool = true) throws(StateDictLoadError)
        -> IncompatibleKeys
    {
        let destination = stateEntries(prefix: "")
        let wasEnabled = isGradEnabled
        setGradEnabled(false)
        defer { setGradEnabled(wasEnabled) }
        return try stateDict.copyTensors(into: destination, strict: strict, moduleName: typeName)
    }

    /// Throws what `loadStateDict` would throw, changing nothing (check first when restoring a module
    /// together with other state, so a failure leaves everything as it was).
    /// No PyTorch counterpart: torch's `load_state_dict` has no dry run.
    @discardableResult
    public func checkStateDict(_ stateDict: StateDict, strict: Bool = true) throws(StateDictLoadError)
        -> IncompatibleKeys
    {
        try stateDict.checkTensors(fitting: stateEntries(prefix: ""), strict: strict, moduleName: typeName)
    }
}
