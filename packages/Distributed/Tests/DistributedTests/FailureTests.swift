import Testing

/// Failures end the whole job, quickly and with the reason, never a hang.
@Suite struct FailureTests {
    /// Rank 1's model differs: every rank stops in the constructor, before any broadcast.
    @Test func mismatchedModels() throws {
        let job = try MPIJob.worker("mismatch", processes: 2, timeout: 30)
        #expect(job.status != 0)
        #expect(job.seconds < 30)
        #expect(
            job.err.contains(
                "[1]: params[0] in this process with sizes [7, 6] appears not to match sizes of the same param in process 0."
            ), "\(job.err)")
    }

    /// A rank that fails while the others wait in an all-reduce: mpirun ends them all.
    @Test func aRankThatFailsEndsTheJob() throws {
        let job = try MPIJob.worker("abort", processes: 3, timeout: 30)
        #expect(job.status != 0)
        #expect(job.seconds < 30)
        #expect(job.err.contains("[rank 1] worker failed on purpose in rank 1"), "\(job.err)")
        #expect(!job.out.contains("unreachable"))
    }

    @Test func unusedParameterWithoutTheFlag() throws {
        let job = try MPIJob.worker("unused-without-flag", processes: 2, timeout: 30)
        #expect(job.status != 0)
        #expect(
            job.err.contains("Expected to have finished reduction in the prior iteration before starting a new one."),
            "\(job.err)")
        // Each rank stops on its own; mpirun may end the other before it prints, so either rank's line.
        #expect(job.err.contains(/Parameter indices which did not receive grad for rank [01]: 4 5/), "\(job.err)")
        #expect(!job.out.contains("unreachable"))
    }
}

extension FailureTests {
    /// An error thrown out of one rank's code (no abort call): that process ends, mpirun ends the rest.
    @Test func aRankThatThrowsEndsTheJob() throws {
        let job = try MPIJob.worker("throw", processes: 2, timeout: 30)
        #expect(job.status != 0)
        #expect(job.seconds < 30)
        #expect(job.err.contains("rank 1 threw on purpose"), "\(job.err)")
        #expect(!job.out.contains("unreachable"))
    }
}

extension FailureTests {
    /// A rank that calls exit() with the group still up (no MPI_Finalize, which would wait for ranks stuck
    /// in a collective forever) ends the job.
    @Test func aRankThatExitsEndsTheJob() throws {
        let job = try MPIJob.worker("exit", processes: 2, timeout: 30)
        #expect(job.status != 0)
        #expect(job.seconds < 30)
        #expect(job.err.contains("rank 1 exits on purpose"), "\(job.err)")
        #expect(job.err.contains("[rank 1] exiting without destroyProcessGroup()"), "\(job.err)")
        #expect(!job.out.contains("unreachable"))
    }
}
