import DataPipeline

extension DistributedSampler {
    /// `DistributedSampler(dataset)` with torch's defaults: `num_replicas` and `rank` from the default
    /// process group.
    public convenience init(count: Int, shuffle: Bool = true, seed: UInt64 = 0, dropLast: Bool = false) {
        self.init(
            count: count, numReplicas: Dist.worldSize, rank: Dist.rank, shuffle: shuffle, seed: seed, dropLast: dropLast
        )
    }
}
