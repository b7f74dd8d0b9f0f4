import BenchSupport
import Export
import Foundation
import Layers
import TensorCore

// Export's workloads: inference of the guide's MLP (section 6), CNN (section 7) and LSTM predictor
// (section 8), eager vs compile(model), at batch 1 (latency, µs) and batch 64 (throughput, samples/s).
// Each model is exported (dynamic batch) to <folder>/<name>.onnx, which the twin (pytorch/export_bench.py)
// runs in onnxruntime beside torch eager and torch.compile on the same weights' architecture.
// Usage: ExportBench [threads] [folder]
let threads = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 2
let folder = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : "/tmp/swift-torch-export-bench"
Threads.set(threads)
manualSeed(0)
try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
var bench = Bench()

func mnistMLP() -> Sequential {
    Sequential(
        Flatten(), Linear(784, 512), BatchNorm1d(512), ReLU(), Dropout(0.3),
        Linear(512, 256), BatchNorm1d(256), ReLU(), Dropout(0.2), Linear(256, 10))
}

func cifarCNN() -> Sequential {
    func block(_ i: Int, _ o: Int) -> [Module] { [Conv2d(i, o, kernelSize: 3, padding: 1), BatchNorm2d(o), ReLU()] }
    let features: [Module] =
        block(3, 32) + [MaxPool2d(kernelSize: 2)] + block(32, 64) + [MaxPool2d(kernelSize: 2)]
        + block(64, 128) + [MaxPool2d(kernelSize: 2)]
    return Sequential(features + [Flatten(), Linear(2048, 256), ReLU(), Dropout(0.5), Linear(256, 10)])
}

final class LSTMPredictor: Module {
    @Child var lstm = LSTM(inputSize: 1, hiddenSize: 64, numLayers: 2, batchFirst: true, dropout: 0.2)
    @Child var fc = Sequential(Linear(64, 32), ReLU(), Linear(32, 1))
    override func forward(_ x: Tensor) -> Tensor { fc(lstm(x).output[.all, -1, .all]) }
}

let models: [(String, Module, [Int])] = [
    ("mlp", mnistMLP(), [1, 28, 28]), ("cnn", cifarCNN(), [3, 32, 32]), ("lstm", LSTMPredictor(), [50, 1]),
]
for (name, model, sample) in models {
    model.eval()
    try export(
        model, Tensor.randn([1] + sample), to: URL(fileURLWithPath: "\(folder)/\(name).onnx"),
        dynamicAxes: ["input": [0: "batch_size"], "output": [0: "batch_size"]])
    let compiled = compile(model)
    for batch in [1, 64] {
        let x = Tensor.randn([batch] + sample)
        let iterations = batch == 1 ? 200 : 20
        let eager = Bench.median(warmup: 5, iterations: iterations) { blackHole(noGradForward(model, x)) }
        let fast = Bench.median(warmup: 5, iterations: iterations) { blackHole(compiled(x)) }
        if batch == 1 {
            bench.record("\(name)_eager_b1_us", eager * 1e6)
            bench.record("\(name)_compile_b1_us", fast * 1e6)
        } else {
            bench.record("\(name)_eager_b64_samples_s", Double(batch) / eager)
            bench.record("\(name)_compile_b64_samples_s", Double(batch) / fast)
        }
    }
    precondition(compiled.fallbackReason == nil, "\(name) did not compile: \(compiled.fallbackReason!)")
}
bench.printJSON()
