import Foundation
import Testing

/// Guide §7: the VGG-style CNN on the bundled CIFAR-10 sample.
@Suite struct CIFARCNNExampleTests {
    /// A short run (640 training images, one epoch, batch 16): torch's model size, and a test accuracy
    /// well above chance. torch prints `Train Loss: 2.5372, Train Acc: 13.44% | Test Loss: 2.1755, Test Acc:
    /// 27.50%` for these options (`Examples/pytorch/cifar-cnn.py` with the same flags).
    @Test func learnsAboveChanceOnTheSample() throws {
        let result = try ExampleRunner.run(
            "cifar-cnn", ["--epochs", "1", "--limit-train", "640", "--limit-test", "200", "--batch-size", "16"])
        #expect(result.status == 0, "stderr: \(result.err)")
        let expected = try ExampleRunner.expected("cifar-cnn")
        #expect(result.lines[0] == "학습 데이터: 640개, 테스트 데이터: 200개")
        #expect(result.lines[1] == expected[1])  // 모델 파라미터 수: 5,872,458
        let epoch = try #require(result.lines.first { $0.hasPrefix("Epoch 1/1 | ") })
        let numbers = ExpectedLines.split(epoch).numbers  // 1, 1, train loss, train acc, test loss, test acc
        try #require(numbers.count == 6, "\(epoch)")
        #expect(numbers[4] < log(10.0), "test loss no better than uniform guessing: \(epoch)")
        #expect(numbers[5] > 15, "test accuracy not above chance (10%): \(epoch)")
        #expect(abs(numbers[5] - 27.5) <= 5, "far from torch's 27.50% for the same run: \(epoch)")
    }

    @Test func missingDataFolderIsAClearError() throws {
        let result = try ExampleRunner.run("cifar-cnn", ["--data-dir", "/nonexistent/cifar"])
        #expect(result.status != 0)
        #expect(result.err.contains("error: cannot load the CIFAR-10 sample from /nonexistent/cifar"), "\(result.err)")
        #expect(result.err.contains("data_batch_1_first4000.bin"))
        #expect(result.out.isEmpty)
    }
}
