import Testing

/// Guide §3: 49, 14, 14, [2, 4, 6] twice, accumulation 4/8/12, no_grad/detach, second derivative 108 —
/// every line exactly as torch prints it.
@Suite struct AutogradBasicsExampleTests {
    @Test func printsTorchsLines() throws {
        let lines = try ExpectedLines("autograd-basics")
        lines.expectMatch()
        #expect(lines.ours.starts(with: ["z = 49.0", "dz/dx = 14.0", "dz/dy = 14.0", "x.grad: tensor([2., 4., 6.])"]))
        #expect(lines.ours.contains("iteration 2: x.grad = 12.0"))
        #expect(lines.ours.suffix(3) == ["1차 미분: 108.0", "2차 미분: 108.0", ""])
    }
}
