import Foundation
import TensorCore

/// torch.save's zip format (torch ≥ 1.6): `<archive>/data.pkl` (the pickled object),
/// `<archive>/data/<key>` (raw little-endian storages, 64-byte aligned), `byteorder`, `version`,
/// `.format_version`, `.storage_alignment`. Files in torch's legacy (pre-1.6) format load too
/// (`LegacyTorchFormat`); saving always writes the zip format, as torch does.
public enum TorchFormat {
    /// `torch.load(path, map_location:, weights_only=True)`, plus an optional cast of floating tensors.
    public static func load(from path: String, mapLocation: Device? = nil, dtype: DType? = nil) throws(CheckpointError)
        -> StateValue
    {
        try load(FileSource(path: path), mapLocation: mapLocation, dtype: dtype)
    }

    package static func load(_ source: any ByteSource, mapLocation: Device? = nil, dtype: DType? = nil)
        throws(CheckpointError) -> StateValue
    {
        if LegacyTorchFormat.isLegacy(source) {
            return try LegacyTorchFormat.load(source, mapLocation: mapLocation, dtype: dtype)
        }
        let file = source.name
        let zip = try ZipArchive(source)
        guard let first = zip.names.first, let slash = first.firstIndex(of: "/") else {
            throw .missingEntry(file: file, entry: "<archive>/data.pkl")
        }
        let prefix = String(first[...slash])
        guard let pickle = zip.entries[prefix + "data.pkl"] else {
            throw .missingEntry(file: file, entry: prefix + "data.pkl")
        }
        if let order = zip.entries[prefix + "byteorder"] {
            let text = String(decoding: try zip.readBytes(order), as: UTF8.self)
            guard text == "little" else {
                throw .unsupported(file: file, key: "byteorder", what: "byte order '\(text)'")
            }
        }
        if let target = mapLocation, target.kind != .cpu {
            throw .deviceUnavailable(file: file, location: target.description)
        }
        return try unpickle(try zip.readBytes(pickle), zip: zip, prefix: prefix, mapLocation: mapLocation, dtype: dtype)
    }

    /// Runs the restricted unpickler over `data.pkl` bytes, loading storages from `zip` on demand.
    package static func unpickle(
        _ pickle: [UInt8], zip: ZipArchive, prefix: String, mapLocation: Device?, dtype: DType?
    ) throws(CheckpointError) -> StateValue {
        let file = zip.source.name
        var cache: [String: TensorStorage] = [:]
        let loader: Unpickler.StorageLoader = { (key, storageDType, location, numel) throws(CheckpointError) in
            if mapLocation == nil && !location.hasPrefix("cpu") {
                throw .deviceUnavailable(file: file, location: location)
            }
            let name = prefix + "data/" + key
            guard let entry = zip.entries[name] else { throw .missingEntry(file: file, entry: name) }
            let (needed, overflow) = numel.multipliedReportingOverflow(by: storageDType.itemSize)
            guard !overflow, needed == entry.size else {
                throw .sizeMismatch(
                    file: file, key: "storage \(key)", expectedBytes: overflow ? Int.max : needed,
                    actualBytes: entry.size)
            }
            if let storage = cache[key] {
                guard storage.byteCount == needed else {
                    throw .malformed(file: file, key: "storage \(key)", reason: "storage used with two sizes")
                }
                return LoadedStorage(storage: storage, dtype: storageDType, key: key)
            }
            let start = try zip.dataOffset(of: entry)
            let storage = TensorStorage(byteCount: entry.size)
            if entry.size > 0 { try zip.read(entry, from: start, into: storage.data) }
            cache[key] = storage
            return LoadedStorage(storage: storage, dtype: storageDType, key: key)
        }
        var unpickler = Unpickler(pickle, file: file, loadStorage: loader)
        let object = try unpickler.load()
        var converter = PickleConverter(file: file)
        let value = try converter.convert(object)
        return dtype.map { value.castingFloatingTensors(to: $0) } ?? value
    }

    /// `torch.save(value, path)`: written atomically; loads in PyTorch with `weights_only=True`.
    public static func save(_ value: StateValue, to path: String) throws(CheckpointError) {
        var pickler = Pickler()
        pickler.write(value)
        let pickle = pickler.finish()
        try AtomicFile.write(to: path) { (temp) throws(CheckpointError) in
            let out = try FileWriter(path: temp)
            let zip = ZipWriter(out)
            let prefix = "archive/"
            try zip.add(prefix + "data.pkl", bytes: pickle)
            try zip.add(prefix + ".format_version", bytes: Array("1".utf8))
            try zip.add(prefix + ".storage_alignment", bytes: Array("64".utf8))
            try zip.add(prefix + "byteorder", bytes: Array("little".utf8))
            for record in pickler.storages {
                let count = record.storage.byteCount / record.dtype.itemSize * record.dtype.itemSize
                try zip.add(prefix + "data/" + record.key, record.storage.data, count: count)
            }
            try zip.add(prefix + "version", bytes: Array("3\n".utf8))
            try zip.finish()
        }
    }
}

extension StateValue {
    /// The same structure with every floating-point tensor converted to `dtype` (integer and bool
    /// tensors, such as `num_batches_tracked` or an optimizer's `step`, keep their dtype).
    /// No PyTorch counterpart: Python would map `t.to(dtype)` over the floating-point tensors.
    public func castingFloatingTensors(to dtype: DType) -> StateValue {
        switch self {
        case .tensor(let t): return t.dtype.isFloatingPoint ? .tensor(t.to(dtype)) : self
        case .list(let items): return .list(items.map { $0.castingFloatingTensors(to: dtype) })
        case .tuple(let items): return .tuple(items.map { $0.castingFloatingTensors(to: dtype) })
        case .dict(let d): return .dict(StateDict(zip(d.keys, d.values.map { $0.castingFloatingTensors(to: dtype) })))
        default: return self
        }
    }
}
