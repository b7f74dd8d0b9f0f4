import ArgumentParser
import Distributed
import Foundation

/// torchrun's elastic restart on MPI: starts the program on N processes under mpirun and, when the job
/// fails (a rank died or threw: mpirun then ends every rank and exits non-zero), starts the whole job
/// again, up to --max-restarts times. Each start sees TORCHELASTIC_RESTART_COUNT, as under torchrun; a
/// program that checkpoints (train-ddp) resumes from its last checkpoint when it is above zero.
@main
struct DDPLaunch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ddp-launch",
        abstract: "Run a program on N processes under mpirun, restarting the whole job when a rank dies.",
        discussion: "Example: ddp-launch --nproc-per-node 2 --max-restarts 3 train-ddp --epochs 5")

    @Option(help: "Processes on this node (mpirun -np).") var nprocPerNode = 1
    @Option(help: "Times the whole job is started again after a failure.") var maxRestarts = 0
    @Option(
        parsing: .singleValue,
        help: ArgumentHelp(
            "An option passed to mpirun as is (repeatable), e.g. --mpi-option=--hostfile=hosts.", valueName: "option"))
    var mpiOption: [String] = []
    @Argument(parsing: .captureForPassthrough, help: "The program and its arguments.") var command: [String]

    func validate() throws {
        guard nprocPerNode >= 1 else { throw ValidationError("--nproc-per-node must be at least 1") }
        guard maxRestarts >= 0 else { throw ValidationError("--max-restarts must not be negative") }
        guard !command.isEmpty else { throw ValidationError("missing the program to run") }
    }

    func run() throws {
        let program = Self.resolve(command[0])
        var status: Int32 = 0
        for attempt in 0...maxRestarts {
            if attempt > 0 {
                note("restart \(attempt) of \(maxRestarts): starting the job again from its last checkpoint")
            }
            status = try runJob(program, attempt: attempt)
            if status == 0 { return }
            note("the job failed (mpirun exit status \(status))")
        }
        note("giving up after \(maxRestarts) restart(s)")
        throw ExitCode(status)
    }

    private func runJob(_ program: String, attempt: Int) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments =
            [MPILaunch.mpirun]
            + MPILaunch.arguments(
                processes: nprocPerNode, mpiOptions: ["-x", "TORCHELASTIC_RESTART_COUNT"] + mpiOption, program: program,
                programArguments: Array(command.dropFirst()))
        var environment = ProcessInfo.processInfo.environment
        environment["TORCHELASTIC_RESTART_COUNT"] = String(attempt)
        environment["TORCHELASTIC_MAX_RESTARTS"] = String(maxRestarts)
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
    }

    private func note(_ message: String) {
        FileHandle.standardError.write(Data("[ddp-launch] \(message)\n".utf8))
    }

    /// A bare program name is looked up next to this launcher first (the built examples), then on PATH.
    static func resolve(_ name: String) -> String {
        guard !name.contains("/") else { return name }
        let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
            name)
        return FileManager.default.isExecutableFile(atPath: sibling.path) ? sibling.path : name
    }
}
