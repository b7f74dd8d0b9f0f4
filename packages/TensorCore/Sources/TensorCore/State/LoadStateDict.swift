/// `load_state_dict`'s report: keys the destination has but the state dict lacks, and the reverse.
/// PyTorch: `torch.nn.modules.module._IncompatibleKeys`.
public struct IncompatibleKeys: Sendable, Equatable {
    /// Keys the destination has that the state dict lacks (PyTorch: `_IncompatibleKeys.missing_keys`).
    public var missingKeys: [String]
    /// Keys the state dict has that the destination lacks (PyTorch: `_IncompatibleKeys.unexpected_keys`).
    public var unexpectedKeys: [String]
}

/// A state dict that doesn't fit: PyTorch's `Error(s) in loading state_dict for <Module>` text.
public struct StateDictLoadError: Error, Sendable, CustomStringConvertible {
    /// The class name in the message, "Linear" (PyTorch: `self.__class__.__name__` in `load_state_dict`).
    public var moduleName: String
    /// Keys the destination has that the state dict lacks (PyTorch: `load_state_dict`'s `missing_keys`).
    public var missingKeys: [String]
    /// Keys the state dict has that the destination lacks (PyTorch: `load_state_dict`'s `unexpected_keys`).
    public var unexpectedKeys: [String]
    /// One "size mismatch for ..." line per tensor whose shape differs (PyTorch: `load_state_dict`'s `error_msgs`).
    public var sizeMismatches: [String]

    /// The full text PyTorch's `load_state_dict` raises as a `RuntimeError`.
    public var description: String {
        var lines: [String] = []
        if !unexpectedKeys.isEmpty {
            lines.append(
                "Unexpected key(s) in state_dict: " + unexpectedKeys.map { "\"\($0)\"" }.joined(separator: ", ") + ". ")
        }
        if !missingKeys.isEmpty {
            lines.append(
                "Missing key(s) in state_dict: " + missingKeys.map { "\"\($0)\"" }.joined(separator: ", ") + ". ")
        }
        lines += sizeMismatches
        return "Error(s) in loading state_dict for \(moduleName):\n\t" + lines.joined(separator: "\n\t")
    }
}

extension StateDict {
    /// Copies this state dict's tensors into `destination` (a module's parameters and buffers by
    /// key, in order), as `Module.load_state_dict` does: shapes must match exactly (dtypes are cast);
    /// with `strict` missing or unexpected keys are errors too. Nothing is copied when it throws.
    /// PyTorch: `torch.nn.Module.load_state_dict`.
    @discardableResult
    public func copyTensors(
        into destination: [(String, Tensor)], strict: Bool = true, moduleName: String = "Module"
    ) throws(StateDictLoadError) -> IncompatibleKeys {
        let (pairs, keys) = try plannedCopies(into: destination, strict: strict, moduleName: moduleName)
        for (target, source) in pairs { target.copy_(source) }
        return keys
    }

    /// Throws what `copyTensors` would throw, copying nothing: lets a caller restoring several
    /// objects check them all before changing any.
    /// No PyTorch counterpart: `load_state_dict`'s checks without its copies.
    @discardableResult
    public func checkTensors(
        fitting destination: [(String, Tensor)], strict: Bool = true, moduleName: String = "Module"
    ) throws(StateDictLoadError) -> IncompatibleKeys {
        try plannedCopies(into: destination, strict: strict, moduleName: moduleName).keys
    }

    /// The (target, source) copies `copyTensors` makes, or the error it throws.
    private func plannedCopies(
        into destination: [(String, Tensor)], strict: Bool, moduleName: String
    ) throws(StateDictLoadError) -> (pairs: [(Tensor, Tensor)], keys: IncompatibleKeys) {
        var missing: [String] = []
        var mismatches: [String] = []
        var pairs: [(Tensor, Tensor)] = []
        var wanted = Set<String>()
        for (name, target) in destination {
            wanted.insert(name)
            guard let value = self[name] else {
                missing.append(name)
                continue
            }
            guard case .tensor(let source) = value else {
                mismatches.append(
                    "While copying the parameter named \"\(name)\", expected torch.Tensor or Tensor-like object from checkpoint but received \(value)"
                )
                continue
            }
            if source.shape != target.shape {
                mismatches.append(
                    "size mismatch for \(name): copying a param with shape \(source.shape) from checkpoint, the shape in current model is \(target.shape)."
                )
                continue
            }
            pairs.append((target, source))
        }
        let unexpected = keys.compactMap { key -> String? in
            let text = key.text
            return wanted.contains(text) ? nil : text
        }
        if !mismatches.isEmpty || (strict && (!missing.isEmpty || !unexpected.isEmpty)) {
            throw StateDictLoadError(
                moduleName: moduleName, missingKeys: strict ? missing : [],
                unexpectedKeys: strict ? unexpected : [], sizeMismatches: mismatches)
        }
        return (pairs, IncompatibleKeys(missingKeys: missing, unexpectedKeys: unexpected))
    }
}
