// DataPipeline throughput beside torch's DataLoader on the same files (twin: pytorch/datapipeline_bench.py).
// Usage: swift run -c release DataPipelineBench [threads] [repo root]; prints samples per second as JSON.
import BenchSupport
import DataPipeline
import Foundation
import TensorCore

let threads = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 2 : 2
let root = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : ".."
Threads.set(threads)
manualSeed(0)

/// Best of `epochs` timed epochs after one warm-up epoch, in samples per second.
func throughput<D: Dataset, B>(_ loader: DataLoader<D, B>, epochs: Int = 2) throws -> Double {
    var best = Double.infinity
    for epoch in 0...epochs {
        let start = DispatchTime.now().uptimeNanoseconds
        try loader.iterate { blackHole($0) }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        if epoch > 0 { best = min(best, seconds) }
    }
    return Double(loader.dataset.count) / best
}

var bench = Bench()
let mnist = try MNIST(
    root: root + "/data", train: true, transform: Compose([ToTensor(), Normalize(mean: [0.1307], std: [0.3081])]))
for workers in [0, 2] {
    let loader = DataLoader(mnist, batchSize: 64, shuffle: true, numWorkers: workers, generator: Generator(seed: 0))
    bench.record("mnist_b64_w\(workers)_samples_s", try throughput(loader))
}

let cifar = try CIFAR(
    recordsFiles: [root + "/data/cifar10-sample/data_batch_1_first4000.bin"],
    transform: Compose([
        RandomCrop(32, padding: 4), RandomHorizontalFlip(),
        ColorJitter(brightness: 0.2, contrast: 0.2, saturation: 0.2),
        ToTensor(), Normalize(mean: [0.4914, 0.4822, 0.4465], std: [0.2470, 0.2435, 0.2616]),
    ]))
for workers in [0, 2] {
    let loader = DataLoader(cifar, batchSize: 128, shuffle: true, numWorkers: workers, generator: Generator(seed: 0))
    bench.record("cifar_aug_b128_w\(workers)_samples_s", try throughput(loader, epochs: 3))
}
bench.printJSON()
