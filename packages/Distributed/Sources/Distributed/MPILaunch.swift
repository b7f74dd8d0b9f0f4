import Foundation

/// The `mpirun` command line for N processes of a program on this machine, with the flags a small or
/// shared machine needs: `--oversubscribe` (more ranks than cores), `--bind-to none` (no rank pinned to a
/// core another job also uses) and, for root, `--allow-run-as-root`. Used by the launcher and the tests.
public enum MPILaunch {
    public static var mpirun: String {
        ProcessInfo.processInfo.environment["MPIRUN"] ?? "mpirun"
    }

    public static func arguments(processes: Int, mpiOptions: [String] = [], program: String, programArguments: [String] = []) -> [String] {
        var arguments = ["-np", String(processes), "--oversubscribe", "--bind-to", "none"]
        if getuid() == 0 { arguments.append("--allow-run-as-root") }
        return arguments + mpiOptions + [program] + programArguments
    }
}
