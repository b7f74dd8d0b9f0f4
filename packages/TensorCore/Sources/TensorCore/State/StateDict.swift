/// An insertion-ordered dictionary from `StateKey` to `StateValue`: Python's dict / OrderedDict as
/// state dicts use them. Order matters (torch iterates parameters in registration order), so this is
/// an array of entries plus an index, not a Swift `Dictionary`.
public struct StateDict: Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// The keys in insertion order (PyTorch: `state_dict.keys()`).
    public private(set) var keys: [StateKey] = []
    /// The values in key order (PyTorch: `state_dict.values()`).
    public private(set) var values: [StateValue] = []
    private var index: [StateKey: Int] = [:]

    /// An empty dict (PyTorch: `collections.OrderedDict()`, what `state_dict()` returns).
    public init() {}

    /// Builds from entries in order; a later duplicate key replaces the earlier value in place, as in Python.
    /// PyTorch: `collections.OrderedDict(entries)`.
    public init<S: Sequence>(_ entries: S) where S.Element == (StateKey, StateValue) {
        for (key, value) in entries { self[key] = value }
    }

    /// `["lr": 0.1]` for a Python dict literal (PyTorch: the dicts inside `optimizer.state_dict()`).
    public init(dictionaryLiteral elements: (StateKey, StateValue)...) { self.init(elements) }

    /// An ordered tensor dict, the shape of `module.state_dict()`.
    /// PyTorch: `module.state_dict()`.
    public init(tensors: [(String, Tensor)]) {
        self.init(tensors.map { (StateKey.string($0.0), StateValue.tensor($0.1)) })
    }

    /// The number of entries (PyTorch: `len(state_dict)`).
    public var count: Int { keys.count }
    /// Whether there are no entries (PyTorch: `not state_dict`).
    public var isEmpty: Bool { keys.isEmpty }

    /// PyTorch: `key in state_dict`.
    public func contains(_ key: StateKey) -> Bool { index[key] != nil }

    /// Reading gives nil for a missing key; assigning nil removes the key (order of the rest kept).
    /// PyTorch: `state_dict[key]` / `state_dict.get(key)`, and `del state_dict[key]` when assigning nil.
    public subscript(key: StateKey) -> StateValue? {
        get { index[key].map { values[$0] } }
        set {
            if let newValue {
                if let i = index[key] {
                    values[i] = newValue
                } else {
                    index[key] = keys.count
                    keys.append(key)
                    values.append(newValue)
                }
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// `dict["weight"]`: the string-key spelling (PyTorch: `state_dict["weight"]`).
    public subscript(key: String) -> StateValue? {
        get { self[.string(key)] }
        set { self[.string(key)] = newValue }
    }

    /// Removes and returns the entry, keeping the others' order (PyTorch: `state_dict.pop(key, None)`).
    @discardableResult
    public mutating func removeValue(forKey key: StateKey) -> StateValue? {
        guard let i = index.removeValue(forKey: key) else { return nil }
        keys.remove(at: i)
        let removed = values.remove(at: i)
        for j in i..<keys.count { index[keys[j]] = j }
        return removed
    }

    /// `(key, value)` pairs in order (PyTorch: `state_dict.items()`).
    public func makeIterator() -> Zip2Sequence<[StateKey], [StateValue]>.Iterator {
        zip(keys, values).makeIterator()
    }

    /// The string-keyed tensor entries in order (a module state dict's contents); other entries are skipped.
    /// PyTorch: `list(state_dict.items())` for a module's `state_dict()`.
    public var tensors: [(String, Tensor)] {
        zip(keys, values).compactMap { key, value in
            guard case .string(let name) = key, case .tensor(let t) = value else { return nil }
            return (name, t)
        }
    }

    /// Python's dict repr, as `print(model.state_dict())` shows it with torch's tensors.
    public var description: String {
        "{" + zip(keys, values).map { "\($0): \($1)" }.joined(separator: ", ") + "}"
    }
}
