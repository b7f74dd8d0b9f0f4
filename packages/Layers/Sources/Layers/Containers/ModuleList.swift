import TensorCore

/// `nn.ModuleList`: an indexable list of submodules named "0", "1", ...; has no forward.
/// PyTorch: `torch.nn.ModuleList`.
public final class ModuleList: Module, Sequence {
    /// No PyTorch counterpart: the fresh `ModuleList` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { ModuleList() }
    /// The modules as children "0", "1", ... (PyTorch: `torch.nn.ModuleList(modules=None)`).
    public init(_ modules: [Module] = []) {
        super.init()
        for m in modules { append(m) }
    }

    /// The number of registered children (PyTorch: `torch.nn.ModuleList.__len__`).
    public var count: Int { childTable.count }

    /// `list[i]`, negative counting from the end (PyTorch: `torch.nn.ModuleList.__getitem__` / `__setitem__`).
    public subscript(index: Int) -> Module {
        get { childTable.values[position(index)].module! }
        set { childTable.values[position(index)].module = newValue }
    }

    /// `list[a:b]`: a ModuleList of those modules (renumbered from 0, as torch does).
    public subscript(range: Range<Int>) -> ModuleList {
        ModuleList(Array(Array(self)[range.clamped(to: 0..<count)]))
    }

    private func position(_ index: Int) -> Int {
        torchCheck(index >= -count && index < count, "index \(index) is out of range")
        return index < 0 ? index + count : index
    }

    /// Adds `module` at the end, named by its position (PyTorch: `torch.nn.ModuleList.append`).
    @discardableResult
    public func append(_ module: Module) -> ModuleList {
        addModule(String(count), module)
        return self
    }

    /// Appends each module in order (PyTorch: `torch.nn.ModuleList.extend`).
    @discardableResult
    public func extend(_ modules: [Module]) -> ModuleList {
        for m in modules { append(m) }
        return self
    }

    /// `insert(index, module)`: later modules shift up one name.
    /// PyTorch: `torch.nn.ModuleList.insert`; an index past either end is clamped to it.
    public func insert(_ index: Int, _ module: Module) {
        var mods = Array(self)
        let i = Swift.min(Swift.max(index < 0 ? index + count : index, 0), count)
        mods.insert(module, at: i)
        childTable = OrderedTable()
        for m in mods { append(m) }
    }

    /// torch's ModuleList repr: runs of identical children collapse to `(0-2): 3 x Linear(...)`.
    override var reprChildLines: [String] {
        let reprs = map(\.description)
        var runs: [(start: Int, end: Int, text: String)] = []
        for (i, r) in reprs.enumerated() {
            if let last = runs.last, last.text == r { runs[runs.count - 1].end = i } else { runs.append((i, i, r)) }
        }
        return runs.map { run in
            indentRepr(
                run.start == run.end
                    ? "(\(run.start)): \(run.text)"
                    : "(\(run.start)-\(run.end)): \(run.end - run.start + 1) x \(run.text)")
        }
    }

    /// The child modules in order (PyTorch: `torch.nn.ModuleList.__iter__`).
    public func makeIterator() -> IndexingIterator<[Module]> {
        childTable.values.compactMap(\.module).makeIterator()
    }
}
