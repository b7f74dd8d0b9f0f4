import TensorCore
import Layers

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
