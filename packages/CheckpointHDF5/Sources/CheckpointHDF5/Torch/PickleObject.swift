import TensorCore

/// A value on the unpickler's stack. Lists and dicts are reference types because pickle mutates
/// them after memoizing (APPENDS / SETITEMS on an object a later GET returns again); tuples are boxed
/// too, so that every container is a class whose deinit can free deep nesting without recursion.
enum PickleObject {
    case none
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case list(PickleList)
    case tuple(PickleList)
    case dict(PickleDict)
    case global(AllowedGlobal)
    case storage(LoadedStorage)
    case tensor(Tensor)

    var kind: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "str"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .global(let g): return "global \(g)"
        case .storage: return "storage"
        case .tensor: return "tensor"
        }
    }
}

extension PickleObject {
    /// The most containers nested in one another that a state dict may have.
    static let maxDepth = 512

    /// Containers nested in this value, counting itself (as known when items were last added: a
    /// memoized list filled after it went into another does not update that one).
    var depth: Int {
        switch self {
        case .list(let l), .tuple(let l): return l.depth
        case .dict(let d): return d.depth
        default: return 0
        }
    }

    var tupleItems: [PickleObject]? {
        if case .tuple(let t) = self { return t.items }
        return nil
    }

    /// Frees `objects` with a worklist of containers: one released here for the last time hands
    /// over its items before it goes, so no deinit recurses (a 100 KB pickle can nest 50,000 deep).
    /// The worklist holds the boxes themselves, so a box's reference count is exactly its owners'.
    static func release(_ objects: inout [PickleObject]) {
        var lists: [PickleList] = []
        var dicts: [PickleDict] = []
        func collect(_ items: inout [PickleObject]) {
            for item in items {
                switch item {
                case .list(let box), .tuple(let box): lists.append(box)
                case .dict(let box): dicts.append(box)
                default: break
                }
            }
            items = []
        }
        collect(&objects)
        while !lists.isEmpty || !dicts.isEmpty {
            if var list = lists.popLast(), isKnownUniquelyReferenced(&list) { collect(&list.items) }
            if var dict = dicts.popLast(), isKnownUniquelyReferenced(&dict) {
                collect(&dict.keys)
                collect(&dict.values)
            }
        }
    }
}

/// A list's or a tuple's items.
final class PickleList {
    fileprivate(set) var items: [PickleObject] = []
    private(set) var depth = 1

    init(_ items: [PickleObject] = []) { append(items) }

    func append(_ more: [PickleObject]) {
        for item in more { depth = Swift.max(depth, item.depth + 1) }
        items += more
    }

    deinit { PickleObject.release(&items) }
}

final class PickleDict {
    fileprivate(set) var keys: [PickleObject] = []
    fileprivate(set) var values: [PickleObject] = []
    private(set) var depth = 1

    func add(_ key: PickleObject, _ value: PickleObject) {
        depth = Swift.max(depth, value.depth + 1)
        keys.append(key)
        values.append(value)
    }

    deinit {
        PickleObject.release(&keys)
        PickleObject.release(&values)
    }
}

/// A storage from a persistent id: untyped bytes read once per key, viewed with a dtype.
struct LoadedStorage {
    let storage: TensorStorage
    let dtype: DType
    let key: String
}

/// The globals a state dict or checkpoint needs: the weights-only allowlist. Anything else is refused
/// when its GLOBAL opcode is read, before any of it could be used.
enum AllowedGlobal: CustomStringConvertible {
    case orderedDict
    case rebuildTensorV2
    case rebuildParameter
    case rebuildParameterWithState
    case storageType(DType)
    case device

    init?(module: String, name: String) {
        switch (module, name) {
        case ("collections", "OrderedDict"): self = .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"): self = .rebuildTensorV2
        case ("torch._utils", "_rebuild_parameter"): self = .rebuildParameter
        case ("torch._utils", "_rebuild_parameter_with_state"): self = .rebuildParameterWithState
        case ("torch", "device"): self = .device
        case ("torch", _):
            guard let dtype = AllowedGlobal.storageDTypes[name] else { return nil }
            self = .storageType(dtype)
        default: return nil
        }
    }

    static let storageDTypes: [String: DType] = [
        "FloatStorage": .float32, "DoubleStorage": .float64, "HalfStorage": .float16,
        "BFloat16Storage": .bfloat16, "LongStorage": .int64, "IntStorage": .int32,
        "ShortStorage": .int16, "CharStorage": .int8, "ByteStorage": .uint8, "BoolStorage": .bool,
        "UntypedStorage": .uint8,
    ]

    static func storageName(_ dtype: DType) -> String {
        switch dtype {
        case .float32: return "FloatStorage"
        case .float64: return "DoubleStorage"
        case .float16: return "HalfStorage"
        case .bfloat16: return "BFloat16Storage"
        case .int64: return "LongStorage"
        case .int32: return "IntStorage"
        case .int16: return "ShortStorage"
        case .int8: return "CharStorage"
        case .uint8: return "ByteStorage"
        case .bool: return "BoolStorage"
        }
    }

    var description: String {
        switch self {
        case .orderedDict: return "collections.OrderedDict"
        case .rebuildTensorV2: return "torch._utils._rebuild_tensor_v2"
        case .rebuildParameter: return "torch._utils._rebuild_parameter"
        case .rebuildParameterWithState: return "torch._utils._rebuild_parameter_with_state"
        case .storageType(let d): return "torch.\(AllowedGlobal.storageName(d))"
        case .device: return "torch.device"
        }
    }
}
