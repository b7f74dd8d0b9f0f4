import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

/// torch's legacy (pre-1.6) format: files torch wrote with `_use_new_zipfile_serialization=False`
/// (generate/protocol_variants.py) load exactly as their zip twins, and broken ones are errors.
@Suite struct LegacyTorchFormatTests {
    @Test(arguments: ["checkpoint_ep50", "every_dtype"])
    func loadsLikeTheZipFormat(_ name: String) throws {
        let value = try TorchFormat.load(from: Fixtures.path(name + "_legacy.pt"))
        let diffs = differences(value, try Fixtures.expected(name))
        #expect(diffs.isEmpty, "\(diffs.prefix(5))")
        // Checkpoint.load picks it by extension, like any torch file.
        #expect(try Checkpoint.load(from: Fixtures.path(name + "_legacy.pt")).dict?.keys == value.dict?.keys)
    }

    @Test func viewsShareOneStorage() throws {
        let tensors = try #require(try TorchFormat.load(from: Fixtures.path("every_dtype_legacy.pt"))["tensors"]?.dict)
        let base = try #require(tensors["shared.base"]?.tensor)
        let slice = try #require(tensors["shared.slice"]?.tensor)
        #expect(base.storage === slice.storage)
        #expect(slice.storageOffset == 6 && slice.strides == [6, 2])
    }

    @Test func truncatedAtEveryLengthThrows() throws {
        let bytes = try Fixtures.bytes("checkpoint_ep50_legacy.pt")
        for length in 0..<bytes.count {
            #expect(throws: CheckpointError.self) {
                try TorchFormat.load(MemorySource(Array(bytes.prefix(length)), name: "cut.pt"))
            }
        }
    }

    /// A storage's element count that disagrees with the object's (a corrupt header) names the storage.
    @Test func wrongStorageCountThrows() throws {
        var bytes = try Fixtures.bytes("one_tensor_legacy.pt")
        let value = try TorchFormat.load(MemorySource(bytes, name: "ok.pt"))
        #expect(value["w"]?.tensor?.toArray(Float.self) == [0, 1, 2, 3, 4, 5])
        // The file ends with the one storage: its count (6, int64) and 24 bytes.
        let header = bytes.count - 24 - 8
        #expect(bytes[header] == 6)
        bytes[header] = 7
        #expect {
            try TorchFormat.load(MemorySource(bytes, name: "bad.pt"))
        } throws: { error in
            guard case CheckpointError.sizeMismatch(let file, let key, let expected, let actual) = error else {
                return false
            }
            return file == "bad.pt" && key.hasPrefix("storage ") && expected == 24 && actual == 28
        }
    }
}
