import Testing

/// Guide §13: the layers' printouts, dropout's train/eval behaviour and mask, and the statistics each
/// normalization produces — exactly as torch prints them.
@Suite struct NormalizationLayersExampleTests {
    @Test func printsTorchsLines() throws {
        let lines = try ExpectedLines("normalization-layers")
        lines.expectMatch()
        #expect(lines.ours.contains("train: 같은 입력, 같은 출력? False"))
        #expect(lines.ours.contains("eval: 같은 입력, 같은 출력? True"))
    }
}
