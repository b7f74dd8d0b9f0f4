import Testing

/// Guide §9: the hand-written encoder layer prints torch's repr, parameter count, shapes, and (seeded,
/// dropout included) torch's output values.
@Suite struct TransformerEncoderExampleTests {
    @Test func printsWhatTorchPrints() throws {
        let lines = try ExpectedLines("transformer-encoder")
        // Float sums in another order may move the 4th decimal of the printed values.
        lines.expectMatch(tolerance: 1e-3, tolerant: { $0.hasPrefix("output[0, 0, :5]") })
        #expect(lines.ours.contains("Transformer Encoder 출력: torch.Size([2, 10, 512])"))
        #expect(lines.ours.contains("파라미터 수: 3152384"))
    }
}
