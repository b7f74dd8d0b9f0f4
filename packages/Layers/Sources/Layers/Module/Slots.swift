import TensorCore
import Autodiff

/// The boxes a module's registries hold. A registry keeps the box, not the tensor, so reassigning
/// `self.weight = ...` (through the property wrapper or `setParameter`) updates what the registry sees.
public final class ParameterSlot {
    public var tensor: Tensor?
    init(_ tensor: Tensor?) { self.tensor = tensor.map(ParameterSlot.asParameter) }

    /// `nn.Parameter(t)`: a leaf sharing `t`'s storage that requires grad (already such a leaf: kept).
    static func asParameter(_ t: Tensor) -> Tensor {
        if t.isLeaf && t.requiresGrad { return t }
        return t.detach().requiresGrad_(t.dtype.isFloatingPoint)
    }
}

public final class BufferSlot {
    public var tensor: Tensor?
    public let persistent: Bool
    init(_ tensor: Tensor?, persistent: Bool) {
        self.tensor = tensor
        self.persistent = persistent
    }
}

public final class ChildSlot {
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
        if let i = index[name] { values[i] = value } else {
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
