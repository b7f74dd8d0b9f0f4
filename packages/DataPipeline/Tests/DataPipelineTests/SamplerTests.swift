import Foundation
import TensorCore
import Testing

@testable import DataPipeline

@Suite struct SamplerTests {
    let f = try! Fixture("samplers")

    @Test func randpermMatchesTorch() {
        for seed: UInt64 in [0, 1, 42, (1 << 32) + 7] {
            for n in [1, 2, 10, 100] {
                #expect(Generator(seed: seed).randperm(n) == f.ints("randperm_\(seed)_\(n)"), "seed \(seed) n \(n)")
            }
        }
    }

    @Test func randomSamplersMatchTorch() {
        for seed: UInt64 in [0, 123] {
            #expect(RandomSampler(count: 10, generator: Generator(seed: seed)).indices() == f.ints("random_\(seed)"))
            #expect(
                RandomSampler(count: 7, numSamples: 17, generator: Generator(seed: seed)).indices()
                    == f.ints("random_more_\(seed)"))
            #expect(
                RandomSampler(count: 10, replacement: true, numSamples: 40, generator: Generator(seed: seed)).indices()
                    == f.ints("random_replacement_\(seed)"))
            #expect(
                SubsetRandomSampler([3, 5, 7, 11, 13], generator: Generator(seed: seed)).indices()
                    == f.ints("subset_random_\(seed)"))
            #expect(
                WeightedRandomSampler(
                    weights: [0.1, 0.5, 2.0, 0.0, 1.0], numSamples: 30, generator: Generator(seed: seed)
                ).indices()
                    == f.ints("weighted_\(seed)"))
            let weights = [0.1, 0.5, 2.0, 0.0, 1.0]
            #expect(
                WeightedRandomSampler(weights: weights, numSamples: 1, generator: Generator(seed: seed)).indices()
                    == f.ints("weighted_one_\(seed)"))
            #expect(
                WeightedRandomSampler(
                    weights: weights, numSamples: 4, replacement: false, generator: Generator(seed: seed)
                ).indices()
                    == f.ints("weighted_noreplace_\(seed)"))
        }
    }

    @Test func dataLoaderShuffleMatchesTorch() throws {
        for seed: UInt64 in [0, 123] {
            let data = AnyDataset(count: 23) { $0 }
            let loader = DataLoader(data, batchSize: 5, shuffle: true, generator: Generator(seed: seed))
            var batches: [[Int]] = []
            try loader.iterate { batches.append($0.toArray(Int64.self).map { Int($0) }) }
            #expect(batches == (f["loader_shuffle_\(seed)"] as! [Any]).map(ints))

            let two = DataLoader(
                AnyDataset(count: 9) { $0 }, batchSize: 4, shuffle: true, dropLast: true,
                generator: Generator(seed: seed))
            var epochs: [[[Int]]] = []
            for _ in 0..<2 {
                var e: [[Int]] = []
                try two.iterate { e.append($0.toArray(Int64.self).map { Int($0) }) }
                epochs.append(e)
            }
            #expect(epochs == (f["loader_two_epochs_\(seed)"] as! [Any]).map { ($0 as! [Any]).map(ints) })
        }
    }

    @Test func randomSplitMatchesTorch() throws {
        let data = AnyDataset(count: 10) { $0 }
        for seed: UInt64 in [0, 123] {
            let parts = try randomSplit(data, lengths: [3, 7], generator: Generator(seed: seed))
            #expect(parts.map(\.indices) == (f["random_split_\(seed)"] as! [Any]).map(ints))
            let fractions = try randomSplit(
                AnyDataset(count: 11) { $0 }, lengths: [0.5, 0.3, 0.2], generator: Generator(seed: seed))
            #expect(fractions.map(\.indices) == (f["random_split_frac_\(seed)"] as! [Any]).map(ints))
        }
        #expect(throws: DataError.self) { try randomSplit(data, lengths: [3, 8]) }
    }

    @Test func distributedSamplerMatchesTorch() {
        for c in f["distributed"] as! [[String: Any]] {
            let n = c["n"] as! Int, replicas = c["replicas"] as! Int
            let ranks = (c["ranks"] as! [Any]).map(ints)
            for rank in 0..<replicas {
                let s = DistributedSampler(
                    count: n, numReplicas: replicas, rank: rank, shuffle: c["shuffle"] as! Bool,
                    seed: UInt64(c["seed"] as! Int), dropLast: c["drop_last"] as! Bool)
                s.setEpoch(c["epoch"] as! Int)
                #expect(s.indices() == ranks[rank], "\(c)")
                #expect(s.count == c["len"] as! Int)
            }
        }
    }

    /// `torch.manual_seed(s)`, then a shuffled DataLoader and `random_split` with no generator: both draw
    /// from the global generator, one stream. In a child process, since other tests use that generator too.
    @Test func manualSeedDrivesShuffleAndSplit() async {
        await #expect(processExitsWith: .success) {
            let f = try! Fixture("samplers")
            for seed in [0, 7] {
                let expected = f["global_loader_\(seed)"] as! [String: Any]
                manualSeed(seed)
                var epoch: [Int] = []
                try! DataLoader(AnyDataset(count: 20) { $0 }, shuffle: true).iterate {
                    epoch.append(Int($0.item(Int64.self)))
                }
                let split = try! randomSplit(AnyDataset(count: 10) { $0 }, lengths: [4, 6]).map(\.indices)
                if epoch != ints(expected["epoch"]!) || split != (expected["split"] as! [Any]).map(ints) {
                    FileHandle.standardError.write(Data("seed \(seed): epoch \(epoch) split \(split)\n".utf8))
                    exit(1)
                }
            }
        }
    }

    @Test func transformDrawsMatchTorchGlobalGenerator() {
        let g = Generator(seed: 3)
        #expect((0..<5).map { _ in g.uniformFloat() } == (f["rand_float_3"] as! [Double]).map { Float($0) })
        let h = Generator(seed: 3)
        #expect((0..<5).map { _ in h.randint(0, 9) } == f.ints("randint_3"))
    }

    @Test func batchSamplerCounts() {
        let b = BatchSampler(SequentialSampler(count: 10), batchSize: 3, dropLast: false)
        #expect(b.count == 4)
        #expect(b.batches() == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]])
        let d = BatchSampler(SequentialSampler(count: 10), batchSize: 3, dropLast: true)
        #expect(d.count == 3 && d.batches().count == 3)
    }
}
