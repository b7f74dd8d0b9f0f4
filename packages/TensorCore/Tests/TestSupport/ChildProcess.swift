import Foundation

/// Waits for a started process whose stdout and stderr are pipes and returns its exit status and output.
/// stderr is drained on its own thread, so a child that writes a lot to both never blocks on a full pipe.
/// Shared by the tests that run the example programs and the main job.
public func finishChildProcess(_ process: Process, out: Pipe, err: Pipe) -> (status: Int32, out: String, err: String) {
    nonisolated(unsafe) var errData = Data()
    let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
    errReader.start()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    while !errReader.isFinished { usleep(1000) }
    return (
        process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self)
    )
}

/// An executable product built next to the test bundle (a test target that depends on it gets it built by
/// `swift build --build-tests`), else the repository's debug build.
public func builtExecutable(_ name: String, repoRoot: URL) -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name),
        Bundle.main.bundleURL.appendingPathComponent(name),
        repoRoot.appendingPathComponent(".build/debug/\(name)"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
}
