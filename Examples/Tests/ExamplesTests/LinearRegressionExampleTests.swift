import Testing

/// Guide §5: linear regression learns y = 3x + 2 and prints torch's progress lines.
@Suite struct LinearRegressionExampleTests {
    @Test func learnsTheLineAsTorchDoes() throws {
        let lines = try ExpectedLines("linear-regression")
        // Same seed and draws: the printed 4-decimal values equal torch's; allow the last digit to move, since
        // float32 rounding in 1000 updates is not guaranteed to be torch's bit for bit.
        lines.expectMatch(tolerance: 2e-4, tolerant: { $0.contains("=") || $0.contains(": ") })
        let w = try #require(lines.numbers(onLineStartingWith: "학습된 가중치: ")?.first)
        let b = try #require(lines.numbers(onLineStartingWith: "학습된 편향: ")?.first)
        #expect(abs(w - 3) < 0.05 && abs(b - 2) < 0.05, "w = \(w), b = \(b)")
    }
}
