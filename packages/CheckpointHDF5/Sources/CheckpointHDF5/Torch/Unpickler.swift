import Foundation
import TensorCore

/// A restricted pickle machine for torch.save's data.pkl (protocols 2-5), in the spirit of
/// `torch.load(weights_only=True)`: it builds only plain containers, numbers, strings, tensors and
/// storages, and refuses any global outside `AllowedGlobal`. Nothing from the file is ever executed.
struct Unpickler {
    typealias StorageLoader = (_ key: String, _ dtype: DType, _ location: String, _ numel: Int) throws(CheckpointError)
        -> LoadedStorage

    let bytes: [UInt8]
    let file: String
    let loadStorage: StorageLoader
    /// Where the next opcode is read; after `load()`, just past the STOP opcode (torch's legacy format
    /// writes several pickles back to back).
    private(set) var position: Int
    private var stack: [PickleObject] = []
    private var marks: [Int] = []
    private var memo: [Int: PickleObject] = [:]

    init(_ bytes: [UInt8], file: String, start: Int = 0, loadStorage: @escaping StorageLoader) {
        self.bytes = bytes
        self.file = file
        self.position = start
        self.loadStorage = loadStorage
    }

    private func fail(_ reason: String) -> CheckpointError {
        .malformed(file: file, key: "data.pkl", reason: "pickle byte \(position): \(reason)")
    }

    // MARK: Reading the opcode stream

    private mutating func take(_ n: Int) throws(CheckpointError) -> ArraySlice<UInt8> {
        guard n >= 0, n <= bytes.count - position else {
            throw CheckpointError.truncated(file: file, what: "pickle ends inside an opcode")
        }
        defer { position += n }
        return bytes[position..<(position + n)]
    }

    private mutating func uint(_ n: Int) throws(CheckpointError) -> UInt64 {
        var v: UInt64 = 0
        for (i, b) in try take(n).enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
        return v
    }

    private mutating func length(_ n: Int) throws(CheckpointError) -> Int {
        let v = try uint(n)
        guard v <= UInt64(bytes.count - position) else {
            throw CheckpointError.truncated(file: file, what: "pickle length \(v) runs past the end")
        }
        return Int(v)
    }

    private mutating func line() throws(CheckpointError) -> String {
        guard let end = bytes[position...].firstIndex(of: 0x0A) else {
            throw CheckpointError.truncated(file: file, what: "pickle text line has no end")
        }
        let text = String(decoding: bytes[position..<end], as: UTF8.self)
        position = end + 1
        return text
    }

    private mutating func utf8(_ n: Int) throws(CheckpointError) -> String {
        guard let s = String(validating: try take(n), as: UTF8.self) else { throw fail("string is not valid UTF-8") }
        return s
    }

    private mutating func pop() throws(CheckpointError) -> PickleObject {
        guard let top = stack.popLast() else { throw fail("stack underflow") }
        if let mark = marks.last, stack.count < mark { throw fail("pop across a MARK") }
        return top
    }

    private mutating func popMark() throws(CheckpointError) -> [PickleObject] {
        guard let mark = marks.popLast(), mark <= stack.count else { throw fail("no MARK to pop to") }
        let items = Array(stack[mark...])
        stack.removeSubrange(mark...)
        return items
    }

    private func top() throws(CheckpointError) -> PickleObject {
        guard let top = stack.last, stack.count > (marks.last ?? 0) else { throw fail("stack underflow") }
        return top
    }

    private mutating func memoPut(_ index: Int) throws(CheckpointError) {
        guard index >= 0 else { throw fail("negative memo index") }
        memo[index] = try top()
    }

    private mutating func memoGet(_ index: Int) throws(CheckpointError) {
        guard let value = memo[index] else { throw fail("memo index \(index) was never stored") }
        stack.append(value)
    }

    private mutating func setItems(_ items: [PickleObject]) throws(CheckpointError) {
        guard items.count % 2 == 0 else { throw fail("SETITEMS with an odd number of items") }
        guard case .dict(let dict) = try top() else { throw fail("SETITEM(S) on a \(try top().kind), not a dict") }
        var i = 0
        while i < items.count {
            dict.add(items[i], items[i + 1])
            i += 2
        }
        try checkDepth(.dict(dict))
    }

    private mutating func appendItems(_ items: [PickleObject]) throws(CheckpointError) {
        guard case .list(let list) = try top() else { throw fail("APPEND(S) on a \(try top().kind), not a list") }
        list.append(items)
        try checkDepth(.list(list))
    }

    /// A new tuple on the stack.
    private mutating func pushTuple(_ items: [PickleObject]) throws(CheckpointError) {
        let tuple = PickleObject.tuple(PickleList(items))
        try checkDepth(tuple)
        stack.append(tuple)
    }

    /// Refuses deep nesting as it is built, before a value too deep to convert (or to free
    /// recursively) exists.
    private func checkDepth(_ container: PickleObject) throws(CheckpointError) {
        guard container.depth < PickleObject.maxDepth else {
            throw fail("containers nested deeper than \(PickleObject.maxDepth - 1) levels")
        }
    }

    // MARK: The machine

    mutating func load() throws(CheckpointError) -> PickleObject {
        while true {
            guard position < bytes.count else {
                throw CheckpointError.truncated(file: file, what: "pickle has no STOP opcode")
            }
            let op = bytes[position]
            position += 1
            switch op {
            case 0x80: _ = try take(1)  // PROTO
            case 0x95: _ = try take(8)  // FRAME: framing only groups opcodes
            case 0x2E:  // STOP
                let result = try pop()
                guard stack.isEmpty, marks.isEmpty else { throw fail("values left on the stack at STOP") }
                return result
            case 0x28: marks.append(stack.count)  // MARK
            case 0x30: _ = try pop()  // POP
            case 0x31: _ = try popMark()  // POP_MARK
            case 0x32: stack.append(try top())  // DUP
            case 0x4E: stack.append(.none)
            case 0x88: stack.append(.bool(true))
            case 0x89: stack.append(.bool(false))
            case 0x4B: stack.append(.int(Int64(try uint(1))))  // BININT1
            case 0x4D: stack.append(.int(Int64(try uint(2))))  // BININT2
            case 0x4A: stack.append(.int(Int64(Int32(truncatingIfNeeded: try uint(4)))))  // BININT
            case 0x8A: stack.append(try long(try length(1)))  // LONG1
            case 0x8B: stack.append(try long(try length(4)))  // LONG4
            case 0x49:  // INT (text); "00"/"01" are protocol 0's False/True
                let text = try line()
                if text == "00" || text == "01" {
                    stack.append(.bool(text == "01"))
                } else {
                    guard let v = Int64(text) else { throw fail("bad INT literal") }
                    stack.append(.int(v))
                }
            case 0x4C:  // LONG (text)
                var text = try line()
                if text.hasSuffix("L") { text.removeLast() }
                guard let v = Int64(text) else { throw fail("LONG literal out of the int64 range") }
                stack.append(.int(v))
            case 0x47: stack.append(.double(Double(bitPattern: try uint(8).byteSwapped)))  // BINFLOAT (big-endian)
            case 0x46:  // FLOAT (text)
                guard let v = Double(try line()) else { throw fail("bad FLOAT literal") }
                stack.append(.double(v))
            case 0x58: stack.append(.string(try utf8(try length(4))))  // BINUNICODE
            case 0x8C: stack.append(.string(try utf8(try length(1))))  // SHORT_BINUNICODE
            case 0x8D: stack.append(.string(try utf8(try length(8))))  // BINUNICODE8
            case 0x54: stack.append(.string(try utf8(try length(4))))  // BINSTRING (py2 str)
            case 0x55: stack.append(.string(try utf8(try length(1))))  // SHORT_BINSTRING
            case 0x5D: stack.append(.list(PickleList()))  // EMPTY_LIST
            case 0x6C:  // LIST
                let list = PickleObject.list(PickleList(try popMark()))
                try checkDepth(list)
                stack.append(list)
            case 0x61: try appendItems([try pop()])  // APPEND
            case 0x65: try appendItems(try popMark())  // APPENDS
            case 0x29: try pushTuple([])
            case 0x74: try pushTuple(try popMark())  // TUPLE
            case 0x85: try pushTuple([try pop()])
            case 0x86:
                let b = try pop()
                let a = try pop()
                try pushTuple([a, b])
            case 0x87:
                let c = try pop()
                let b = try pop()
                let a = try pop()
                try pushTuple([a, b, c])
            case 0x7D: stack.append(.dict(PickleDict()))  // EMPTY_DICT
            case 0x64:  // DICT
                let items = try popMark()
                stack.append(.dict(PickleDict()))
                try setItems(items)
            case 0x73:  // SETITEM
                let value = try pop()
                let key = try pop()
                try setItems([key, value])
            case 0x75: try setItems(try popMark())  // SETITEMS
            case 0x68: try memoGet(Int(try uint(1)))  // BINGET
            case 0x6A: try memoGet(Int(try uint(4)))  // LONG_BINGET
            case 0x67:  // GET
                guard let i = Int(try line()) else { throw fail("bad GET index") }
                try memoGet(i)
            case 0x71: try memoPut(Int(try uint(1)))  // BINPUT
            case 0x72: try memoPut(Int(try uint(4)))  // LONG_BINPUT
            case 0x70:  // PUT
                guard let i = Int(try line()) else { throw fail("bad PUT index") }
                try memoPut(i)
            case 0x94: try memoPut(memo.count)  // MEMOIZE
            case 0x63:  // GLOBAL "module\nname\n"
                let module = try line()
                let name = try line()
                stack.append(try global(module, name))
            case 0x93:  // STACK_GLOBAL
                let name = try pop()
                let module = try pop()
                guard case .string(let n) = name, case .string(let m) = module else {
                    throw fail("STACK_GLOBAL needs two strings")
                }
                stack.append(try global(m, n))
            case 0x51: stack.append(try persistentLoad(try pop()))  // BINPERSID
            case 0x50:
                throw CheckpointError.unsupported(
                    file: file, key: "data.pkl", what: "text persistent ids (PERSID); torch.save writes BINPERSID")
            case 0x52:  // REDUCE
                let args = try pop()
                let callable = try pop()
                stack.append(try reduce(callable, args))
            case 0x81:  // NEWOBJ: cls.__new__(cls, *args) — only OrderedDict qualifies
                let args = try pop()
                let cls = try pop()
                stack.append(try reduce(cls, args))
            case 0x62:  // BUILD: sets attributes (an OrderedDict's _metadata); the state is dropped
                let state = try pop()
                let target = try top()
                switch target {
                case .dict, .tensor: _ = state
                default: throw fail("BUILD on a \(target.kind) is not allowed")
                }
            default:
                throw CheckpointError.unsupported(
                    file: file, key: "data.pkl",
                    what: "pickle opcode 0x\(String(op, radix: 16)) at byte \(position - 1) (not used by state dicts)")
            }
        }
    }

    private mutating func long(_ n: Int) throws(CheckpointError) -> PickleObject {
        guard n <= 8 else { throw fail("integer wider than 64 bits") }
        let start = position
        _ = try take(n)
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(bytes[start + i]) << (8 * UInt64(i)) }
        if n == 0 { return .int(0) }
        if n < 8, bytes[start + n - 1] & 0x80 != 0 { v |= ~0 << (8 * UInt64(n)) }  // sign-extend
        return .int(Int64(bitPattern: v))
    }

    private func global(_ module: String, _ name: String) throws(CheckpointError) -> PickleObject {
        guard let allowed = AllowedGlobal(module: module, name: name) else {
            throw CheckpointError.forbiddenGlobal(file: file, global: "\(module).\(name)")
        }
        return .global(allowed)
    }

    // MARK: Objects torch.save emits

    /// ('storage', torch.FloatStorage, key, location, numel) → the storage's bytes, read once per key. The legacy
    /// format adds a sixth item, view metadata, which torch ≥ 0.4 always writes as None.
    private func persistentLoad(_ pid: PickleObject) throws(CheckpointError) -> PickleObject {
        guard let t = pid.tupleItems, t.count == 5 || t.count == 6, case .string("storage") = t[0],
            case .global(.storageType(let dtype)) = t[1], case .string(let key) = t[2],
            case .string(let location) = t[3], case .int(let numel) = t[4], numel >= 0
        else { throw fail("persistent id is not ('storage', StorageType, key, location, numel)") }
        if t.count == 6, case .none = t[5] {
        } else if t.count == 6 {
            throw CheckpointError.unsupported(
                file: file, key: "storage \(key)", what: "a storage view (torch < 0.4's format)")
        }
        return .storage(try loadStorage(key, dtype, location, Int(numel)))
    }

    private func reduce(_ callable: PickleObject, _ args: PickleObject) throws(CheckpointError) -> PickleObject {
        guard case .global(let function) = callable else {
            throw fail("REDUCE on a \(callable.kind), not an allowed global")
        }
        guard let a = args.tupleItems else { throw fail("REDUCE arguments are not a tuple") }
        switch function {
        case .orderedDict:
            guard a.isEmpty else { throw fail("OrderedDict(...) with arguments") }
            return .dict(PickleDict())
        case .rebuildTensorV2:
            guard a.count == 6 || a.count == 7 else {
                throw fail("_rebuild_tensor_v2 takes 6 or 7 arguments, got \(a.count)")
            }
            return .tensor(try rebuildTensor(a[0], a[1], a[2], a[3]))
        case .rebuildParameter, .rebuildParameterWithState:
            guard a.count >= 3, case .tensor(let t) = a[0] else { throw fail("_rebuild_parameter needs a tensor") }
            return .tensor(t)
        case .device:
            guard let first = a.first, case .string(let type) = first else { throw fail("torch.device needs a string") }
            if a.count == 2, case .int(let index) = a[1] { return .string("\(type):\(index)") }
            return .string(type)
        case .storageType:
            throw fail("storage types are not callable")
        }
    }

    private func intTuple(_ value: PickleObject, _ what: String) throws(CheckpointError) -> [Int] {
        guard let items = value.tupleItems else { throw fail("tensor \(what) is not a tuple") }
        var result: [Int] = []
        for item in items {
            guard case .int(let v) = item, v >= 0, v <= Int64(Int32.max) * 1024 else {
                throw fail("tensor \(what) holds a bad value")
            }
            result.append(Int(v))
        }
        return result
    }

    /// `_rebuild_tensor_v2(storage, offset, size, stride, ...)`: a view of the storage, every extent
    /// checked against the storage's size before the view is made.
    private func rebuildTensor(
        _ storageObject: PickleObject, _ offsetObject: PickleObject, _ sizeObject: PickleObject,
        _ strideObject: PickleObject
    ) throws(CheckpointError) -> Tensor {
        guard case .storage(let s) = storageObject else { throw fail("_rebuild_tensor_v2 needs a storage") }
        guard case .int(let offset64) = offsetObject, offset64 >= 0, offset64 <= Int64(Int32.max) * 1024 else {
            throw fail("bad storage offset")
        }
        let shape = try intTuple(sizeObject, "size")
        let strides = try intTuple(strideObject, "stride")
        guard shape.count == strides.count, shape.count <= 64 else {
            throw fail("tensor size and stride lengths differ")
        }
        var count = 1
        for size in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow, product <= 1 << 36 else { throw fail("tensor of shape \(shape) is too large") }
            count = product
        }
        let offset = Int(offset64)
        let capacity = s.storage.byteCount / s.dtype.itemSize
        // Stride-0 (expanded) views may hold more elements than their storage, but a view thousands of
        // times its storage is a hostile file that would exhaust memory once materialized.
        guard count <= Swift.max(capacity, 1) * 4096 else {
            throw fail("view of shape \(shape) is far larger than its storage")
        }
        if !shape.contains(0) {
            var last = offset
            for (size, stride) in zip(shape, strides) {
                let (extent, o1) = (size - 1).multipliedReportingOverflow(by: stride)
                let (sum, o2) = last.addingReportingOverflow(extent)
                guard !o1, !o2 else { throw fail("tensor extent overflows") }
                last = sum
            }
            guard last < capacity else {
                throw CheckpointError.sizeMismatch(
                    file: file, key: "storage \(s.key)", expectedBytes: (last + 1) * s.dtype.itemSize,
                    actualBytes: s.storage.byteCount)
            }
        } else if offset > capacity {
            throw fail("storage offset \(offset) beyond the storage")
        }
        return Tensor(storage: s.storage, offset: offset, shape: shape, strides: strides, dtype: s.dtype)
    }
}
