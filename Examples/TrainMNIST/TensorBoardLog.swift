import Foundation
import Torch

/// `--tensorboard`: what the guide's script would log with torch's SummaryWriter, once per epoch (step =
/// epoch): losses, accuracies, the learning rate and a histogram of every parameter; and at step 0 a grid
/// of the first training images. A logging failure is reported and never stops training.
struct TensorBoardLog {
    let writer: SummaryWriter

    /// A new run under `root`, named as torch names its runs (`<root>/<date>_<host>`).
    init(root: String) throws {
        do {
            writer = try SummaryWriter(logDir: SummaryWriter.defaultLogDir(root: root))
        } catch {
            throw TrainError.io("--tensorboard: \(error)")
        }
    }

    /// `--tensorboard` last or followed by another option gets the default folder `runs`.
    static func defaultingFolder(_ arguments: [String]) -> [String] {
        var out: [String] = []
        for (i, argument) in arguments.enumerated() {
            out.append(argument)
            if argument == "--tensorboard" && (i + 1 == arguments.count || arguments[i + 1].hasPrefix("-")) { out.append("runs") }
        }
        return out
    }

    /// The first images of `dataset`, un-normalized back to [0, 1].
    func images<D: Dataset>(_ dataset: D, count: Int) where D.Sample == (Tensor, Int) {
        let n = min(count, dataset.count)
        guard n > 0, let samples = try? (0..<n).map({ try dataset[$0].0 }) else { return }
        let batch = Tensor.stack(samples)  // N×1×28×28, normalized
        writer.addImages("MNIST/train_images", (batch * 0.3081 + 0.1307).clamp(min: 0, max: 1), globalStep: 0)
    }

    func epoch(_ metrics: EpochMetrics, lr: Double, model: Module) {
        let step = metrics.epoch
        writer.addScalar("Loss/train", metrics.trainLoss, globalStep: step)
        writer.addScalar("Loss/test", metrics.testLoss, globalStep: step)
        writer.addScalar("Accuracy/train", metrics.trainAcc, globalStep: step)
        writer.addScalar("Accuracy/test", metrics.testAcc, globalStep: step)
        writer.addScalar("LearningRate", lr, globalStep: step)
        for (name, parameter) in model.namedParameters() { writer.addHistogram(name, parameter, globalStep: step) }
        report { try writer.flush() }
    }

    func close() { report { try writer.close() } }

    private func report(_ body: () throws -> Void) {
        do { try body() } catch { FileHandle.standardError.write(Data("warning: \(error)\n".utf8)) }
    }
}
