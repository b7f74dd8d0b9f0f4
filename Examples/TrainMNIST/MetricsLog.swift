import Foundation

/// One epoch's numbers, as the guide prints them (losses are means over batches, accuracies in %).
struct EpochMetrics {
    var epoch: Int
    var trainLoss: Double
    var trainAcc: Double
    var testLoss: Double
    var testAcc: Double
    var seconds: Double

    /// The guide's per-epoch line.
    func line(of epochs: Int) -> String {
        String(
            format: "Epoch %d/%d | Train Loss: %.4f, Train Acc: %.2f%% | Test Loss: %.4f, Test Acc: %.2f%%",
            epoch, epochs, trainLoss, trainAcc, testLoss, testAcc)
    }

    static let csvHeader = "epoch,train_loss,train_acc,test_loss,test_acc,seconds"
    var csvRow: String {
        "\(epoch),\(trainLoss),\(trainAcc),\(testLoss),\(testAcc),\(String(format: "%.3f", seconds))"
    }
}

/// `--log`: appends one CSV row per finished epoch (a header first when the file is new or empty),
/// flushed at once so a stopped run still has its rows.
struct MetricsLog {
    let path: String

    func append(_ metrics: EpochMetrics) throws {
        let manager = FileManager.default
        if !manager.fileExists(atPath: path) || ((try? manager.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) == 0
        {
            guard manager.createFile(atPath: path, contents: Data((EpochMetrics.csvHeader + "\n").utf8)) else {
                throw TrainError.io("\(path): cannot create the metrics log")
            }
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw TrainError.io("\(path): cannot open the metrics log for writing")
        }
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data((metrics.csvRow + "\n").utf8))
    }
}
