import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

/// libhdf5 shuts itself down in an atexit handler. Every entry on a thread's error stack holds a
/// reference to HDF5's error class and messages, and a thread's stack is freed at thread exit without
/// dropping them, so errors left behind by a failed call make that shutdown give up with
/// "HDF5: infinite loop closing library" on stderr (printed because the exiting thread never silenced
/// HDF5's error output). A child process reproduces it: a failed load on a thread of its own, then exit.
@Suite struct HDF5ShutdownTests {
    @Test func failedLoadOnAnotherThreadLeavesAQuietShutdown() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The child's stderr goes to a file: the atexit message comes after the body, in separate writes.
        let log = folder + "/stderr.txt"
        await #expect(processExitsWith: .success) { [folder = folder as String, log = log as String] in
            let fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0, dup2(fd, 2) == 2 else { fatalError("cannot redirect stderr to \(log)") }
            close(fd)
            let finished = DispatchSemaphore(value: 0)
            let worker = Thread {
                HDF5ShutdownTests.loadTruncatedFile(in: folder)
                finished.signal()
            }
            worker.start()
            finished.wait()
        }
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: log)), as: UTF8.self)
        #expect(!text.contains("closing library"), "\(text.prefix(200))")
    }

    /// Saves a small checkpoint, cuts it to 600 bytes and expects the load to fail inside libhdf5
    /// (a truncated superblock: the failure HDF5 itself reports, not one caught before opening).
    static func loadTruncatedFile(in folder: String) {
        do {
            let good = folder + "/good.h5"
            try HDF5File.save(["w": .tensor(Tensor.zeros([64, 64]))], to: good)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: good))
            try bytes.prefix(600).write(to: URL(fileURLWithPath: folder + "/cut.h5"))
            _ = try HDF5File.load(from: folder + "/cut.h5")
            fatalError("a truncated file loaded")
        } catch let error as CheckpointError {
            guard case .malformed(_, _, let reason) = error, reason.contains("truncated") else {
                fatalError("unexpected error \(error)")
            }
        } catch {
            fatalError("unexpected error \(error)")
        }
    }
}
