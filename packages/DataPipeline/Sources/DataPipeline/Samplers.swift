import Foundation
import TensorCore

/// Yields the data-set indices of one epoch (`torch.utils.data.Sampler`). Each call to `indices()` is a
/// new epoch (random samplers draw again).
public protocol Sampler: AnyObject {
    /// `len(sampler)`.
    var count: Int { get }
    func indices() -> [Int]
}

/// Groups indices into batches (`batch_sampler`).
public protocol BatchSamplerProtocol: AnyObject {
    var count: Int { get }
    func batches() -> [[Int]]
}

/// `SequentialSampler`: 0, 1, ..., n-1.
public final class SequentialSampler: Sampler {
    public let count: Int
    public init(count: Int) { self.count = count }
    public convenience init<D: Dataset>(_ dataset: D) { self.init(count: dataset.count) }
    public func indices() -> [Int] { Array(0..<count) }
}

/// `RandomSampler(data_source, replacement, num_samples, generator)` with PyTorch's draws: without
/// replacement, `randperm(n)` per full pass then a truncated one; with replacement, `randint(n)` in
/// blocks of 32. With no generator it seeds a fresh one from the default generator, like PyTorch.
public final class RandomSampler: Sampler {
    public let dataCount: Int
    public let replacement: Bool
    public let numSamples: Int
    public let generator: RandomSource?

    public init(count dataCount: Int, replacement: Bool = false, numSamples: Int? = nil, generator: RandomSource? = nil) {
        let numSamples = numSamples ?? dataCount
        precondition(numSamples > 0, "num_samples should be a positive integer value, but got num_samples=\(numSamples)")
        self.dataCount = dataCount
        self.replacement = replacement
        self.numSamples = numSamples
        self.generator = generator
    }

    public convenience init<D: Dataset>(
        _ dataset: D, replacement: Bool = false, numSamples: Int? = nil, generator: RandomSource? = nil
    ) {
        self.init(count: dataset.count, replacement: replacement, numSamples: numSamples, generator: generator)
    }

    public var count: Int { numSamples }

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
public final class SubsetRandomSampler: Sampler {
    public let subset: [Int]
    public let generator: RandomSource?

    public init(_ indices: [Int], generator: RandomSource? = nil) {
        self.subset = indices
        self.generator = generator
    }

    public var count: Int { subset.count }

    public func indices() -> [Int] {
        (generator ?? DataRandom.current).randperm(subset.count).map { subset[$0] }
    }
}

/// `WeightedRandomSampler(weights, num_samples, replacement)`: index i with probability weights[i]/sum,
/// drawn by `torch.multinomial` on the float64 weights (TensorCore's, so the same generator state gives
/// PyTorch's indices: a binary search per uniform with replacement, exponential keys without).
public final class WeightedRandomSampler: Sampler {
    public let weights: [Double]
    public let numSamples: Int
    public let replacement: Bool
    public let generator: RandomSource?

    public init(weights: [Double], numSamples: Int, replacement: Bool = true, generator: RandomSource? = nil) {
        precondition(numSamples > 0, "num_samples should be a positive integer value, but got num_samples=\(numSamples)")
        precondition(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "invalid multinomial distribution (encountering probability entry < 0)")
        precondition(weights.contains { $0 > 0 }, "invalid multinomial distribution (sum of probabilities <= 0)")
        precondition(replacement || numSamples <= weights.count, "cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        self.weights = weights
        self.numSamples = numSamples
        self.replacement = replacement
        self.generator = generator
    }

    public var count: Int { numSamples }

    public func indices() -> [Int] {
        (generator ?? DataRandom.current).multinomial(weights, numSamples: numSamples, replacement: replacement)
    }
}

/// `BatchSampler(sampler, batch_size, drop_last)`.
public final class BatchSampler: BatchSamplerProtocol {
    public let sampler: Sampler
    public let batchSize: Int
    public let dropLast: Bool

    public init(_ sampler: Sampler, batchSize: Int, dropLast: Bool) {
        precondition(batchSize > 0, "batch_size should be a positive integer value, but got batch_size=\(batchSize)")
        self.sampler = sampler
        self.batchSize = batchSize
        self.dropLast = dropLast
    }

    public var count: Int {
        dropLast ? sampler.count / batchSize : (sampler.count + batchSize - 1) / batchSize
    }

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
    public let dataCount: Int
    public let numReplicas: Int
    public let rank: Int
    public let shuffle: Bool
    public let seed: UInt64
    public let dropLast: Bool
    public private(set) var epoch = 0
    /// Per-rank sample count (`num_samples`).
    public let numSamples: Int
    public let totalSize: Int

    public init(
        count dataCount: Int, numReplicas: Int, rank: Int, shuffle: Bool = true, seed: UInt64 = 0,
        dropLast: Bool = false
    ) {
        precondition(rank >= 0 && rank < numReplicas, "Invalid rank \(rank), rank should be in the interval [0, \(numReplicas - 1)]")
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

    public convenience init<D: Dataset>(
        _ dataset: D, numReplicas: Int, rank: Int, shuffle: Bool = true, seed: UInt64 = 0, dropLast: Bool = false
    ) {
        self.init(count: dataset.count, numReplicas: numReplicas, rank: rank, shuffle: shuffle, seed: seed, dropLast: dropLast)
    }

    public var count: Int { numSamples }

    /// `set_epoch(epoch)`: a different shuffle each epoch, the same on every rank.
    public func setEpoch(_ epoch: Int) { self.epoch = epoch }

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
