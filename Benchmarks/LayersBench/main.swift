import Autodiff
import BenchSupport
import Foundation
import Layers
import Optimizers
import TensorCore

// Layers' workloads: the guide's models trained step by step; twin: pytorch/layers_bench.py, the same models,
// optimizers and steps under the same keys. Usage: LayersBench [threads] [only]
// A training step is zero_grad, forward, loss, backward and the optimizer's step.
let threads = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 2
Threads.set(threads)
manualSeed(0)
var bench = Bench()
let only = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : ""
func wanted(_ key: String) -> Bool { only.isEmpty || key.contains(only) }

/// The guide's MNIST MLP (section 6).
func mnistMLP() -> Sequential {
    Sequential(
        Flatten(), Linear(784, 512), BatchNorm1d(512), ReLU(), Dropout(0.3),
        Linear(512, 256), BatchNorm1d(256), ReLU(), Dropout(0.2), Linear(256, 10))
}

/// The guide's VGG-style CIFAR CNN (section 7).
func cifarCNN() -> Sequential {
    func block(_ i: Int, _ o: Int) -> [Module] {
        [Conv2d(i, o, kernelSize: 3, padding: 1), BatchNorm2d(o), ReLU(inplace: true)]
    }
    let features: [Module] =
        block(3, 64) + block(64, 64) + [MaxPool2d(2), Dropout2d(0.1)]
        + block(64, 128) + block(128, 128) + [MaxPool2d(2), Dropout2d(0.2)]
        + block(128, 256) + block(256, 256) + [MaxPool2d(2)]
    let classifier: [Module] = [
        Flatten(), Linear(4096, 1024), ReLU(), Dropout(0.5), Linear(1024, 512), ReLU(), Dropout(0.3), Linear(512, 10),
    ]
    return Sequential(features + classifier)
}

/// The guide's LSTMPredictor (section 8).
final class LSTMPredictor: Module {
    @Child var lstm = LSTM(inputSize: 1, hiddenSize: 64, numLayers: 2, batchFirst: true, dropout: 0.2)
    @Child var fc = Sequential(Linear(64, 32), ReLU(), Linear(32, 1))
    override func forward(_ x: Tensor) -> Tensor { fc(lstm(x).output[.all, -1, .all]) }
}

/// One training step as the seed workloads write it.
func trainStep(_ model: Module, _ optimizer: Optimizer, _ loss: () -> Tensor) {
    optimizer.zeroGrad()
    loss().backward()
    optimizer.step()
}

if wanted("mlp_train_step_b64_ms") {
    let model = mnistMLP()
    let optimizer = Adam(model.parameters(), lr: 1e-3)
    let x = Tensor.randn(64, 1, 28, 28), y = Tensor.randint(0, 10, [64])
    bench.record(
        "mlp_train_step_b64_ms",
        Bench.median(warmup: 5, iterations: 50) {
            trainStep(model, optimizer) { F.crossEntropy(model(x), y) }
        } * 1e3)
}

if wanted("cnn_train_step_b128_ms") {
    let model = cifarCNN()
    let optimizer = SGD(model.parameters(), lr: 0.01, momentum: 0.9)
    let x = Tensor.randn(128, 3, 32, 32), y = Tensor.randint(0, 10, [128])
    bench.record(
        "cnn_train_step_b128_ms",
        Bench.median(warmup: 2, iterations: 5) {
            trainStep(model, optimizer) { F.crossEntropy(model(x), y) }
        } * 1e3)
}

if wanted("lstm_train_step_b64_ms") {
    let model = LSTMPredictor()
    let optimizer = Adam(model.parameters(), lr: 1e-3)
    let x = Tensor.randn(64, 50, 1), y = Tensor.randn(64, 1)
    bench.record(
        "lstm_train_step_b64_ms",
        Bench.median(warmup: 3, iterations: 20) {
            trainStep(model, optimizer) { F.mseLoss(model(x), y) }
        } * 1e3)
}

if wanted("conv64_b32_fwd_gflops") {
    // As the seed workload: grad mode on (the weight requires grad), so the call records its node.
    let conv = Conv2d(64, 64, kernelSize: 3, padding: 1)
    let x = Tensor.randn(32, 64, 32, 32)
    let seconds = Bench.median(warmup: 3, iterations: 10) { blackHole(conv(x)) }
    bench.record("conv64_b32_fwd_gflops", 2.0 * 32 * 64 * 64 * 9 * 32 * 32 / seconds / 1e9)
}

if wanted("transformer_layer_train_step_b8s64_ms") {
    let layer = TransformerEncoderLayer(dModel: 512, nhead: 8, dimFeedforward: 2048, batchFirst: true)
    let optimizer = AdamW(layer.parameters(), lr: 1e-3)
    let x = Tensor.randn(8, 64, 512)
    bench.record(
        "transformer_layer_train_step_b8s64_ms",
        Bench.median(warmup: 3, iterations: 20) {
            trainStep(layer, optimizer) { layer(x).pow(2).mean() }
        } * 1e3)
}

// Mixed precision: the same steps with the forward pass and loss under bfloat16 autocast.
if wanted("mlp_train_step_b64_bf16_ms") {
    let model = mnistMLP()
    let optimizer = Adam(model.parameters(), lr: 1e-3)
    let x = Tensor.randn(64, 1, 28, 28), y = Tensor.randint(0, 10, [64])
    bench.record(
        "mlp_train_step_b64_bf16_ms",
        Bench.median(warmup: 5, iterations: 50) {
            trainStep(model, optimizer) { autocast(dtype: .bfloat16) { F.crossEntropy(model(x), y) } }
        } * 1e3)
}

if wanted("cnn_train_step_b128_bf16_ms") {
    let model = cifarCNN()
    let optimizer = SGD(model.parameters(), lr: 0.01, momentum: 0.9)
    let x = Tensor.randn(128, 3, 32, 32), y = Tensor.randint(0, 10, [128])
    bench.record(
        "cnn_train_step_b128_bf16_ms",
        Bench.median(warmup: 2, iterations: 5) {
            trainStep(model, optimizer) { autocast(dtype: .bfloat16) { F.crossEntropy(model(x), y) } }
        } * 1e3)
}

if wanted("transformer_layer_train_step_b8s64_bf16_ms") {
    let layer = TransformerEncoderLayer(dModel: 512, nhead: 8, dimFeedforward: 2048, batchFirst: true)
    let optimizer = AdamW(layer.parameters(), lr: 1e-3)
    let x = Tensor.randn(8, 64, 512)
    bench.record(
        "transformer_layer_train_step_b8s64_bf16_ms",
        Bench.median(warmup: 3, iterations: 20) {
            trainStep(layer, optimizer) { autocast(dtype: .bfloat16) { layer(x).float().pow(2).mean() } }
        } * 1e3)
}

bench.printJSON()
