import TensorCore

/// A map-style data set (`torch.utils.data.Dataset`): `count` samples, read by index.
///
/// With `numWorkers > 0` a DataLoader calls the subscript from several threads at once, so it must be
/// safe to call concurrently (read-only state is; PyTorch gets the same effect by copying the data set
/// into each worker process).
public protocol Dataset {
    /// What one sample is (PyTorch: whatever `__getitem__` returns).
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
    /// What one sample is (PyTorch: whatever `__iter__`'s iterator yields).
    associatedtype Sample
    /// A fresh stream; `worker` is the calling worker's info, nil in the main thread
    /// (PyTorch: `torch.utils.data.IterableDataset.__iter__`, with `get_worker_info()` passed in).
    func makeIterator(worker: WorkerInfo?) -> AnyIterator<Sample>
}

/// A data set of closures: type erasure, and a quick way to write one inline.
/// No PyTorch counterpart: Python needs no type erasure; a small `torch.utils.data.Dataset` subclass plays this part.
public struct AnyDataset<Sample>: Dataset {
    /// The sample count given at construction (PyTorch: `torch.utils.data.Dataset.__len__`).
    public let count: Int
    private let get: (Int) throws -> Sample

    /// `count` samples, sample `i` being `get(i)`
    /// (No PyTorch counterpart: a `torch.utils.data.Dataset` subclass with `__len__` and `__getitem__`).
    public init(count: Int, _ get: @escaping (Int) throws -> Sample) {
        self.count = count
        self.get = get
    }

    /// Erases `base`'s type (No PyTorch counterpart: Python data sets need no type erasure).
    public init<D: Dataset>(_ base: D) where D.Sample == Sample {
        self.count = base.count
        self.get = { try base[$0] }
    }

    /// `get(index)` (PyTorch: `torch.utils.data.Dataset.__getitem__`).
    public subscript(index: Int) -> Sample { get throws { try get(index) } }
}

extension Dataset {
    /// This data set as an `AnyDataset`, for lists of mixed data set types such as `ConcatDataset`'s
    /// (No PyTorch counterpart: Python lists hold any data set).
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
/// PyTorch: `torch.utils.data.TensorDataset`.
public struct TensorDataset: Dataset {
    /// The tensors, all of one size along dim 0 (PyTorch: `torch.utils.data.TensorDataset.tensors`).
    public let tensors: [Tensor]

    /// PyTorch: `torch.utils.data.TensorDataset(*tensors)`.
    public init(_ tensors: Tensor...) { self.init(tensors) }

    /// The tensors as a list; at least one, all of one size along dim 0
    /// (PyTorch: `torch.utils.data.TensorDataset(*tensors)`).
    public init(_ tensors: [Tensor]) {
        torchCheck(!tensors.isEmpty, "TensorDataset needs at least one tensor")
        let n = tensors[0].ndim > 0 ? tensors[0].size(0) : -1
        torchCheck(
            tensors.allSatisfy { $0.ndim > 0 && $0.size(0) == n }, "Size mismatch between tensors")
        self.tensors = tensors
    }

    /// The size of dim 0 (PyTorch: `torch.utils.data.TensorDataset.__len__`).
    public var count: Int { tensors[0].size(0) }

    /// Each tensor's row `index`, negative indices counting from the end
    /// (PyTorch: `torch.utils.data.TensorDataset.__getitem__`, a tuple there).
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
    /// The features as float32, one row per sample (the guide's `self.X`, a `torch.FloatTensor`).
    public let x: Tensor
    /// The labels as int64, one per sample (the guide's `self.y`, a `torch.LongTensor`).
    public let y: Tensor

    /// From rows of features and one label per row
    /// (the guide's `TabularDataset(X, y)`; PyTorch: `torch.FloatTensor(X)`, `torch.LongTensor(y)`).
    public init(x: [[Double]], y: [Int]) {
        precondition(x.count == y.count, "TabularDataset: \(x.count) feature rows but \(y.count) labels")
        self.x = Tensor(x, dtype: .float32)
        self.y = Tensor(y, dtype: .int64)
    }

    /// From tensors, converted to float32 and int64; their dim 0 sizes must match
    /// (PyTorch: `X.to(torch.float32)`, `y.to(torch.int64)`).
    public init(x: Tensor, y: Tensor) {
        torchCheck(x.size(0) == y.size(0), "Size mismatch between tensors")
        self.x = x.to(.float32)
        self.y = y.to(.int64)
    }

    /// The number of rows (PyTorch: the guide's `__len__`, `len(self.X)`).
    public var count: Int { x.size(0) }

    /// `(x[index], y[index])`, negative indices counting from the end (PyTorch: the guide's `__getitem__`).
    public subscript(index: Int) -> (Tensor, Tensor) {
        get throws {
            let i = try checkedIndex(index)
            return (x.select(dim: 0, index: i), y.select(dim: 0, index: i))
        }
    }
}

/// `ConcatDataset(datasets)`: the samples of each data set in turn.
/// PyTorch: `torch.utils.data.ConcatDataset`.
public struct ConcatDataset<Sample>: Dataset {
    /// The data sets in order (PyTorch: `torch.utils.data.ConcatDataset.datasets`).
    public let datasets: [AnyDataset<Sample>]
    /// Running totals (`cumulative_sizes`).
    /// PyTorch: `torch.utils.data.ConcatDataset.cumulative_sizes`.
    public let cumulativeSizes: [Int]

    /// PyTorch: `torch.utils.data.ConcatDataset(datasets)`; the list must not be empty.
    public init(_ datasets: [AnyDataset<Sample>]) {
        precondition(!datasets.isEmpty, "datasets should not be an empty iterable")
        self.datasets = datasets
        var total = 0
        cumulativeSizes = datasets.map {
            total += $0.count
            return total
        }
    }

    /// The same for data sets of one type (PyTorch: `torch.utils.data.ConcatDataset(datasets)`).
    public init<D: Dataset>(_ datasets: [D]) where D.Sample == Sample {
        self.init(datasets.map { AnyDataset($0) })
    }

    /// The total sample count (PyTorch: `torch.utils.data.ConcatDataset.__len__`).
    public var count: Int { cumulativeSizes.last ?? 0 }

    /// Sample `index` of the concatenation, negative indices counting from the end
    /// (PyTorch: `torch.utils.data.ConcatDataset.__getitem__`).
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
/// PyTorch: `torch.utils.data.Subset`.
public struct Subset<Base: Dataset>: Dataset {
    /// The whole data set (PyTorch: `torch.utils.data.Subset.dataset`).
    public let dataset: Base
    /// The indices into `dataset` that make up the subset (PyTorch: `torch.utils.data.Subset.indices`).
    public let indices: [Int]

    /// PyTorch: `torch.utils.data.Subset(dataset, indices)`.
    public init(_ dataset: Base, indices: [Int]) {
        self.dataset = dataset
        self.indices = indices
    }

    /// The number of indices (PyTorch: `torch.utils.data.Subset.__len__`).
    public var count: Int { indices.count }

    /// `dataset[indices[index]]`, negative indices counting from the end
    /// (PyTorch: `torch.utils.data.Subset.__getitem__`).
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
