import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

/// Broken .pt files: each is a thrown `CheckpointError`, never a crash.
@Suite struct BadInputTests {
    func load(_ bytes: [UInt8], _ name: String = "bad.pt") throws(CheckpointError) -> StateValue {
        try TorchFormat.load(MemorySource(bytes, name: name))
    }

    @Test func truncatedAtEveryLengthThrows() throws {
        let bytes = try Fixtures.bytes("checkpoint_ep50.pt")
        for length in 0..<bytes.count {
            #expect(throws: CheckpointError.self) { try load(Array(bytes.prefix(length))) }
        }
    }

    @Test func wrongMagicThrows() throws {
        #expect(
            throws: CheckpointError.badMagic(
                file: "bad.pt", expected: "a zip archive (no end-of-central-directory record)")
        ) {
            try load(Array(repeating: 0x41, count: 100))
        }
        #expect(throws: CheckpointError.self) { try load([]) }
    }

    /// Rewrites an archive entry by entry through our zip writer (to drop or change entries).
    func rebuild(_ fixture: String, _ edit: (String, [UInt8]) -> (String, [UInt8])?) throws -> [UInt8] {
        let zip = try ZipArchive(MemorySource(try Fixtures.bytes(fixture)))
        let path = try Fixtures.temporaryFolder() + "/rebuilt.pt"
        try AtomicFile.write(to: path) { (temp) throws(CheckpointError) in
            let out = try FileWriter(path: temp)
            let writer = ZipWriter(out)
            for name in zip.names {
                if let (newName, bytes) = edit(name, try zip.readBytes(zip.entries[name]!)) {
                    try writer.add(newName, bytes: bytes)
                }
            }
            try writer.finish()
        }
        return try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func missingEntriesThrow() throws {
        let noPickle = try rebuild("checkpoint_ep50.pt") { $0.hasSuffix("data.pkl") ? nil : ($0, $1) }
        #expect(throws: CheckpointError.missingEntry(file: "bad.pt", entry: "checkpoint_ep50/data.pkl")) {
            try load(noPickle)
        }
        let noStorage = try rebuild("checkpoint_ep50.pt") { $0.hasSuffix("data/0") ? nil : ($0, $1) }
        #expect(throws: CheckpointError.missingEntry(file: "bad.pt", entry: "checkpoint_ep50/data/0")) {
            try load(noStorage)
        }
    }

    @Test func storageWithWrongSizeThrows() throws {
        let short = try rebuild("checkpoint_ep50.pt") {
            $0.hasSuffix("data/0") ? ($0, Array($1.dropLast(4))) : ($0, $1)
        }
        #expect(
            throws: CheckpointError.sizeMismatch(file: "bad.pt", key: "storage 0", expectedBytes: 200, actualBytes: 196)
        ) { try load(short) }
    }

    @Test func duplicateEntryThrows() throws {
        let twice = try rebuild("checkpoint_ep50.pt") {
            $0.hasSuffix("data/1") ? ("checkpoint_ep50/data/0", $1) : ($0, $1)
        }
        #expect(throws: CheckpointError.duplicateKey(file: "bad.pt", key: "checkpoint_ep50/data/0")) { try load(twice) }
    }

    @Test func corruptedStorageFailsItsCRC() throws {
        var bytes = try Fixtures.bytes("mlp_state_dict.pt")
        bytes[bytes.count / 2] ^= 0xFF
        #expect(throws: CheckpointError.self) { try load(bytes) }
    }

    @Test func forbiddenGlobalsInAPickleAreNamed() throws {
        for (module, name) in [("os", "system"), ("builtins", "eval"), ("__main__", "Evil"), ("torch", "load")] {
            let pickle: [UInt8] = [0x80, 2, 0x63] + Array("\(module)\n\(name)\n".utf8) + [0x29, 0x52, 0x2E]
            let file = try rebuild("checkpoint_ep50.pt") { $0.hasSuffix("data.pkl") ? ($0, pickle) : ($0, $1) }
            #expect(throws: CheckpointError.forbiddenGlobal(file: "bad.pt", global: "\(module).\(name)")) {
                try load(file)
            }
        }
    }

    /// A .pt on disk whose data.pkl is `pickle` (the rest from a fixture).
    func file(withPickle pickle: [UInt8]) throws -> String {
        let path = try Fixtures.temporaryFolder() + "/deep.pt"
        try Data(try rebuild("checkpoint_ep50.pt") { $0.hasSuffix("data.pkl") ? ($0, pickle) : ($0, $1) }).write(
            to: URL(fileURLWithPath: path))
        return path
    }

    /// 100 KB of EMPTY_LIST then APPEND nests lists 50,000 deep; the unpickler refuses at depth 512,
    /// before the nesting exists (freeing it recursively once overflowed the stack).
    @Test func deeplyNestedContainersThrowAsTheyAreBuilt() throws {
        let lists: [UInt8] =
            [0x80, 2] + [UInt8](repeating: 0x5D, count: 50_000) + [UInt8](repeating: 0x61, count: 49_999) + [0x2E]
        let tuples: [UInt8] = [0x80, 2, 0x4E] + [UInt8](repeating: 0x85, count: 50_000) + [0x2E]  // TUPLE1 around None
        for pickle in [lists, tuples] {
            let path = try file(withPickle: pickle)
            let error = #expect(throws: CheckpointError.self) { try TorchFormat.load(from: path) }
            guard case .malformed(path, "data.pkl", let reason)? = error else {
                Issue.record("expected .malformed naming \(path), got \(String(describing: error))")
                continue
            }
            #expect(reason.hasSuffix("containers nested deeper than 511 levels"))
            #expect(error!.description.hasPrefix(path + ": malformed at key 'data.pkl': pickle byte "))
        }
    }

    /// Nesting built outside in (each list memoized, then filled) escapes the check as it is built;
    /// the converter refuses it and freeing it must not recurse.
    @Test func nestingBuiltOutsideInIsRefusedAndFreed() throws {
        func memo(_ op: UInt8, _ i: Int) -> [UInt8] { [op] + withUnsafeBytes(of: UInt32(i).littleEndian) { Array($0) } }
        var pickle: [UInt8] = [0x80, 2, 0x5D] + memo(0x72, 0)  // EMPTY_LIST, LONG_BINPUT 0
        for i in 1..<50_000 {
            pickle += memo(0x6A, i - 1) + [0x5D] + memo(0x72, i) + [0x61, 0x30]  // LONG_BINGET, EMPTY_LIST, LONG_BINPUT, APPEND, POP
        }
        pickle += [0x30] + memo(0x6A, 0) + [0x2E]
        let path = try file(withPickle: pickle)
        #expect(
            throws: CheckpointError.malformed(
                file: path, key: Array(repeating: "0", count: 512).joined(separator: "."),
                reason: "object graph is too deep or too large (cyclic?)")
        ) {
            try TorchFormat.load(from: path)
        }
    }

    /// A million nested containers are freed with a worklist, not a million nested deinits.
    @Test func deepContainersAreFreedIteratively() {
        var nested = PickleObject.tuple(PickleList())
        for i in 0..<1_000_000 {
            let dict = PickleDict()
            dict.add(.int(Int64(i)), nested)
            nested =
                i % 3 == 0
                ? .list(PickleList([nested])) : i % 3 == 1 ? .dict(dict) : .tuple(PickleList([.none, nested]))
        }
        #expect(nested.depth == 1_000_001)
        nested = .none
    }

    @Test func viewOutsideItsStorageThrows() throws {
        // Rewrites the first tensor's size tuple (2 x 5 -> 9 x 5) in the pickle so it overruns the storage.
        let file = try rebuild("checkpoint_ep50.pt") { name, bytes in
            guard name.hasSuffix("data.pkl") else { return (name, bytes) }
            var b = bytes
            if let i = (0..<(b.count - 5)).first(where: {
                b[$0] == 0x4B && b[$0 + 1] == 5 && b[$0 + 2] == 0x4B && b[$0 + 3] == 10 && b[$0 + 4] == 0x86
            }) {
                b[i + 1] = 9
            }
            return (name, b)
        }
        #expect(
            throws: CheckpointError.sizeMismatch(file: "bad.pt", key: "storage 0", expectedBytes: 360, actualBytes: 200)
        ) { try load(file) }
    }

    @Test func storagesOnAnotherDeviceNeedMapLocation() throws {
        // Relabels every storage's location 'cpu' as 'mps' (same length), as if saved on a Mac GPU.
        let file = try rebuild("checkpoint_ep50.pt") { name, bytes in
            guard name.hasSuffix("data.pkl") else { return (name, bytes) }
            var b = bytes
            let cpu = Array("X\u{3}\0\0\0cpu".utf8)
            var i = 0
            while i + cpu.count <= b.count {
                if Array(b[i..<(i + cpu.count)]) == cpu {
                    b.replaceSubrange((i + 5)..<(i + 8), with: Array("mps".utf8))
                }
                i += 1
            }
            return (name, b)
        }
        #expect(throws: CheckpointError.deviceUnavailable(file: "bad.pt", location: "mps")) { try load(file) }
        let mapped = try TorchFormat.load(MemorySource(file, name: "bad.pt"), mapLocation: .cpu)
        #expect(mapped["epoch"]?.int == 50)
    }
}
