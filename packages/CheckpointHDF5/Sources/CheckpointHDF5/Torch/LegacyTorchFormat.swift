import TensorCore

/// torch.save's format before torch 1.6 (`_use_new_zipfile_serialization=False`), which some published weights
/// (older torchvision files among them) are still in: five pickles back to back — the magic number, the
/// protocol version (1001), sys_info, the object (each storage a persistent id ('storage', type, key,
/// location, numel, None)), the storage keys in the order their bytes follow — then each storage as its
/// element count (little-endian int64) and its raw bytes. Read with the same restricted unpickler as the zip
/// format: nothing from the file is executed.
enum LegacyTorchFormat {
    /// The first pickle: protocol 2, LONG1 0x1950a86a20f9469cfc6c, STOP.
    static let magic: [UInt8] = [
        0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19, 0x2E,
    ]

    static func isLegacy(_ source: any ByteSource) -> Bool {
        source.size >= magic.count && (try? source.bytes(at: 0, count: magic.count, "magic number")) == magic
    }

    /// The pickles sit before the storages, whose total size is unknown until they are parsed: read a prefix
    /// and grow it while a pickle runs past its end, so a 500 MB file is not held twice.
    static func load(_ source: any ByteSource, mapLocation: Device?, dtype: DType?) throws(CheckpointError)
        -> StateValue
    {
        var prefixLength = min(source.size, 1 << 20)
        while true {
            let prefix = try source.bytes(at: 0, count: prefixLength, "pickles")
            do {
                return try load(source, prefix: prefix, mapLocation: mapLocation, dtype: dtype)
            } catch .truncated(_, _) where prefixLength < source.size {
                prefixLength = min(source.size, prefixLength * 8)
            }
        }
    }

    private struct PendingStorage {
        let storage: TensorStorage
        let dtype: DType
        let numel: Int
    }

    private static func load(
        _ source: any ByteSource, prefix: [UInt8], mapLocation: Device?, dtype: DType?
    ) throws(CheckpointError) -> StateValue {
        let file = source.name
        let noStorages: Unpickler.StorageLoader = { (key, _, _, _) throws(CheckpointError) in
            throw .malformed(file: file, key: "storage \(key)", reason: "a storage outside the object pickle")
        }
        var position = magic.count
        func next(_ loader: @escaping Unpickler.StorageLoader) throws(CheckpointError) -> PickleObject {
            var unpickler = Unpickler(prefix, file: file, start: position, loadStorage: loader)
            let object = try unpickler.load()
            position = unpickler.position
            return object
        }
        guard case .int(1001) = try next(noStorages) else {
            throw .unsupported(file: file, key: "protocol_version", what: "a legacy protocol other than 1001")
        }
        let sysInfo = try next(noStorages)
        if case .dict(let info) = sysInfo,
            let little = zip(info.keys, info.values).first(where: {
                if case .string("little_endian") = $0.0 { true } else { false }
            })?.1, case .bool(false) = little
        {
            throw .unsupported(file: file, key: "little_endian", what: "a big-endian file")
        }
        if let target = mapLocation, target.kind != .cpu {
            throw .deviceUnavailable(file: file, location: target.description)
        }

        // Storages are allocated as the object names them and filled once their bytes' place is known.
        var pending: [String: PendingStorage] = [:]
        let allocate: Unpickler.StorageLoader = { (key, storageDType, location, numel) throws(CheckpointError) in
            if mapLocation == nil && !location.hasPrefix("cpu") {
                throw .deviceUnavailable(file: file, location: location)
            }
            let (bytes, overflow) = numel.multipliedReportingOverflow(by: storageDType.itemSize)
            guard !overflow, bytes <= source.size else {
                throw .sizeMismatch(
                    file: file, key: "storage \(key)", expectedBytes: overflow ? Int.max : bytes,
                    actualBytes: source.size)
            }
            if let known = pending[key] {
                guard known.numel == numel, known.dtype == storageDType else {
                    throw .malformed(file: file, key: "storage \(key)", reason: "storage used with two sizes")
                }
                return LoadedStorage(storage: known.storage, dtype: storageDType, key: key)
            }
            let storage = TensorStorage(byteCount: bytes)
            pending[key] = PendingStorage(storage: storage, dtype: storageDType, numel: numel)
            return LoadedStorage(storage: storage, dtype: storageDType, key: key)
        }
        let object = try next(allocate)
        guard case .list(let keyList) = try next(noStorages) else {
            throw .malformed(file: file, key: "storage keys", reason: "the fifth pickle is not a list of keys")
        }

        var offset = position
        var filled = Set<String>()
        for item in keyList.items {
            guard case .string(let key) = item else {
                throw .malformed(file: file, key: "storage keys", reason: "a key is not a string")
            }
            guard let storage = pending[key], filled.insert(key).inserted else {
                throw .malformed(file: file, key: "storage \(key)", reason: "listed twice or never used")
            }
            let header = try source.bytes(at: offset, count: 8, "storage \(key)'s element count")
            let numel = header.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
            guard numel == UInt64(storage.numel) else {
                throw .sizeMismatch(
                    file: file, key: "storage \(key)", expectedBytes: storage.numel * storage.dtype.itemSize,
                    actualBytes: Int(clamping: numel) &* storage.dtype.itemSize)
            }
            offset += 8
            let bytes = storage.storage.byteCount
            try source.checkRange(offset, bytes, "storage \(key)'s bytes")
            if bytes > 0 { try source.read(at: offset, count: bytes, into: storage.storage.data) }
            offset += bytes
        }
        if let missing = pending.keys.first(where: { !filled.contains($0) }) {
            throw .missingEntry(file: file, entry: "storage \(missing)")
        }
        var converter = PickleConverter(file: file)
        let value = try converter.convert(object)
        return dtype.map { value.castingFloatingTensors(to: $0) } ?? value
    }
}
