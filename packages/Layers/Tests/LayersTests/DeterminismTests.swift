import Autodiff
import Layers
import TensorCore
import Testing
import TorchTestSupport

/// Reproducibility: the same seed gives the same bits, run after run and for one thread or two — the guide's
/// MLP (BatchNorm, Dropout) and a small CNN, three SGD steps each, forward, backward and update.
@Suite(.serialized) struct DeterminismTests {
    static func mlp() -> Module {
        Sequential([
            Linear(784, 256), BatchNorm1d(256), ReLU(), Dropout(0.2), Linear(256, 128), ReLU(), Linear(128, 10),
        ])
    }

    static func cnn() -> Module {
        Sequential([
            Conv2d(3, 16, kernelSize: 3, padding: 1), BatchNorm2d(16), ReLU(), MaxPool2d(2, stride: 2),
            Conv2d(16, 32, kernelSize: 3, padding: 1), ReLU(), AdaptiveAvgPool2d(1), Flatten(), Linear(32, 10),
        ])
    }

    /// Seeds, builds, trains three steps on `threads` threads; returns every parameter and buffer, flattened.
    static func train(_ make: () -> Module, input: [Int], threads: Int) -> [Tensor] {
        let saved = getNumThreads()
        setNumThreads(threads)
        defer { setNumThreads(saved) }
        setSeed(42)
        let model = make()
        let x = Tensor.randn(input), y = Tensor.randint(0, 10, [input[0]])
        for _ in 0..<3 {
            for p in model.parameters() { p.grad = nil }
            F.crossEntropy(model(x), y).backward()
            noGrad { for p in model.parameters() { p.sub_(p.grad! * 0.1) } }
        }
        return model.parameters() + model.buffers()
    }

    static func expectIdentical(_ a: [Tensor], _ b: [Tensor], _ what: String) {
        #expect(a.count == b.count)
        for (x, y) in zip(a, b) { #expect(x.equal(y), "\(what)") }
    }

    @Test(arguments: [("mlp", [64, 784]), ("cnn", [16, 3, 32, 32])])
    func sameBitsForOneThreadOrTwo(_ model: String, _ input: [Int]) {
        useDeterministicAlgorithms(true)
        defer { useDeterministicAlgorithms(false) }
        let make = model == "mlp" ? Self.mlp : Self.cnn
        let first = Self.train(make, input: input, threads: 2)
        Self.expectIdentical(first, Self.train(make, input: input, threads: 2), "\(model): two runs")
        Self.expectIdentical(first, Self.train(make, input: input, threads: 1), "\(model): one thread vs two")
    }
}
