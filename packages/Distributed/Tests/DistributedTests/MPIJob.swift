import Distributed
import Foundation
import Testing
import TorchTestSupport

/// Runs `distributed-worker` (built next to the test bundle) under real mpirun, or alone as a group of
/// one, and returns what the job did; a job still running after `timeout` seconds is ended and reported.
struct MPIJob {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Result {
        let status: Int32
        let out: String
        let err: String
        let seconds: Double
    }

    static func worker(_ scenario: String, processes: Int?, mpiOptions: [String] = [], timeout: Double = 60) throws
        -> Result
    {
        let program = builtExecutable("distributed-worker", repoRoot: repoRoot).path
        if let processes {
            return try run(
                MPILaunch.mpirun,
                MPILaunch.arguments(
                    processes: processes, mpiOptions: mpiOptions, program: program, programArguments: [scenario]),
                timeout: timeout)
        }
        return try run(program, [scenario], timeout: timeout)
    }

    static func run(_ executable: String, _ arguments: [String], timeout: Double, directory: URL? = nil) throws
        -> Result
    {
        let process = Process()
        process.executableURL =
            executable.hasPrefix("/") ? URL(fileURLWithPath: executable) : URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"  // a failing rank stops at once, no symbolication
        process.environment = environment
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        let watchdog = Thread {
            while process.isRunning && Date().timeIntervalSince(start) < timeout { usleep(50_000) }
            if process.isRunning { process.terminate() }
        }
        watchdog.start()
        let (status, stdout, stderr) = finishChildProcess(process, out: out, err: err)
        return Result(status: status, out: stdout, err: stderr, seconds: Date().timeIntervalSince(start))
    }
}

extension MPIJob {
    /// Runs a worker scenario that checks itself: it must exit 0 with rank 0 printing `line`.
    static func expectPasses(
        _ scenario: String, processes: Int?, printing line: String, mpiOptions: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let job = try worker(scenario, processes: processes, mpiOptions: mpiOptions)
        #expect(job.status == 0, "\(job.err)", sourceLocation: sourceLocation)
        #expect(job.out.contains(line), "\(job.out)", sourceLocation: sourceLocation)
    }
}
