import Layers
import TensorCore

/// The guide's models (sections 6, 7, 9, 16) as the Export tests and benchmarks build them.
enum GuideModels {
    static let names = ["simplenet", "mlp", "cnn", "lstm", "gru", "transformer"]

    /// The model, one sample's shape, and the tolerance against another runtime (convolutions sum in
    /// another order: 1e-4).
    static func make(_ name: String) -> (Module, [Int], Double) {
        switch name {
        case "simplenet": (SimpleNet(), [10], 1e-5)
        case "mlp": (mlp(), [20], 1e-5)
        case "cnn": (cnn(), [1, 12, 12], 1e-4)
        case "lstm": (LSTMPredictor(), [6, 1], 1e-5)
        case "gru": (GRUPredictor(), [6, 1], 1e-5)
        case "transformer": (TransformerModel(), [5, 16], 1e-5)
        default: fatalError("no guide model \(name)")
        }
    }

    /// Section 16's SimpleNet: relu(fc(x)), fc = Linear(10, 5).
    final class SimpleNet: Module {
        @Child var fc = Linear(10, 5)
        override func forward(_ x: Tensor) -> Tensor { fc(x).relu() }
    }

    /// Section 6's MLP: Linear, BatchNorm1d, ReLU, Dropout (exported in eval).
    static func mlp() -> Sequential {
        Sequential([Linear(20, 32), BatchNorm1d(32), ReLU(), Dropout(p: 0.2), Linear(32, 16), ReLU(), Linear(16, 3)])
    }

    /// Section 7's CNN, on 1×12×12 images.
    static func cnn() -> Sequential {
        Sequential([
            Conv2d(1, 4, kernelSize: 3, padding: 1), BatchNorm2d(4), ReLU(), MaxPool2d(kernelSize: 2),
            Conv2d(4, 8, kernelSize: 3, padding: 1), ReLU(), MaxPool2d(kernelSize: 2),
            Flatten(), Linear(8 * 3 * 3, 10),
        ])
    }
}

/// Section 8's LSTMPredictor (Examples/SequenceForecast), smaller: input [batch, seq, 1].
final class LSTMPredictor: Module {
    @Child var lstm = LSTM(inputSize: 1, hiddenSize: 16, numLayers: 2, batchFirst: true, dropout: 0.2)
    @Child var fc = Sequential([Linear(16, 8), ReLU(), Linear(8, 1)])

    override func forward(_ x: Tensor) -> Tensor {
        let h0 = Tensor.zeros(2, x.size(0), 16), c0 = Tensor.zeros(2, x.size(0), 16)
        let (out, _) = lstm(x, (h0, c0))
        return fc(out[.all, -1, .all])
    }
}

/// Section 8's GRUPredictor, smaller.
final class GRUPredictor: Module {
    @Child var gru = GRU(1, 16, numLayers: 2, batchFirst: true, dropout: 0.2)
    @Child var fc = Linear(16, 1)

    override func forward(_ x: Tensor) -> Tensor {
        let (out, _) = gru(x)
        return fc(out[.all, -1, .all])
    }
}
