import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

/// Files written by real torch.save load with identical keys, order, dtypes and values.
@Suite struct TorchFormatTests {
    @Test(arguments: ["mlp_state_dict", "cnn_small_state_dict", "checkpoint_ep50", "every_dtype"])
    func loadsTorchWrittenFiles(_ name: String) throws {
        let value = try TorchFormat.load(from: Fixtures.path(name + ".pt"))
        let diffs = differences(value, try Fixtures.expected(name))
        #expect(diffs.isEmpty, "\(diffs.prefix(5))")
    }

    @Test(arguments: [4, 5])
    func loadsNewerPickleProtocols(_ version: Int) throws {
        let value = try TorchFormat.load(from: Fixtures.path("checkpoint_ep50_protocol\(version).pt"))
        let diffs = differences(value, try Fixtures.expected("checkpoint_ep50"))
        #expect(diffs.isEmpty, "\(diffs.prefix(5))")
    }

    @Test func guideMLPKeysAreTorchs() throws {
        let sd = try #require(try TorchFormat.load(from: Fixtures.path("mlp_state_dict.pt")).dict)
        #expect(
            sd.keys.prefix(7).map(\.text) == [
                "1.weight", "1.bias", "2.weight", "2.bias", "2.running_mean", "2.running_var", "2.num_batches_tracked",
            ])
        #expect(sd["1.weight"]?.tensor?.shape == [512, 784])
        #expect(sd["2.num_batches_tracked"]?.tensor?.dtype == .int64)
    }

    @Test func checkpointHasTorchsStructure() throws {
        let ckpt = try TorchFormat.load(from: Fixtures.path("checkpoint_ep50.pt"), mapLocation: .cpu)
        #expect(ckpt["epoch"]?.int == 50)
        #expect(ckpt["loss"]?.double == 0.25)
        let state = try #require(ckpt["optimizer_state_dict"]?["state"]?.dict)
        #expect(state.keys == [.int(0), .int(1)])  // torch's optimizer state is keyed by int
        let group = try #require(ckpt["optimizer_state_dict"]?["param_groups"]?[0])
        guard case .tuple(let betas)? = group["betas"] else {
            Issue.record("betas is not a tuple")
            return
        }
        #expect(betas.map(\.double) == [0.9, 0.999])
        #expect(group["foreach"]?.isNone == true)
        #expect(ckpt["scheduler_state_dict"]?["T_max"]?.int == 100)
    }

    @Test func viewsShareOneStorage() throws {
        let tensors = try #require(try TorchFormat.load(from: Fixtures.path("every_dtype.pt"))["tensors"]?.dict)
        let base = try #require(tensors["shared.base"]?.tensor)
        let transposed = try #require(tensors["shared.transposed"]?.tensor)
        let slice = try #require(tensors["shared.slice"]?.tensor)
        #expect(base.storage === transposed.storage && base.storage === slice.storage)
        #expect(transposed.strides == [1, 6])
        #expect(slice.storageOffset == 6 && slice.strides == [6, 2])
        // A write through one view shows in the others, as in torch.
        base.mutablePointer(Float.self)[6] = 100
        #expect(slice.contiguous().toArray(Float.self)[0] == 100)
    }

    @Test func dtypeOptionCastsOnlyFloatingTensors() throws {
        let sd = try TorchFormat.load(from: Fixtures.path("mlp_state_dict.pt"), dtype: .float16)
        #expect(sd["1.weight"]?.tensor?.dtype == .float16)
        #expect(sd["2.num_batches_tracked"]?.tensor?.dtype == .int64)
    }

    @Test func forbiddenGlobalIsRefusedByName() throws {
        #expect(
            throws: CheckpointError.forbiddenGlobal(file: Fixtures.path("forbidden_global.pt"), global: "posix.system")
        ) {
            try TorchFormat.load(from: Fixtures.path("forbidden_global.pt"))
        }
    }

    @Test func mapLocationToAMissingDeviceThrows() throws {
        #expect(throws: CheckpointError.self) {
            try TorchFormat.load(from: Fixtures.path("checkpoint_ep50.pt"), mapLocation: Device(kind: .cuda))
        }
    }

    @Test func roundTripKeepsEverything() throws {
        let folder = try Fixtures.temporaryFolder()
        for name in ["checkpoint_ep50", "every_dtype", "cnn_small_state_dict"] {
            let original = try TorchFormat.load(from: Fixtures.path(name + ".pt"))
            let path = folder + "/" + name + ".pt"
            try TorchFormat.save(original, to: path)
            let again = try TorchFormat.load(from: path)
            let diffs = stateDifferences(original, again)
            #expect(diffs.isEmpty, "\(name): \(diffs.prefix(5))")
            #expect(differences(again, try Fixtures.expected(name)).isEmpty)
        }
        let again = try TorchFormat.load(from: folder + "/every_dtype.pt")
        let tensors = try #require(again["tensors"]?.dict)
        #expect(tensors["shared.base"]?.tensor?.storage === tensors["shared.row"]?.tensor?.storage)
    }

    @Test func writtenArchiveHasTorchsLayout() throws {
        let folder = try Fixtures.temporaryFolder()
        let path = folder + "/w.pt"
        try TorchFormat.save(StateValue(tensors: [("w", Tensor([1.0, 2.0]))]), to: path)
        let zip = try ZipArchive(FileSource(path: path))
        #expect(
            zip.names == [
                "archive/data.pkl", "archive/.format_version", "archive/.storage_alignment", "archive/byteorder",
                "archive/data/0", "archive/version",
            ])
        let storage = try #require(zip.entries["archive/data/0"])
        #expect(try zip.dataOffset(of: storage) % 64 == 0)
    }
}
