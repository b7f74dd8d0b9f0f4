import Foundation
import TensorCore

/// Yields the data-set indices of one epoch (`torch.utils.data.Sampler`). Each call to `indices()` is a
/// new epoch (random samplers draw again).
public protocol Sampler: AnyObject {
    /// `len(sampler)`.
    var count: Int { get }
    /// One epoch's indices (PyTorch: `torch.utils.data.Sampler.__iter__`).
    func indices() -> [Int]
}

/// Groups indices into batches (`batch_sampler`).
/// PyTorch: what `torch.utils.data.DataLoader`'s `batch_sampler` takes, such as `torch.utils.data.BatchSampler`;
/// a protocol, since Swift needs a type for it.
public protocol BatchSamplerProtocol: AnyObject {
    /// Batches per epoch (PyTorch: `len(batch_sampler)`).
    var count: Int { get }
    /// One epoch's batches of indices (PyTorch: `iter(batch_sampler)`).
    func batches() -> [[Int]]
}

/// `SequentialSampler`: 0, 1, ..., n-1.
/// PyTorch: `torch.utils.data.SequentialSampler`.
public final class SequentialSampler: Sampler {
    /// The data set's size (PyTorch: `torch.utils.data.SequentialSampler.__len__`).
    public let count: Int
    /// Indices `0..<count` (PyTorch: `torch.utils.data.SequentialSampler(data_source)`, which uses only its length).
    public init(count: Int) { self.count = count }
    /// PyTorch: `torch.utils.data.SequentialSampler(data_source)`.
    public convenience init<D: Dataset>(_ dataset: D) { self.init(count: dataset.count) }
    /// `0..<count` in order (PyTorch: `torch.utils.data.SequentialSampler.__iter__`).
    public func indices() -> [Int] { Array(0..<count) }
}

/// `RandomSampler(data_source, replacement, num_samples, generator)` with PyTorch's draws: without
/// replacement, `randperm(n)` per full pass then a truncated one; with replacement, `randint(n)` in
/// blocks of 32. With no generator it seeds a fresh one from the default generator, like PyTorch.
public final class RandomSampler: Sampler {
    /// The data set's size (PyTorch: `len(torch.utils.data.RandomSampler.data_source)`).
    public let dataCount: Int
    /// Whether indices are drawn with replacement (PyTorch: `torch.utils.data.RandomSampler.replacement`).
    public let replacement: Bool
    /// Indices per epoch, the data set's size unless given (PyTorch: `torch.utils.data.RandomSampler.num_samples`).
    public let numSamples: Int
    /// The generator to draw from; nil seeds a fresh one from `DataRandom.current` every epoch
    /// (PyTorch: `torch.utils.data.RandomSampler.generator`).
    public let generator: RandomSource?

    /// A sampler over `dataCount` indices
    /// (PyTorch: `torch.utils.data.RandomSampler(data_source, replacement=False, num_samples=None, generator=None)`).
    public init(count dataCount: Int, replacement: Bool = false, numSamples: Int? = nil, generator: RandomSource? = nil)
    {
        let numSamples = numSamples ?? dataCount
        precondition(
            numSamples > 0, "num_samples should be a positive integer value, but got num_samples=\(numSamples)")
        self.dataCount = dataCount
        self.replacement = replacement
        self.numSamples = numSamples
        self.generator = generator
    }

    /// PyTorch: `torch.utils.data.RandomSampler(data_source, replacement=False, num_samples=None, generator=None)`.
    public convenience init<D: Dataset>(
        _ dataset: D, replacement: Bool = false, numSamples: Int? = nil, generator: RandomSource? = nil
    ) {
        self.init(count: dataset.count, replacement: replacement, numSamples: numSamples, generator: generator)
    }

    /// `numSamples` (PyTorch: `torch.utils.data.RandomSampler.__len__`).
    public var count: Int { numSamples }

    /// One epoch's draws (PyTorch: `torch.utils.data.RandomSampler.__iter__`).
    public func indices() -> [Int] {
        let g = generator ?? Generator(seed: DataRandom.current.randomSeed())
        let n = dataCount
        var result: [Int] = []
        result.reserveCapacity(numSamples)
        if replacement {
            // torch draws blocks of 32; one block of numSamples is the same stream.
            result = g.randint(0, n, count: numSamples)
        } else {
            for _ in 0..<(numSamples / n) { result += g.randperm(n) }
            result += g.randperm(n).prefix(numSamples % n)
        }
        return result
    }
}

/// `SubsetRandomSampler(indices)`: the given indices in `randperm` order.
/// PyTorch: `torch.utils.data.SubsetRandomSampler`.
public final class SubsetRandomSampler: Sampler {
    /// The indices to permute (PyTorch: `torch.utils.data.SubsetRandomSampler.indices`).
    public let subset: [Int]
    /// The generator to draw from; nil uses `DataRandom.current`
    /// (PyTorch: `torch.utils.data.SubsetRandomSampler.generator`).
    public let generator: RandomSource?

    /// PyTorch: `torch.utils.data.SubsetRandomSampler(indices, generator=None)`.
    public init(_ indices: [Int], generator: RandomSource? = nil) {
        self.subset = indices
        self.generator = generator
    }

    /// The number of indices (PyTorch: `torch.utils.data.SubsetRandomSampler.__len__`).
    public var count: Int { subset.count }

    /// `subset` in a fresh `randperm` order (PyTorch: `torch.utils.data.SubsetRandomSampler.__iter__`).
    public func indices() -> [Int] {
        (generator ?? DataRandom.current).randperm(subset.count).map { subset[$0] }
    }
}

/// `WeightedRandomSampler(weights, num_samples, replacement)`: index i with probability weights[i]/sum,
/// drawn by `torch.multinomial` on the float64 weights (TensorCore's, so the same generator state gives
/// PyTorch's indices: a binary search per uniform with replacement, exponential keys without).
public final class WeightedRandomSampler: Sampler {
    /// Each index's relative weight: non-negative, finite, not necessarily summing to 1
    /// (PyTorch: `torch.utils.data.WeightedRandomSampler.weights`, a float64 tensor there).
    public let weights: [Double]
    /// Indices drawn per epoch (PyTorch: `torch.utils.data.WeightedRandomSampler.num_samples`).
    public let numSamples: Int
    /// Whether an index may be drawn more than once (PyTorch: `torch.utils.data.WeightedRandomSampler.replacement`).
    public let replacement: Bool
    /// The generator to draw from; nil uses `DataRandom.current`
    /// (PyTorch: `torch.utils.data.WeightedRandomSampler.generator`).
    public let generator: RandomSource?

    /// PyTorch: `torch.utils.data.WeightedRandomSampler(weights, num_samples, replacement=True, generator=None)`.
    public init(weights: [Double], numSamples: Int, replacement: Bool = true, generator: RandomSource? = nil) {
        precondition(
            numSamples > 0, "num_samples should be a positive integer value, but got num_samples=\(numSamples)")
        precondition(
            weights.allSatisfy { $0 >= 0 && $0.isFinite },
            "invalid multinomial distribution (encountering probability entry < 0)")
        precondition(weights.contains { $0 > 0 }, "invalid multinomial distribution (sum of probabilities <= 0)")
        precondition(
            replacement || numSamples <= weights.count,
            "cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        self.weights = weights
        self.numSamples = numSamples
        self.replacement = replacement
        self.generator = generator
    }

    /// `numSamples` (PyTorch: `torch.utils.data.WeightedRandomSampler.__len__`).
    public var count: Int { numSamples }

    /// One epoch's draws (PyTorch: `torch.utils.data.WeightedRandomSampler.__iter__`).
    public func indices() -> [Int] {
        (generator ?? DataRandom.current).multinomial(weights, numSamples: numSamples, replacement: replacement)
    }
}

/// `BatchSampler(sampler, batch_size, drop_last)`.
/// PyTorch: `torch.utils.data.BatchSampler`.
public final class BatchSampler: BatchSamplerProtocol {
    /// The sampler whose indices are grouped (PyTorch: `torch.utils.data.BatchSampler.sampler`).
    public let sampler: Sampler
    /// Indices per batch (PyTorch: `torch.utils.data.BatchSampler.batch_size`).
    public let batchSize: Int
    /// Whether a last, short batch is dropped (PyTorch: `torch.utils.data.BatchSampler.drop_last`).
    public let dropLast: Bool

    /// PyTorch: `torch.utils.data.BatchSampler(sampler, batch_size, drop_last)`.
    public init(_ sampler: Sampler, batchSize: Int, dropLast: Bool) {
        precondition(batchSize > 0, "batch_size should be a positive integer value, but got batch_size=\(batchSize)")
        self.sampler = sampler
        self.batchSize = batchSize
        self.dropLast = dropLast
    }

    /// Batches per epoch (PyTorch: `torch.utils.data.BatchSampler.__len__`).
    public var count: Int {
        dropLast ? sampler.count / batchSize : (sampler.count + batchSize - 1) / batchSize
    }

    /// One epoch of the sampler's indices, in batches (PyTorch: `torch.utils.data.BatchSampler.__iter__`).
    public func batches() -> [[Int]] {
        let all = sampler.indices()
        var result: [[Int]] = []
        result.reserveCapacity(all.count / batchSize + 1)
        var start = 0
        while start < all.count {
            let end = min(start + batchSize, all.count)
            if end - start < batchSize && dropLast { break }
            result.append(Array(all[start..<end]))
            start = end
        }
        return result
    }
}

/// `DistributedSampler(dataset, num_replicas, rank, shuffle, seed, drop_last)`: rank r takes every
/// numReplicas-th index of one permutation (seeded `seed + epoch`, call `setEpoch` each epoch), padded by
/// wrapping around (or trimmed with dropLast) so every rank gets `count` samples — PyTorch's split.
public final class DistributedSampler: Sampler {
    /// The data set's size (PyTorch: `len(torch.utils.data.DistributedSampler.dataset)`).
    public let dataCount: Int
    /// The number of processes sharing the data set (PyTorch: `torch.utils.data.DistributedSampler.num_replicas`).
    public let numReplicas: Int
    /// This process's rank, in `0..<numReplicas` (PyTorch: `torch.utils.data.DistributedSampler.rank`).
    public let rank: Int
    /// Whether each epoch permutes the indices (PyTorch: `torch.utils.data.DistributedSampler.shuffle`).
    public let shuffle: Bool
    /// The shuffle's base seed, the same on every rank (PyTorch: `torch.utils.data.DistributedSampler.seed`).
    public let seed: UInt64
    /// Whether the tail is trimmed so the ranks split evenly, instead of padding by wrapping around
    /// (PyTorch: `torch.utils.data.DistributedSampler.drop_last`).
    public let dropLast: Bool
    /// The epoch `setEpoch` last set, added to `seed` for the shuffle
    /// (PyTorch: `torch.utils.data.DistributedSampler.epoch`).
    public private(set) var epoch = 0
    /// Per-rank sample count (`num_samples`).
    /// PyTorch: `torch.utils.data.DistributedSampler.num_samples`.
    public let numSamples: Int
    /// `numSamples * numReplicas`, the padded or trimmed length of an epoch
    /// (PyTorch: `torch.utils.data.DistributedSampler.total_size`).
    public let totalSize: Int

    /// The replica count and rank are given, not read from a process group
    /// (PyTorch: `torch.utils.data.DistributedSampler`, whose `num_replicas` and `rank` default to the group's).
    public init(
        count dataCount: Int, numReplicas: Int, rank: Int, shuffle: Bool = true, seed: UInt64 = 0,
        dropLast: Bool = false
    ) {
        precondition(
            rank >= 0 && rank < numReplicas,
            "Invalid rank \(rank), rank should be in the interval [0, \(numReplicas - 1)]")
        self.dataCount = dataCount
        self.numReplicas = numReplicas
        self.rank = rank
        self.shuffle = shuffle
        self.seed = seed
        self.dropLast = dropLast
        if dropLast && dataCount % numReplicas != 0 {
            numSamples = (dataCount - numReplicas + numReplicas - 1) / numReplicas  // ceil((n - r) / r)
        } else {
            numSamples = (dataCount + numReplicas - 1) / numReplicas
        }
        totalSize = numSamples * numReplicas
    }

    /// PyTorch: `torch.utils.data.DistributedSampler(dataset, num_replicas, rank, shuffle, seed, drop_last)`.
    public convenience init<D: Dataset>(
        _ dataset: D, numReplicas: Int, rank: Int, shuffle: Bool = true, seed: UInt64 = 0, dropLast: Bool = false
    ) {
        self.init(
            count: dataset.count, numReplicas: numReplicas, rank: rank, shuffle: shuffle, seed: seed, dropLast: dropLast
        )
    }

    /// This rank's sample count (PyTorch: `torch.utils.data.DistributedSampler.__len__`).
    public var count: Int { numSamples }

    /// `set_epoch(epoch)`: a different shuffle each epoch, the same on every rank.
    /// PyTorch: `torch.utils.data.DistributedSampler.set_epoch`.
    public func setEpoch(_ epoch: Int) { self.epoch = epoch }

    /// This rank's share of the epoch's padded (or trimmed) index list
    /// (PyTorch: `torch.utils.data.DistributedSampler.__iter__`).
    public func indices() -> [Int] {
        var all =
            shuffle
            ? Generator(seed: seed &+ UInt64(bitPattern: Int64(epoch))).randperm(dataCount) : Array(0..<dataCount)
        if !dropLast {
            let padding = totalSize - all.count
            if padding <= all.count {
                all += all.prefix(padding)
            } else if !all.isEmpty {
                let base = all
                while all.count < totalSize { all += base.prefix(totalSize - all.count) }
            }
        } else {
            all = Array(all.prefix(totalSize))
        }
        return stride(from: rank, to: totalSize, by: numReplicas).map { all[$0] }
    }
}
