import TensorCore

/// A map-style data set (`torch.utils.data.Dataset`): `count` samples, read by index.
///
/// With `numWorkers > 0` a DataLoader calls the subscript from several threads at once, so it must be
/// safe to call concurrently (read-only state is; PyTorch gets the same effect by copying the data set
/// into each worker process).
public protocol Dataset {
    associatedtype Sample
    /// `len(dataset)`.
    var count: Int { get }
    /// `dataset[index]`; throws for samples that cannot be read (a missing or corrupt file).
    subscript(index: Int) -> Sample { get throws }
}

/// An iterable-style data set (`torch.utils.data.IterableDataset`): a stream with no random access.
/// Each DataLoader worker gets its own iterator; `worker` says which one (nil in the main thread),
/// so a data set can shard itself like PyTorch's `get_worker_info()` pattern.
public protocol IterableDataset {
    associatedtype Sample
    func makeIterator(worker: WorkerInfo?) -> AnyIterator<Sample>
}

/// A data set of closures: type erasure, and a quick way to write one inline.
public struct AnyDataset<Sample>: Dataset {
    public let count: Int
    private let get: (Int) throws -> Sample

    public init(count: Int, _ get: @escaping (Int) throws -> Sample) {
        self.count = count
        self.get = get
    }

    public init<D: Dataset>(_ base: D) where D.Sample == Sample {
        self.count = base.count
        self.get = { try base[$0] }
    }

    public subscript(index: Int) -> Sample { get throws { try get(index) } }
}

extension Dataset {
    public func eraseToAnyDataset() -> AnyDataset<Sample> { AnyDataset(self) }

    /// `dataset[i]` with PyTorch's negative indices and an out-of-range check.
    func checkedIndex(_ index: Int) throws -> Int {
        let i = index < 0 ? index + count : index
        guard i >= 0 && i < count else {
            throw DataError.invalidArgument("index \(index) is out of range for a dataset of \(count) samples")
        }
        return i
    }
}

/// `TensorDataset(*tensors)`: sample `i` is `[t[i] for t in tensors]`, each indexed along dim 0.
public struct TensorDataset: Dataset {
    public let tensors: [Tensor]

    public init(_ tensors: Tensor...) { self.init(tensors) }

    public init(_ tensors: [Tensor]) {
        torchCheck(!tensors.isEmpty, "TensorDataset needs at least one tensor")
        let n = tensors[0].ndim > 0 ? tensors[0].size(0) : -1
        torchCheck(
            tensors.allSatisfy { $0.ndim > 0 && $0.size(0) == n }, "Size mismatch between tensors")
        self.tensors = tensors
    }

    public var count: Int { tensors[0].size(0) }

    public subscript(index: Int) -> [Tensor] {
        get throws {
            let i = try checkedIndex(index)
            return tensors.map { $0.select(dim: 0, index: i) }
        }
    }
}

/// The guide's `TabularDataset(X, y)`: features as float32 rows, labels as int64 scalars
/// (`torch.FloatTensor(X)`, `torch.LongTensor(y)`); a sample is `(x[i], y[i])`.
public struct TabularDataset: Dataset {
    public let x: Tensor
    public let y: Tensor

    public init(x: [[Double]], y: [Int]) {
        precondition(x.count == y.count, "TabularDataset: \(x.count) feature rows but \(y.count) labels")
        self.x = Tensor(x, dtype: .float32)
        self.y = Tensor(y, dtype: .int64)
    }

    public init(x: Tensor, y: Tensor) {
        torchCheck(x.size(0) == y.size(0), "Size mismatch between tensors")
        self.x = x.to(.float32)
        self.y = y.to(.int64)
    }

    public var count: Int { x.size(0) }

    public subscript(index: Int) -> (Tensor, Tensor) {
        get throws {
            let i = try checkedIndex(index)
            return (x.select(dim: 0, index: i), y.select(dim: 0, index: i))
        }
    }
}

/// `ConcatDataset(datasets)`: the samples of each data set in turn.
public struct ConcatDataset<Sample>: Dataset {
    public let datasets: [AnyDataset<Sample>]
    /// Running totals (`cumulative_sizes`).
    public let cumulativeSizes: [Int]

    public init(_ datasets: [AnyDataset<Sample>]) {
        precondition(!datasets.isEmpty, "datasets should not be an empty iterable")
        self.datasets = datasets
        var total = 0
        cumulativeSizes = datasets.map { total += $0.count; return total }
    }

    public init<D: Dataset>(_ datasets: [D]) where D.Sample == Sample {
        self.init(datasets.map { AnyDataset($0) })
    }

    public var count: Int { cumulativeSizes.last ?? 0 }

    public subscript(index: Int) -> Sample {
        get throws {
            let i = try checkedIndex(index)
            // First data set whose running total exceeds i (bisect_right).
            var lo = 0
            var hi = cumulativeSizes.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulativeSizes[mid] <= i { lo = mid + 1 } else { hi = mid }
            }
            let start = lo == 0 ? 0 : cumulativeSizes[lo - 1]
            return try datasets[lo][i - start]
        }
    }
}

/// `Subset(dataset, indices)`.
public struct Subset<Base: Dataset>: Dataset {
    public let dataset: Base
    public let indices: [Int]

    public init(_ dataset: Base, indices: [Int]) {
        self.dataset = dataset
        self.indices = indices
    }

    public var count: Int { indices.count }

    public subscript(index: Int) -> Base.Sample {
        get throws { try dataset[indices[try checkedIndex(index)]] }
    }
}

/// `random_split(dataset, lengths, generator)`: lengths are counts, or fractions summing to 1 (the
/// remainder is dealt round-robin like PyTorch); the permutation is `randperm(sum, generator)`.
public func randomSplit<D: Dataset>(
    _ dataset: D, lengths: [Double], generator: RandomSource = Generator.default
) throws -> [Subset<D>] {
    var counts: [Int]
    let total = lengths.reduce(0, +)
    if abs(total - 1) <= 1e-9 && total <= 1 {  // math.isclose(sum, 1) and sum <= 1: fractions
        for (i, fraction) in lengths.enumerated() where fraction < 0 || fraction > 1 {
            throw DataError.invalidArgument("Fraction at index \(i) is not between 0 and 1")
        }
        counts = lengths.map { Int((Double(dataset.count) * $0).rounded(.down)) }
        let remainder = dataset.count - counts.reduce(0, +)
        for i in 0..<remainder { counts[i % counts.count] += 1 }
    } else {
        counts = lengths.map { Int($0) }
    }
    guard counts.reduce(0, +) == dataset.count else {
        throw DataError.invalidArgument(
            "Sum of input lengths does not equal the length of the input dataset!")
    }
    let permutation = generator.randperm(dataset.count)
    var offset = 0
    return counts.map { n in
        defer { offset += n }
        return Subset(dataset, indices: Array(permutation[offset..<(offset + n)]))
    }
}
