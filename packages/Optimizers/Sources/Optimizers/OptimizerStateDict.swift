import TensorCore

/// A state dict that does not fit this optimizer (it comes from outside the program, so it throws).
/// PyTorch: `torch.optim.Optimizer.load_state_dict`'s failures (the group mismatches are its `ValueError`s;
/// the other checks are this port's, where torch would fail later or not at all).
public enum OptimizerLoadError: Error, Equatable, CustomStringConvertible {
    /// The layout is not torch's {"state": {...}, "param_groups": [...]}.
    case malformed(String)
    /// The state dict has a different number of parameter groups.
    case groupCountMismatch
    /// Group `group` has a different number of parameters.
    case groupSizeMismatch(group: Int)
    /// The group lacks hyper-parameters this optimizer needs: it was saved by another optimizer.
    case missingHyperParameters(group: Int, keys: [String])
    /// A state tensor whose shape differs from its parameter's.
    case stateShapeMismatch(param: Int, key: String, expected: [Int], got: [Int])

    /// The message, torch's wording where torch has the check (PyTorch: the exception's `__str__`).
    public var description: String {
        switch self {
        case .malformed(let what): return "malformed optimizer state dict: \(what)"
        case .groupCountMismatch: return "loaded state dict has a different number of parameter groups"
        case .groupSizeMismatch:
            return "loaded state dict contains a parameter group that doesn't match the size of optimizer's group"
        case .missingHyperParameters(let group, let keys):
            return
                "loaded state dict's parameter group \(group) lacks \(keys.joined(separator: ", ")) (saved by another optimizer?)"
        case .stateShapeMismatch(let param, let key, let expected, let got):
            return "loaded state for parameter \(param) has '\(key)' of shape \(got), expected \(expected)"
        }
    }
}

extension Optimizer {
    /// `state_dict()`: {"state": {index: {...}}, "param_groups": [{hyper-parameters..., "params": [indices]}]},
    /// parameters numbered in group order from 0, as torch does. Tensors are shared, not copied (as torch).
    public func stateDict() -> StateValue {
        var packedState = StateDict()
        var groups: [StateValue] = []
        var index: Int64 = 0
        for group in paramGroups {
            var packed = group.options
            var ids: [StateValue] = []
            for p in group.params {
                if let s = state[ObjectIdentifier(p)] { packedState[.int(index)] = .dict(s) }
                ids.append(.int(index))
                index += 1
            }
            packed["params"] = .list(ids)
            groups.append(.dict(packed))
        }
        return ["state": .dict(packedState), "param_groups": .list(groups)]
    }

    /// `load_state_dict`: replaces hyper-parameters and state. State tensors are cast to their
    /// parameter's dtype except "step" (torch's policy). Nothing changes when it throws.
    public func loadStateDict(_ dict: StateValue) throws(OptimizerLoadError) {
        guard let savedGroups = dict["param_groups"]?.items else { throw .malformed("no 'param_groups' list") }
        guard let savedState = dict["state"]?.dict else { throw .malformed("no 'state' dict") }
        guard savedGroups.count == paramGroups.count else { throw .groupCountMismatch }
        var newGroups = paramGroups
        var byIndex: [Int64: Tensor] = [:]
        for (g, saved) in savedGroups.enumerated() {
            guard let options = saved.dict, let ids = options["params"]?.items else {
                throw .malformed("param group \(g) has no 'params' list")
            }
            guard ids.count == paramGroups[g].params.count else { throw .groupSizeMismatch(group: g) }
            let missing = defaults.keys.map(\.text).filter { options[$0] == nil }
            if !missing.isEmpty { throw .missingHyperParameters(group: g, keys: missing) }
            for (id, p) in zip(ids, paramGroups[g].params) {
                guard let i = id.int else { throw .malformed("param group \(g) has a non-integer parameter id") }
                byIndex[i] = p
            }
            var copy = options
            copy["params"] = nil
            newGroups[g].options = copy
        }
        var newState: [ObjectIdentifier: StateDict] = [:]
        for (key, value) in savedState {
            guard let i = key.intValue, let p = byIndex[i] else { continue }  // torch ignores unknown ids
            guard let entries = value.dict else { throw .malformed("state of parameter \(i) is not a dict") }
            var cast = StateDict()
            for (k, v) in entries {
                guard case .tensor(let t) = v else {
                    cast[k] = v
                    continue
                }
                // "step" is kept as saved; every other floating tensor, NAdam's float32 mu_product
                // included, takes the parameter's dtype (torch's `_process_value_according_to_param_policy`).
                if k.text == "step" {
                    cast[k] = .tensor(t.clone())
                    continue
                }
                if !isHistory(k.text), k.text != "mu_product", t.shape != p.shape {
                    throw .stateShapeMismatch(param: Int(i), key: k.text, expected: p.shape.dims, got: t.shape.dims)
                }
                cast[k] = .tensor(
                    t.dtype.isFloatingPoint && t.dtype != p.dtype ? t.to(p.dtype).contiguous() : t.clone())
            }
            newState[ObjectIdentifier(p)] = cast
        }
        paramGroups = newGroups
        state = newState
    }

    /// LBFGS keeps flattened vectors, not per-parameter shapes, in its state.
    private func isHistory(_ key: String) -> Bool {
        ["d", "t", "prev_flat_grad", "old_dirs", "old_stps", "ro", "al", "H_diag"].contains(key)
    }
}
