import Foundation
import TensorCore

/// `DataLoader` over an `IterableDataset`. With `numWorkers > 0` every worker runs its own iterator
/// (`makeIterator(worker:)` — shard there, as with `get_worker_info()`), batches it, and the loader takes
/// batches from the workers in turn, skipping exhausted ones: PyTorch's order. Each worker buffers at
/// most `prefetchFactor` batches.
public final class IterableDataLoader<D: IterableDataset, Batch>: Sequence {
    /// The stream the batches come from (PyTorch: `torch.utils.data.DataLoader.dataset`).
    public let dataset: D
    /// Samples per batch (PyTorch: `torch.utils.data.DataLoader.batch_size`).
    public let batchSize: Int
    /// Whether each stream's last, short batch is dropped (PyTorch: `torch.utils.data.DataLoader.drop_last`).
    public let dropLast: Bool
    /// Worker threads, each running its own iterator; 0 iterates in the calling thread
    /// (PyTorch: `torch.utils.data.DataLoader.num_workers`).
    public let numWorkers: Int
    /// Batches each worker may buffer (PyTorch: `torch.utils.data.DataLoader.prefetch_factor`).
    public let prefetchFactor: Int
    /// Seconds to wait for a worker's batch; 0 waits forever (PyTorch: `torch.utils.data.DataLoader.timeout`).
    public let timeout: Double
    /// The generator of the workers' base seed; nil draws from `DataRandom.current`
    /// (PyTorch: `torch.utils.data.DataLoader.generator`).
    public let generator: RandomSource?
    let collateFn: ([D.Sample]) throws -> Batch
    let workerInit: ((Int) -> Void)?

    /// A loader with an explicit `collate` function; `workerInit` gets the worker's id
    /// (PyTorch: `torch.utils.data.DataLoader` on an `IterableDataset`, with `collate_fn`).
    public init(
        _ dataset: D, batchSize: Int = 1, dropLast: Bool = false, numWorkers: Int = 0,
        collate: @escaping ([D.Sample]) throws -> Batch, timeout: Double = 0, workerInit: ((Int) -> Void)? = nil,
        generator: RandomSource? = nil, prefetchFactor: Int? = nil
    ) {
        torchCheck(batchSize > 0, "batch_size should be a positive integer value, but got batch_size=\(batchSize)")
        torchCheck(
            numWorkers >= 0, "num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
        torchCheck(timeout >= 0, "timeout option should be non-negative")
        self.dataset = dataset
        self.batchSize = batchSize
        self.dropLast = dropLast
        self.numWorkers = numWorkers
        self.prefetchFactor = Swift.max(1, prefetchFactor ?? 2)
        self.timeout = timeout
        self.generator = generator
        self.collateFn = collate
        self.workerInit = workerInit
    }

    /// Starts a pass; each worker starts its own iterator (PyTorch: `torch.utils.data.DataLoader.__iter__`).
    public func makeIterator() -> IterableLoaderIterator<D, Batch> { IterableLoaderIterator(self) }

    /// Runs `body` on every batch of one pass; loading errors are thrown to the caller
    /// (No PyTorch counterpart: a Python `for` loop raises them, and Swift's `for in` cannot throw).
    public func iterate(_ body: (Batch) throws -> Void) throws {
        let iterator = makeIterator()
        while let batch = try iterator.nextBatch() { try body(batch) }
    }

    /// The next batch from `source`, nil at its end; counts samples for error messages.
    func nextBatch(from source: AnyIterator<D.Sample>, position: inout Int, worker: Int?) throws -> Batch? {
        var samples: [D.Sample] = []
        samples.reserveCapacity(batchSize)
        while samples.count < batchSize, let sample = source.next() { samples.append(sample) }
        let start = position
        position += samples.count
        if samples.isEmpty || (dropLast && samples.count < batchSize) { return nil }
        do {
            return try collateFn(samples)
        } catch {
            throw DataError.sample(
                indices: Array(start..<position), worker: worker, underlying: "collate: \(describe(error))")
        }
    }
}

extension IterableDataLoader {
    /// A loader whose samples collate by `default_collate`
    /// (PyTorch: `torch.utils.data.DataLoader` on an `IterableDataset`, with the default `collate_fn`).
    public convenience init(
        _ dataset: D, batchSize: Int = 1, dropLast: Bool = false, numWorkers: Int = 0, timeout: Double = 0,
        workerInit: ((Int) -> Void)? = nil, generator: RandomSource? = nil, prefetchFactor: Int? = nil
    ) where D.Sample: Collatable, Batch == D.Sample.Collated {
        self.init(
            dataset, batchSize: batchSize, dropLast: dropLast, numWorkers: numWorkers,
            collate: { try D.Sample.collate($0) },
            timeout: timeout, workerInit: workerInit, generator: generator, prefetchFactor: prefetchFactor)
    }

    /// Default collate for `(input, target)` samples, each position on its own
    /// (PyTorch: `torch.utils.data.DataLoader` on an `IterableDataset`, with the default `collate_fn`).
    public convenience init<A: Collatable, B: Collatable>(
        _ dataset: D, batchSize: Int = 1, dropLast: Bool = false, numWorkers: Int = 0, timeout: Double = 0,
        workerInit: ((Int) -> Void)? = nil, generator: RandomSource? = nil, prefetchFactor: Int? = nil
    ) where D.Sample == (A, B), Batch == (A.Collated, B.Collated) {
        self.init(
            dataset, batchSize: batchSize, dropLast: dropLast, numWorkers: numWorkers,
            collate: { try (A.collate($0.map { $0.0 }), B.collate($0.map { $0.1 })) },
            timeout: timeout, workerInit: workerInit, generator: generator, prefetchFactor: prefetchFactor)
    }
}

/// Per-worker bounded queues of batches (nil marks a finished worker).
final class WorkerQueues<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queues: [[Result<Value, Error>?]]
    private let capacity: Int
    private(set) var cancelled = false

    init(workers: Int, capacity: Int) {
        queues = Array(repeating: [], count: workers)
        self.capacity = capacity
    }

    /// Blocks while the worker's queue is full; false once the consumer has gone away.
    func put(_ worker: Int, _ item: Result<Value, Error>?) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queues[worker].count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        queues[worker].append(item)
        condition.broadcast()
        return true
    }

    /// The worker's next item; `.some(nil)` when it has finished, nil on timeout.
    func take(_ worker: Int, timeout: Double) -> Result<Value, Error>?? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: timeout)
        while queues[worker].isEmpty {
            if timeout > 0 {
                if !condition.wait(until: deadline) && queues[worker].isEmpty { return nil }
            } else {
                condition.wait()
            }
        }
        let item = queues[worker].removeFirst()
        condition.broadcast()
        return .some(item)
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// One pass over an iterable data set.
/// PyTorch: what `iter(loader)` returns for an `IterableDataset` (`torch.utils.data.dataloader._BaseDataLoaderIter`).
public final class IterableLoaderIterator<D: IterableDataset, Batch>: IteratorProtocol {
    private let loader: IterableDataLoader<D, Batch>
    private var source: AnyIterator<D.Sample>?
    private var position = 0
    private var pool: WorkerPool?
    private var queues: WorkerQueues<Batch>?
    private var active: [Int] = []
    private var turn = 0
    private var finished = false

    init(_ loader: IterableDataLoader<D, Batch>) {
        self.loader = loader
        let baseSeed = (loader.generator ?? DataRandom.current).randomSeed()
        guard loader.numWorkers > 0 else {
            source = loader.dataset.makeIterator(worker: nil)
            return
        }
        let pool = WorkerPool(numWorkers: loader.numWorkers, baseSeed: baseSeed, workerInit: loader.workerInit)
        let queues = WorkerQueues<Batch>(workers: loader.numWorkers, capacity: loader.prefetchFactor)
        let box = UncheckedBox(loader)
        for w in 0..<loader.numWorkers {
            pool.submit(worker: w) {
                let loader = box.value
                let source = loader.dataset.makeIterator(worker: getWorkerInfo())
                var position = 0
                while true {
                    do {
                        guard let batch = try loader.nextBatch(from: source, position: &position, worker: w) else {
                            break
                        }
                        if !queues.put(w, .success(batch)) { return }
                    } catch {
                        _ = queues.put(w, .failure(error))
                        return
                    }
                }
                _ = queues.put(w, nil)
            }
        }
        self.pool = pool
        self.queues = queues
        self.active = Array(0..<loader.numWorkers)
    }

    deinit { stop() }

    private func stop() {
        finished = true
        queues?.cancel()
        pool?.shutdown()
        pool = nil
    }

    /// The next batch, taking the workers in turn and skipping exhausted ones; nil at the end
    /// (PyTorch: `torch.utils.data.dataloader._BaseDataLoaderIter.__next__`).
    public func nextBatch() throws -> Batch? {
        if finished { return nil }
        if let source {
            do {
                if let batch = try loader.nextBatch(from: source, position: &position, worker: nil) { return batch }
            } catch {
                stop()
                throw error
            }
            stop()
            return nil
        }
        guard let queues else { return nil }
        while !active.isEmpty {
            let w = active[turn % active.count]
            guard let item = queues.take(w, timeout: loader.timeout) else {
                stop()
                throw DataError.timeout(seconds: loader.timeout)
            }
            switch item {
            case nil:
                active.removeAll { $0 == w }  // exhausted: the next worker in line takes this turn
            case .success(let batch)?:
                turn += 1
                return batch
            case .failure(let error)?:
                stop()
                throw error
            }
        }
        stop()
        return nil
    }

    /// `nextBatch()`, stopping the program on a loading error
    /// (PyTorch: `torch.utils.data.dataloader._BaseDataLoaderIter.__next__`, where the exception propagates).
    public func next() -> Batch? {
        do { return try nextBatch() } catch { fatalError("DataLoader: \(describe(error))") }
    }
}
