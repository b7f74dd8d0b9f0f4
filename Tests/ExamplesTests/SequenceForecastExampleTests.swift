import Testing

/// Guide §8: LSTM and GRU forecasting the noisy sine wave.
@Suite struct SequenceForecastExampleTests {
    /// Short sequences and 192 training windows keep the debug build fast. torch prints, for these options,
    /// LSTM test MSE 0.5151 → 0.2604 → 0.0998 and GRU 0.3361 → 0.0349 → 0.0328.
    @Test func bothPredictorsLearnTheWave() throws {
        let result = try ExampleRunner.run(
            "sequence-forecast", ["--seq-len", "10", "--limit-train", "192", "--epochs", "3", "--batch-size", "16"])
        #expect(result.status == 0, "stderr: \(result.err)")
        let expected = try ExampleRunner.expected("sequence-forecast")
        #expect(
            Array(result.lines.prefix(5)) == [
                "X shape: torch.Size([990, 10, 1])",
                "y shape: torch.Size([990, 1])",
                expected[2],  // LSTMPredictor 파라미터 수: 52545
                expected[3],  // GRUPredictor 파라미터 수: 37889
                "학습 시퀀스: 192개, 테스트 시퀀스: 198개",
            ])
        for (model, torchFinal) in [("LSTM", 0.0998), ("GRU", 0.0328)] {
            let testMSE = result.lines.filter { $0.hasPrefix("\(model) Epoch") }.compactMap {
                ExpectedLines.split($0).numbers.last
            }
            try #require(testMSE.count == 3, "\(result.out)")
            #expect(testMSE[2] < testMSE[0] / 3, "\(model) test MSE did not fall: \(testMSE)")
            #expect(abs(testMSE[2] - torchFinal) < 0.03, "\(model) far from torch's \(torchFinal): \(testMSE)")
        }
    }

    @Test func defaultRunPrintsTheGuidesShapes() throws {
        let expected = try ExampleRunner.expected("sequence-forecast")
        #expect(expected[0] == "X shape: torch.Size([950, 50, 1])")  // the guide's comments: [950, 50, 1], [950, 1]
        #expect(expected[1] == "y shape: torch.Size([950, 1])")
    }
}
