import Testing

/// Every collective on every float and int dtype and every reduction, synchronous and asynchronous,
/// against the one-process result (the worker's `collectives` scenario checks each one exactly).
@Suite struct CollectiveTests {
    @Test(arguments: [2, 3, 4]) func everyCollectiveUnderMPIRun(processes: Int) throws {
        try MPIJob.expectPasses(
            "collectives", processes: processes, printing: "ok collectives 156 checks on \(processes) ranks")
    }

    /// The network path, not only shared memory: Open MPI's TCP transport alone.
    @Test func overTCP() throws {
        try MPIJob.expectPasses(
            "collectives", processes: 2, printing: "ok collectives 156 checks on 2 ranks",
            mpiOptions: ["--mca", "btl", "tcp,self"])
    }

    /// Started without mpirun, a program is a world of one and never touches MPI.
    @Test func withoutMPIRunTheWorldIsOneProcess() throws {
        try MPIJob.expectPasses("collectives", processes: nil, printing: "ok collectives 156 checks on 1 ranks")
    }
}
