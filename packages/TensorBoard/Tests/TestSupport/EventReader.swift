import Foundation
import Testing
import TorchTestSupport

/// Runs TensorBoard's own EventAccumulator (../Reader/read_events.py) on a log directory, with the Python
/// named by TENSORBOARD_PYTHON (a venv with `pip install tensorboard`; `make setup-tensorboard` makes one).
/// Unset, the calling test fails saying how to set it: these tests are the proof TensorBoard reads us.
public enum EventReader {
    public static func python() throws -> String {
        let python = ProcessInfo.processInfo.environment["TENSORBOARD_PYTHON"] ?? ""
        try #require(
            !python.isEmpty,
            """
            TENSORBOARD_PYTHON is not set: these tests read the event files with TensorBoard itself. Run \
            `make setup-tensorboard` and `export TENSORBOARD_PYTHON=$PWD/.venv-tensorboard/bin/python` \
            (any Python with `pip install tensorboard` works).
            """)
        return python
    }

    /// `{relative run dir: run}` as read_events.py prints it.
    public static func runs(_ logDir: URL) throws -> [String: [String: Any]] {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../Reader/read_events.py").standardized.path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try python())
        process.arguments = [script, logDir.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let result = finishChildProcess(process, out: out, err: err)
        try #require(result.status == 0, "read_events.py failed: \(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        return try #require(json["runs"] as? [String: [String: Any]])
    }
}

/// A fresh directory under the temporary folder, removed by the caller's `defer`.
public func temporaryLogDir(_ name: String = #function) -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("tb-\(name.filter(\.isLetter))-\(getpid())-\(UUID().uuidString.prefix(8))")
    try? FileManager.default.removeItem(at: url)
    return url
}

extension Dictionary where Key == String, Value == Any {
    /// `run[kind][tag]` as a list of event records.
    public func events(_ kind: String, _ tag: String) -> [[String: Any]] {
        ((self[kind] as? [String: Any])?[tag] as? [[String: Any]]) ?? []
    }
}

extension Dictionary where Key == String, Value == Any {
    /// A float the reader also printed as hex (`<key>_hex`), exactly.
    public func exact(_ key: String) -> Double? { (self[key + "_hex"] as? String).flatMap { Double($0) } }
}
