import Foundation
import Torch

/// `--tensorboard` for the guide's training programs: what their PyTorch scripts would log with torch's
/// SummaryWriter — scalars per epoch, a histogram of every parameter, a grid of input images. A logging
/// failure after the run started is a warning on stderr and never stops training.
public struct TrainingBoard {
    public let writer: SummaryWriter

    /// A new run under `root`, named as torch names its runs (`<root>/<date>_<host>`).
    public init(root: String) throws(TrainingBoardError) {
        do {
            writer = try SummaryWriter(logDir: SummaryWriter.defaultLogDir(root: root))
        } catch {
            throw TrainingBoardError(message: "--tensorboard: \(error)")
        }
    }

    /// The run for `--tensorboard <root>` (nil without the option); a folder that cannot be made prints
    /// "error: --tensorboard: ..." and exits with status 1 before any training.
    public static func openOrExit(_ root: String?) -> TrainingBoard? {
        guard let root else { return nil }
        do {
            return try TrainingBoard(root: root)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            exit(1)
        }
    }

    /// `--tensorboard` last or followed by another option gets the default folder `runs` (ArgumentParser's
    /// options cannot stand without their value).
    public static func defaultingFolder(_ arguments: [String]) -> [String] {
        var out: [String] = []
        for (i, argument) in arguments.enumerated() {
            out.append(argument)
            if argument == "--tensorboard" && (i + 1 == arguments.count || arguments[i + 1].hasPrefix("-")) {
                out.append("runs")
            }
        }
        return out
    }

    /// The first `count` images of `dataset` at step 0, un-normalized with the transform's per-channel
    /// `mean`/`std` back to [0, 1].
    public func images<D: Dataset>(_ tag: String, _ dataset: D, count: Int, mean: [Double], std: [Double])
    where D.Sample == (Tensor, Int) {
        let n = min(count, dataset.count)
        guard n > 0, let samples = try? (0..<n).map({ try dataset[$0].0 }) else { return }
        let batch = Tensor.stack(samples)  // N×C×H×W, normalized
        let channels = batch.size(1)
        let scale = Tensor(std.map(Float.init)).reshape([1, channels, 1, 1])
        let shift = Tensor(mean.map(Float.init)).reshape([1, channels, 1, 1])
        writer.addImages(tag, (batch * scale + shift).clamp(min: 0, max: 1), globalStep: 0)
    }

    /// Scalars under their tags at `step`, in the order given.
    public func scalars(_ values: KeyValuePairs<String, Double>, step: Int) {
        for (tag, value) in values { writer.addScalar(tag, value, globalStep: step) }
    }

    /// A histogram of every parameter, tagged `<prefix><name>`, then a flush so the epoch is on disk.
    public func parameters(of model: Module, prefix: String = "", step: Int) {
        for (name, parameter) in model.namedParameters() {
            writer.addHistogram(prefix + name, parameter, globalStep: step)
        }
        report { try writer.flush() }
    }

    public func close() { report { try writer.close() } }

    private func report(_ body: () throws -> Void) {
        do { try body() } catch { FileHandle.standardError.write(Data("warning: \(error)\n".utf8)) }
    }
}

public struct TrainingBoardError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
