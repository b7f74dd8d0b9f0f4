import Testing

/// Guide §1: device-check prints its twin's lines (no CUDA, no MPS, device cpu).
@Suite struct DeviceCheckExampleTests {
    @Test func printsTorchsLines() throws {
        let lines = try ExpectedLines("device-check")
        // The first line names a version: torch's installed release there, the release swift-torch follows here.
        let version = "PyTorch 버전: "
        lines.expectMatch(skip: { $0.hasPrefix(version) })
        #expect(lines.ours.first == "\(version)2.15 (swift-torch)")
        #expect(lines.torch.first?.hasPrefix("\(version)2.15") == true)
    }
}
