import Layers
import TensorCore

/// The guide's section-4 models, written as a Swift user would.
final class SimpleModel: Module {
    @Child var fc1: Linear
    @Child var relu = ReLU()
    @Child var fc2: Linear
    @Child var dropout = Dropout(p: 0.5)

    init(_ inFeatures: Int, _ hiddenSize: Int, _ outFeatures: Int) {
        fc1 = Linear(inFeatures, hiddenSize)
        fc2 = Linear(hiddenSize, outFeatures)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        fc2(dropout(relu(fc1(x))))
    }
}

final class ResidualBlock: Module {
    @Child var layers: ModuleList
    @Child var relu = ReLU()

    init(numBlocks: Int, hiddenSize: Int) {
        layers = ModuleList((0..<numBlocks).map { _ in Linear(hiddenSize, hiddenSize) })
        super.init()
    }

    override func forward(_ input: Tensor) -> Tensor {
        var x = input
        for layer in layers { x = relu(layer(x)) + x }
        return x
    }
}

final class MultiTaskModel: Module {
    @Child var backbone = Linear(784, 256)
    @Child var heads = ModuleDict(["classification": Linear(256, 10), "regression": Linear(256, 1)])

    override func forward(_ x: Tensor) -> Tensor { forward(x, task: "classification") }

    func forward(_ x: Tensor, task: String) -> Tensor { heads[task](backbone(x).relu()) }
}

/// The guide's MNIST MLP (section 6).
final class MLP: Module {
    @Child var network = Sequential(
        Flatten(), Linear(784, 512), BatchNorm1d(512), ReLU(), Dropout(0.3),
        Linear(512, 256), BatchNorm1d(256), ReLU(), Dropout(0.2), Linear(256, 10))

    override func forward(_ x: Tensor) -> Tensor { network(x) }
}

/// The guide's VGG-style CIFAR CNN (section 7).
final class CNN: Module {
    @Child var features = Sequential(
        Conv2d(3, 64, kernelSize: 3, padding: 1), BatchNorm2d(64), ReLU(inplace: true),
        Conv2d(64, 64, kernelSize: 3, padding: 1), BatchNorm2d(64), ReLU(inplace: true),
        MaxPool2d(2, stride: 2), Dropout2d(0.1),
        Conv2d(64, 128, kernelSize: 3, padding: 1), BatchNorm2d(128), ReLU(inplace: true),
        Conv2d(128, 128, kernelSize: 3, padding: 1), BatchNorm2d(128), ReLU(inplace: true),
        MaxPool2d(2, stride: 2), Dropout2d(0.2),
        Conv2d(128, 256, kernelSize: 3, padding: 1), BatchNorm2d(256), ReLU(inplace: true),
        Conv2d(256, 256, kernelSize: 3, padding: 1), BatchNorm2d(256), ReLU(inplace: true),
        MaxPool2d(2, stride: 2))
    @Child var classifier: Sequential

    init(numClasses: Int = 10) {
        classifier = Sequential(
            Flatten(), Linear(256 * 4 * 4, 1024), ReLU(inplace: true), Dropout(0.5),
            Linear(1024, 512), ReLU(inplace: true), Dropout(0.3), Linear(512, numClasses))
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor { classifier(features(x)) }
}

/// The guide's LSTMPredictor (section 8).
final class LSTMPredictor: Module {
    let hiddenSize: Int, numLayers: Int
    @Child var lstm: LSTM
    @Child var fc: Sequential

    init(inputSize: Int = 1, hiddenSize: Int = 64, numLayers: Int = 2, outputSize: Int = 1, dropout: Double = 0.2) {
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        lstm = LSTM(
            inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, batchFirst: true,
            dropout: numLayers > 1 ? dropout : 0, bidirectional: false)
        fc = Sequential(Linear(hiddenSize, 32), ReLU(), Linear(32, outputSize))
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor {
        let batch = x.size(0)
        let h0 = Tensor.zeros(numLayers, batch, hiddenSize), c0 = Tensor.zeros(numLayers, batch, hiddenSize)
        let (out, _) = lstm(x, (h0, c0))
        return fc(out[.all, -1, .all])
    }
}

/// The guide's GRUPredictor (section 8).
final class GRUPredictor: Module {
    @Child var gru: GRU
    @Child var fc: Linear

    init(inputSize: Int = 1, hiddenSize: Int = 64, numLayers: Int = 2) {
        gru = GRU(inputSize, hiddenSize, numLayers: numLayers, batchFirst: true, dropout: 0.2)
        fc = Linear(hiddenSize, 1)
        super.init()
    }

    override func forward(_ x: Tensor) -> Tensor { fc(gru(x).output[.all, -1, .all]) }
}
