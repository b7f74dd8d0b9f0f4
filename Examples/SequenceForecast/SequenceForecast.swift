// The guide's section 8 (순환 신경망(RNN/LSTM) — 시계열 처리): LSTM and GRU forecasting a noisy sine wave.
// The guide stops after building the sequences; the program goes on to train both predictors (Adam, MSE)
// on the first 80% of the sequences and report the error on the rest, so the models are seen to learn.
import ArgumentParser
import ExampleSupport
import Foundation
import Torch

@main
struct SequenceForecast: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sequence-forecast",
        abstract: "Forecast a noisy sine wave with the guide's LSTM and GRU predictors.")

    @Option(help: "Training epochs per model.")
    var epochs = 5
    @Option(help: "Sequence length (the guide's seq_len).")
    var seqLen = 50
    @Option(help: "Samples per batch.")
    var batchSize = 32
    @Option(help: "Threads for the tensor kernels and OpenBLAS (default: OMP_NUM_THREADS, else every core).")
    var threads: Int?
    @Option(
        help: ArgumentHelp(
            "Log to TensorBoard: a new run <dir>/<date>_<host> with each model's train and test MSE, learning rate and weight histograms (tags LSTM/..., GRU/...); the folder may be left out (runs).",
            valueName: "dir"))
    var tensorboard: String?
    // Hidden: small runs for tests.
    @Option(help: .hidden) var limitTrain: Int?

    func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1") }
        guard (1..<999).contains(seqLen) else { throw ValidationError("--seq-len must be between 1 and 998") }
        guard batchSize >= 1 else { throw ValidationError("--batch-size must be at least 1") }
        guard (threads ?? 1) >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard (limitTrain ?? 1) >= 1 else { throw ValidationError("--limit-train must be positive") }
    }

    /// `--tensorboard` may stand without its folder, which ArgumentParser's options cannot: supply "runs".
    static func main() {
        main(TrainingBoard.defaultingFolder(Array(CommandLine.arguments.dropFirst())))
    }

    func run() throws {
        if let threads { Threads.set(threads) }
        let board = TrainingBoard.openOrExit(tensorboard)
        defer { board?.close() }
        // The guide draws the noise with numpy and no seed; here it comes from torch's generator, seeded, so
        // the twin (Examples/pytorch/sequence-forecast.py) draws the very same numbers.
        manualSeed(42)

        // 사인파 데이터로 예시 (float64 like numpy, then torch.FloatTensor(data).unsqueeze(1))
        let t = Tensor.linspace(0, 100, 1000, dtype: .float64)
        let data = ((t * 0.5).sin() + Tensor.randn(1000, dtype: .float64) * 0.1).float().unsqueeze(1)

        let (x, y) = createSequences(data, seqLen: seqLen)
        print("X shape: \(x.shape)")  // [950, 50, 1]
        print("y shape: \(y.shape)")  // [950, 1]

        let lstmModel = LSTMPredictor()
        let gruModel = GRUPredictor()
        print("LSTMPredictor 파라미터 수: \(lstmModel.parameterCount())")
        print("GRUPredictor 파라미터 수: \(gruModel.parameterCount())")

        // Chronological split: the test part is the later stretch of the wave.
        let split = x.size(0) * 8 / 10
        let trainEnd = min(split, limitTrain ?? split)
        let train = TensorDataset(x[..<trainEnd], y[..<trainEnd])
        let testX = x[split...], testY = y[split...]
        print("학습 시퀀스: \(train.count)개, 테스트 시퀀스: \(testX.size(0))개")
        if let board { print("TensorBoard run: \(board.writer.logDir)") }
        for (name, model) in [("LSTM", lstmModel as Module), ("GRU", gruModel)] {
            let loader = DataLoader(train, batchSize: batchSize, shuffle: true)
            let optimizer = Adam(model.parameters(), lr: 1e-3)
            let criterion = MSELoss()
            for epoch in 1...epochs {
                _ = model.train()
                var total = 0.0
                try loader.iterate { batch in
                    optimizer.zeroGrad()
                    let loss = criterion(model(batch[0]), batch[1])
                    loss.backward()
                    optimizer.step()
                    total += loss.item(Double.self)
                }
                _ = model.eval()
                let testLoss = noGrad { criterion(model(testX), testY).item(Double.self) }
                print(
                    String(
                        format: "%@ Epoch %d/%d | Train MSE: %.4f | Test MSE: %.4f",
                        name, epoch, epochs, total / Double(loader.count), testLoss))
                board?.scalars(
                    [
                        "\(name)/Loss/train": total / Double(loader.count), "\(name)/Loss/test": testLoss,
                        "\(name)/LearningRate": optimizer.paramGroups[0].lr,
                    ], step: epoch)
                board?.parameters(of: model, prefix: "\(name)/", step: epoch)
            }
        }
    }
}

// 시퀀스 데이터 생성 함수: windows of seqLen steps, each followed by the value to predict.
func createSequences(_ data: Tensor, seqLen: Int = 50) -> (Tensor, Tensor) {
    var xs: [Tensor] = [], ys: [Tensor] = []
    for i in 0..<(data.size(0) - seqLen) {
        xs.append(data[i..<(i + seqLen)])
        ys.append(data[i + seqLen])
    }
    return (Tensor.stack(xs), Tensor.stack(ys))
}
