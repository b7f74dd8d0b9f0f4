import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

/// A process killed in the middle of a save leaves the previous checkpoint intact.
@Suite struct AtomicSaveTests {
    /// Old checkpoint content: small; the new one is large enough to be written in many chunks.
    static func old() -> StateValue { ["epoch": 1, "w": .tensor(Tensor([1.0, 2.0, 3.0]))] }

    static func big() -> StateValue {
        var dict = StateDict()
        dict["epoch"] = 2
        for i in 0..<8 { dict["layer\(i).weight"] = .tensor(Tensor.full([256, 1024], .double(Double(i)))) }
        return .dict(dict)
    }

    @Test(arguments: ["ckpt.pt", "ckpt.h5", "ckpt.safetensors"])
    func killedSaveKeepsThePreviousFile(_ name: String) async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/" + name
        let previous: StateValue =
            name.hasSuffix(".safetensors") ? ["w": .tensor(Tensor([1.0, 2.0, 3.0]))] : Self.old()
        try Checkpoint.save(previous, to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))

        // The child saves over `path` and SIGKILLs itself after the third chunk reaches the temp file.
        await #expect(processExitsWith: .signal(SIGKILL)) { [path = path as String] in
            nonisolated(unsafe) var chunks = 0
            AtomicFile.afterChunkHook = {
                chunks += 1
                if chunks == 3 { kill(getpid(), SIGKILL) }
            }
            var value = AtomicSaveTests.big()
            if path.hasSuffix(".safetensors"), case .dict(var d) = value {
                d["epoch"] = nil
                value = .dict(d)
            }
            try? Checkpoint.save(value, to: path)
        }

        let after = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(after == before, "the previous checkpoint changed")
        #expect(stateDifferences(try Checkpoint.load(from: path), previous).isEmpty)
        // The interrupted temp file proves the kill happened mid-write.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }
        #expect(leftovers.count == 1)
    }

    @Test func completedSaveReplacesAndLeavesNoTemp() throws {
        let folder = try Fixtures.temporaryFolder()
        for name in ["a.pt", "a.h5", "a.safetensors"] {
            let path = folder + "/" + name
            try Checkpoint.save(["w": .tensor(Tensor([1.0]))], to: path)
            try Checkpoint.save(["w": .tensor(Tensor([2.0]))], to: path)
            #expect(try Checkpoint.load(from: path)["w"]?.tensor?.toArray(Float.self) == [2])
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.h5", "a.pt", "a.safetensors"])
    }

    @Test func saveIntoAMissingFolderThrows() {
        #expect(throws: CheckpointError.self) { try Checkpoint.save(["a": 1], to: "/nonexistent-folder/x.pt") }
        #expect(throws: CheckpointError.self) { try Checkpoint.save(["a": 1], to: "/tmp/x.unknown") }
    }
}
