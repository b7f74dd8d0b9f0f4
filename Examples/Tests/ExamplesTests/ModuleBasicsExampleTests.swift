import Testing

/// Guide §4: the models' printouts, parameter counts, parameter names and shapes, output shapes — exactly.
@Suite struct ModuleBasicsExampleTests {
    @Test func printsTorchsLines() throws {
        let lines = try ExpectedLines("module-basics")
        lines.expectMatch()
        #expect(lines.ours.contains("전체 파라미터: 203,530"))
        #expect(lines.ours.contains("    (0-2): 3 x Linear(in_features=64, out_features=64, bias=True)"))
    }
}
