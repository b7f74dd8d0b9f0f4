import Foundation
import TensorBoardTestSupport
import Testing
import Torch

/// The main job as a user runs it: a subprocess of the built `train-mnist` on the bundled MNIST
/// (small subsets, so the suite stays fast in debug builds). Serialized: each test already uses both cores.
@Suite(.serialized) struct TrainMNISTTests {
    let small = ["--limit-train", "2000", "--limit-test", "500"]

    @Test func helpListsEveryOption() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        let result = try runner.run(["--help"])
        #expect(result.status == 0)
        for option in [
            "--epochs", "--batch-size", "--lr", "--seed", "--threads", "--data-dir", "--download",
            "--checkpoint-dir", "--resume", "--log", "--tensorboard", "--amp", "(default: 10)", "(default: 64)",
            "(default: 0.001)",
        ] {
            #expect(result.out.contains(option), "\(option) missing from --help")
        }
        #expect(!result.out.contains("limit-train"), "test-only options stay hidden")
    }

    /// OMP_NUM_THREADS sets the default thread count as in torch (`OMP_NUM_THREADS=1 swift run train-mnist`
    /// trains on 1 thread); `--threads` still wins; an invalid value is ignored with a warning.
    @Test func ompNumThreadsSetsTheDefaultThreadCount() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        let tiny = ["--limit-train", "128", "--limit-test", "64", "--epochs", "1", "--checkpoint-dir", "ckpt"]
        let threads = { (out: String) in out.split(separator: "\n").first { $0.hasPrefix("Training on") } ?? "" }
        let one = try runner.run(tiny, threads: nil, environment: ["OMP_NUM_THREADS": "1"])
        #expect(one.status == 0, "\(one.err)")
        #expect(threads(one.out).contains("; 1 threads,"), "\(one.out)")
        let option = try runner.run(tiny, threads: 3, environment: ["OMP_NUM_THREADS": "1"])
        #expect(threads(option.out).contains("; 3 threads,"), "\(option.out)")
        let invalid = try runner.run(tiny, threads: nil, environment: ["OMP_NUM_THREADS": "abc"])
        #expect(invalid.status == 0, "\(invalid.err)")
        #expect(invalid.err.contains("Warning: Invalid OMP_NUM_THREADS variable value 'abc'"), "\(invalid.err)")
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(threads(invalid.out).contains("; \(cores) threads,"), "\(invalid.out)")
    }

    /// Two epochs in one run equal one epoch, a stop, and `--resume` for the second: same weights, buffers
    /// and optimizer state bit for bit, same printed line, and a CSV row per epoch.
    @Test func resumeEqualsUninterruptedRun() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        let whole = try runner.run(small + ["--epochs", "2", "--seed", "7", "--checkpoint-dir", "a", "--log", "a.csv"])
        #expect(whole.status == 0, "\(whole.err)")
        let first = try runner.run(small + ["--epochs", "1", "--seed", "7", "--checkpoint-dir", "b", "--log", "b.csv"])
        #expect(first.status == 0, "\(first.err)")
        let rest = try runner.run(
            small + ["--epochs", "2", "--seed", "7", "--checkpoint-dir", "b", "--log", "b.csv", "--resume"])
        #expect(rest.status == 0, "\(rest.err)")
        #expect(rest.out.contains("Resuming from"))

        let epochTwo = { (out: String) in out.split(separator: "\n").first { $0.hasPrefix("Epoch 2/2 |") } }
        #expect(epochTwo(whole.out) != nil && epochTwo(whole.out) == epochTwo(rest.out))

        let a = try Checkpoint.load(from: runner.path("a/mnist_mlp.h5"))
        let b = try Checkpoint.load(from: runner.path("b/mnist_mlp.h5"))
        #expect(a["epoch"]?.int == 2 && b["epoch"]?.int == 2)
        let modelA = try #require(a["model_state_dict"]?.dict), modelB = try #require(b["model_state_dict"]?.dict)
        #expect(modelA.tensors.map(\.0) == MLPKeys.all)
        expectIdentical(modelA, modelB)
        let stateA = try #require(a["optimizer_state_dict"]?["state"]?.dict)
        let stateB = try #require(b["optimizer_state_dict"]?["state"]?.dict)
        #expect(stateA.count == 10 && stateA.count == stateB.count)  // 3 Linear + 2 BatchNorm, weight and bias each
        for (key, value) in stateA {
            expectIdentical(try #require(value.dict), try #require(stateB[key]?.dict))
        }
        #expect(a["rng_state"]?.tensor?.toArray(UInt8.self) == b["rng_state"]?.tensor?.toArray(UInt8.self))

        let csvA = try String(contentsOfFile: runner.path("a.csv"), encoding: .utf8).split(separator: "\n")
        let csvB = try String(contentsOfFile: runner.path("b.csv"), encoding: .utf8).split(separator: "\n")
        #expect(
            csvA.count == 3 && csvB.count == 3 && csvA[0] == "epoch,train_loss,train_acc,test_loss,test_acc,seconds")
        #expect(csvA.map { $0.split(separator: ",").dropLast() } == csvB.map { $0.split(separator: ",").dropLast() })

        // Resuming with other settings would not reproduce the run: refused, naming both.
        let other = try runner.run(small + ["--epochs", "3", "--seed", "8", "--checkpoint-dir", "b", "--resume"])
        #expect(other.status == 1)
        #expect(other.err.contains("--seed 7") && other.err.contains("--seed 8"))
    }

    /// SIGINT during epoch 2: the batch in flight finishes, the process exits with 130, and the checkpoint
    /// on disk is epoch 1's, whole and loadable.
    @Test func ctrlCStopsAfterTheCurrentBatch() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        let (process, out, _) = try runner.start(
            [
                "--limit-train", "1500", "--limit-test", "200", "--epochs", "3", "--progress-every", "1",
                "--checkpoint-dir", "ckpt",
            ])
        var seen = ""
        var interrupted = false
        while true {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if !interrupted, seen.contains("Epoch 2/3 batch 1/") {
                process.interrupt()
                interrupted = true
            }
        }
        process.waitUntilExit()
        #expect(interrupted)
        #expect(process.terminationStatus == 130)
        #expect(seen.contains("Epoch 1/3 | Train Loss:"))
        #expect(!seen.contains("Epoch 2/3 | Train Loss:"))
        #expect(seen.contains("Stopped during epoch 2 (Ctrl-C); kept the checkpoint of epoch 1"))
        let checkpoint = try Checkpoint.load(from: runner.path("ckpt/mnist_mlp.h5"))
        #expect(checkpoint["epoch"]?.int == 1)
        #expect(checkpoint["metrics"]?["test_acc"]?.tensor?.shape.dims == [1])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: runner.path("ckpt"))
        #expect(leftovers == ["mnist_mlp.h5"], "no temporary files left behind")
    }

    /// SIGINT in the first epoch: no epoch is complete, so no checkpoint (and no temporary file) exists.
    @Test func ctrlCInTheFirstEpochWritesNoCheckpoint() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        let (process, out, _) = try runner.start(
            [
                "--limit-train", "1500", "--limit-test", "200", "--epochs", "2", "--progress-every", "1",
                "--checkpoint-dir", "ckpt",
            ])
        var seen = ""
        var interrupted = false
        while true {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if !interrupted, seen.contains("Epoch 1/2 batch 1/") {
                process.interrupt()
                interrupted = true
            }
        }
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        #expect(seen.contains("Stopped during epoch 1 (Ctrl-C); no checkpoint was written"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: runner.path("ckpt")).isEmpty)
    }

    @Test func missingDataIsAClearErrorAndWritesNothing() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        let result = try runner.run(["--data-dir", runner.path("nowhere"), "--checkpoint-dir", "ckpt"])
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("error: cannot load MNIST from \(runner.path("nowhere"))"))
        #expect(result.err.contains("train-images-idx3-ubyte"))
        #expect(result.err.contains("--data-dir") && result.err.contains("--download"))
        #expect(!FileManager.default.fileExists(atPath: runner.path("ckpt")))
    }

    /// `mnist/MNIST/raw` in the runner's folder: the bundled files, except `name` (uncompressed) holding `bytes`.
    func mnistCopy(_ runner: TrainMNISTRunner, replacing name: String, with bytes: [UInt8]) throws {
        let raw = runner.folder.appendingPathComponent("mnist/MNIST/raw")
        try FileManager.default.createDirectory(at: raw, withIntermediateDirectories: true)
        let bundled = TrainMNISTRunner.repoRoot.appendingPathComponent("data/MNIST/raw")
        for set in ["train", "t10k"] {
            for file in ["\(set)-images-idx3-ubyte", "\(set)-labels-idx1-ubyte"] where file != name {
                try FileManager.default.copyItem(
                    at: bundled.appendingPathComponent(file + ".gz"), to: raw.appendingPathComponent(file + ".gz"))
            }
        }
        try Data(bytes).write(to: raw.appendingPathComponent(name))
    }

    @Test func truncatedIDXIsAClearErrorAndWritesNothing() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        // A valid header for 60,000 28x28 images followed by only 1,000 bytes.
        var bytes: [UInt8] = [0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28]
        bytes += [UInt8](repeating: 0, count: 1000)
        try mnistCopy(runner, replacing: "train-images-idx3-ubyte", with: bytes)
        let result = try runner.run(["--data-dir", runner.path("mnist"), "--checkpoint-dir", "ckpt"])
        #expect(result.status == 1)
        #expect(result.err.contains("error: cannot load MNIST"))
        #expect(result.err.contains("train-images-idx3-ubyte"))
        #expect(result.err.contains("47040016"), "names the expected size: \(result.err)")
        #expect(!FileManager.default.fileExists(atPath: runner.path("ckpt")))
    }

    /// Data that would stop training mid-epoch (a label outside 0...9, images of another size) is
    /// refused at load, naming the file.
    @Test func labelsOrImagesThatAreNotMNISTAreAClearError() throws {
        let header: (UInt8, [Int]) -> [UInt8] = { kind, dims in
            [0, 0, 8, kind] + dims.flatMap { d in (0..<4).map { UInt8(truncatingIfNeeded: d >> (24 - 8 * $0)) } }
        }
        var labels = header(1, [10_000]) + [UInt8](repeating: 3, count: 10_000)
        labels[8 + 5] = 200
        let images = header(3, [10_000, 14, 14]) + [UInt8](repeating: 0, count: 10_000 * 196)
        for (name, bytes, problem) in [
            ("t10k-labels-idx1-ubyte", labels, "item 5 has label 200, outside the classes 0...9"),
            ("t10k-images-idx3-ubyte", images, "images are 14×14; MNIST images are 28×28"),
        ] {
            let runner = try TrainMNISTRunner()
            defer { runner.remove() }
            try mnistCopy(runner, replacing: name, with: bytes)
            let result = try runner.run(["--data-dir", runner.path("mnist"), "--checkpoint-dir", "ckpt"])
            #expect(result.status == 1)
            #expect(result.err.contains("\(runner.path("mnist/MNIST/raw/" + name)): \(problem)"), "\(result.err)")
            #expect(!FileManager.default.fileExists(atPath: runner.path("ckpt")))
        }
    }

    /// A damaged checkpoint ends `--resume` with status 1 and a message naming it, never a signal, and
    /// stays as it was: a damaged RNG state (once a trap after the model was overwritten) and a damaged
    /// global heap (once SIGSEGV inside libhdf5).
    @Test func damagedCheckpointIsAClearErrorOnResume() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        let tiny = ["--limit-train", "200", "--limit-test", "100", "--checkpoint-dir", "ckpt"]
        let first = try runner.run(tiny + ["--epochs", "1"])
        #expect(first.status == 0, "\(first.err)")
        let path = runner.path("ckpt/mnist_mlp.h5")
        let intact = try Data(contentsOf: URL(fileURLWithPath: path))

        guard case .dict(var checkpoint) = try Checkpoint.load(from: path),
            var rng = checkpoint["rng_state"]?.tensor?.toArray(UInt8.self)
        else {
            Issue.record("no rng_state in \(path)")
            return
        }
        rng[10] = 0x7F  // `left` far outside 1...624
        checkpoint["rng_state"] = .tensor(Tensor(copying: rng, shape: [rng.count]))
        try Checkpoint.save(.dict(checkpoint), to: path)
        var damaged = try Data(contentsOf: URL(fileURLWithPath: path))
        let badRNG = try runner.run(tiny + ["--epochs", "2", "--resume"])
        #expect(badRNG.status == 1)
        #expect(badRNG.err.hasPrefix("error: \(path): 'rng_state' is damaged: Invalid mt19937 state"), "\(badRNG.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged, "left as it was")

        // The first object of the global heap (strings: __keys__, __type__) renumbered: its ids dangle.
        damaged = intact
        let collection = try #require(damaged.range(of: Data("GCOL".utf8))).lowerBound
        damaged[collection + 16] = 0xFF
        damaged[collection + 17] = 0x7F
        try damaged.write(to: URL(fileURLWithPath: path))
        let badHeap = try runner.run(tiny + ["--epochs", "2", "--resume"])
        #expect(badHeap.status == 1)
        #expect(badHeap.err.hasPrefix("error: could not read the checkpoint: \(path): malformed"), "\(badHeap.err)")
        #expect(badHeap.err.contains("which collection \(collection) lacks"), "\(badHeap.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged, "left as it was")
    }

    /// The guide's MLP learns: one epoch on the full 60,000 training images passes 90% on the 10,000 test
    /// images (about a minute in a debug build on 2 cores).
    /// `--tensorboard` without a folder: one run under ./runs named as torch names runs, read back by
    /// TensorBoard's EventAccumulator: the epoch's scalars, a histogram per parameter, the input-image grid.
    @Test func tensorboardWritesARun() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        let result = try runner.run(["--limit-train", "256", "--limit-test", "128", "--epochs", "1", "--tensorboard"])
        #expect(result.status == 0, "\(result.err)")
        let runs = try EventReader.runs(URL(fileURLWithPath: runner.path("runs")))
        #expect(runs.count == 1)
        let (name, run) = try #require(runs.first)
        #expect(result.out.contains("TensorBoard run: runs/\(name)"))
        for tag in ["Loss/train", "Loss/test", "Accuracy/train", "Accuracy/test", "LearningRate"] {
            #expect(run.events("scalars", tag).map { $0["step"] as? Int } == [1], "\(tag)")
        }
        let histograms = try #require(run["histograms"] as? [String: Any]).keys.sorted()
        #expect(
            histograms
                == MLPKeys.all.filter { !$0.contains("running_") && !$0.hasSuffix("num_batches_tracked") }.sorted())
        let image = try #require(run.events("images", "MNIST/train_images").first)
        #expect(image["width"] as? Int == 8 * 28 && image["height"] as? Int == 4 * 28)  // 32 images, 8 per row
    }

    /// `--amp bf16` (autocast) and `--amp fp16` (autocast + GradScaler, its state in the checkpoint): both
    /// learn, a float16 resume reproduces the uninterrupted run bit for bit, and resuming a float32
    /// checkpoint with --amp is refused, naming both settings.
    @Test func mixedPrecisionTrainsAndResumes() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        let bf16 = try runner.run(small + ["--epochs", "1", "--amp", "bf16", "--checkpoint-dir", "bf16"])
        #expect(bf16.status == 0, "\(bf16.err)")
        #expect(bf16.out.contains("autocast torch.bfloat16"), "\(bf16.out)")
        let line = try #require(bf16.out.split(separator: "\n").first { $0.hasPrefix("Epoch 1/1 |") })
        let accuracy = try #require(line.split(separator: "Test Acc: ").last.flatMap { Double($0.dropLast()) })
        #expect(accuracy > 80, "\(line)")

        let whole = try runner.run(small + ["--epochs", "2", "--amp", "fp16", "--checkpoint-dir", "a"])
        #expect(whole.status == 0, "\(whole.err)")
        _ = try runner.run(small + ["--epochs", "1", "--amp", "fp16", "--checkpoint-dir", "b"])
        let rest = try runner.run(small + ["--epochs", "2", "--amp", "fp16", "--checkpoint-dir", "b", "--resume"])
        #expect(rest.status == 0, "\(rest.err)")
        let a = try Checkpoint.load(from: runner.path("a/mnist_mlp.h5"))
        let b = try Checkpoint.load(from: runner.path("b/mnist_mlp.h5"))
        expectIdentical(try #require(a["model_state_dict"]?.dict), try #require(b["model_state_dict"]?.dict))
        let scaler = try #require(a["scaler_state_dict"]?.dict)
        #expect(scaler["scale"]?.double != nil && scaler["growth_interval"]?.int == 2000)
        #expect(scaler["_growth_tracker"]?.int == b["scaler_state_dict"]?["_growth_tracker"]?.int)

        let mixed = try runner.run(small + ["--epochs", "2", "--amp", "bf16", "--checkpoint-dir", "b", "--resume"])
        #expect(
            mixed.status == 1 && mixed.err.contains("--amp fp16") && mixed.err.contains("--amp bf16"), "\(mixed.err)")
        let invalid = try runner.run(["--amp", "int8"])
        #expect(invalid.status != 0 && invalid.err.contains("--amp must be bf16, fp16 or none"))
    }

    @Test func oneEpochPassesNinetyPercent() throws {
        let runner = try TrainMNISTRunner()
        defer { runner.remove() }
        let result = try runner.run(["--epochs", "1", "--checkpoint-dir", "ckpt"])
        #expect(result.status == 0, "\(result.err)")
        let line = try #require(result.out.split(separator: "\n").first { $0.hasPrefix("Epoch 1/1 |") })
        let accuracy = try #require(line.split(separator: "Test Acc: ").last.flatMap { Double($0.dropLast()) })
        #expect(accuracy > 90, "\(line)")
    }
}

enum MLPKeys {
    /// The guide's MLP state-dict keys, as torch names them.
    static let all: [String] = {
        var keys: [String] = []
        for (index, kind) in [(1, "linear"), (2, "bn"), (5, "linear"), (6, "bn"), (9, "linear")] {
            keys += ["network.\(index).weight", "network.\(index).bias"]
            if kind == "bn" {
                keys += [
                    "network.\(index).running_mean", "network.\(index).running_var",
                    "network.\(index).num_batches_tracked",
                ]
            }
        }
        return keys
    }()
}

/// Same keys, same dtypes and shapes, same bits.
func expectIdentical(_ a: StateDict, _ b: StateDict, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.keys == b.keys, sourceLocation: sourceLocation)
    for (key, value) in a {
        guard let x = value.tensor, let y = b[key]?.tensor else {
            #expect(value.tensor == nil && b[key]?.tensor == nil, "\(key)", sourceLocation: sourceLocation)
            continue
        }
        #expect(x.dtype == y.dtype && x.shape == y.shape, "\(key)", sourceLocation: sourceLocation)
        #expect(
            x.contiguous().toArray(Double.self) == y.contiguous().toArray(Double.self), "\(key)",
            sourceLocation: sourceLocation)
    }
}
