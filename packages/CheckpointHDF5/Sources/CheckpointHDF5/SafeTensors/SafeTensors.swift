import Foundation
import TensorCore

/// The safetensors format: an 8-byte little-endian header length, a JSON header
/// `{"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}}`,
/// then the tensors' bytes back to back. Holds only a flat dict of tensors (+ string metadata).
/// PyTorch: the `safetensors.torch` module (`load_file`, `save_file`, `safe_open`).
public enum SafeTensors {
    static let codes: [(DType, String)] = [
        (.bool, "BOOL"), (.uint8, "U8"), (.int8, "I8"), (.int16, "I16"), (.int32, "I32"), (.int64, "I64"),
        (.float16, "F16"), (.bfloat16, "BF16"), (.float32, "F32"), (.float64, "F64"),
    ]
    static func code(_ dtype: DType) -> String { codes.first { $0.0 == dtype }!.1 }

    /// The tensors in file order (by data offset) and the `__metadata__` strings.
    /// PyTorch: `safetensors.torch.load_file`, plus `safe_open(path, "pt").metadata()`.
    public static func load(from path: String, dtype: DType? = nil) throws(CheckpointError) -> (
        tensors: StateDict, metadata: [String: String]
    ) {
        try load(FileSource(path: path), dtype: dtype)
    }

    package static func load(_ source: any ByteSource, dtype: DType? = nil) throws(CheckpointError) -> (
        tensors: StateDict, metadata: [String: String]
    ) {
        let file = source.name
        var prefix = ByteCursor(
            try source.bytes(at: 0, count: 8, "safetensors header length"), file: file, what: "header length")
        let headerSize = try prefix.u64()
        guard headerSize <= 100_000_000 else {
            throw .malformed(file: file, key: "header", reason: "header length \(headerSize) exceeds 100 MB")
        }
        try source.checkRange(8, headerSize, "safetensors header")
        var parser = HeaderJSONParser(try source.bytes(at: 8, count: headerSize, "safetensors header"), file: file)
        guard case .object(let members) = try parser.parseDocument() else {
            throw .malformed(file: file, key: "header", reason: "header is not a JSON object")
        }
        let dataStart = 8 + headerSize
        let dataSize = source.size - dataStart
        var metadata: [String: String] = [:]
        var records: [(name: String, dtype: DType, shape: [Int], begin: Int, end: Int)] = []
        for (name, value) in members {
            if name == "__metadata__" {
                guard case .object(let entries) = value else {
                    throw .malformed(file: file, key: name, reason: "metadata is not an object")
                }
                for (k, v) in entries {
                    guard case .string(let s) = v else {
                        throw .malformed(
                            file: file, key: "__metadata__.\(k)", reason: "metadata values must be strings")
                    }
                    metadata[k] = s
                }
                continue
            }
            records.append(try record(name, value, file: file))
        }
        records.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var expected = 0
        for r in records {
            guard r.begin == expected else {
                throw .malformed(
                    file: file, key: r.name,
                    reason: "data_offsets [\(r.begin), \(r.end)] leave a gap or overlap (expected begin \(expected))")
            }
            expected = r.end
        }
        guard expected == dataSize else {
            throw .sizeMismatch(
                file: file, key: records.last?.name ?? "<data>", expectedBytes: expected, actualBytes: dataSize)
        }
        var tensors = StateDict()
        for r in records {
            let tensor = Tensor(uninitializedShape: r.shape, dtype: r.dtype)
            if r.end > r.begin {
                try source.read(at: dataStart + r.begin, count: r.end - r.begin, into: tensor.rawPointer)
            }
            let cast = dtype.map { tensor.dtype.isFloatingPoint ? tensor.to($0) : tensor } ?? tensor
            tensors[.string(r.name)] = .tensor(cast)
        }
        return (tensors, metadata)
    }

    private static func record(_ name: String, _ value: JSONValue, file: String) throws(CheckpointError)
        -> (name: String, dtype: DType, shape: [Int], begin: Int, end: Int)
    {
        guard case .object(let fields) = value else {
            throw .malformed(file: file, key: name, reason: "entry is not an object")
        }
        var dtype: DType?
        var shape: [Int]?
        var offsets: [Int]?
        for (field, v) in fields {
            switch (field, v) {
            case ("dtype", .string(let code)):
                guard let d = codes.first(where: { $0.1 == code })?.0 else {
                    throw .unsupported(file: file, key: name, what: "safetensors dtype \(code)")
                }
                dtype = d
            case ("shape", .array(let dims)):
                shape = try dims.map { (d) throws(CheckpointError) -> Int in
                    guard case .integer(let n) = d, n >= 0, n <= Int64(1) << 40 else {
                        throw .malformed(file: file, key: name, reason: "bad shape")
                    }
                    return Int(n)
                }
            case ("data_offsets", .array(let pair)):
                guard pair.count == 2, case .integer(let b) = pair[0], case .integer(let e) = pair[1], b >= 0, e >= b,
                    e <= Int64(Int.max / 2)
                else {
                    throw .malformed(
                        file: file, key: name, reason: "data_offsets must be [begin, end] with begin <= end")
                }
                offsets = [Int(b), Int(e)]
            default:
                throw .malformed(file: file, key: name, reason: "unexpected field '\(field)'")
            }
        }
        guard let dtype, let shape, let offsets else {
            throw .malformed(file: file, key: name, reason: "entry needs dtype, shape and data_offsets")
        }
        guard let numel = checkedElementCount(shape) else {
            throw .malformed(file: file, key: name, reason: "shape \(shape) overflows")
        }
        let (bytes, overflow) = numel.multipliedReportingOverflow(by: dtype.itemSize)
        guard !overflow, bytes == offsets[1] - offsets[0] else {
            throw .sizeMismatch(
                file: file, key: name, expectedBytes: overflow ? Int.max : bytes, actualBytes: offsets[1] - offsets[0])
        }
        return (name, dtype, shape, offsets[0], offsets[1])
    }

    /// Writes string-keyed tensors in order (atomically). Views are written as their values.
    /// PyTorch: `safetensors.torch.save_file(tensors, filename, metadata)`.
    public static func save(_ tensors: [(String, Tensor)], metadata: [String: String] = [:], to path: String)
        throws(CheckpointError)
    {
        var header = "{"
        var first = true
        if !metadata.isEmpty {
            header +=
                "\"__metadata__\":{"
                + metadata.sorted { $0.key < $1.key }.map { jsonQuoted($0.key) + ":" + jsonQuoted($0.value) }.joined(
                    separator: ",") + "}"
            first = false
        }
        var seen = Set<String>()
        var offset = 0
        var payloads: [Tensor] = []
        for (name, tensor) in tensors {
            guard name != "__metadata__", seen.insert(name).inserted else { throw .duplicateKey(file: path, key: name) }
            let bytes = tensor.numel * tensor.dtype.itemSize
            header +=
                (first ? "" : ",") + jsonQuoted(name) + ":{\"dtype\":\"\(code(tensor.dtype))\",\"shape\":["
                + tensor.shape.dims.map(String.init).joined(separator: ",")
                + "],\"data_offsets\":[\(offset),\(offset + bytes)]}"
            first = false
            offset += bytes
            payloads.append(tensor.contiguous())
        }
        header += "}"
        var headerBytes = Array(header.utf8)
        headerBytes += [UInt8](repeating: 0x20, count: (8 - headerBytes.count % 8) % 8)
        try AtomicFile.write(to: path) { (temp) throws(CheckpointError) in
            let out = try FileWriter(path: temp)
            var prefix = LittleEndianBytes()
            prefix.u64(UInt64(headerBytes.count))
            try out.write(prefix.bytes + headerBytes)
            for t in payloads { try out.write(UnsafeRawPointer(t.rawPointer), count: t.numel * t.dtype.itemSize) }
            try out.flush()
        }
    }

    /// Saves a state value as safetensors: nested string-keyed dicts are flattened with dots
    /// (`model.network.1.weight`); any non-tensor leaf is an error naming its key.
    /// PyTorch: `safetensors.torch.save_file` after flattening (torch has no nested form).
    public static func save(_ value: StateValue, metadata: [String: String] = [:], to path: String)
        throws(CheckpointError)
    {
        var flat: [(String, Tensor)] = []
        try flatten(value, prefix: "", into: &flat, file: path)
        try save(flat, metadata: metadata, to: path)
    }

    static func flatten(_ value: StateValue, prefix: String, into flat: inout [(String, Tensor)], file: String)
        throws(CheckpointError)
    {
        switch value {
        case .tensor(let t): flat.append((prefix, t))
        case .dict(let d):
            for (k, v) in d {
                guard case .string(let name) = k else {
                    throw .unsupported(
                        file: file, key: prefix + k.text, what: "safetensors holds only string-keyed tensors (int key)")
                }
                try flatten(v, prefix: prefix.isEmpty ? name : prefix + "." + name, into: &flat, file: file)
            }
        default:
            throw .unsupported(file: file, key: prefix, what: "safetensors holds only tensors, not \(value)")
        }
    }
}
