import Testing

/// Guide §9: the hand-written encoder layer prints torch's repr, parameter count, shapes, and (seeded,
/// dropout included) torch's output values.
@Suite struct TransformerEncoderExampleTests {
    @Test func printsWhatTorchPrints() throws {
        let result = try ExampleRunner.run("transformer-encoder")
        #expect(result.status == 0, "stderr: \(result.err)")
        let expected = try ExampleRunner.expected("transformer-encoder")
        try #require(result.lines.count == expected.count, "\(result.out)")
        for (ours, torch) in zip(result.lines, expected) where !torch.hasPrefix("output[0, 0, :5]") {
            #expect(ours == torch)
        }
        // Float sums in another order may move the 4th decimal: the values are compared within 1e-3.
        let ours = ExampleOutput.numbers(in: try #require(result.lines.first { $0.hasPrefix("output[0, 0, :5]") }))
        let theirs = ExampleOutput.numbers(in: try #require(expected.first { $0.hasPrefix("output[0, 0, :5]") }))
        #expect(ours.count == theirs.count)
        for (a, b) in zip(ours, theirs) { #expect(abs(a - b) <= 1e-3, "\(ours) vs torch \(theirs)") }
        #expect(result.lines.contains("Transformer Encoder 출력: torch.Size([2, 10, 512])"))
    }
}
