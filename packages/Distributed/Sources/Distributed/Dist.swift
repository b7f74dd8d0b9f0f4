import CMPIShim
import Foundation
import Synchronization
import TensorCore

/// `torch.distributed` (`dist`): the default process group and its collectives. Launch under
/// `mpirun -np N program` (README, "Launching"); without a launcher the world is one process.
public enum Dist {
    private static let state = Mutex<(group: ProcessGroup?, mpiFinalized: Bool)>((nil, false))

    /// `dist.init_process_group(backend)`. The rank and world size come from the launcher.
    /// PyTorch: `torch.distributed.init_process_group` (backend "mpi" only).
    public static func initProcessGroup(backend: String = "mpi") {
        torchCheck(backend == "mpi", "Invalid backend: '\(backend)'. Only 'mpi' (Open MPI) is available here")
        state.withLock { state in
            torchCheck(
                state.group == nil,
                "trying to initialize the default process group twice!")
            torchCheck(
                !state.mpiFinalized,
                "MPI was finalized by destroyProcessGroup() and cannot be initialized again in this process")
            state.group = ProcessGroup.make()
        }
        // A process that exits with the group still up ends the whole job (MPI_Abort). Finalizing there
        // instead would hang: MPI_Finalize waits for every rank, and the others may be blocked in a
        // collective this rank will never join (a rank that exit()s on an error).
        atexit { Dist.abortAtExit() }
    }

    /// `dist.destroy_process_group()`: waits for queued collectives, then ends MPI.
    /// PyTorch: `torch.distributed.destroy_process_group`.
    public static func destroyProcessGroup() {
        let group = state.withLock { state -> ProcessGroup? in
            let group = state.group
            state.group = nil
            if group?.comm != nil { state.mpiFinalized = true }
            return group
        }
        torchCheck(
            group != nil, "Default process group has not been initialized, please make sure to call init_process_group."
        )
        group!.finalize()
    }

    private static func abortAtExit() {
        guard let group = state.withLock({ $0.group }), group.comm != nil else { return }
        FileHandle.standardError.write(
            Data(
                "[rank \(group.rank)] exiting without destroyProcessGroup(): ending every rank of the job (MPI_Abort)\n"
                    .utf8))
        dmpi_abort(1)
    }

    /// `dist.is_initialized()`.
    /// PyTorch: `torch.distributed.is_initialized`.
    public static var isInitialized: Bool { state.withLock { $0.group != nil } }

    /// `dist.is_mpi_available()`: always, it is linked in.
    /// PyTorch: `torch.distributed.is_mpi_available`.
    public static var isMPIAvailable: Bool { true }

    /// The default group (`dist.group.WORLD`).
    /// PyTorch: `torch.distributed.group.WORLD`.
    public static var group: ProcessGroup {
        guard let group = state.withLock({ $0.group }) else {
            torchFail("Default process group has not been initialized, please make sure to call init_process_group.")
        }
        return group
    }

    /// `dist.get_rank()`.
    /// PyTorch: `torch.distributed.get_rank`.
    public static var rank: Int { group.rank }
    /// `dist.get_world_size()`.
    /// PyTorch: `torch.distributed.get_world_size`.
    public static var worldSize: Int { group.worldSize }

    /// Stops every rank of the job: prints `message` on this rank's stderr, then MPI_Abort (mpirun
    /// ends the other ranks and exits non-zero). In a group of one it exits with `code`.
    /// No PyTorch counterpart (torch ranks raise and torchrun tears the job down): fails the whole job at once.
    public static func abort(_ message: String, code: Int32 = 1) -> Never {
        let rank = state.withLock { $0.group?.rank }
        FileHandle.standardError.write(Data("[rank \(rank ?? 0)] \(message)\n".utf8))
        if state.withLock({ $0.group?.comm != nil }) { dmpi_abort(code) }
        exit(code)
    }
}
