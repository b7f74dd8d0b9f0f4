/// An insertion-ordered dictionary from `StateKey` to `StateValue`: Python's dict / OrderedDict as
/// state dicts use them. Order matters (torch iterates parameters in registration order), so this is
/// an array of entries plus an index, not a Swift `Dictionary`.
public struct StateDict: Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    public private(set) var keys: [StateKey] = []
    public private(set) var values: [StateValue] = []
    private var index: [StateKey: Int] = [:]

    public init() {}

    /// Builds from entries in order; a later duplicate key replaces the earlier value in place, as in Python.
    public init<S: Sequence>(_ entries: S) where S.Element == (StateKey, StateValue) {
        for (key, value) in entries { self[key] = value }
    }

    public init(dictionaryLiteral elements: (StateKey, StateValue)...) { self.init(elements) }

    /// An ordered tensor dict, the shape of `module.state_dict()`.
    public init(tensors: [(String, Tensor)]) {
        self.init(tensors.map { (StateKey.string($0.0), StateValue.tensor($0.1)) })
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public func contains(_ key: StateKey) -> Bool { index[key] != nil }

    /// Reading gives nil for a missing key; assigning nil removes the key (order of the rest kept).
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

    public subscript(key: String) -> StateValue? {
        get { self[.string(key)] }
        set { self[.string(key)] = newValue }
    }

    @discardableResult
    public mutating func removeValue(forKey key: StateKey) -> StateValue? {
        guard let i = index.removeValue(forKey: key) else { return nil }
        keys.remove(at: i)
        let removed = values.remove(at: i)
        for j in i..<keys.count { index[keys[j]] = j }
        return removed
    }

    public func makeIterator() -> Zip2Sequence<[StateKey], [StateValue]>.Iterator {
        zip(keys, values).makeIterator()
    }

    /// The string-keyed tensor entries in order (a module state dict's contents); other entries are skipped.
    public var tensors: [(String, Tensor)] {
        zip(keys, values).compactMap { key, value in
            guard case .string(let name) = key, case .tensor(let t) = value else { return nil }
            return (name, t)
        }
    }

    public var description: String {
        "{" + zip(keys, values).map { "\($0): \($1)" }.joined(separator: ", ") + "}"
    }
}
