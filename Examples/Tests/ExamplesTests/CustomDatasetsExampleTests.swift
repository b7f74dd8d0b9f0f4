import Testing

/// Guide §10: data set sizes, batch shapes, the JPEG sample and the seeded WeightedRandomSampler's class
/// counts are torch's, line for line.
@Suite struct CustomDatasetsExampleTests {
    @Test func printsWhatTorchPrints() throws {
        let lines = try ExpectedLines("custom-datasets")
        lines.expectMatch()
        #expect(lines.ours.contains("배치 X: torch.Size([64, 20])"))
    }

    @Test func missingDataFolderIsAClearError() throws {
        let result = try ExampleRunner.run("custom-datasets", ["--data-dir", "/nonexistent/jpeg"])
        #expect(result.status != 0)
        #expect(result.err.contains("error: cannot load the image data sets from /nonexistent/jpeg"), "\(result.err)")
        #expect(result.err.contains("annotations.csv"))
    }
}
