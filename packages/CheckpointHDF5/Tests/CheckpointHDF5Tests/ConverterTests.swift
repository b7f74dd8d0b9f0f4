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
        try CheckpointConverter.convert(
            input: ddp, output: plain, options: .init(dtype: .float16, stripPrefix: "module."))
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
        #expect(throws: CheckpointError.self) {
            try CheckpointConverter.convert(input: Fixtures.path("mlp_state_dict.pt"), output: folder + "/x.onnx")
        }
        #expect(throws: CheckpointError.self) {
            try CheckpointConverter.convert(
                input: Fixtures.path("checkpoint_ep50.pt"), output: folder + "/x.safetensors")
        }
        #expect(throws: CheckpointError.self) {
            try CheckpointConverter.convert(input: folder + "/missing.pt", output: folder + "/x.h5")
        }
    }

    /// The built `convert-checkpoint`, nil (with a note) when it isn't built.
    static let binary: String? = {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            "convert-checkpoint"
        ).path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            print("skipping convert-checkpoint process tests: \(binary) not built (run swift build first)")
            return nil
        }
        return binary
    }()

    /// Runs the tool: exit status (or signal), stdout, stderr.
    static func run(_ binary: String, _ arguments: [String]) throws -> (
        Int32, String, String, Process.TerminationReason
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self),
            process.terminationReason
        )
    }

    /// The built executable itself: exit status and messages.
    @Test func executableRunsWithExitStatus() throws {
        guard let binary = Self.binary else { return }
        func run(_ arguments: [String]) throws -> (Int32, String, String) {
            let (status, out, err, _) = try Self.run(binary, arguments)
            return (status, out, err)
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

    /// Files that once stopped the process (SIGSEGV in libhdf5, a stack overflow freeing a deep pickle)
    /// now end it with status 1 and a message naming the file and the problem.
    @Test func damagedFilesExitWithAMessageNotASignal() throws {
        guard let binary = Self.binary else { return }
        let folder = try Fixtures.temporaryFolder()
        var damaged = try HDF5BadInputTests.Damaged()
        damaged.set(damaged.mlpID + 12, 0x7F_FFFF, bytes: 4)
        try Data(damaged.bytes).write(to: URL(fileURLWithPath: damaged.path))
        let deep = try BadInputTests().file(
            withPickle: [0x80, 2] + [UInt8](repeating: 0x5D, count: 50_000) + [UInt8](repeating: 0x61, count: 49_999)
                + [0x2E])
        for (input, problem) in [
            (damaged.path, "names global heap object 8388607"), (deep, "containers nested deeper than 511 levels"),
        ] {
            for arguments in [[input, folder + "/out.safetensors"], ["--list", input]] {
                let (status, _, message, reason) = try Self.run(binary, arguments)
                #expect(reason == .exit && status == 1, "\(arguments): \(reason) \(status)")
                #expect(message.hasPrefix("error: \(input): malformed") && message.contains(problem), "\(message)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.safetensors"))
    }
}
