import TensorCore

/// `nn.ModuleList`: an indexable list of submodules named "0", "1", ...; has no forward.
public final class ModuleList: Module, Sequence {
    public override func makeCopy() -> Module { ModuleList() }
    public init(_ modules: [Module] = []) {
        super.init()
        for m in modules { append(m) }
    }

    public var count: Int { childTable.count }

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

    @discardableResult
    public func append(_ module: Module) -> ModuleList {
        addModule(String(count), module)
        return self
    }

    @discardableResult
    public func extend(_ modules: [Module]) -> ModuleList {
        for m in modules { append(m) }
        return self
    }

    /// `insert(index, module)`: later modules shift up one name.
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
            indentRepr(run.start == run.end ? "(\(run.start)): \(run.text)"
                : "(\(run.start)-\(run.end)): \(run.end - run.start + 1) x \(run.text)")
        }
    }

    public func makeIterator() -> IndexingIterator<[Module]> {
        childTable.values.compactMap(\.module).makeIterator()
    }
}
