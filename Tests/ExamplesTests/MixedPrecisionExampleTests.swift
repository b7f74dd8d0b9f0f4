import Testing

/// Guide §18: bfloat16 autocast with a GradScaler on MNIST, gradient clipping and `set_seed` — torch's lines.
/// The losses come from bfloat16 products, ours and oneDNN's each accumulating in float32 in its own order:
/// they agree to about a bfloat16 rounding of the logits (2e-2 relative); dtypes, scales and the clipped norm
/// are exact, the float32 clipping norm within 1e-3.
@Suite struct MixedPrecisionExampleTests {
    @Test func printsTorchsLines() throws {
        let lines = try ExpectedLines("mixed-precision")
        lines.expectMatch(
            tolerance: 2e-2,
            tolerant: { $0.hasPrefix("step") || $0.hasPrefix("clip") || $0.hasPrefix("weight checksum") })
        #expect(lines.ours.contains("set_seed(42) twice, same weights: True"))
        #expect(lines.ours.contains { $0.hasPrefix("weight checksum") })
    }
}
