import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

/// Paths and comparisons shared by the suites.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// expected.json, parsed in order (Foundation's parser would lose key order).
    static func expected(_ name: String) throws -> JSONValue {
        var parser = HeaderJSONParser(try bytes("expected.json"), file: "expected.json")
        guard case .object(let root) = try parser.parseDocument(),
            case .object(let cases)? = root.first(where: { $0.0 == "cases" })?.1,
            let value = cases.first(where: { $0.0 == name })?.1
        else { throw CheckpointError.missingEntry(file: "expected.json", entry: name) }
        return value
    }

    /// A fresh empty folder for one test.
    static func temporaryFolder() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swift-torch-ckpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

extension JSONValue {
    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }
    var members: [(String, JSONValue)] {
        if case .object(let m) = self { return m }
        return []
    }
}

/// The bytes of a tensor's values in row-major order (bit-exact comparison, NaN included).
func valueBytes(_ t: Tensor) -> [UInt8] {
    let c = t.contiguous()
    return withExtendedLifetime(c) {
        Array(UnsafeRawBufferPointer(start: c.rawPointer, count: c.numel * c.dtype.itemSize))
    }
}

func crcOf(_ t: Tensor) -> UInt32 {
    let b = valueBytes(t)
    return b.withUnsafeBytes { crc32($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: b.count) }
}

/// Differences between a loaded value and fixturelib JSON (tensor records, "int:<n>" keys; JSON
/// arrays stand for lists and tuples alike). Empty means equal.
func differences(_ value: StateValue, _ expected: JSONValue, _ path: String = "") -> [String] {
    switch (value, expected) {
    case (.tensor(let t), .object(let record)):
        let fields = Dictionary(record, uniquingKeysWith: { a, _ in a })
        guard case .string(let dtypeName)? = fields["dtype"], case .array(let dims)? = fields["shape"] else {
            return ["\(path): expected a tensor record"]
        }
        let shape = dims.compactMap { if case .integer(let i) = $0 { return Int(i) } else { return nil } }
        if t.dtype.name != dtypeName || t.shape.dims != shape {
            return ["\(path): \(t.dtype.name)\(t.shape.dims) vs expected \(dtypeName)\(shape)"]
        }
        if case .string(let base64)? = fields["data"] {
            return valueBytes(t) == Array(Data(base64Encoded: base64) ?? Data()) ? [] : ["\(path): values differ"]
        }
        if case .integer(let crc)? = fields["crc32"] {
            return UInt32(crc) == crcOf(t) ? [] : ["\(path): CRC differs"]
        }
        return ["\(path): record has no data"]
    case (.dict(let d), .object(let members)):
        var out: [String] = []
        if d.count != members.count { out.append("\(path): \(d.count) keys vs expected \(members.count)") }
        for (i, (k, v)) in members.enumerated() {
            let key: StateKey = k.hasPrefix("int:") ? .int(Int64(k.dropFirst(4))!) : .string(k)
            guard let item = d[key] else {
                out.append("\(path): missing key \(k)")
                continue
            }
            if i < d.keys.count, d.keys[i] != key {
                out.append("\(path): key order differs at \(i): \(d.keys[i]) vs \(k)")
            }
            out += differences(item, v, path + "." + key.text)
        }
        return out
    case (.list(let items), .array(let e)), (.tuple(let items), .array(let e)):
        guard items.count == e.count else { return ["\(path): \(items.count) items vs \(e.count)"] }
        return zip(items, e).enumerated().flatMap { differences($0.element.0, $0.element.1, "\(path)[\($0.offset)]") }
    case (.int(let a), .integer(let b)): return a == b ? [] : ["\(path): \(a) vs \(b)"]
    case (.double(let a), .number(let b)): return a == b ? [] : ["\(path): \(a) vs \(b)"]
    case (.double(let a), .integer(let b)): return a == Double(b) ? [] : ["\(path): \(a) vs \(b)"]
    case (.bool(let a), .bool(let b)): return a == b ? [] : ["\(path): \(a) vs \(b)"]
    case (.string(let a), .string(let b)): return a == b ? [] : ["\(path): \(a) vs \(b)"]
    case (.none, .null): return []
    default: return ["\(path): \(value) does not match expected \(expected)"]
    }
}

/// Exact structural equality of two state values (tensors bit-exact, dtype and shape).
func stateDifferences(_ a: StateValue, _ b: StateValue, _ path: String = "") -> [String] {
    switch (a, b) {
    case (.tensor(let x), .tensor(let y)):
        if x.dtype != y.dtype || x.shape != y.shape { return ["\(path): \(x.dtype)\(x.shape) vs \(y.dtype)\(y.shape)"] }
        return valueBytes(x) == valueBytes(y) ? [] : ["\(path): values differ"]
    case (.dict(let x), .dict(let y)):
        guard x.keys == y.keys else { return ["\(path): keys \(x.keys) vs \(y.keys)"] }
        return zip(x.values, y.values).enumerated().flatMap {
            stateDifferences($0.element.0, $0.element.1, path + "." + x.keys[$0.offset].text)
        }
    case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
        guard x.count == y.count else { return ["\(path): \(x.count) vs \(y.count) items"] }
        return zip(x, y).enumerated().flatMap { stateDifferences($0.element.0, $0.element.1, "\(path)[\($0.offset)]") }
    case (.int(let x), .int(let y)): return x == y ? [] : ["\(path): \(x) vs \(y)"]
    case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern ? [] : ["\(path): \(x) vs \(y)"]
    case (.bool(let x), .bool(let y)): return x == y ? [] : ["\(path): \(x) vs \(y)"]
    case (.string(let x), .string(let y)): return x == y ? [] : ["\(path): \(x) vs \(y)"]
    case (.none, .none): return []
    default: return ["\(path): \(a) vs \(b)"]
    }
}

/// A Python with h5py for interop tests: $CHECKPOINT_PYTHON, python3, /usr/bin/python3 (Debian's
/// python3-h5py, what CI installs), or ~/torchenv/bin/python.
enum Python {
    static let withH5py: String? = {
        var candidates = ["python3", "/usr/bin/python3", NSHomeDirectory() + "/torchenv/bin/python"]
        if let env = ProcessInfo.processInfo.environment["CHECKPOINT_PYTHON"] { candidates.insert(env, at: 0) }
        return candidates.first { (try? run($0, ["-c", "import h5py"]))?.status == 0 }
    }()

    static func run(_ python: String, _ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python] + arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }
}
