import Foundation
import Testing

/// Guide §15: state dict, checkpoint and resume print what torch prints (the checkpoints are HDF5 here,
/// `.pt` in the twin), and bad checkpoints stop with a message naming the file.
@Suite struct SaveLoadExampleTests {
    @Test func printsWhatTorchPrints() throws {
        let lines = try ExpectedLines("save-load")
        let saved = "체크포인트 저장: "
        lines.expectMatch(skip: { $0.hasPrefix(saved) })
        // The twin's torch.save writes .pt where the program writes HDF5.
        #expect(
            lines.ours.filter { $0.hasPrefix(saved) }
                == lines.torch.filter { $0.hasPrefix(saved) }.map { $0.replacingOccurrences(of: ".pt", with: ".h5") })
        #expect(lines.ours.contains("재개: epoch=50, loss=0.2500"))
        #expect(lines.ours.contains("재개한 학습의 가중치 = 중단 없는 학습의 가중치: True"))
    }

    @Test func corruptAndMissingCheckpointsAreClearErrors() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("save-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let corrupt = folder.appendingPathComponent("corrupt.h5").path
        try Data("not an HDF5 file".utf8).write(to: URL(fileURLWithPath: corrupt))
        let missing = folder.appendingPathComponent("missing.h5").path
        for path in [corrupt, missing] {
            let result = try ExampleRunner.run("save-load", ["--resume", path])
            #expect(result.status != 0)
            #expect(result.err.hasPrefix("error: \(path): "), "\(result.err)")
            #expect(result.out.isEmpty)
        }
    }
}
