import TensorCore

/// `nn.ModuleDict`: submodules by name, in insertion order; has no forward.
/// PyTorch: `torch.nn.ModuleDict`.
public final class ModuleDict: Module, Sequence {
    /// No PyTorch counterpart: the fresh `ModuleDict` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { ModuleDict() }
    /// The modules as children under their keys, in order (PyTorch: `torch.nn.ModuleDict(modules=None)`).
    public init(_ modules: KeyValuePairs<String, Module> = [:]) {
        super.init()
        for (k, m) in modules { addModule(k, m) }
    }

    /// The number of registered children (PyTorch: `torch.nn.ModuleDict.__len__`).
    public var count: Int { childTable.count }
    /// The keys in insertion order (PyTorch: `torch.nn.ModuleDict.keys`).
    public var keys: [String] { childTable.names }
    /// The modules in insertion order (PyTorch: `torch.nn.ModuleDict.values`).
    public var values: [Module] { childTable.values.compactMap(\.module) }
    /// PyTorch: `torch.nn.ModuleDict.__contains__` (`key in d`).
    public func contains(_ key: String) -> Bool { childTable[key] != nil }

    /// Reading a missing key stops with Python's KeyError text; assigning adds or replaces in place.
    /// PyTorch: `torch.nn.ModuleDict.__getitem__` / `__setitem__`.
    public subscript(key: String) -> Module {
        get {
            guard let m = childTable[key]?.module else { torchFail("KeyError: '\(key)'") }
            return m
        }
        set { childTable.set(key, ChildSlot(newValue)) }
    }

    /// Removes `key` and returns its module, nil when absent (PyTorch: `torch.nn.ModuleDict.pop`, which raises KeyError there).
    @discardableResult
    public func pop(_ key: String) -> Module? { childTable.remove(key)?.module }

    /// Adds or replaces each entry, in order (PyTorch: `torch.nn.ModuleDict.update`).
    public func update(_ modules: KeyValuePairs<String, Module>) {
        for (k, m) in modules { self[k] = m }
    }

    /// The `(key, module)` pairs, as `items()` (PyTorch: `torch.nn.ModuleDict.items`; torch's `__iter__` yields keys only).
    public func makeIterator() -> IndexingIterator<[(String, Module)]> {
        childTable.entries.compactMap { n, s in s.module.map { (n, $0) } }.makeIterator()
    }
}
