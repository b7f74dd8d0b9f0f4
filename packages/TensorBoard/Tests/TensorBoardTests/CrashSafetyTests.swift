import Foundation
import TensorBoardTestSupport
import Testing

@testable import TensorBoard

/// A run killed mid-write stays readable up to its last complete record; I/O errors are reported, never
/// crash, and never stop the training that logs.
@Suite struct CrashSafetyTests {
    @Test func truncatedMidRecordReadsUpToTheLastCompleteOne() throws {
        let dir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try SummaryWriter(logDir: dir.path)
        for step in 0..<10 { writer.addScalar("loss", Double(step), globalStep: step, walltime: Double(step)) }
        try writer.close()
        let file = try #require(
            try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil).first)
        let bytes = try Data(contentsOf: file)
        // Each scalar record here is the same size; cut the last one in the middle of its data.
        let recordSize = TFRecord.frame(
            EventProto(wallTime: 9, step: 9, what: .summary(.init(values: [.init(tag: "loss", kind: .simpleValue(9))])))
                .serialized()
        ).count
        try bytes.prefix(bytes.count - recordSize / 2).write(to: file)
        let steps = try #require(try EventReader.runs(dir)["."]).events("scalars", "loss").map { $0["step"] as? Int }
        #expect(steps == (0..<9).map { $0 })
    }

    /// A child process logs, flushes, queues more and is killed with SIGKILL before it can flush again or
    /// exit: what was flushed is there and readable, the queued rest is lost, the file is not corrupt.
    @Test func killedWriterLeavesAReadableFile() async throws {
        let dir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        await #expect(processExitsWith: .signal(SIGKILL)) { [path = dir.path as String] in
            let writer = try SummaryWriter(logDir: path, maxQueue: 1000, flushSecs: 3600)
            for step in 0..<20 { writer.addScalar("loss", Double(step), globalStep: step) }
            try writer.flush()
            for step in 20..<40 { writer.addScalar("loss", Double(step), globalStep: step) }
            kill(getpid(), SIGKILL)
        }
        let steps = try #require(try EventReader.runs(dir)["."]).events("scalars", "loss").map { $0["step"] as? Int }
        #expect(steps == (0..<20).map { $0 })
    }

    /// A script that never flushes or closes loses nothing: the exit hook writes the queue.
    @Test func exitWithoutCloseFlushes() async throws {
        let dir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        await #expect(processExitsWith: .success) { [path = dir.path as String] in
            let writer = try SummaryWriter(logDir: path, maxQueue: 1000, flushSecs: 3600)
            for step in 0..<30 { writer.addScalar("loss", Double(step), globalStep: step) }
            exit(0)
        }
        let steps = try #require(try EventReader.runs(dir)["."]).events("scalars", "loss").map { $0["step"] as? Int }
        #expect(steps == (0..<30).map { $0 })
    }

    @Test func unwritableLogDirIsAClearErrorAtInit() throws {
        let dir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("a-file")
        try Data("x".utf8).write(to: file)
        let logDir = file.appendingPathComponent("runs").path
        #expect(throws: TensorBoardError.cannotOpen(path: logDir, reason: "Not a directory")) {
            _ = try SummaryWriter(logDir: logDir)
        }
        let message = "\(TensorBoardError.cannotOpen(path: logDir, reason: "Not a directory"))"
        #expect(message == "TensorBoard: cannot open \(logDir): Not a directory")
    }

    /// A full disk (/dev/full answers every write with ENOSPC): adding goes on, the first batch that fails
    /// is reported by flush and close, and the header that could not be written fails at init.
    @Test func fullDiskIsReportedOnFlushAndClose() throws {
        #expect(throws: TensorBoardError.writeFailed(path: "/dev/full", reason: "No space left on device")) {
            _ = try EventFileWriter(
                logDir: "/dev", file: try EventFile(path: "/dev/full"), maxQueue: 10, flushSecs: 120)
        }
        // The disk fills after the header: a writer on /dev/full that skips the header.
        let full = try EventFile(path: "/dev/full")
        let failing = try EventFileWriter(logDir: "/dev", file: full, maxQueue: 2, flushSecs: 120, header: false)
        for step in 0..<50 { failing.add(EventProto(wallTime: 1, step: Int64(step), what: .fileVersion("x"))) }
        #expect(throws: TensorBoardError.writeFailed(path: "/dev/full", reason: "No space left on device")) {
            try failing.flush()
        }
        #expect(throws: TensorBoardError.writeFailed(path: "/dev/full", reason: "No space left on device")) {
            try failing.close()
        }
    }

    @Test func flushSecsWritesWithoutAFlushCall() throws {
        let dir = temporaryLogDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let writer = try SummaryWriter(logDir: dir.path, flushSecs: 0.2)
        writer.addScalar("x", 1, globalStep: 1)
        let file = try #require(
            try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil).first)
        let header = try Data(contentsOf: file).count
        var size = header
        for _ in 0..<50 where size == header {
            Thread.sleep(forTimeInterval: 0.1)
            size = try Data(contentsOf: file).count
        }
        #expect(size > header)
        try writer.close()
    }
}
