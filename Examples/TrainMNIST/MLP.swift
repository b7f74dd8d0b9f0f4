import Torch

/// The guide's section-6 MLP, key for key: `network.1.weight`, `network.2.running_mean`, ...
final class MLP: Module {
    @Child var network = Sequential(
        Flatten(),  // 28x28 → 784
        Linear(784, 512), BatchNorm1d(512), ReLU(), Dropout(0.3),
        Linear(512, 256), BatchNorm1d(256), ReLU(), Dropout(0.2),
        Linear(256, 10))

    override func forward(_ x: Tensor) -> Tensor { network(x) }
}
