import Foundation
import TensorBoardTestSupport
import Testing

/// `--tensorboard` in the training examples, read back by TensorBoard's own EventAccumulator: one run per
/// program, the printed metrics as scalars at steps 1...epochs, a histogram of every parameter per epoch, and
/// (CIFAR) the image grid; logging leaves the training itself unchanged.
@Suite struct TensorBoardExampleTests {
    @Test func cifarCNNLogsItsEpochs() throws {
        let logDir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: logDir) }
        let options = ["--epochs", "2", "--limit-train", "64", "--limit-test", "32", "--batch-size", "16"]
        let logged = try ExampleRunner.run("cifar-cnn", options + ["--tensorboard", logDir.path])
        #expect(logged.status == 0, "stderr: \(logged.err)")
        let plain = try ExampleRunner.run("cifar-cnn", options)
        let epochLines = { (r: ExampleRunner.Result) in r.lines.filter { $0.hasPrefix("Epoch ") } }
        #expect(epochLines(logged).count == 2 && epochLines(logged) == epochLines(plain), "logging changed the run")

        let run = try onlyRun(logDir, printedIn: logged)
        for (i, line) in epochLines(logged).enumerated() {
            let printed = ExpectedLines.split(line).numbers  // epoch, epochs, train loss, train acc, test loss, test acc
            for (tag, value) in [
                ("Loss/train", printed[2]), ("Accuracy/train", printed[3]),
                ("Loss/test", printed[4]), ("Accuracy/test", printed[5]),
            ] {
                let events = run.events("scalars", tag)
                #expect(events.map { $0["step"] as? Int } == [1, 2], "\(tag)")
                let logged = try #require(events[i]["value"] as? Double)
                #expect(abs(logged - value) <= 0.00501, "\(tag) epoch \(i + 1): logged \(logged), printed \(value)")
            }
        }
        #expect(
            run.events("scalars", "LearningRate").map { $0.exact("value") } == [
                Double(Float(0.001)), Double(Float(0.001)),
            ])
        let histograms = try #require(run["histograms"] as? [String: Any])
        #expect(histograms.count == 30, "6 convolutions, 6 BatchNorms, 3 linear layers: \(histograms.keys.sorted())")
        #expect(run.events("histograms", "features.0.weight").map { $0["num"] as? Double } == [1728, 1728])  // 64×3×3×3
        let image = try #require(run.events("images", "CIFAR10/test_images").first)
        // torch.utils.tensorboard's make_grid: 8 per row, no padding; 32 images of 32×32.
        #expect(image["width"] as? Int == 8 * 32 && image["height"] as? Int == 4 * 32 && image["step"] as? Int == 0)
    }

    @Test func sequenceForecastLogsBothModels() throws {
        let logDir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: logDir) }
        let result = try ExampleRunner.run(
            "sequence-forecast",
            [
                "--seq-len", "10", "--limit-train", "64", "--epochs", "2", "--batch-size", "16",
                "--tensorboard", logDir.path,
            ])
        #expect(result.status == 0, "stderr: \(result.err)")
        let run = try onlyRun(logDir, printedIn: result)
        for model in ["LSTM", "GRU"] {
            let printed = result.lines.filter { $0.hasPrefix("\(model) Epoch") }.map { ExpectedLines.split($0).numbers }
            try #require(printed.count == 2, "\(result.out)")
            for (tag, column) in [("\(model)/Loss/train", 2), ("\(model)/Loss/test", 3)] {
                let events = run.events("scalars", tag)
                #expect(events.map { $0["step"] as? Int } == [1, 2], "\(tag)")
                for (event, line) in zip(events, printed) {
                    let logged = try #require(event["value"] as? Double)
                    #expect(
                        abs(logged - line[column]) <= 0.0000501, "\(tag): logged \(logged), printed \(line[column])")
                }
            }
            #expect(run.events("scalars", "\(model)/LearningRate").count == 2)
        }
        let histograms = try #require(run["histograms"] as? [String: Any]).keys.sorted()
        #expect(
            histograms.contains("LSTM/lstm.weight_ih_l0") && histograms.contains("GRU/gru.weight_hh_l1"),
            "\(histograms)")
        #expect(histograms.allSatisfy { $0.hasPrefix("LSTM/") || $0.hasPrefix("GRU/") })
    }

    @Test func unwritableFolderIsAClearErrorBeforeTraining() throws {
        let result = try ExampleRunner.run("cifar-cnn", ["--tensorboard", "/proc/no-such-dir", "--limit-train", "16"])
        #expect(result.status != 0)
        #expect(result.err.hasPrefix("error: --tensorboard: "), "\(result.err)")
        #expect(!result.out.contains("Epoch"))
    }

    /// The one run the program wrote, whose folder it printed.
    private func onlyRun(_ logDir: URL, printedIn result: ExampleRunner.Result) throws -> [String: Any] {
        let runs = try EventReader.runs(logDir)
        try #require(runs.count == 1, "\(runs.keys)")
        let (name, run) = try #require(runs.first)
        #expect(result.out.contains("TensorBoard run: \(logDir.path)/\(name)"), "\(result.out)")
        return run
    }
}
