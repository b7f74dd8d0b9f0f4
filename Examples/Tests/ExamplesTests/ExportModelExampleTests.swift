import Foundation
import Testing

/// Guide §16: trace, save, load and run; ONNX export with a dynamic batch; compile — the lines torch prints
/// (the saved files are ONNX here, TorchScript in the twin), and the files it wrote are there.
@Suite struct ExportModelExampleTests {
    @Test func printsWhatTorchPrints() throws {
        let lines = try ExpectedLines("export-model")
        lines.expectMatch()
        #expect(lines.ours.contains("불러온 모델 출력 일치: True"))
    }
}
