import Autodiff
import BenchSupport
import Foundation
import Layers
import TensorCore

// Layers' workloads (issue 4); twin: pytorch/layers_bench.py. Usage: LayersBench [threads] [only]
// Training steps update parameters with a plain SGD loop (p -= lr·grad): the Optimizers package is not
// merged yet, and the twin does the same so the comparison stays like for like.
let threads = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 2
Threads.set(threads)
manualSeed(0)
var bench = Bench()
let only = CommandLine.arguments.count > 2 ? CommandLine.arguments[2] : ""
func wanted(_ key: String) -> Bool { only.isEmpty || key.contains(only) }

func sgdStep(_ model: Module, lr: Double = 0.01) {
    noGrad {
        for p in model.parameters() { if let g = p.grad { p.sub_(g * lr) } }
    }
    model.zeroGrad()
}

/// The guide's MNIST MLP (section 6).
final class MLP: Module {
    @Child var network = Sequential(
        Flatten(), Linear(784, 512), BatchNorm1d(512), ReLU(), Dropout(0.3),
        Linear(512, 256), BatchNorm1d(256), ReLU(), Dropout(0.2), Linear(256, 10))
    override func forward(_ x: Tensor) -> Tensor { network(x) }
}

/// The guide's LSTMPredictor (section 8).
final class LSTMPredictor: Module {
    @Child var lstm = LSTM(inputSize: 1, hiddenSize: 64, numLayers: 2, batchFirst: true, dropout: 0.2)
    @Child var fc = Sequential(Linear(64, 32), ReLU(), Linear(32, 1))
    override func forward(_ x: Tensor) -> Tensor {
        let h0 = Tensor.zeros(2, x.size(0), 64), c0 = Tensor.zeros(2, x.size(0), 64)
        return fc(lstm(x, (h0, c0)).output[.all, -1, .all])
    }
}

if wanted("mlp") {
    let model = MLP()
    let criterion = CrossEntropyLoss()
    let x = Tensor.randn(64, 1, 28, 28), y = Tensor.randint(0, 10, [64])
    bench.record("mlp_train_step_b64_ms", Bench.median(warmup: 5, iterations: 50) {
        let loss = criterion(model(x), y)
        loss.backward()
        sgdStep(model)
    } * 1e3)
}

if wanted("conv") {
    let conv = Conv2d(64, 64, kernelSize: 3, padding: 1)
    let x = Tensor.randn(16, 64, 32, 32)
    bench.record("conv2d_64_64_3x3_b16_32x32_fwd_ms", Bench.median(warmup: 2, iterations: 10) {
        blackHole(noGrad { conv(x) })
    } * 1e3)
}

if wanted("lstm") {
    let model = LSTMPredictor()
    let criterion = MSELoss()
    let x = Tensor.randn(64, 50, 1), y = Tensor.randn(64, 1)
    bench.record("lstm_predictor_train_step_b64_t50_ms", Bench.median(warmup: 2, iterations: 10) {
        criterion(model(x), y).backward()
        sgdStep(model)
    } * 1e3)
}

if wanted("transformer") {
    let layer = TransformerEncoderLayer(dModel: 512, nhead: 8, dimFeedforward: 2048, batchFirst: true)
    let x = Tensor.randn(8, 64, 512)
    bench.record("transformer_layer_512_8_2048_b8_t64_train_step_ms", Bench.median(warmup: 2, iterations: 10) {
        layer(x).pow(2).mean().backward()
        sgdStep(layer)
    } * 1e3)
}

bench.printJSON()
