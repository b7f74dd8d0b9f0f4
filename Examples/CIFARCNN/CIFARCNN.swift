// The guide's section 7 (합성곱 신경망(CNN) — CIFAR-10 분류): the VGG-style CNN trained on the CIFAR-10
// sample bundled with swift-torch, with the guide's augmentations and its section-6 train/evaluate loop.
import ArgumentParser
import ExampleSupport
import Foundation
import Torch

@main
struct CIFARCNN: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cifar-cnn",
        abstract: "Train the guide's VGG-style CNN on the CIFAR-10 sample (4,000 training, 1,000 test images).")

    @Option(help: "Epochs to train.")
    var epochs = 2
    @Option(
        help: ArgumentHelp(
            "Folder holding data_batch_1_first4000.bin and test_batch_first1000.bin (default: the sample bundled with swift-torch).",
            valueName: "dir"))
    var dataDir: String?
    @Option(help: "Threads for the tensor kernels and OpenBLAS (default: OMP_NUM_THREADS, else every core).")
    var threads: Int?
    @Option(help: "Samples per batch.")
    var batchSize = 128
    @Option(help: "Data-loading worker threads (the guide's num_workers).")
    var workers = 0
    @Option(help: "Seed for the weights, the augmentations, dropout and the data order (torch.manual_seed).")
    var seed = 42
    @Option(
        help: ArgumentHelp(
            "Log to TensorBoard: a new run <dir>/<date>_<host> with losses, accuracies, the learning rate, weight histograms and test images; the folder may be left out (runs). View with `tensorboard --logdir <dir>`.",
            valueName: "dir"))
    var tensorboard: String?
    // Hidden: small runs for tests.
    @Option(help: .hidden) var limitTrain: Int?
    @Option(help: .hidden) var limitTest: Int?

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard (threads ?? 1) >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard workers >= 0 else { throw ValidationError("--workers must not be negative") }
        guard (limitTrain ?? 1) >= 1, (limitTest ?? 1) >= 1 else { throw ValidationError("limits must be positive") }
    }

    /// `--tensorboard` may stand without its folder, which ArgumentParser's options cannot: supply "runs".
    static func main() {
        main(TrainingBoard.defaultingFolder(Array(CommandLine.arguments.dropFirst())))
    }

    func run() throws {
        if let threads { Threads.set(threads) }
        manualSeed(seed)
        let board = TrainingBoard.openOrExit(tensorboard)
        defer { board?.close() }

        // CIFAR-10 데이터 준비
        let normalize = Normalize(mean: [0.4914, 0.4822, 0.4465], std: [0.2023, 0.1994, 0.2010])
        let transformTrain = Compose([
            RandomCrop(32, padding: 4),
            RandomHorizontalFlip(),
            ColorJitter(brightness: 0.2, contrast: 0.2),
            ToTensor(),
            normalize,
        ])
        let transformTest = Compose([ToTensor(), normalize])
        // datasets.CIFAR10('./data', download=True) insists on the official 50,000-image files; the bundled
        // sample is a subset in the same record layout, so it is read through CIFAR(recordsFiles:).
        let root = dataDir ?? CIFARCNN.bundledSample()
        let trainData: CIFAR, testData: CIFAR
        do {
            trainData = try CIFAR(recordsFiles: [root + "/data_batch_1_first4000.bin"], transform: transformTrain)
            testData = try CIFAR(recordsFiles: [root + "/test_batch_first1000.bin"], transform: transformTest)
        } catch {
            FileHandle.standardError.write(
                Data(
                    """
                    error: cannot load the CIFAR-10 sample from \(root): \(error)
                    Expected data_batch_1_first4000.bin and test_batch_first1000.bin (CIFAR-10 binary records); \
                    use --data-dir <dir>\n
                    """.utf8))
            throw ExitCode.failure
        }
        let train = Subset(trainData, indices: Array(0..<min(limitTrain ?? trainData.count, trainData.count)))
        let test = Subset(testData, indices: Array(0..<min(limitTest ?? testData.count, testData.count)))
        // The guide's num_workers=4 is --workers 4; the default 0 augments in the main thread, drawing from the
        // seeded generator exactly as torch's DataLoader with num_workers=0 does (the twin's default too).
        let trainLoader = DataLoader(train, batchSize: batchSize, shuffle: true, numWorkers: workers)
        let testLoader = DataLoader(test, batchSize: batchSize, shuffle: false, numWorkers: workers)
        print("학습 데이터: \(train.count)개, 테스트 데이터: \(test.count)개")

        let model = CNN()
        print("모델 파라미터 수: \(groupedThousands(model.parameterCount()))")

        // 학습 실행: section 6's loop (Adam, lr 1e-3, cross entropy) on this model and data.
        let criterion = CrossEntropyLoss()
        let optimizer = Adam(model.parameters(), lr: 1e-3)
        if let board {
            print("TensorBoard run: \(board.writer.logDir)")
            // Test images: the training transform's augmentations would draw from the seeded generator and
            // change the run.
            board.images(
                "CIFAR10/test_images", test, count: 32, mean: [0.4914, 0.4822, 0.4465], std: [0.2023, 0.1994, 0.2010])
        }
        for epoch in 1...epochs {
            let (trainLoss, trainAcc) = try trainEpoch(model, trainLoader, criterion, optimizer)
            let (testLoss, testAcc) = try evaluate(model, testLoader, criterion)
            board?.scalars(
                [
                    "Loss/train": trainLoss, "Loss/test": testLoss, "Accuracy/train": trainAcc,
                    "Accuracy/test": testAcc, "LearningRate": optimizer.paramGroups[0].lr,
                ], step: epoch)
            board?.parameters(of: model, step: epoch)
            print(
                String(
                    format: "Epoch %d/%d | Train Loss: %.4f, Train Acc: %.2f%% | Test Loss: %.4f, Test Acc: %.2f%%",
                    epoch, epochs, trainLoss, trainAcc, testLoss, testAcc))
        }
    }

    /// The sample in the repository this program was built from (data/cifar10-sample).
    static func bundledSample() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/cifar10-sample").path
    }
}

// 학습 함수 (section 6's train_epoch): mean loss over batches, accuracy in percent.
func trainEpoch<D: Dataset>(
    _ model: Module, _ loader: DataLoader<D, (Tensor, Tensor)>, _ criterion: CrossEntropyLoss, _ optimizer: Optimizer
) throws -> (Double, Double) {
    _ = model.train()
    var totalLoss = 0.0, correct = 0, total = 0, batches = 0
    try loader.iterate { data, target in
        optimizer.zeroGrad()
        let output = model(data)
        let loss = criterion(output, target)
        loss.backward()
        optimizer.step()
        totalLoss += loss.item(Double.self)
        correct += Int(output.argmax(dim: 1).eq(target).sum().item(Int64.self))
        total += target.size(0)
        batches += 1
    }
    return (totalLoss / Double(batches), 100.0 * Double(correct) / Double(total))
}

// 평가 함수 (section 6's evaluate)
func evaluate<D: Dataset>(
    _ model: Module, _ loader: DataLoader<D, (Tensor, Tensor)>, _ criterion: CrossEntropyLoss
) throws -> (Double, Double) {
    _ = model.eval()
    var totalLoss = 0.0, correct = 0, total = 0, batches = 0
    try noGrad {
        try loader.iterate { data, target in
            let output = model(data)
            totalLoss += criterion(output, target).item(Double.self)
            correct += Int(output.argmax(dim: 1).eq(target).sum().item(Int64.self))
            total += target.size(0)
            batches += 1
        }
    }
    return (totalLoss / Double(batches), 100.0 * Double(correct) / Double(total))
}
