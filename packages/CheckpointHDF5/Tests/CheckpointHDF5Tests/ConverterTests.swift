import Foundation
import Testing
@testable import CheckpointHDF5
@testable import TensorCore

@Suite struct ConverterTests {
    @Test func convertsBetweenAllFormats() throws {
        let folder = try Fixtures.temporaryFolder()
        let original = try TorchFormat.load(from: Fixtures.path("cnn_small_state_dict.pt"))
        var current = Fixtures.path("cnn_small_state_dict.pt")
        for (i, ext) in ["h5", "safetensors", "pt", "safetensors", "h5", "pt"].enumerated() {
            let next = folder + "/step\(i).\(ext)"
            try CheckpointConverter.convert(input: current, output: next)
            let loaded = try Checkpoint.load(from: next)
            // safetensors orders keys its own way only when written by others; ours keep order.
            #expect(stateDifferences(loaded, original).isEmpty, "\(current) -> \(next)")
            current = next
        }
    }

    @Test func renamesAndCasts() throws {
        let folder = try Fixtures.temporaryFolder()
        let ddp = folder + "/ddp.pt"
        try CheckpointConverter.convert(
            input: Fixtures.path("mlp_state_dict.pt"), output: ddp, options: .init(prefix: "module."))
        #expect(try Checkpoint.load(from: ddp).dict?.keys.first == "module.1.weight")
        let plain = folder + "/plain.h5"
        try CheckpointConverter.convert(input: ddp, output: plain, options: .init(dtype: .float16, stripPrefix: "module."))
        let loaded = try Checkpoint.load(from: plain)
        #expect(loaded.dict?.keys.first == "1.weight")
        #expect(loaded["1.weight"]?.tensor?.dtype == .float16)
        #expect(loaded["2.num_batches_tracked"]?.tensor?.dtype == .int64)
    }

    @Test func listingShowsKeysShapesAndDtypes() throws {
        let lines = CheckpointConverter.listing(try Checkpoint.load(from: Fixtures.path("checkpoint_ep50.pt")))
        #expect(lines.first == "epoch\t= 50")
        #expect(lines.contains("model_state_dict.weight\t[5, 10]\tfloat32"))
        #expect(lines.contains("optimizer_state_dict.state.0.step\t[]\tfloat32"))
        #expect(lines.contains("scheduler_state_dict.T_max\t= 100"))
    }

    @Test func unknownExtensionsAndCheckpointsThatSafetensorsCannotHoldThrow() throws {
        let folder = try Fixtures.temporaryFolder()
        #expect(throws: CheckpointError.self) { try CheckpointConverter.convert(input: Fixtures.path("mlp_state_dict.pt"), output: folder + "/x.onnx") }
        #expect(throws: CheckpointError.self) {
            try CheckpointConverter.convert(input: Fixtures.path("checkpoint_ep50.pt"), output: folder + "/x.safetensors")
        }
        #expect(throws: CheckpointError.self) { try CheckpointConverter.convert(input: folder + "/missing.pt", output: folder + "/x.h5") }
    }

    /// The built executable itself: exit status and messages.
    @Test func executableRunsWithExitStatus() throws {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("convert-checkpoint").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("skipping convert-checkpoint process test: \(binary) not built (run swift build first)")
            return
        }
        func run(_ arguments: [String]) throws -> (Int32, String, String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let folder = try Fixtures.temporaryFolder()
        let (ok, _, _) = try run([Fixtures.path("mlp_state_dict.pt"), folder + "/m.h5"])
        #expect(ok == 0)
        let (listStatus, listing, _) = try run(["--list", folder + "/m.h5"])
        #expect(listStatus == 0 && listing.contains("1.weight\t[512, 784]\tfloat32"))
        let (bad, _, message) = try run([Fixtures.path("forbidden_global.pt"), folder + "/x.h5"])
        #expect(bad == 1 && message.contains("posix.system"))
        let (help, usage, _) = try run(["--help"])
        #expect(help == 0 && usage.contains("--strip-prefix"))
        let (missing, _, _) = try run([Fixtures.path("mlp_state_dict.pt")])
        #expect(missing != 0)
    }
}
