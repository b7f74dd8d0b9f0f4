import CMPIShim
import Foundation
import TensorCore

/// The world of processes one job runs as (torch's default process group), on MPI's MPI_COMM_WORLD.
/// A program started without a launcher (no mpirun, srun or PMI variables in its environment) is a
/// group of one and never touches MPI, as torch's world size 1 needs no rendezvous.
public final class ProcessGroup: @unchecked Sendable {
    /// This process's rank, 0 ..< worldSize (PyTorch: `ProcessGroup.rank()`).
    public let rank: Int
    /// The number of processes (PyTorch: `ProcessGroup.size()`).
    public let worldSize: Int
    /// The thread collectives run on (nil in a group of one, where every collective is local).
    let comm: CommThread?

    init(rank: Int, worldSize: Int, comm: CommThread?) {
        self.rank = rank
        self.worldSize = worldSize
        self.comm = comm
    }

    /// True when one of the launchers MPI understands started this process.
    static var launchedByMPI: Bool {
        let environment = ProcessInfo.processInfo.environment
        return ["OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"].contains { environment[$0] != nil }
    }

    static func make() -> ProcessGroup {
        guard launchedByMPI else { return ProcessGroup(rank: 0, worldSize: 1, comm: nil) }
        var rank: Int32 = 0, size: Int32 = 0, multithreaded: Int32 = 0
        checkMPI(dmpi_init(&rank, &size, &multithreaded), "MPI_Init_thread")
        torchCheck(multithreaded != 0, "Distributed needs an MPI built with MPI_THREAD_MULTIPLE support")
        return ProcessGroup(rank: Int(rank), worldSize: Int(size), comm: CommThread())
    }

    /// Runs `job` (MPI calls on already staged buffers) in issue order. Synchronous calls run on the
    /// caller's thread when nothing is queued (no thread hand-off on the common path); `then` runs on
    /// the caller's thread once the job is done (copies back into the user's tensors).
    func run(async: Bool, _ job: @escaping @Sendable () -> Void, then: @escaping () -> Void) -> Work {
        guard let comm else {
            job()
            then()
            return Work.completed()
        }
        if !async && comm.isIdle {
            job()
            then()
            return Work.completed()
        }
        let work = Work(finish: then)
        comm.enqueue {
            job()
            work.markCompleted()
        }
        if !async { work.wait() }
        return work
    }

    func finalize() {
        guard let comm else { return }
        comm.stop()
        checkMPI(dmpi_finalize(), "MPI_Finalize")
    }
}
