import TensorCore

/// Writes a `StateValue` as protocol-2 pickle the way torch.save does: tensors become
/// `_rebuild_tensor_v2(persistent storage, offset, size, stride, False, OrderedDict())`, storages are
/// persistent ids ('storage', torch.FloatStorage, key, 'cpu', numel), and views of one storage share
/// a key. The result loads with `torch.load(weights_only=True)`.
struct Pickler {
    /// A storage to write as `data/<key>`: the tensor storage's bytes viewed with one dtype.
    struct StorageRecord {
        let key: String
        let storage: TensorStorage
        let dtype: DType
    }

    private(set) var bytes: [UInt8] = [0x80, 2]
    private(set) var storages: [StorageRecord] = []
    private var storageKeys: [ObjectIdentifier: (DType, String)] = [:]

    mutating func finish() -> [UInt8] {
        bytes.append(0x2E)  // STOP
        return bytes
    }

    mutating func write(_ value: StateValue) {
        switch value {
        case .none: bytes.append(0x4E)
        case .bool(let b): bytes.append(b ? 0x88 : 0x89)
        case .int(let i): writeInt(i)
        case .double(let d):
            bytes.append(0x47)
            withUnsafeBytes(of: d.bitPattern.bigEndian) { bytes += $0 }
        case .string(let s): writeString(s)
        case .tensor(let t): writeTensor(t)
        case .list(let items):
            bytes.append(0x5D)  // EMPTY_LIST
            for batch in Pickler.batches(items.count) {
                bytes.append(0x28)
                for i in batch { write(items[i]) }
                bytes.append(0x65)  // APPENDS
            }
        case .tuple(let items):
            if items.isEmpty {
                bytes.append(0x29)
            } else {
                bytes.append(0x28)
                for item in items { write(item) }
                bytes.append(0x74)
            }
        case .dict(let dict):
            bytes.append(0x7D)  // EMPTY_DICT
            let keys = dict.keys
            let values = dict.values
            for batch in Pickler.batches(keys.count) {
                bytes.append(0x28)
                for i in batch {
                    switch keys[i] {
                    case .int(let k): writeInt(k)
                    case .string(let k): writeString(k)
                    }
                    write(values[i])
                }
                bytes.append(0x75)  // SETITEMS
            }
        }
    }

    /// MARK items... APPENDS/SETITEMS go in batches of 1000, as pickle writes them.
    private static func batches(_ count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: 1000).map { $0..<min($0 + 1000, count) }
    }

    private mutating func writeInt(_ i: Int64) {
        if i >= 0 && i < 256 {
            bytes += [0x4B, UInt8(i)]
        } else if i >= 0 && i < 65536 {
            bytes += [0x4D, UInt8(i & 0xFF), UInt8(i >> 8)]
        } else if i >= Int64(Int32.min) && i <= Int64(Int32.max) {
            bytes.append(0x4A)
            withUnsafeBytes(of: Int32(i).littleEndian) { bytes += $0 }
        } else {
            bytes += [0x8A, 8]  // LONG1, two's complement little-endian
            withUnsafeBytes(of: i.littleEndian) { bytes += $0 }
        }
    }

    private mutating func writeString(_ s: String) {
        let utf8 = Array(s.utf8)
        bytes.append(0x58)
        withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { bytes += $0 }
        bytes += utf8
    }

    private mutating func writeGlobal(_ module: String, _ name: String) {
        bytes.append(0x63)
        bytes += Array("\(module)\n\(name)\n".utf8)
    }

    private mutating func writeTensor(_ t: Tensor) {
        var tensor = t
        let key: String
        if let (dtype, existing) = storageKeys[ObjectIdentifier(t.storage)], dtype == t.dtype {
            key = existing
        } else if storageKeys[ObjectIdentifier(t.storage)] != nil {
            tensor = t.contiguous() === t ? t.clone() : t.contiguous()  // storage already used with another dtype
            key = addStorage(tensor)
        } else {
            key = addStorage(t)
        }
        writeGlobal("torch._utils", "_rebuild_tensor_v2")
        bytes.append(0x28)  // MARK (arguments)
        bytes.append(0x28)  // MARK (persistent id)
        writeString("storage")
        writeGlobal("torch", AllowedGlobal.storageName(tensor.dtype))
        writeString(key)
        writeString("cpu")
        writeInt(Int64(tensor.storage.byteCount / tensor.dtype.itemSize))
        bytes.append(0x74)  // TUPLE
        bytes.append(0x51)  // BINPERSID
        writeInt(Int64(tensor.storageOffset))
        write(.tuple(tensor.shape.dims.map { .int(Int64($0)) }))
        write(.tuple(tensor.strides.map { .int(Int64($0)) }))
        bytes.append(0x89)  // requires_grad False
        writeGlobal("collections", "OrderedDict")
        bytes.append(0x29)
        bytes.append(0x52)  // OrderedDict() for backward hooks
        bytes.append(0x74)
        bytes.append(0x52)  // REDUCE
    }

    private mutating func addStorage(_ t: Tensor) -> String {
        let key = String(storages.count)
        storages.append(StorageRecord(key: key, storage: t.storage, dtype: t.dtype))
        storageKeys[ObjectIdentifier(t.storage)] = (t.dtype, key)
        return key
    }
}
