import Foundation
import TensorCore
import Testing

@testable import DataPipeline

/// Map-style data set that records which thread loads what; optionally fails or stalls at one index.
struct Probe: Dataset, @unchecked Sendable {
    let count: Int
    var failAt: Int? = nil
    var stallAt: Int? = nil
    subscript(index: Int) -> (Tensor, Int) {
        get throws {
            if index == failAt { throw DataError.badFormat(path: "probe", message: "sample \(index) is broken") }
            if index == stallAt { Thread.sleep(forTimeInterval: 2) }
            return (Tensor.full([2], .double(Double(index)), dtype: .float32), index)
        }
    }
}

@Suite struct LoaderTests {
    func labels(_ loader: DataLoader<Probe, (Tensor, Tensor)>) throws -> [[Int]] {
        var out: [[Int]] = []
        try loader.iterate { out.append($0.1.toArray(Int64.self).map { Int($0) }) }
        return out
    }

    @Test func workersKeepSamplerOrder() throws {
        for workers in [0, 1, 2, 3] {
            let loader = DataLoader(
                Probe(count: 103), batchSize: 8, numWorkers: workers, prefetchFactor: workers > 0 ? 3 : nil)
            let batches = try labels(loader)
            #expect(batches.count == 13 && loader.count == 13)
            #expect(batches.flatMap { $0 } == Array(0..<103))
            var (x, y) = try loader.makeIterator().nextBatch()!
            #expect(x.shape == [8, 2] && x.dtype == .float32 && y.dtype == .int64)
            (x, y) = (x, y)
        }
        let dropped = DataLoader(Probe(count: 103), batchSize: 8, numWorkers: 2, dropLast: true)
        #expect(try labels(dropped).count == 12 && dropped.count == 12)
    }

    @Test func shuffleWithWorkersIsReproducible() throws {
        let a = try labels(
            DataLoader(Probe(count: 50), batchSize: 7, shuffle: true, numWorkers: 2, generator: Generator(seed: 5)))
        let b = try labels(
            DataLoader(Probe(count: 50), batchSize: 7, shuffle: true, numWorkers: 0, generator: Generator(seed: 5)))
        #expect(a == b)
        #expect(a.flatMap { $0 }.sorted() == Array(0..<50))
    }

    @Test func workerErrorNamesTheIndex() throws {
        for workers in [0, 2] {
            let loader = DataLoader(Probe(count: 40, failAt: 13), batchSize: 4, numWorkers: workers)
            var seen = 0
            #expect {
                try loader.iterate { _ in seen += 1 }
            } throws: { error in
                guard case DataError.sample(let indices, let worker, let message) = error else { return false }
                return indices == [13] && message.contains("sample 13 is broken")
                    && (workers == 0 ? worker == nil : worker == 1)
            }
            #expect(seen == 3)  // batches before the failing one were delivered, in order
        }
    }

    @Test func timeoutInsteadOfHanging() throws {
        let loader = DataLoader(Probe(count: 8, stallAt: 5), batchSize: 2, numWorkers: 2, timeout: 0.3)
        #expect(throws: DataError.timeout(seconds: 0.3)) { try loader.iterate { _ in } }
    }

    @Test func workerInfoSeedsAndInit() throws {
        let seen = Locked<[Int: WorkerInfo]>([:])
        let inits = Locked<[Int]>([])
        let ds = AnyDataset(count: 12) { i -> Int in
            let info = getWorkerInfo()!
            seen.mutate { $0[i] = info }
            return DataRandom.current.randint(0, 1000)
        }
        let run = {
            try DataLoader(
                ds, batchSize: 3, numWorkers: 2, workerInit: { id in inits.mutate { $0.append(id) } },
                generator: Generator(seed: 9)
            )
            .makeIterator().collect().map { $0.toArray(Int64.self) }
        }
        let first = try run(), second = try run()
        #expect(first == second)  // worker generators are seeded from the loader's generator
        #expect(inits.value.sorted() == [0, 0, 1, 1])
        let infos = seen.value
        #expect(infos[0]!.id == 0 && infos[3]!.id == 1 && infos[6]!.id == 0 && infos[0]!.numWorkers == 2)
        #expect(infos[3]!.seed == infos[0]!.seed + 1)
        #expect(getWorkerInfo() == nil)
    }

    @Test func persistentWorkersSurviveEpochs() throws {
        let inits = Locked<Int>(0)
        let loader = DataLoader(
            Probe(count: 20), batchSize: 5, numWorkers: 2, workerInit: { _ in inits.mutate { $0 += 1 } },
            persistentWorkers: true)
        for _ in 0..<3 { #expect(try labels(loader).flatMap { $0 } == Array(0..<20)) }
        #expect(inits.value == 2)
    }

    @Test func samplersAndBatchSamplers() throws {
        let sampler = SubsetRandomSampler([1, 3, 5, 7], generator: Generator(seed: 1))
        let picked = try labels(DataLoader(Probe(count: 10), batchSize: 2, sampler: sampler)).flatMap { $0 }
        #expect(picked.sorted() == [1, 3, 5, 7])
        let batches = BatchSampler(SequentialSampler(count: 10), batchSize: 4, dropLast: false)
        #expect(
            try labels(DataLoader(Probe(count: 10), batchSampler: batches)) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
    }

    @Test func defaultCollateWalksStructures() throws {
        let ds = AnyDataset(count: 4) { i -> [String: [Double]] in ["a": [Double(i), 0.5], "b": [1]] }
        let batch = try DataLoader(ds, batchSize: 4).makeIterator().nextBatch()!
        #expect(batch["a"]!.count == 2 && batch["a"]![0].toArray(Double.self) == [0, 1, 2, 3])
        #expect(batch["a"]![0].dtype == .float64 && batch["b"]![0].shape == [4])
        let triple = AnyDataset(count: 3) { i in (Tensor.zeros([2, 2]), i, "s\(i)") }
        let (x, y, z) = try DataLoader(triple, batchSize: 3).makeIterator().nextBatch()!
        #expect(x.shape == [3, 2, 2] && y.toArray(Int64.self) == [0, 1, 2] && z == ["s0", "s1", "s2"])
        let custom = DataLoader(Probe(count: 6), batchSize: 3, collate: { $0.map(\.1).reduce(0, +) })
        #expect(Array(custom) == [3, 12])
    }

    @Test func collatePromotesAndReadsViews() throws {
        // torch.stack([tensor([1, 2]), tensor([0.5, 1.5])]) promotes to float32; transposed samples are read as views.
        let mixed = try defaultCollate([Tensor([1, 2]), Tensor([0.5, 1.5])])
        #expect(mixed.dtype == .float32 && mixed.toArray(Float.self) == [1, 2, 0.5, 1.5])
        let base = Tensor(copying: (0..<6).map { Float($0) }, shape: [2, 3])
        let views = try defaultCollate([base.transpose(0, 1), base.transpose(0, 1)])
        #expect(views.shape == [2, 3, 2] && views.toArray(Float.self) == [0, 3, 1, 4, 2, 5, 0, 3, 1, 4, 2, 5])
    }

    @Test func mismatchedShapesNameTheSample() throws {
        let ds = AnyDataset(count: 6) { i in Tensor.zeros(i == 4 ? [3, 5] : [3, 4]) }
        for workers in [0, 2] {
            #expect {
                try DataLoader(ds, batchSize: 3, numWorkers: workers).iterate { _ in }
            } throws: { error in
                guard case DataError.sample(let indices, _, let message) = error else { return false }
                return indices == [4] && message.contains("[3, 4] at entry 0 and [3, 5] at entry 1")
            }
        }
    }

    @Test func datasetCombinators() throws {
        let x = Tensor(copying: (0..<12).map { Float($0) }, shape: [6, 2])
        let y = Tensor(copying: (0..<6).map { Int64($0 % 3) }, shape: [6])
        let td = TensorDataset(x, y)
        #expect(try td[2][0].toArray(Float.self) == [4, 5] && td[-1][1].item(Int64.self) == 2)
        #expect(throws: DataError.self) { try td[6] }
        let batch = try DataLoader(td, batchSize: 4).makeIterator().nextBatch()!
        #expect(batch[0].shape == [4, 2] && batch[1].toArray(Int64.self) == [0, 1, 2, 0])
        let concat = ConcatDataset([Probe(count: 3), Probe(count: 0), Probe(count: 4)])
        #expect(concat.count == 7 && concat.cumulativeSizes == [3, 3, 7])
        #expect(try (0..<7).map { try concat[$0].1 } == [0, 1, 2, 0, 1, 2, 3])
        let sub = Subset(Probe(count: 10), indices: [9, 2])
        #expect(try sub[0].1 == 9 && sub[1].1 == 2 && sub.count == 2)
        // The guide's TabularDataset + WeightedRandomSampler example.
        let labels = (0..<1000).map { $0 < 800 ? 0 : $0 < 950 ? 1 : 2 }
        let tab = TabularDataset(x: labels.map { [Double($0), 1] }, y: labels)
        let classWeights = [1.0 / 800, 1.0 / 150, 1.0 / 50]
        let sampler = WeightedRandomSampler(
            weights: labels.map { classWeights[$0] }, numSamples: 1000, generator: Generator(seed: 0))
        var counts = [0, 0, 0]
        try DataLoader(tab, batchSize: 32, sampler: sampler).iterate { _, y in
            for v in y.toArray(Int64.self) { counts[Int(v)] += 1 }
        }
        #expect(counts.allSatisfy { abs($0 - 333) < 60 }, "balanced draws: \(counts)")
    }

    @Test func iterableDatasets() throws {
        struct Stream: IterableDataset {
            let n: Int
            func makeIterator(worker: WorkerInfo?) -> AnyIterator<Int> {
                let (id, workers) = (worker?.id ?? 0, worker?.numWorkers ?? 1)
                return AnyIterator(stride(from: id, to: n, by: workers).makeIterator())
            }
        }
        let single = try IterableDataLoader(Stream(n: 10), batchSize: 4).makeIterator().collect().map {
            $0.toArray(Int64.self)
        }
        #expect(single == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        // Two workers each shard the stream; batches alternate between workers like PyTorch.
        let sharded = try IterableDataLoader(Stream(n: 10), batchSize: 2, numWorkers: 2).makeIterator().collect().map {
            $0.toArray(Int64.self)
        }
        #expect(sharded == [[0, 2], [1, 3], [4, 6], [5, 7], [8], [9]])
    }
}

/// A value shared by worker threads in tests.
final class Locked<T>: @unchecked Sendable {
    private var stored: T
    private let lock = NSLock()
    init(_ value: T) { stored = value }
    var value: T {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
    func mutate(_ body: (inout T) -> Void) {
        lock.lock()
        body(&stored)
        lock.unlock()
    }
}

extension DataLoaderIterator {
    func collect() throws -> [Batch] {
        var out: [Batch] = []
        while let b = try nextBatch() { out.append(b) }
        return out
    }
}

extension IterableLoaderIterator {
    func collect() throws -> [Batch] {
        var out: [Batch] = []
        while let b = try nextBatch() { out.append(b) }
        return out
    }
}

/// Whole augmented batches equal torch's DataLoader's, with 0 and with 2 workers.
@Suite(.serialized) struct AugmentedLoaderParity {
    @Test func batchesMatchTorchDataLoader() throws {
        let f = try Fixture("loader_augment")
        let records = try CIFAR(recordsFiles: [repoPath("data/cifar10-sample/test_batch_first1000.bin")])
        let first9 = Subset(records, indices: Array(0..<9))
        let transform = Compose([
            RandomCrop(32, padding: 4), RandomHorizontalFlip(),
            ColorJitter(brightness: 0.2, contrast: 0.2, saturation: 0.2, hue: 0.1), PILToTensor(),
        ])
        let ds = AnyDataset(count: 9) { i -> (Tensor, Int) in
            let (img, label) = try first9.dataset.image(at: first9.indices[i])
            return (try transform(img).asTensor(), label)
        }
        for workers in [0, 2] {
            // torch.manual_seed(3) for the main thread, without touching the shared default generator.
            try DataRandom.withGenerator(Generator(seed: 3)) {
                let loader = DataLoader(
                    ds, batchSize: 3, shuffle: true, numWorkers: workers, generator: Generator(seed: 7))
                let expected = f["workers_\(workers)"] as! [[String: Any]]
                var k = 0
                try loader.iterate { x, y in
                    expectClose(x, Fixture.decodeTensor(expected[k]["x"]!))
                    expectClose(y, Fixture.decodeTensor(expected[k]["y"]!))
                    k += 1
                }
                #expect(k == 3)
            }
        }
    }
}
