import ArgumentParser
import ExampleSupport
import Foundation
import Torch

/// The main job: the guide's section 6 (MNIST MLP) as a command-line program.
@main
struct TrainMNIST: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-mnist",
        abstract: "Train the guide's MNIST MLP (784-512-BN-ReLU-Dropout-256-BN-ReLU-Dropout-10, Adam) on the CPU.",
        discussion: """
            Uses the MNIST copy bundled with swift-torch (no network) unless --data-dir or --download say otherwise. \
            After every epoch it prints the guide's line, saves an HDF5 checkpoint (atomically) to \
            --checkpoint-dir and, with --log, appends the metrics to a CSV file. --resume continues from that \
            checkpoint and ends with the same weights as an uninterrupted run with the same options. Ctrl-C stops \
            after the current batch, keeping the last complete checkpoint (exit status 130).
            """)

    @Option(help: "Epochs to train in total (a resumed run counts the finished ones).")
    var epochs = 10
    @Option(help: "Samples per batch.")
    var batchSize = 64
    @Option(help: "Adam's learning rate.")
    var lr = 1e-3
    @Option(help: "Seed for the initial weights, dropout and the data order (which depends on seed and epoch only).")
    var seed = 0
    @Option(help: "Threads for the tensor kernels and OpenBLAS (default: OMP_NUM_THREADS, else every core).")
    var threads: Int?
    @Option(help: "Data-loading worker threads (the guide's num_workers).")
    var workers = 0
    @Option(
        help: ArgumentHelp(
            "Folder holding MNIST/raw/ as torchvision lays it out (default: ./data if it has MNIST, else the copy bundled with swift-torch).",
            valueName: "dir"))
    var dataDir: String?
    @Flag(help: "Download missing MNIST files from torchvision's mirrors (checked against their MD5s) into --data-dir.")
    var download = false
    @Option(
        help: ArgumentHelp(
            "Where the checkpoint (\(TrainingCheckpoint.fileName)) is written after each epoch.", valueName: "dir"))
    var checkpointDir = "checkpoints"
    @Flag(help: "Continue from the checkpoint in --checkpoint-dir (run with the same options).")
    var resume = false
    @Option(help: ArgumentHelp("Append per-epoch metrics to this CSV file.", valueName: "file"))
    var log: String?
    @Option(
        help: ArgumentHelp(
            "Log to TensorBoard: a new run <dir>/<date>_<host> with losses, accuracies, the learning rate, weight histograms and input images; the folder may be left out (runs). View with `tensorboard --logdir <dir>`.",
            valueName: "dir"))
    var tensorboard: String?
    @Option(
        help: ArgumentHelp(
            "Mixed precision (the guide's section 18): the forward pass and the loss under autocast in bf16 or fp16 (fp16 with a GradScaler); none trains in float32.",
            valueName: "bf16|fp16|none"))
    var amp = "none"

    // Hidden: small runs for tests.
    @Option(help: .hidden) var limitTrain: Int?
    @Option(help: .hidden) var limitTest: Int?
    @Option(help: .hidden) var progressEvery: Int?

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number") }
        guard (threads ?? 1) >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard workers >= 0 else { throw ValidationError("--workers must not be negative") }
        guard (limitTrain ?? 1) >= 1, (limitTest ?? 1) >= 1 else { throw ValidationError("limits must be positive") }
        guard ["none", "bf16", "fp16"].contains(amp) else { throw ValidationError("--amp must be bf16, fp16 or none") }
    }

    /// `--tensorboard` may stand without its folder, which ArgumentParser's options cannot: supply "runs".
    static func main() {
        main(TrainingBoard.defaultingFolder(Array(CommandLine.arguments.dropFirst())))
    }

    func run() throws {
        do {
            try train()
        } catch let error as TrainError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func train() throws {
        if let threads { Threads.set(threads) }
        Interrupt.install()

        // Data first: nothing is written until both sets load.
        let root = dataDir ?? TrainMNIST.defaultDataDir()
        let transform = Compose([ToTensor(), Normalize(mean: [0.1307], std: [0.3081])])
        let (trainSet, testSet): (MNIST, MNIST)
        do {
            trainSet = try MNIST(root: root, train: true, transform: transform, download: download)
            testSet = try MNIST(root: root, train: false, transform: transform)
        } catch {
            throw TrainError.data(
                "cannot load MNIST from \(root): \(error)\n"
                    + "Expected torchvision's layout: \(root)/MNIST/raw/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]; "
                    + "use --data-dir <dir> for another copy or --download to fetch it")
        }
        let train = Subset(trainSet, indices: Array(0..<min(limitTrain ?? trainSet.count, trainSet.count)))
        let test = Subset(testSet, indices: Array(0..<min(limitTest ?? testSet.count, testSet.count)))
        let testLoader = DataLoader(test, batchSize: batchSize, shuffle: false, numWorkers: workers)

        manualSeed(seed)
        let model = MLP()
        let criterion = CrossEntropyLoss()
        let optimizer = Adam(model.parameters(), lr: lr)
        let config = RunConfig(seed: seed, batchSize: batchSize, lr: lr, trainSamples: train.count, amp: amp)
        let ampDType: DType? = amp == "bf16" ? .bfloat16 : amp == "fp16" ? .float16 : nil
        // bfloat16 keeps float32's range: only float16 gradients need loss scaling.
        let scaler = GradScaler(enabled: ampDType == .float16)

        let checkpointPath = TrainingCheckpoint.path(in: checkpointDir)
        var history: [EpochMetrics] = []
        if resume {
            if FileManager.default.fileExists(atPath: checkpointPath) {
                history = try TrainingCheckpoint.restore(
                    from: checkpointPath, model: model, optimizer: optimizer, scaler: scaler, config: config)
                say("Resuming from \(checkpointPath) after epoch \(history.count)")
            } else {
                say("No checkpoint at \(checkpointPath); starting from epoch 1")
            }
        }
        if history.count >= epochs {
            say("The checkpoint has \(history.count) epochs already (--epochs \(epochs)); nothing to do")
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: checkpointDir, withIntermediateDirectories: true)
        } catch {
            throw TrainError.io("\(checkpointDir): cannot create the checkpoint folder: \(error.localizedDescription)")
        }

        let board: TrainingBoard?
        do {
            board = try tensorboard.map { (root) throws(TrainingBoardError) in try TrainingBoard(root: root) }
        } catch {
            throw TrainError.io(error.message)
        }
        defer { board?.close() }
        if let board {
            say("TensorBoard run: \(board.writer.logDir)")
            board.images("MNIST/train_images", train, count: 32, mean: [0.1307], std: [0.3081])
        }

        let firstEpoch = history.count + 1
        say(
            "Training on \(train.count) images, testing on \(test.count); \(Threads.get()) threads, seed \(seed)"
                + (ampDType.map { ", autocast \($0)" } ?? ""))
        for epoch in firstEpoch...epochs {
            // The data order depends on (seed, epoch) alone, so a resumed run sees the same batches.
            let generator = Generator(seed: UInt64(bitPattern: Int64(seed)) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(epoch))
            let trainLoader = DataLoader(
                train, batchSize: batchSize, shuffle: true, numWorkers: workers, generator: generator)
            var progress = Progress(
                epoch: epoch, epochs: epochs, totalSamples: train.count,
                totalBatches: trainLoader.count, plainEvery: progressEvery)
            let trained: (loss: Double, accuracy: Double)?
            do {
                trained = try Epochs.train(
                    model, trainLoader, criterion, optimizer, amp: ampDType, scaler: scaler, progress: &progress)
            } catch {
                throw TrainError.data("loading a training batch failed: \(error)")
            }
            progress.finish()
            guard let trained else {
                let kept =
                    history.isEmpty
                    ? "no checkpoint was written" : "kept the checkpoint of epoch \(history.count): \(checkpointPath)"
                say("Stopped during epoch \(epoch) (Ctrl-C); \(kept)")
                throw ExitCode(130)
            }
            let tested: (loss: Double, accuracy: Double)
            do {
                tested = try Epochs.evaluate(model, testLoader, criterion, amp: ampDType)
            } catch {
                throw TrainError.data("loading a test batch failed: \(error)")
            }
            let metrics = EpochMetrics(
                epoch: epoch, trainLoss: trained.loss, trainAcc: trained.accuracy,
                testLoss: tested.loss, testAcc: tested.accuracy, seconds: progress.elapsed)
            history.append(metrics)
            try TrainingCheckpoint.save(
                to: checkpointPath, epoch: epoch, model: model, optimizer: optimizer,
                scaler: scaler, config: config, history: history)
            if let log { try MetricsLog(path: log).append(metrics) }
            board?.scalars(
                [
                    "Loss/train": metrics.trainLoss, "Loss/test": metrics.testLoss,
                    "Accuracy/train": metrics.trainAcc, "Accuracy/test": metrics.testAcc,
                    "LearningRate": optimizer.paramGroups[0].lr,
                ], step: epoch)
            board?.parameters(of: model, step: epoch)
            say(metrics.line(of: epochs))
            if Interrupt.requested {
                say("Stopped after epoch \(epoch) (Ctrl-C); checkpoint: \(checkpointPath)")
                throw ExitCode(130)
            }
        }
        let seconds = history[(firstEpoch - 1)...].reduce(0) { $0 + $1.seconds }
        say(
            String(
                format: "Done: test accuracy %.2f%%, %.1f s for %d epochs; checkpoint: ", history.last!.testAcc,
                seconds, epochs - firstEpoch + 1) + checkpointPath)
    }

    /// ./data when it holds MNIST (the repo root), else the copy in the repo this program was built from.
    static func defaultDataDir() -> String {
        let manager = FileManager.default
        if manager.fileExists(atPath: "data/MNIST/raw") { return "data" }
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let bundled = repo.appendingPathComponent("data").path
        return manager.fileExists(atPath: bundled + "/MNIST/raw") ? bundled : "data"
    }
}
