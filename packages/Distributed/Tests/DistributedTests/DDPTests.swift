import Testing

/// DistributedDataParallel under mpirun against one process training on the concatenated batch.
@Suite struct DDPTests {
    /// 2 and 3 ranks × batch 4 for 3 SGD steps: parameters bit-identical across ranks, within 1e-6 of
    /// one process on the whole batch, whose ranks started from different weights (rank 0's win).
    @Test(arguments: [2, 3]) func equalsOneProcessOnTheGlobalBatch(processes: Int) throws {
        try MPIJob.expectPasses("ddp", processes: processes, printing: "ok ddp max difference")
    }

    @Test func noSyncAccumulatesThenAverages() throws {
        try MPIJob.expectPasses("no-sync", processes: 2, printing: "ok no-sync max difference")
    }

    @Test func findUnusedParameters() throws {
        try MPIJob.expectPasses("unused", processes: 2, printing: "ok unused")
    }

    @Test func broadcastBuffers() throws {
        try MPIJob.expectPasses("buffers", processes: 2, printing: "ok buffers")
    }

    /// The same job alone (world of one) is plain training: the reference itself.
    @Test func worldOfOne() throws {
        try MPIJob.expectPasses("ddp", processes: nil, printing: "ok ddp max difference 0.0")
    }
}
