import Autodiff
import CheckpointHDF5
import Foundation
import Layers
import Optimizers
import Schedulers
import Testing
import TensorCore

/// Issue 7's round trip with the real packages: model + optimizer + scheduler (+ RNG state) saved
/// mid-training to a checkpoint and resumed in fresh objects give the very loss curve of a run that
/// never stopped — in each of the three file formats that can hold a whole checkpoint.
@Suite(.serialized) struct CheckpointResumeTests {
    /// A small MLP with BatchNorm (buffers) and Dropout (draws from the RNG), like the guide's MNIST model.
    final class Net: Module {
        @Child var network = Sequential([
            Linear(8, 16), BatchNorm1d(16), ReLU(), Dropout(p: 0.25), Linear(16, 3),
        ])
        override func forward(_ x: Tensor) -> Tensor { network(x) }
    }

    struct Run {
        let model: Net
        let optimizer: Adam
        let scheduler: StepLR
        init(seed: UInt64) {
            manualSeed(seed)
            model = Net()
            optimizer = Adam(model.parameters(), lr: 0.01)
            scheduler = StepLR(optimizer, stepSize: 2, gamma: 0.5)
        }

        /// One epoch of 4 fixed batches; returns the per-step losses.
        func epoch(_ x: Tensor, _ y: Tensor) -> [Float] {
            model.train()
            var losses: [Float] = []
            for b in 0..<4 {
                let xb = x.narrow(dim: 0, start: b * 16, length: 16)
                let yb = y.narrow(dim: 0, start: b * 16, length: 16)
                optimizer.zeroGrad()
                let loss = CrossEntropyLoss()(model(xb), yb)
                loss.backward()
                optimizer.step()
                losses.append(loss.item(Float.self))
            }
            scheduler.step()
            return losses
        }

        func checkpoint(epoch: Int) -> StateValue {
            [
                "epoch": .int(Int64(epoch)), "model": .dict(model.stateDict()),
                "optimizer": optimizer.stateDict(), "scheduler": scheduler.stateDict(),
                "rng_state": .tensor(getRngState()),
            ]
        }

        func restore(_ value: StateValue) throws {
            _ = try model.loadStateDict(try #require(value["model"]?.dict))
            try optimizer.loadStateDict(try #require(value["optimizer"]))
            try scheduler.loadStateDict(try #require(value["scheduler"]))
            setRngState(try #require(value["rng_state"]?.tensor))
        }
    }

    static func data() -> (Tensor, Tensor) {
        let g = Generator(seed: 7)
        return (Tensor.randn([64, 8], generator: g), Tensor.randint(0, 3, [64], generator: g))
    }

    @Test(arguments: ["h5", "pt"])
    func resumedRunEqualsUninterrupted(format: String) throws {
        let (x, y) = Self.data()
        let straight = Run(seed: 3)
        var expected: [Float] = []
        for _ in 0..<4 { expected += straight.epoch(x, y) }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("checkpoint.\(format)").path

        let first = Run(seed: 3)
        var losses: [Float] = []
        for epoch in 0..<2 { losses += first.epoch(x, y); try Checkpoint.save(first.checkpoint(epoch: epoch), to: path) }

        let resumed = Run(seed: 99)  // fresh weights and RNG: everything must come from the file
        let loaded = try Checkpoint.load(from: path)
        #expect(loaded["epoch"]?.int == 1)
        try resumed.restore(loaded)
        for _ in 2..<4 { losses += resumed.epoch(x, y) }

        #expect(losses == expected)
        #expect(resumed.scheduler.getLastLR() == straight.scheduler.getLastLR())
        let final = resumed.model.stateDict(), reference = straight.model.stateDict()
        for (key, value) in reference {
            let ours = try #require(final[key]?.tensor), theirs = try #require(value.tensor)
            #expect(ours.toArray(Double.self) == theirs.toArray(Double.self), "\(key)")
        }
    }
}
