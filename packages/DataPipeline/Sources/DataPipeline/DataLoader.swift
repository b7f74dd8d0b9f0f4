import Foundation
import TensorCore

/// `torch.utils.data.DataLoader` over a map-style data set.
///
/// `numWorkers > 0` runs fetch + collate on that many threads (no GIL, no pickling: samples stay in
/// memory), with at most `prefetchFactor * numWorkers` batches in flight, handed back in sampler order.
/// A failing sample stops the epoch with `DataError.sample` naming its index and worker.
/// `pinMemory` is accepted and ignored: there is no accelerator memory to pin on the CPU.
///
///     for (data, target) in loader { ... }       // an error stops the program with its message
///     try loader.iterate { data, target in ... }  // an error is thrown to the caller
public final class DataLoader<D: Dataset, Batch>: Sequence {
    /// The data set the batches come from (PyTorch: `torch.utils.data.DataLoader.dataset`).
    public let dataset: D
    /// Samples per batch; nil when a `batchSampler` was given (PyTorch: `torch.utils.data.DataLoader.batch_size`).
    public let batchSize: Int?
    /// Whether a last, short batch is dropped (PyTorch: `torch.utils.data.DataLoader.drop_last`).
    public let dropLast: Bool
    /// Worker threads that fetch and collate; 0 loads in the calling thread
    /// (PyTorch: `torch.utils.data.DataLoader.num_workers`, processes there).
    public let numWorkers: Int
    /// Batches in flight per worker, 2 unless given (PyTorch: `torch.utils.data.DataLoader.prefetch_factor`).
    public let prefetchFactor: Int
    /// Whether the worker threads outlive an epoch (PyTorch: `torch.utils.data.DataLoader.persistent_workers`).
    public let persistentWorkers: Bool
    /// Accepted and ignored: there is no accelerator memory to pin (PyTorch: `torch.utils.data.DataLoader.pin_memory`).
    public let pinMemory: Bool
    /// Seconds to wait for a batch from the workers; 0 waits forever.
    /// PyTorch: `torch.utils.data.DataLoader.timeout`.
    public let timeout: Double
    /// The generator of the shuffle and of the workers' base seed; nil draws from `DataRandom.current`
    /// (PyTorch: `torch.utils.data.DataLoader.generator`).
    public let generator: RandomSource?
    /// The order of an epoch's indices (PyTorch: `torch.utils.data.DataLoader.sampler`).
    public let sampler: Sampler
    /// The grouping of an epoch's indices into batches (PyTorch: `torch.utils.data.DataLoader.batch_sampler`).
    public let batchSampler: BatchSamplerProtocol
    let collateFn: ([D.Sample]) throws -> Batch
    let workerInit: ((Int) -> Void)?
    private var persistentPool: WorkerPool?

    /// A loader with an explicit `collate` function; `batchSize: nil` needs a `batchSampler` (torch's unbatched
    /// loading is not supported) and `workerInit` gets the worker's id
    /// (PyTorch: `torch.utils.data.DataLoader` with `collate_fn`; the other arguments keep torch's names and defaults).
    public init(
        _ dataset: D, batchSize: Int? = 1, shuffle: Bool = false, sampler: Sampler? = nil,
        batchSampler: BatchSamplerProtocol? = nil, numWorkers: Int = 0,
        collate: @escaping ([D.Sample]) throws -> Batch, pinMemory: Bool = false, dropLast: Bool = false,
        timeout: Double = 0, workerInit: ((Int) -> Void)? = nil, generator: RandomSource? = nil,
        prefetchFactor: Int? = nil, persistentWorkers: Bool = false
    ) {
        torchCheck(
            numWorkers >= 0, "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
        torchCheck(timeout >= 0, "timeout option should be non-negative")
        torchCheck(
            numWorkers > 0 || prefetchFactor == nil,
            "prefetch_factor option could only be specified in multiprocessing.let num_workers > 0 to enable multiprocessing, otherwise set prefetch_factor to None."
        )
        torchCheck(prefetchFactor ?? 2 >= 0, "prefetch_factor option should be non-negative")
        torchCheck(!persistentWorkers || numWorkers > 0, "persistent_workers option needs num_workers > 0")
        torchCheck(!(shuffle && sampler != nil), "sampler option is mutually exclusive with shuffle")
        if batchSampler != nil {
            torchCheck(
                batchSize == 1 && !shuffle && sampler == nil && !dropLast,
                "batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last")
        }
        torchCheck(
            batchSampler != nil || batchSize != nil,
            "DataLoader here needs a batch_size (batch_size=None is not supported)")
        self.dataset = dataset
        self.dropLast = dropLast
        self.numWorkers = numWorkers
        self.prefetchFactor = prefetchFactor ?? 2
        self.persistentWorkers = persistentWorkers
        self.pinMemory = pinMemory
        self.timeout = timeout
        self.generator = generator
        let sampler =
            sampler
            ?? (shuffle
                ? RandomSampler(count: dataset.count, generator: generator) : SequentialSampler(count: dataset.count))
        self.sampler = sampler
        if let batchSampler {
            self.batchSampler = batchSampler
            self.batchSize = nil
        } else {
            self.batchSampler = BatchSampler(sampler, batchSize: batchSize!, dropLast: dropLast)
            self.batchSize = batchSize
        }
        self.collateFn = collate
        self.workerInit = workerInit
    }

    deinit { persistentPool?.shutdown() }

    /// `len(loader)`: the number of batches per epoch.
    /// PyTorch: `torch.utils.data.DataLoader.__len__`.
    public var count: Int { batchSampler.count }

    /// Starts an epoch: draws the workers' base seed, then the sampler's order, as torch does
    /// (PyTorch: `torch.utils.data.DataLoader.__iter__`).
    public func makeIterator() -> DataLoaderIterator<D, Batch> { DataLoaderIterator(self) }

    /// Runs `body` on every batch of one epoch; loading errors are thrown to the caller.
    /// No PyTorch counterpart: a Python `for` loop raises loading errors, and Swift's `for in` cannot throw.
    public func iterate(_ body: (Batch) throws -> Void) throws {
        let iterator = makeIterator()
        while let batch = try iterator.nextBatch() { try body(batch) }
    }

    /// Loads the samples at `indices` and collates them; errors name the failing index.
    func fetch(_ indices: [Int], worker: Int?) throws -> Batch {
        var samples: [D.Sample] = []
        samples.reserveCapacity(indices.count)
        for index in indices {
            do {
                samples.append(try dataset[index])
            } catch {
                throw DataError.sample(indices: [index], worker: worker, underlying: describe(error))
            }
        }
        do {
            return try collateFn(samples)
        } catch let error as DataError {
            if case .shapeMismatch(let entry, _, _) = error {
                throw DataError.sample(indices: [indices[entry]], worker: worker, underlying: "collate: \(error)")
            }
            throw DataError.sample(indices: indices, worker: worker, underlying: "collate: \(error)")
        } catch {
            throw DataError.sample(indices: indices, worker: worker, underlying: "collate: \(describe(error))")
        }
    }

    func pool(baseSeed: UInt64) -> (WorkerPool, owned: Bool) {
        if persistentWorkers {
            if persistentPool == nil {
                persistentPool = WorkerPool(numWorkers: numWorkers, baseSeed: baseSeed, workerInit: workerInit)
            }
            return (persistentPool!, false)
        }
        return (WorkerPool(numWorkers: numWorkers, baseSeed: baseSeed, workerInit: workerInit), true)
    }
}

extension DataLoader {
    /// A loader whose samples collate by `default_collate` (tensors stack, numbers become tensors, ...).
    /// PyTorch: `torch.utils.data.DataLoader` with the default `collate_fn`.
    public convenience init(
        _ dataset: D, batchSize: Int? = 1, shuffle: Bool = false, sampler: Sampler? = nil,
        batchSampler: BatchSamplerProtocol? = nil, numWorkers: Int = 0, pinMemory: Bool = false,
        dropLast: Bool = false, timeout: Double = 0, workerInit: ((Int) -> Void)? = nil,
        generator: RandomSource? = nil, prefetchFactor: Int? = nil, persistentWorkers: Bool = false
    ) where D.Sample: Collatable, Batch == D.Sample.Collated {
        self.init(
            dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
            numWorkers: numWorkers, collate: { try D.Sample.collate($0) }, pinMemory: pinMemory, dropLast: dropLast,
            timeout: timeout, workerInit: workerInit, generator: generator, prefetchFactor: prefetchFactor,
            persistentWorkers: persistentWorkers)
    }

    /// Default collate for `(input, target)` samples: each position is collated on its own.
    /// PyTorch: `torch.utils.data.DataLoader` with the default `collate_fn`, on `(input, target)` tuples.
    public convenience init<A: Collatable, B: Collatable>(
        _ dataset: D, batchSize: Int? = 1, shuffle: Bool = false, sampler: Sampler? = nil,
        batchSampler: BatchSamplerProtocol? = nil, numWorkers: Int = 0, pinMemory: Bool = false,
        dropLast: Bool = false, timeout: Double = 0, workerInit: ((Int) -> Void)? = nil,
        generator: RandomSource? = nil, prefetchFactor: Int? = nil, persistentWorkers: Bool = false
    ) where D.Sample == (A, B), Batch == (A.Collated, B.Collated) {
        self.init(
            dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
            numWorkers: numWorkers, collate: { try (A.collate($0.map { $0.0 }), B.collate($0.map { $0.1 })) },
            pinMemory: pinMemory, dropLast: dropLast, timeout: timeout, workerInit: workerInit,
            generator: generator, prefetchFactor: prefetchFactor, persistentWorkers: persistentWorkers)
    }

    /// Default collate for 3-tuples.
    /// PyTorch: `torch.utils.data.DataLoader` with the default `collate_fn`, on 3-tuples.
    public convenience init<A: Collatable, B: Collatable, C: Collatable>(
        _ dataset: D, batchSize: Int? = 1, shuffle: Bool = false, sampler: Sampler? = nil,
        batchSampler: BatchSamplerProtocol? = nil, numWorkers: Int = 0, pinMemory: Bool = false,
        dropLast: Bool = false, timeout: Double = 0, workerInit: ((Int) -> Void)? = nil,
        generator: RandomSource? = nil, prefetchFactor: Int? = nil, persistentWorkers: Bool = false
    ) where D.Sample == (A, B, C), Batch == (A.Collated, B.Collated, C.Collated) {
        self.init(
            dataset, batchSize: batchSize, shuffle: shuffle, sampler: sampler, batchSampler: batchSampler,
            numWorkers: numWorkers,
            collate: { try (A.collate($0.map { $0.0 }), B.collate($0.map { $0.1 }), C.collate($0.map { $0.2 })) },
            pinMemory: pinMemory, dropLast: dropLast, timeout: timeout, workerInit: workerInit,
            generator: generator, prefetchFactor: prefetchFactor, persistentWorkers: persistentWorkers)
    }
}

/// One epoch of a DataLoader. `nextBatch()` throws loading errors; `next()` (for `for ... in`) stops the
/// program with the error's message instead, as an uncaught exception would in Python.
/// PyTorch: what `iter(loader)` returns, `torch.utils.data.dataloader._SingleProcessDataLoaderIter` or
/// `_MultiProcessingDataLoaderIter`.
public final class DataLoaderIterator<D: Dataset, Batch>: IteratorProtocol {
    private let loader: DataLoader<D, Batch>
    private let batches: [[Int]]
    private var nextToReturn = 0
    private var nextToSend = 0
    private var pool: WorkerPool?
    private var ownsPool = false
    private let results = ResultBuffer<Batch>()
    private var finished = false

    init(_ loader: DataLoader<D, Batch>) {
        self.loader = loader
        // PyTorch draws the workers' base seed before the sampler draws its permutation.
        let baseSeed = (loader.generator ?? DataRandom.current).randomSeed()
        if loader.numWorkers > 0 {
            let (pool, owned) = loader.pool(baseSeed: baseSeed)
            self.pool = pool
            self.ownsPool = owned
        }
        self.batches = loader.batchSampler.batches()
        if pool != nil { fill() }
    }

    deinit { stop() }

    private func stop() {
        finished = true
        if ownsPool { pool?.shutdown() }
        pool = nil
    }

    /// Keeps up to prefetchFactor * numWorkers batches in flight.
    private func fill() {
        guard let pool else { return }
        let limit = max(1, loader.prefetchFactor * pool.numWorkers)
        while nextToSend < batches.count && nextToSend - nextToReturn < limit {
            let seq = nextToSend
            let worker = seq % pool.numWorkers
            let task = UncheckedBox((loader, batches[seq], results))
            pool.submit(worker: worker) {
                let (loader, indices, results) = task.value
                results.put(seq, Result { try loader.fetch(indices, worker: worker) })
            }
            nextToSend += 1
        }
    }

    /// The next batch, nil at the epoch's end; a loading error is thrown and ends the epoch
    /// (PyTorch: `torch.utils.data.dataloader._BaseDataLoaderIter.__next__`).
    public func nextBatch() throws -> Batch? {
        guard !finished, nextToReturn < batches.count else {
            stop()
            return nil
        }
        let seq = nextToReturn
        if pool == nil {
            nextToReturn += 1
            do { return try loader.fetch(batches[seq], worker: nil) } catch {
                stop()
                throw error
            }
        }
        guard let result = results.take(seq, timeout: loader.timeout) else {
            stop()
            throw DataError.timeout(seconds: loader.timeout)
        }
        nextToReturn += 1
        fill()
        switch result {
        case .success(let batch): return batch
        case .failure(let error):
            stop()
            throw error
        }
    }

    /// `nextBatch()`, stopping the program on a loading error
    /// (PyTorch: `torch.utils.data.dataloader._BaseDataLoaderIter.__next__`, where the exception propagates).
    public func next() -> Batch? {
        do { return try nextBatch() } catch { fatalError("DataLoader: \(describe(error))") }
    }
}

/// `for try await batch in loader`: the loop form that throws loading errors. Batches are produced by
/// the loader's own worker threads; the async iterator only waits for them.
extension DataLoader: AsyncSequence {
    /// A batch (No PyTorch counterpart: `AsyncSequence` conformance, for `for try await`).
    public typealias Element = Batch

    /// Waits for the loader's batches in turn (No PyTorch counterpart: Swift's async iteration protocol).
    public struct AsyncIterator: AsyncIteratorProtocol {
        let base: DataLoaderIterator<D, Batch>
        /// The next batch, nil at the epoch's end; throws loading errors
        /// (No PyTorch counterpart: async iteration; torch's `__next__` blocks).
        public mutating func next() async throws -> Batch? { try base.nextBatch() }
    }

    /// Starts an epoch for `for try await` (No PyTorch counterpart: torch has only the blocking `__iter__`).
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: makeIterator()) }
}
