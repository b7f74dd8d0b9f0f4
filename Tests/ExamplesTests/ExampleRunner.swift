import Foundation
import Testing
import TorchTestSupport

/// Runs one of the guide's example programs (built next to the test bundle, because ExamplesTests depends on
/// every example target) in a fresh temporary folder, and returns its exit status and output.
struct ExampleRunner {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The repository's bundled data (MNIST, the CIFAR-10 sample, ...), passed to examples that read it.
    static var dataDirectory: String { repoRoot.appendingPathComponent("data").path }

    static func executable(_ name: String) -> URL { builtExecutable(name, repoRoot: repoRoot) }

    struct Result {
        let status: Int32
        let out: String
        let err: String
        var lines: [String] { out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Runs `name` with `arguments` in a new temporary working folder (removed afterwards).
    static func run(_ name: String, _ arguments: [String] = []) throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "example-\(name)-\(UUID().uuidString)")
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
        let (status, stdout, stderr) = finishChildProcess(process, out: out, err: err)
        return Result(status: status, out: stdout, err: stderr)
    }

    /// The lines torch printed for the same program, committed under Expected/ by `generate_expected.sh`.
    static func expected(_ name: String) throws -> [String] {
        let url = repoRoot.appendingPathComponent("Tests/ExamplesTests/Expected/\(name).txt")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
    }
}
