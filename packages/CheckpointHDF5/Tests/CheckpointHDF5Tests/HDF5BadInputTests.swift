import CHDF5
import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

/// Damaged variable-length strings: libhdf5 1.10 follows their global heap ids unchecked (SIGSEGV in
/// H5HG_read); the reader checks them first and throws a `CheckpointError` naming the file.
@Suite struct HDF5BadInputTests {
    /// A file with string attributes: ours (`__keys__` and the value "mlp"; its object headers carry
    /// checksums, its global heap does not) or, like h5py's default, without checksums anywhere.
    struct Damaged {
        let path: String
        var bytes: [UInt8]
        /// Where the global heap collection starts (heap ids hold its address).
        let collection: Int
        /// The heap id (length, address, index; 16 bytes) of the string "mlp".
        let mlpID: Int

        init(checksummed: Bool = false) throws {
            path = try Fixtures.temporaryFolder() + "/damaged.h5"
            if checksummed {
                try HDF5File.save(
                    ["name": "mlp", "weight": .tensor(Tensor.ones([2, 2])), "nested": ["epoch": 3]], to: path)
            } else {
                try Self.writeOldestFormat(path)
            }
            let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
            let gcol = Array("GCOL".utf8)
            let collection = try #require((0..<(bytes.count - 4)).first { Array(bytes[$0..<($0 + 4)]) == gcol })
            let address = withUnsafeBytes(of: UInt64(collection).littleEndian) { Array($0) }
            let ids = (0..<(bytes.count - 16)).filter { Array(bytes[($0 + 4)..<($0 + 12)]) == address }
            mlpID = try #require(
                ids.first {
                    Self.heapObject(bytes, collection, index: Self.word(bytes, $0 + 12, 4)) == Array("mlp".utf8)
                })
            (self.bytes, self.collection) = (bytes, collection)
        }

        /// libhdf5's default (earliest) format, as h5py writes: version-1 object headers, no checksums.
        static func writeOldestFormat(_ path: String) throws {
            try HDF5Library.locked { () throws(CheckpointError) in
                let f = H5ID(
                    try h5(H5Fcreate(path, swt_h5f_acc_trunc(), h5PDefault, h5PDefault), path, nil, "create"), H5Fclose)
                let type = HDF5Types.utf8String()
                let space = H5ID(H5Screate(H5S_SCALAR), H5Sclose)
                let a = H5ID(
                    try h5(H5Acreate2(f.id, "name", type.id, space.id, h5PDefault, h5PDefault), path, nil, "create"),
                    H5Aclose)
                let chars = strdup("mlp")
                defer { free(chars) }
                var value = UnsafePointer(chars)
                try h5(H5Awrite(a.id, type.id, &value), path, nil, "write")
                withExtendedLifetime((f, type, space, a)) {}
            }
        }

        static func word(_ bytes: [UInt8], _ at: Int, _ count: Int) -> Int {
            (0..<count).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) }
        }

        static func heapObject(_ bytes: [UInt8], _ collection: Int, index: Int) -> [UInt8] {
            var p = collection + 16
            while p < collection + word(bytes, collection + 8, 8) {
                let (i, size) = (word(bytes, p, 2), word(bytes, p + 8, 8))
                if i == index { return Array(bytes[(p + 16)..<(p + 16 + size)]) }
                p += i == 0 ? size : 16 + (size + 7) / 8 * 8
            }
            return []
        }

        mutating func set(_ at: Int, _ value: UInt64, bytes count: Int) {
            for i in 0..<count { bytes[at + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        }

        func expectError(_ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: CheckpointError.self, sourceLocation: sourceLocation) {
                try HDF5File.load(from: path)
            }
            guard case .malformed(let file, _, let reason)? = error else {
                Issue.record("expected .malformed, got \(String(describing: error))", sourceLocation: sourceLocation)
                return
            }
            #expect(file == path && reason.contains(fragment), "\(reason)", sourceLocation: sourceLocation)
            #expect(error!.description.hasPrefix(path + ": malformed"), sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [false, true]) func intactStringsLoad(checksummed: Bool) throws {
        let file = try Damaged(checksummed: checksummed)
        #expect(try HDF5File.load(from: file.path)["name"]?.string == "mlp")
    }

    /// The reported crash: an object index past the collection's table.
    @Test func heapIndexOutsideTheCollection() throws {
        var file = try Damaged()
        file.set(file.mlpID + 12, 0x7F_FFFF, bytes: 4)
        try file.expectError("names global heap object 8388607, which collection \(file.collection) lacks")
    }

    /// libhdf5 would copy the 3-byte object into a 1-byte string.
    @Test func heapLengthDisagreesWithTheObject() throws {
        var file = try Damaged()
        file.set(file.mlpID, 1, bytes: 4)
        try file.expectError("has length 1 but its heap object holds 3 bytes")
    }

    @Test func heapAddressOutsideTheFileOrNotACollection() throws {
        var file = try Damaged()
        file.set(file.mlpID + 4, UInt64(file.bytes.count + 4096), bytes: 8)
        try file.expectError("global heap collection at \(file.bytes.count + 4096): lies outside the file")
        file.set(file.mlpID + 4, 8, bytes: 8)
        try file.expectError("global heap collection at 8: no GCOL version 1 signature")
    }

    @Test(arguments: [false, true]) func collectionWithADamagedObjectTable(checksummed: Bool) throws {
        var file = try Damaged(checksummed: checksummed)
        let original = file.bytes
        file.set(file.collection + 16 + 8, 1 << 40, bytes: 8)  // the first object's size
        try file.expectError("runs past the collection")
        file.bytes = original
        file.set(file.collection + 8, 1 << 40, bytes: 8)  // the collection's size
        try file.expectError("runs past the end of the file")
        file.bytes = original
        file.set(file.collection + 16, 0x7FFF, bytes: 2)  // the first object's index: its strings now dangle
        try file.expectError("which collection \(file.collection) lacks")
    }

    /// Every single-byte change to the heap ids and the collection throws or loads; none crashes.
    @Test(arguments: [false, true]) func everyByteOfTheHeapSurvivesDamage(checksummed: Bool) throws {
        var file = try Damaged(checksummed: checksummed)
        let original = file.bytes
        var used = file.collection + 16  // through the free space's header; the rest is zeros
        while Damaged.word(original, used, 2) != 0 { used += 16 + (Damaged.word(original, used + 8, 8) + 7) / 8 * 8 }
        for at in Array(file.mlpID..<(file.mlpID + 16)) + Array(file.collection..<(used + 16)) {
            for value: UInt8 in [0, 0xFF, original[at] ^ 0x10] {
                file.bytes = original
                file.bytes[at] = value
                try Data(file.bytes).write(to: URL(fileURLWithPath: file.path))
                _ = try? HDF5File.load(from: file.path)
            }
        }
    }
}
