import CheckpointHDF5
import Foundation
import TensorCore
import Testing
import VisionModels

/// Guide §14: resnet18 as a frozen feature extractor, then fine-tuned with five per-layer learning rates, on
/// the bundled CIFAR-10 JPEG sample — the lines torch prints, from a torch-format weights file.
@Suite(.serialized) struct TransferLearningExampleTests {
    static let arguments = ["--image-size", "64", "--epochs", "2"]  // the twin's `# expected-args`

    /// The twin starts from `torch.manual_seed(42); resnet18()`; the program reads the same weights from a
    /// `.pth` file written here (the seeded init is torchvision's, bit for bit: VisionModels' InitTests), so the
    /// run also proves `--weights` loads a torch file. Losses agree to 1e-3 (BatchNorm's batch statistics and
    /// the convolutions' summation order differ from torch's by ulps, which training amplifies); a validation
    /// count may differ by one image where an ulp moves an argmax among near-equal logits.
    @Test func printsWhatTorchPrints() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let weights = folder + "/seed42-resnet18.pth"
        manualSeed(42)
        try Checkpoint.save(resnet18().stateDict().tensors, to: weights)

        let result = try ExampleRunner.run("transfer-learning", Self.arguments + ["--weights", weights])
        #expect(result.status == 0, "stderr: \(result.err)")
        let torch = try ExampleRunner.expected("transfer-learning")
        let ours = result.lines
        #expect(ours.count == torch.count, "\(ours.count) lines, torch printed \(torch.count)")
        for (i, (line, expected)) in zip(ours, torch).enumerated() {
            if expected.hasPrefix("가중치: ") {
                #expect(line == "가중치: seed42-resnet18.pth", "line \(i + 1)")
            } else if expected.hasPrefix("[") {
                let (text, numbers) = ExpectedLines.split(line),
                    (torchText, torchNumbers) = ExpectedLines.split(expected)
                // Epoch, epochs, loss, accuracy, correct, total.
                #expect(text == torchText && numbers.count == 6 && torchNumbers.count == 6, "line \(i + 1): \(line)")
                guard numbers.count == 6, torchNumbers.count == 6 else { continue }
                #expect(
                    abs(numbers[2] - torchNumbers[2]) <= 1e-3 * (1 + torchNumbers[2]),
                    "line \(i + 1): \(line)\n torch: \(expected)")
                #expect(abs(numbers[4] - torchNumbers[4]) <= 1, "line \(i + 1): \(line)\n torch: \(expected)")
            } else {
                #expect(line == expected, "line \(i + 1)")  // sizes, print(model), parameter counts, groups
            }
        }
        #expect(ours.contains("학습 가능 파라미터: 5,130 / 전체 11,181,642"))
    }

    @Test func weightsOfAnotherModelOrATruncatedFileAreClearErrors() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A real torch.save file of nn.Sequential(nn.Linear(4, 2)) (VisionModels' fixture).
        let linear = ExampleRunner.repoRoot.appendingPathComponent(
            "packages/VisionModels/Tests/Fixtures/linear-state-dict.pth"
        ).path
        let truncated = folder + "/truncated.pth"
        try Data(contentsOf: URL(fileURLWithPath: linear)).prefix(100).write(to: URL(fileURLWithPath: truncated))
        for (file, message) in [(linear, "Missing key(s) in state_dict: \"conv1.weight\""), (truncated, truncated)] {
            let result = try ExampleRunner.run("transfer-learning", Self.arguments + ["--weights", file])
            #expect(result.status != 0)
            #expect(result.err.hasPrefix("error: \(file): "), "\(result.err)")
            #expect(result.err.contains(message), "\(result.err)")
            #expect(!result.out.contains("[특징 추출]"), "trained after a bad weights file")
        }
    }

    @Test func missingDataFolderAndConflictingOptionsAreClearErrors() throws {
        let missing = try ExampleRunner.run("transfer-learning", ["--data-dir", "/nonexistent/jpeg"])
        #expect(missing.status != 0)
        #expect(missing.err.contains("error: cannot load the images from /nonexistent/jpeg/test"), "\(missing.err)")
        #expect(missing.out.isEmpty)

        let both = try ExampleRunner.run("transfer-learning", ["--weights", "a.pth", "--pretrained"])
        #expect(both.status != 0)
        #expect(both.err.contains("--weights and --pretrained both choose the starting weights"), "\(both.err)")
    }

    func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "transfer-learning-\(UUID().uuidString)"
        ).path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }
}
