import TensorCore

/// One entry of `optimizer.param_groups`: the parameters and their hyper-parameters, kept as an
/// ordered dict of `StateValue`s with torch's keys ("lr", "betas", "momentum", ...) so the state dict
/// has torch's structure and schedulers can read and write any hyper-parameter by name.
public struct ParamGroup: @unchecked Sendable {
    /// The group's parameters, optimized in this order (PyTorch: `param_group["params"]`).
    public var params: [Tensor]
    /// Hyper-parameters in torch's order (the ones given first, then the optimizer's defaults).
    public var options: StateDict

    /// A group with its own hyper-parameters; missing ones come from the optimizer's defaults (PyTorch: a `{"params": ..., **options}` dict).
    public init(params: [Tensor], options: StateDict = [:]) {
        self.params = params
        self.options = options
    }

    /// Unlabeled form of `init(params:options:)` (PyTorch: a `{"params": ..., **options}` dict).
    public init(_ params: [Tensor], _ options: StateDict = [:]) { self.init(params: params, options: options) }

    /// A hyper-parameter by torch's key; nil when absent (PyTorch: `param_group[key]`).
    public subscript(key: String) -> StateValue? {
        get { options[key] }
        set { options[key] = newValue }
    }

    /// `group["lr"]` as a number (schedulers write it as a float, as torch does).
    public var lr: Double {
        get { double("lr") }
        set { options["lr"] = .double(newValue) }
    }

    /// A numeric hyper-parameter (an int in the dict reads as a float, as in Python arithmetic).
    /// PyTorch: `float(param_group[key])`.
    public func double(_ key: String) -> Double {
        guard let v = options[key]?.double else { torchFail("param group has no numeric '\(key)'") }
        return v
    }

    /// A flag hyper-parameter; false when absent (PyTorch: `param_group.get(key, False)`).
    public func bool(_ key: String) -> Bool { options[key]?.bool ?? false }

    /// `group["betas"]` as a pair.
    /// PyTorch: `param_group["betas"]`.
    public var betas: (Double, Double) {
        get {
            guard let b = options["betas"]?.items, b.count == 2, let b0 = b[0].double, let b1 = b[1].double else {
                torchFail("param group has no 'betas'")
            }
            return (b0, b1)
        }
        set { options["betas"] = .tuple([.double(newValue.0), .double(newValue.1)]) }
    }
}

/// A hyper-parameter value with torch's Python type: the default keeps the type torch's signature
/// gives it (`momentum=0` is an int, `lr=1e-3` a float) so state dicts compare equal to torch's.
func hyper(_ value: Double, default defaultValue: StateValue) -> StateValue {
    value == defaultValue.double ? defaultValue : .double(value)
}
