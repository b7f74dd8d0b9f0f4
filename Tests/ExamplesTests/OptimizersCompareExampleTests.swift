import Testing

/// Guide §11: the optimizers' reprs, a 100-step comparison, per-group learning rates and a .pt checkpoint of
/// model and optimizer state that restores exactly.
@Suite struct OptimizersCompareExampleTests {
    @Test func printsTorchsLines() throws {
        let lines = try ExpectedLines("optimizers-compare")
        // The guide passes RMSprop `momentum=0.0`, a Python float, so torch prints `0.0`. A Swift Double argument
        // cannot tell 0.0 from the default 0, and the optimizer keeps the default's Python type (int 0).
        let momentum = "    momentum: 0.0"
        // Losses after float32 training steps: equal to torch's at 4 decimals up to the last digit.
        lines.expectMatch(tolerance: 1e-3, tolerant: { $0.contains(" step ") }, skip: { $0 == momentum })
        #expect(lines.ours.filter { $0 == "    momentum: 0" }.count == 1)
        #expect(
            lines.ours.suffix(4) == [
                "start_epoch: 10",
                "optimizer state: 4 tensors, keys ['exp_avg', 'exp_avg_sq', 'step'], step 5.0",
                "복원 후 한 스텝: 원본과 동일 = True",
                "",
            ])
        // Every optimizer learns: the loss after 100 steps is below the first.
        for name in ["SGD", "Adam", "AdamW", "RMSprop"] {
            let first = lines.numbers(onLineStartingWith: "\(name) step 1:")?.last ?? 0
            let last = lines.numbers(onLineStartingWith: "\(name) step 100:")?.last ?? .infinity
            #expect(last < first, "\(name): \(first) → \(last)")
        }
    }
}
