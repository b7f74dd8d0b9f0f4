import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

@Suite struct HDF5Tests {
    @Test(arguments: ["mlp_state_dict", "checkpoint_ep50", "every_dtype"])
    func roundTripIsExact(_ name: String) throws {
        let original = try TorchFormat.load(from: Fixtures.path(name + ".pt"))
        let path = try Fixtures.temporaryFolder() + "/\(name).h5"
        try HDF5File.save(original, to: path)
        let again = try HDF5File.load(from: path)
        let diffs = stateDifferences(original, again)
        #expect(diffs.isEmpty, "\(diffs.prefix(5))")
    }

    @Test func comparisonsNoticeAChangedValue() throws {
        let sd = try TorchFormat.load(from: Fixtures.path("mlp_state_dict.pt"))
        let weight = try #require(sd["1.weight"]?.tensor)
        weight.mutablePointer(Float.self)[3] += 1
        #expect(!differences(sd, try Fixtures.expected("mlp_state_dict")).isEmpty)
    }

    @Test func awkwardKeysRoundTrip() throws {
        let value: StateValue = [
            "a/b": 1, "": 2, ".": 3, "%41": 4, "__keys__": 5, "__type__": "x",
            "dotted.key.name": .tensor(Tensor([1.0])),
            "nested": ["inner.dots": .tensor(Tensor.zeros(0, 2)), "deeper": [7: "seven", 8: 8.5]],
            "tuple": .tuple([1, .list([]), .dict([:])]), "none": nil, "flag": false,
        ]
        let path = try Fixtures.temporaryFolder() + "/awkward.h5"
        try HDF5File.save(value, to: path)
        let again = try HDF5File.load(from: path)
        #expect(stateDifferences(value, again).isEmpty, "\(stateDifferences(value, again))")
    }

    @Test func loadsOneTensorByKeyPath() throws {
        let path = try Fixtures.temporaryFolder() + "/c.h5"
        let value = try TorchFormat.load(from: Fixtures.path("checkpoint_ep50.pt"))
        try HDF5File.save(value, to: path)
        let step = try HDF5File.loadTensor(from: path, at: ["optimizer_state_dict", "state", "1", "step"])
        #expect(stateDifferences(.tensor(step), value["optimizer_state_dict"]!["state"]![.int(1)]!["step"]!).isEmpty)
        #expect(throws: CheckpointError.missingEntry(file: path, entry: "model_state_dict.nope")) {
            try HDF5File.loadTensor(from: path, at: ["model_state_dict", "nope"])
        }
    }

    @Test func loadWithDtypeCastsFloatingTensors() throws {
        let path = try Fixtures.temporaryFolder() + "/m.h5"
        try HDF5File.save(try TorchFormat.load(from: Fixtures.path("mlp_state_dict.pt")), to: path)
        let half = try HDF5File.load(from: path, dtype: .bfloat16)
        #expect(half["1.weight"]?.tensor?.dtype == .bfloat16)
        #expect(half["2.num_batches_tracked"]?.tensor?.dtype == .int64)
    }

    @Test func badFilesThrow() throws {
        let folder = try Fixtures.temporaryFolder()
        #expect(throws: CheckpointError.self) { try HDF5File.load(from: folder + "/missing.h5") }
        try Data("not hdf5 at all".utf8).write(to: URL(fileURLWithPath: folder + "/bad.h5"))
        #expect(throws: CheckpointError.self) { try HDF5File.load(from: folder + "/bad.h5") }
        // A truncated HDF5 file.
        let good = folder + "/good.h5"
        try HDF5File.save(try TorchFormat.load(from: Fixtures.path("checkpoint_ep50.pt")), to: good)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
        for cut in [bytes.count / 2, bytes.count - 100, 600] {
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: folder + "/cut.h5"))
            #expect(throws: CheckpointError.self) { try HDF5File.load(from: folder + "/cut.h5") }
        }
        // Lists, tensors or scalars at the top level have no HDF5 form; a failed save leaves no file.
        #expect(throws: CheckpointError.self) { try HDF5File.save([1, 2], to: folder + "/list.h5") }
        #expect(!FileManager.default.fileExists(atPath: folder + "/list.h5"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).allSatisfy { !$0.contains(".tmp-") })
    }
}
