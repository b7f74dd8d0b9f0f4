import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

@Suite struct SafeTensorsTests {
    @Test func readsFilesFromTheSafetensorsPackage() throws {
        let (tensors, metadata) = try SafeTensors.load(from: Fixtures.path("cnn_small.safetensors"))
        #expect(metadata == ["format": "pt"])
        // Same tensors as torch.save's file of the same state dict (safetensors orders by its own rule).
        let torch = try #require(try TorchFormat.load(from: Fixtures.path("cnn_small_state_dict.pt")).dict)
        #expect(tensors.count == torch.count)
        for (key, value) in torch {
            let loaded = try #require(tensors[key], "missing \(key)")
            #expect(stateDifferences(loaded, value, key.text).isEmpty)
        }
        let every = try SafeTensors.load(from: Fixtures.path("every_dtype.safetensors")).tensors
        let expected = try Fixtures.expected("every_dtype")["tensors"]!
        for (name, record) in expected.members where !name.hasPrefix("shared.") {
            #expect(differences(try #require(every[name]), record, name).isEmpty)
        }
    }

    @Test func roundTripWithMetadata() throws {
        let path = try Fixtures.temporaryFolder() + "/x.safetensors"
        let tensors: [(String, Tensor)] = [
            ("b", Tensor([1.0, 2.0, 3.0])), ("a", Tensor([[1, 2], [3, 4]]).asStrided([2, 2], [1, 2])),
            ("z", Tensor.zeros(0)),
            ("h", Tensor([0.5], dtype: .bfloat16)), ("s", Tensor(true)),
        ]
        try SafeTensors.save(tensors, metadata: ["epoch": "3", "quote\"d": "\n"], to: path)
        let (loaded, metadata) = try SafeTensors.load(from: path)
        #expect(metadata == ["epoch": "3", "quote\"d": "\n"])
        #expect(loaded.keys.map(\.text) == ["b", "a", "z", "h", "s"])
        for (name, t) in tensors { #expect(stateDifferences(loaded[name]!, .tensor(t), name).isEmpty) }
    }

    @Test func nestedValuesFlattenAndNonTensorsAreRefused() throws {
        let folder = try Fixtures.temporaryFolder()
        try SafeTensors.save(["model": ["w": .tensor(Tensor([1.0]))]], to: folder + "/n.safetensors")
        #expect(try SafeTensors.load(from: folder + "/n.safetensors").tensors.keys == ["model.w"])
        #expect(
            throws: CheckpointError.unsupported(
                file: folder + "/e.safetensors", key: "epoch", what: "safetensors holds only tensors, not 3")
        ) {
            try SafeTensors.save(["epoch": 3], to: folder + "/e.safetensors")
        }
    }

    /// Handmade headers: every rule violation is a thrown error naming the problem.
    @Test func malformedHeadersThrow() throws {
        func file(_ header: String, data: Int = 8) -> [UInt8] {
            var bytes = LittleEndianBytes()
            bytes.u64(UInt64(header.utf8.count))
            return bytes.bytes + Array(header.utf8) + [UInt8](repeating: 0, count: data)
        }
        let cases: [(String, [UInt8])] = [
            (
                "duplicate key",
                file(
                    #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
                )
            ),
            ("size mismatch", file(#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#)),
            ("gap", file(#"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#)),
            ("past the end", file(#"{"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#)),
            ("unknown dtype", file(#"{"a":{"dtype":"F8_E4M3","shape":[8],"data_offsets":[0,8]}}"#)),
            ("not json", file("{nope")),
            ("negative dim", file(#"{"a":{"dtype":"U8","shape":[-8],"data_offsets":[0,8]}}"#)),
            ("huge header length", [255, 255, 255, 255, 255, 255, 255, 127]),
            ("short", [1, 0]),
        ]
        for (what, bytes) in cases {
            #expect(throws: CheckpointError.self, "\(what)") { try SafeTensors.load(MemorySource(bytes, name: what)) }
        }
        #expect(throws: CheckpointError.duplicateKey(file: "duplicate key", key: "a")) {
            try SafeTensors.load(MemorySource(cases[0].1, name: "duplicate key"))
        }
    }
}
