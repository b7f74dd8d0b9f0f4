import Foundation
import TensorCore
import Testing

@testable import DataPipeline

/// The real files in data/ and Tests/Fixtures read like torchvision reads them.
@Suite struct DatasetTests {
    let f = try! Fixture("datasets")

    @Test func mnistMatchesTorchvision() throws {
        let tf = Compose([ToTensor(), Normalize(mean: [0.1307], std: [0.3081])])
        for train in [true, false] {
            let ds = try MNIST(root: repoPath("data"), train: train, transform: tf)
            let e = f[train ? "mnist_train" : "mnist_test"] as! [String: Any]
            #expect(ds.count == e["count"] as! Int)
            var histogram = [Int](repeating: 0, count: 10)
            for t in ds.targets.toArray(Int64.self) { histogram[Int(t)] += 1 }
            #expect(histogram == ints(e["histogram"]!))
            #expect(ds.targets.toArray(Int64.self).prefix(20).map { Int($0) } == ints(e["first_targets"]!))
            let bytes = UnsafeBufferPointer(start: ds.data.pointer(UInt8.self), count: ds.data.numel)
            #expect(checksum(bytes) == (e["checksum"] as! NSNumber).uint64Value)
            var sum = 0.0, sq = 0.0
            for b in bytes {
                let x = Double(b) / 255
                sum += x
                sq += x * x
            }
            let n = Double(bytes.count), mean = sum / n
            let std = ((sq - n * mean * mean) / (n - 1)).squareRoot()
            #expect(abs(mean - number(e["mean"])) < 1e-9 && abs(std - number(e["std"])) < 1e-9)
            if train { #expect(abs(mean - 0.1307) < 5e-5 && abs(std - 0.3081) < 5e-5) }
            let first = try [ds[0].0, ds[1].0]
            #expect(
                try defaultCollate(first).toArray(Float.self)
                    == Fixture.decodeTensor(e["first_samples"]!).toArray(Float.self))
        }
        #expect(try MNIST(root: repoPath("data")).classes.count == 10)
    }

    @Test func cifarSampleMatchesNumpy() throws {
        for name in ["data_batch_1_first4000.bin", "test_batch_first1000.bin"] {
            let e = f[name] as! [String: Any]
            let ds = try CIFAR(recordsFiles: [repoPath("data/cifar10-sample/" + name)], transform: ToTensor())
            #expect(ds.count == e["count"] as! Int)
            var histogram = [Int](repeating: 0, count: 10)
            for t in ds.targets.toArray(Int64.self) { histogram[Int(t)] += 1 }
            #expect(histogram == ints(e["histogram"]!))
            #expect(ds.targets.toArray(Int64.self).prefix(20).map { Int($0) } == ints(e["first_targets"]!))
            var total: UInt64 = 0
            for i in 0..<ds.count { total &+= checksum(try ds.image(at: i).0.pixels, offset: i * 3072) }
            #expect(total == (e["checksum"] as! NSNumber).uint64Value)
            expectClose(try ds[0].0, Fixture.decodeTensor(e["first_sample"]!))
        }
        // The subsets must not pass for the official files.
        #expect(throws: DataError.self) { try CIFAR10(root: repoPath("data/cifar10-sample")) }
    }

    @Test func jpegFolderMatchesPIL() throws {
        let root = fixturesPath("cifar10-jpeg")
        let ds = try ImageFolder(root: root)
        #expect(ds.classes == (f["jpeg_classes"] as! [String]))
        let samples = (f["jpeg_samples"] as! [[Any]]).map { ($0[0] as! String, $0[1] as! Int) }
        #expect(ds.samples.map { String($0.0.dropFirst(root.count + 1)) } == samples.map(\.0))
        #expect(ds.targets == samples.map(\.1))
        let expected = (f["jpeg_checksums"] as! [NSNumber]).map(\.uint64Value)
        var mismatched: [String] = []
        for i in 0..<ds.count where checksum(try ds.image(at: i).0.pixels) != expected[i] {
            mismatched.append(ds.samples[i].0)
        }
        #expect(mismatched.isEmpty, "decoded differently from PIL: \(mismatched)")
        #expect(try ds.image(at: 0).0.pixels == f.tensor("jpeg_first").toArray(UInt8.self))
        let resized = try ImageFolder(root: root, transform: Compose([Resize(16), ToTensor()]))
        let loader = DataLoader(resized, batchSize: 4)
        let (batch, labels) = try loader.makeIterator().nextBatch()!
        expectClose(batch, f.tensor("jpeg_loader_first_batch"))
        #expect(labels.dtype == .int64 && labels.shape == [4])
    }

    /// The whole 10,000-image folder, when DATAPIPELINE_FULL_JPEG points at it (not in CI: the repo
    /// carries only the subset).
    @Test func fullJpegFolderMatchesPIL() throws {
        guard let root = ProcessInfo.processInfo.environment["DATAPIPELINE_FULL_JPEG"] else { return }
        let e = f["full_jpeg"] as! [String: Any]
        let ds = try ImageFolder(root: root)
        #expect(ds.classes == (e["classes"] as! [String]))
        var sums = [UInt64](repeating: 0, count: ds.classes.count)
        var counts = [Int](repeating: 0, count: ds.classes.count)
        for i in 0..<ds.count {
            let (img, t) = try ds.image(at: i)
            sums[t] &+= checksum(img.pixels)
            counts[t] += 1
        }
        #expect(counts == ints(e["counts"]!))
        #expect(sums.map(String.init) == (e["checksums"] as! [String]))
    }

    @Test func pngDecodesLikePIL() throws {
        let cases = f["png"] as! [String: [String: Any]]
        for (name, e) in cases {
            let img = try Image.open(fixturesPath("png/" + name))
            #expect(img.convert(.RGB).pixels == Fixture.decodeTensor(e["rgb"]!).toArray(UInt8.self), "\(name)")
            let mode = e["mode"] as! String
            if mode == "L" || mode == "RGB" || mode == "RGBA" {
                #expect(img.mode.rawValue == mode, "\(name)")
                #expect(img.pixels == Fixture.decodeTensor(e["native"]!).toArray(UInt8.self), "\(name)")
            }
        }
    }
}

/// The guide's data code, translated line by line.
@Suite struct GuideExamples {
    @Test func section6MNIST() throws {
        let transform = Compose([ToTensor(), Normalize(mean: [0.1307], std: [0.3081])])
        let trainDataset = try MNIST(root: repoPath("data"), train: true, transform: transform, download: true)
        let trainLoader = DataLoader(trainDataset, batchSize: 64, shuffle: true, numWorkers: 2)
        #expect(trainLoader.count == 938)
        let (data, target) = try trainLoader.makeIterator().nextBatch()!
        #expect(
            data.shape == [64, 1, 28, 28] && data.dtype == .float32 && target.shape == [64] && target.dtype == .int64)
    }

    @Test func section7CIFARAugmentation() throws {
        let transformTrain = Compose([
            RandomCrop(32, padding: 4), RandomHorizontalFlip(), ColorJitter(brightness: 0.2, contrast: 0.2), ToTensor(),
            Normalize(mean: [0.4914, 0.4822, 0.4465], std: [0.2470, 0.2435, 0.2616]),
        ])
        let trainData = try CIFAR(
            recordsFiles: [repoPath("data/cifar10-sample/data_batch_1_first4000.bin")], transform: transformTrain)
        let loader = DataLoader(trainData, batchSize: 128, shuffle: true, numWorkers: 2)
        var batches = 0
        try loader.iterate { x, y in
            batches += 1
            #expect(x.size(1) == 3 && x.size(2) == 32 && y.dtype == .int64)
        }
        #expect(batches == 32)
    }

    @Test func section14Preprocess() throws {
        let preprocess = Compose([
            Resize(256), CenterCrop(224), ToTensor(),
            Normalize(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]),
        ])
        let (img, _) = try ImageFolder(root: fixturesPath("cifar10-jpeg")).image(at: 0)
        #expect(try preprocess(img).asTensor().shape == [3, 224, 224])
    }

    @Test func section17DistributedSampler() throws {
        let dataset = try MNIST(root: repoPath("data"), train: true, transform: ToTensor())
        var seen = Set<Int>()
        for rank in 0..<2 {
            let sampler = DistributedSampler(dataset, numReplicas: 2, rank: rank, shuffle: true)
            sampler.setEpoch(1)
            let indices = sampler.indices()
            #expect(indices.count == 30_000)
            seen.formUnion(indices)
            let loader = DataLoader(dataset, batchSize: 64, sampler: sampler)
            #expect(loader.count == 469)
        }
        #expect(seen.count == 60_000)
    }
}
