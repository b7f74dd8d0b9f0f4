import TensorCore

/// `nn.Sequential`: children named "0", "1", ... (or given names), applied in order.
/// PyTorch: `torch.nn.Sequential`.
public final class Sequential: Module {
    /// No PyTorch counterpart: the fresh `Sequential` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Sequential([]) }
    /// The modules as children "0", "1", ... (PyTorch: `torch.nn.Sequential(*modules)`).
    public init(_ modules: [Module]) {
        super.init()
        for (i, m) in modules.enumerated() { addModule(String(i), m) }
    }

    /// PyTorch: `torch.nn.Sequential(*modules)`.
    public convenience init(_ modules: Module...) { self.init(modules) }

    /// `nn.Sequential(OrderedDict([...]))`.
    /// PyTorch: `torch.nn.Sequential(OrderedDict(...))`.
    public init(named modules: KeyValuePairs<String, Module>) {
        super.init()
        for (name, m) in modules { addModule(name, m) }
    }

    init(entries: [(String, Module)]) {
        super.init()
        for (name, m) in entries { addModule(name, m) }
    }

    /// The number of registered children (PyTorch: `torch.nn.Sequential.__len__`).
    public var count: Int { childTable.count }

    private var entries: [(String, Module)] {
        childTable.entries.compactMap { n, s in s.module.map { (n, $0) } }
    }

    /// `seq[i]` (negative counts from the end).
    /// PyTorch: `torch.nn.Sequential.__getitem__` / `__setitem__` with an int.
    public subscript(index: Int) -> Module {
        get { childTable.values[position(index)].module! }
        set { childTable.values[position(index)].module = newValue }
    }

    /// `seq[a:b]`: a Sequential of the same modules under their original names.
    /// PyTorch: `torch.nn.Sequential.__getitem__` with a slice.
    public subscript(range: Range<Int>) -> Sequential {
        Sequential(entries: Array(entries[range.clamped(to: 0..<count)]))
    }

    private func position(_ index: Int) -> Int {
        let n = count
        torchCheck(index >= -n && index < n, "index \(index) is out of range")
        return index < 0 ? index + n : index
    }

    /// Adds `module` at the end, named by its position (PyTorch: `torch.nn.Sequential.append`).
    @discardableResult
    public func append(_ module: Module) -> Sequential {
        addModule(String(count), module)
        return self
    }

    /// Appends each module in order (PyTorch: `torch.nn.Sequential.extend`).
    @discardableResult
    public func extend(_ modules: [Module]) -> Sequential {
        for m in modules { append(m) }
        return self
    }

    /// Each child applied to the previous one's output, in registration order (PyTorch: `torch.nn.Sequential.forward`).
    public override func forward(_ input: Tensor) -> Tensor {
        var x = input
        for (_, m) in entries { x = m(x) }
        return x
    }
}
