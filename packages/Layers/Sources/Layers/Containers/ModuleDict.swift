import TensorCore

/// `nn.ModuleDict`: submodules by name, in insertion order; has no forward.
public final class ModuleDict: Module, Sequence {
    public override func makeCopy() -> Module { ModuleDict() }
    public init(_ modules: KeyValuePairs<String, Module> = [:]) {
        super.init()
        for (k, m) in modules { addModule(k, m) }
    }

    public var count: Int { childTable.count }
    public var keys: [String] { childTable.names }
    public var values: [Module] { childTable.values.compactMap(\.module) }
    public func contains(_ key: String) -> Bool { childTable[key] != nil }

    /// Reading a missing key stops with Python's KeyError text; assigning adds or replaces in place.
    public subscript(key: String) -> Module {
        get {
            guard let m = childTable[key]?.module else { torchFail("KeyError: '\(key)'") }
            return m
        }
        set { childTable.set(key, ChildSlot(newValue)) }
    }

    @discardableResult
    public func pop(_ key: String) -> Module? { childTable.remove(key)?.module }

    public func update(_ modules: KeyValuePairs<String, Module>) {
        for (k, m) in modules { self[k] = m }
    }

    public func makeIterator() -> IndexingIterator<[(String, Module)]> {
        childTable.entries.compactMap { n, s in s.module.map { (n, $0) } }.makeIterator()
    }
}
