import Foundation

/// The `mpirun` command line for N processes of a program on this machine, with the flags a small or
/// shared machine needs: `--oversubscribe` (more ranks than cores), `--bind-to none` (no rank pinned to a
/// core another job also uses), `mpi_yield_when_idle` (a rank waiting for its peers yields its core instead
/// of spinning on it: on a loaded 2-core machine a spinning rank starves the one it waits for — 3x slower
/// DDP steps measured) and, for root, `--allow-run-as-root`. Used by the launcher, the tests and the benchmark.
/// No PyTorch counterpart: plays the part of `torchrun`/`torch.distributed.launch` for the MPI backend.
public enum MPILaunch {
    /// The `mpirun` to run: `$MPIRUN` when set (no PyTorch counterpart).
    public static var mpirun: String {
        ProcessInfo.processInfo.environment["MPIRUN"] ?? "mpirun"
    }

    /// The arguments after `mpirun` for `processes` ranks of `program` (no PyTorch counterpart; cf. `torchrun --nproc-per-node`).
    public static func arguments(
        processes: Int, mpiOptions: [String] = [], program: String, programArguments: [String] = []
    ) -> [String] {
        var arguments = [
            "-np", String(processes), "--oversubscribe", "--bind-to", "none", "--mca", "mpi_yield_when_idle", "1",
        ]
        if getuid() == 0 { arguments.append("--allow-run-as-root") }
        return arguments + mpiOptions + [program] + programArguments
    }
}
