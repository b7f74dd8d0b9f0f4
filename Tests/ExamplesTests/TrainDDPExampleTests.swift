import CheckpointHDF5
import Distributed
import Foundation
import TensorCore
import Testing
import TorchTestSupport

/// Guide §17: train-ddp under real mpirun prints torch's DDP losses; a rank killed with SIGKILL ends the
/// job quickly with the last checkpoint intact, and ddp-launch's restart ends with the weights of an
/// uninterrupted run. Two ranks on 1024 images for 2 epochs (the twin's `expected-args`).
@Suite(.serialized) struct TrainDDPExampleTests {
    static let small = ["--epochs", "2", "--limit-train", "1024"]

    struct Job {
        let status: Int32
        let out: String
        let err: String
        let seconds: Double
        let folder: URL
    }

    /// Runs `launcher arguments` in a fresh folder (kept for the caller to read, removed by it).
    static func run(_ executable: String, _ arguments: [String]) throws -> Job {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("train-ddp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        let (status, stdout, stderr) = finishChildProcess(process, out: out, err: err)
        return Job(status: status, out: stdout, err: stderr, seconds: Date().timeIntervalSince(start), folder: folder)
    }

    static func mpirun(_ arguments: [String]) throws -> Job {
        try run(
            MPILaunch.mpirun,
            MPILaunch.arguments(
                processes: 2, program: ExampleRunner.executable("train-ddp").path, programArguments: arguments))
    }

    static func checkpoint(_ job: Job) throws -> StateValue {
        try Checkpoint.load(from: job.folder.appendingPathComponent("checkpoints/train_ddp.pt").path)
    }

    @Test func printsTorchsLossesAndResumesAfterAKilledRank() throws {
        // Uninterrupted: torch's lines (float summation order differs, so the 4-decimal losses get a tolerance).
        let clean = try Self.mpirun(Self.small)
        defer { try? FileManager.default.removeItem(at: clean.folder) }
        #expect(clean.status == 0, "\(clean.err)")
        let ours = clean.out.split(separator: "\n").map(String.init)
        let torch = try ExampleRunner.expected("train-ddp").filter { !$0.isEmpty }
        #expect(ours.count == torch.count, "\(ours)")
        for (line, expected) in zip(ours, torch) {
            #expect(ExpectedLines.close(line, expected, 1e-3), "\(line)\n torch: \(expected)")
        }
        let final = try Self.checkpoint(clean)
        #expect(final["epoch"]?.int == 2)
        #expect(final["model_state_dict"]?.dict?.keys.first == "module.net.0.weight")

        // kill -9 of rank 1 in the middle of epoch 2: mpirun ends the job, non-zero, well within 30 s, and
        // rank 0's checkpoint of epoch 1 is whole.
        let killed = try Self.mpirun(Self.small + ["--kill-once", "2:2:1:killed-once"])
        defer { try? FileManager.default.removeItem(at: killed.folder) }
        #expect(killed.status != 0)
        #expect(killed.seconds < 30)
        #expect(killed.err.contains("signal 9"), "\(killed.err)")
        #expect(killed.out.contains("Epoch 1: Average Loss = ") && !killed.out.contains("Epoch 2:"), "\(killed.out)")
        #expect(try Self.checkpoint(killed)["epoch"]?.int == 1)

        // The launcher: the same kill, then the whole job again from the checkpoint, to the same weights.
        let launched = try Self.run(
            ExampleRunner.executable("ddp-launch").path,
            [
                "--nproc-per-node", "2", "--max-restarts", "1", ExampleRunner.executable("train-ddp").path,
            ] + Self.small + ["--kill-once", "2:2:1:killed-once"])
        defer { try? FileManager.default.removeItem(at: launched.folder) }
        #expect(launched.status == 0, "\(launched.err)")
        #expect(launched.err.contains("[ddp-launch] restart 1 of 1"), "\(launched.err)")
        #expect(launched.out.contains("Resuming from checkpoints/train_ddp.pt after epoch 1"), "\(launched.out)")
        let resumed = try Self.checkpoint(launched)
        #expect(resumed["epoch"]?.int == 2)
        guard let expected = final["model_state_dict"]?.dict, let actual = resumed["model_state_dict"]?.dict else {
            Issue.record("a checkpoint has no model_state_dict")
            return
        }
        for (key, tensor) in expected.tensors {
            #expect(actual[key]?.tensor?.equal(tensor) == true, "\(key) differs from the uninterrupted run")
        }
    }

    /// Alone, without mpirun, the program is a world of one and trains as one process.
    @Test func runsAloneAsAWorldOfOne() throws {
        let job = try Self.run(ExampleRunner.executable("train-ddp").path, ["--epochs", "1", "--limit-train", "512"])
        defer { try? FileManager.default.removeItem(at: job.folder) }
        #expect(job.status == 0, "\(job.err)")
        #expect(job.out.hasPrefix("Epoch 1: Average Loss = "), "\(job.out)")
    }
}
