import Autodiff
import TensorCore

/// The boxes a module's registries hold. A registry keeps the box, not the tensor, so reassigning
/// `self.weight = ...` (through the property wrapper or `setParameter`) updates what the registry sees.
/// No PyTorch counterpart: the box behind one entry of torch's `_parameters` dict.
public final class ParameterSlot {
    /// The parameter, or nil for one registered as None (PyTorch: `module._parameters[name]`).
    public var tensor: Tensor?
    init(_ tensor: Tensor?) { self.tensor = tensor.map(ParameterSlot.asParameter) }

    /// `nn.Parameter(t)`: a leaf sharing `t`'s storage that requires grad (already such a leaf: kept).
    static func asParameter(_ t: Tensor) -> Tensor {
        if t.isLeaf && t.requiresGrad { return t }
        return t.detach().requiresGrad_(t.dtype.isFloatingPoint)
    }
}

/// The box behind one buffer entry, with its persistence
/// (No PyTorch counterpart: torch's `_buffers` dict plus the `_non_persistent_buffers_set`).
public final class BufferSlot {
    /// The buffer, or nil for one registered as None (PyTorch: `module._buffers[name]`).
    public var tensor: Tensor?
    /// Whether `stateDict()` includes it (PyTorch: the `persistent` argument of `register_buffer`).
    public let persistent: Bool
    init(_ tensor: Tensor?, persistent: Bool) {
        self.tensor = tensor
        self.persistent = persistent
    }
}

/// The box behind one submodule entry (No PyTorch counterpart: torch's `_modules` dict).
public final class ChildSlot {
    /// The child, or nil for one registered as None (PyTorch: `module._modules[name]`).
    public var module: Module?
    init(_ module: Module?) { self.module = module }
}

/// An insertion-ordered name → value table (Python's dict as `_parameters`/`_buffers`/`_modules` use it).
struct OrderedTable<Value> {
    private(set) var names: [String] = []
    private(set) var values: [Value] = []
    private var index: [String: Int] = [:]

    subscript(name: String) -> Value? { index[name].map { values[$0] } }

    /// Replaces in place (keeping the position) or appends.
    mutating func set(_ name: String, _ value: Value) {
        if let i = index[name] {
            values[i] = value
        } else {
            index[name] = names.count
            names.append(name)
            values.append(value)
        }
    }

    @discardableResult
    mutating func remove(_ name: String) -> Value? {
        guard let i = index.removeValue(forKey: name) else { return nil }
        names.remove(at: i)
        let v = values.remove(at: i)
        for j in i..<names.count { index[names[j]] = j }
        return v
    }

    var entries: Zip2Sequence<[String], [Value]> { zip(names, values) }
    var count: Int { names.count }
}
