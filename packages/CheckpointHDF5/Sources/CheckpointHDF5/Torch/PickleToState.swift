import TensorCore

/// Turns the unpickled object graph into a `StateValue`. Memo references can make the graph cyclic
/// or exponentially shared, so depth and node count are bounded: a hostile file gets an error.
struct PickleConverter {
    let file: String
    private var nodes = 0
    private static let maxNodes = 50_000_000

    init(file: String) { self.file = file }

    mutating func convert(_ object: PickleObject, path: String = "", depth: Int = 0) throws(CheckpointError)
        -> StateValue
    {
        nodes += 1
        guard depth < PickleObject.maxDepth, nodes < PickleConverter.maxNodes else {
            throw .malformed(file: file, key: path, reason: "object graph is too deep or too large (cyclic?)")
        }
        switch object {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        case .tensor(let t): return .tensor(t)
        case .list(let l): return .list(try items(l.items, path, depth))
        case .tuple(let t): return .tuple(try items(t.items, path, depth))
        case .dict(let d):
            var result = StateDict()
            for (k, v) in zip(d.keys, d.values) {
                let key: StateKey
                switch k {
                case .string(let s): key = .string(s)
                case .int(let i): key = .int(i)
                case .bool(let b): key = .int(b ? 1 : 0)
                default: throw .unsupported(file: file, key: path, what: "dict key of type \(k.kind)")
                }
                let child = path.isEmpty ? key.text : path + "." + key.text
                result[key] = try convert(v, path: child, depth: depth + 1)
            }
            return .dict(result)
        case .global, .storage:
            throw .unsupported(file: file, key: path, what: "a bare \(object.kind) outside a tensor")
        }
    }

    private mutating func items(_ objects: [PickleObject], _ path: String, _ depth: Int) throws(CheckpointError)
        -> [StateValue]
    {
        var result: [StateValue] = []
        result.reserveCapacity(objects.count)
        for (i, o) in objects.enumerated() {
            result.append(try convert(o, path: path.isEmpty ? String(i) : "\(path).\(i)", depth: depth + 1))
        }
        return result
    }
}
