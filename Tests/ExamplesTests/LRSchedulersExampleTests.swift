import Testing

/// Guide §12: the guide's combined loop and every scheduler's schedule, exactly as torch prints them.
@Suite struct LRSchedulersExampleTests {
    @Test func printsTorchsSchedules() throws {
        let lines = try ExpectedLines("lr-schedulers")
        lines.expectMatch()
        #expect(
            lines.ours.contains(
                "  0:0.100000 10:0.100000 20:0.100000 30:0.010000 40:0.010000 50:0.010000 60:0.001000 70:0.001000 80:0.001000 90:0.000100"
            ))
    }
}
