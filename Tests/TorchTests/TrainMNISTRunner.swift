import Foundation
import TorchTestSupport

/// Runs the built `train-mnist` (the test target depends on it, so `swift build --build-tests` builds it
/// next to the test bundle) in a subprocess, in a fresh temporary folder per test.
struct TrainMNISTRunner {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var executable: URL { builtExecutable("train-mnist", repoRoot: repoRoot) }

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("train-mnist-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// A process with stdout/stderr piped, started in the runner's folder; two threads keep it from blocking.
    /// `threads: nil` passes no `--threads`, leaving the count to `environment` (added to this process's).
    func start(_ arguments: [String], threads: Int? = 2, environment: [String: String] = [:]) throws
        -> (Process, stdout: Pipe, stderr: Pipe)
    {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments =
            ["--data-dir", Self.repoRoot.appendingPathComponent("data").path]
            + (threads.map { ["--threads", "\($0)"] } ?? []) + arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return (process, out, err)
    }

    /// Runs to the end: exit status, stdout, stderr.
    func run(_ arguments: [String], threads: Int? = 2, environment: [String: String] = [:]) throws
        -> (status: Int32, out: String, err: String)
    {
        let (process, out, err) = try start(arguments, threads: threads, environment: environment)
        return finishChildProcess(process, out: out, err: err)
    }
}
