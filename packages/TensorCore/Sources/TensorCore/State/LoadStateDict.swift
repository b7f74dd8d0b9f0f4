/// `load_state_dict`'s report: keys the destination has but the state dict lacks, and the reverse.
public struct IncompatibleKeys: Sendable, Equatable {
    public var missingKeys: [String]
    public var unexpectedKeys: [String]
}

/// A state dict that doesn't fit: PyTorch's `Error(s) in loading state_dict for <Module>` text.
public struct StateDictLoadError: Error, Sendable, CustomStringConvertible {
    public var moduleName: String
    public var missingKeys: [String]
    public var unexpectedKeys: [String]
    public var sizeMismatches: [String]

    public var description: String {
        var lines: [String] = []
        if !unexpectedKeys.isEmpty {
            lines.append("Unexpected key(s) in state_dict: " + unexpectedKeys.map { "\"\($0)\"" }.joined(separator: ", ") + ". ")
        }
        if !missingKeys.isEmpty {
            lines.append("Missing key(s) in state_dict: " + missingKeys.map { "\"\($0)\"" }.joined(separator: ", ") + ". ")
        }
        lines += sizeMismatches
        return "Error(s) in loading state_dict for \(moduleName):\n\t" + lines.joined(separator: "\n\t")
    }
}

extension StateDict {
    /// Copies this state dict's tensors into `destination` (a module's parameters and buffers by
    /// key, in order), as `Module.load_state_dict` does: shapes must match exactly (dtypes are cast);
    /// with `strict` missing or unexpected keys are errors too. Nothing is copied when it throws.
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
                mismatches.append("While copying the parameter named \"\(name)\", expected torch.Tensor or Tensor-like object from checkpoint but received \(value)")
                continue
            }
            if source.shape != target.shape {
                mismatches.append("size mismatch for \(name): copying a param with shape \(source.shape) from checkpoint, the shape in current model is \(target.shape).")
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
