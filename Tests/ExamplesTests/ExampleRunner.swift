import Foundation
import Testing

/// Runs one of the guide's example programs (built next to the test bundle, because ExamplesTests depends on
/// every example target) in a fresh temporary folder, and returns its exit status and output.
struct ExampleRunner {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The repository's bundled data (MNIST, the CIFAR-10 sample, ...), passed to examples that read it.
    static var dataDirectory: String { repoRoot.appendingPathComponent("data").path }

    static func executable(_ name: String) -> URL {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(name),
            Bundle.main.bundleURL.appendingPathComponent(name),
            repoRoot.appendingPathComponent(".build/debug/\(name)"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    struct Result {
        let status: Int32
        let out: String
        let err: String
        var lines: [String] { out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Runs `name` with `arguments` in a new temporary working folder (removed afterwards).
    static func run(_ name: String, _ arguments: [String] = []) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("example-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = executable(name)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read stderr on its own thread so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errReader.isFinished { usleep(1000) }
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    /// The lines torch printed for the same program, committed under Expected/ by `generate_expected.sh`.
    static func expected(_ name: String) throws -> [String] {
        let url = repoRoot.appendingPathComponent("Tests/ExamplesTests/Expected/\(name).txt")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }
}
