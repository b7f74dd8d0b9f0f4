import Autodiff
import CheckpointHDF5
import Foundation
import Layers
import Optimizers
import Schedulers
import TensorCore
import Testing

/// Issue 7's round trip with the real packages: model + optimizer + scheduler (+ RNG state) saved
/// mid-training to a checkpoint and resumed in fresh objects give the very loss curve of a run that
/// never stopped — in each of the three file formats that can hold a whole checkpoint.
@Suite struct CheckpointResumeTests {
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
            guard let model = value["model"]?.dict, let optimizer = value["optimizer"],
                let scheduler = value["scheduler"], let rng = value["rng_state"]?.tensor
            else { fatalError("checkpoint lacks a model, optimizer, scheduler or RNG entry") }
            _ = try self.model.loadStateDict(model)
            try self.optimizer.loadStateDict(optimizer)
            try self.scheduler.loadStateDict(scheduler)
            setRngState(rng)
        }
    }

    static func data() -> (Tensor, Tensor) {
        let g = Generator(seed: 7)
        return (Tensor.randn([64, 8], generator: g), Tensor.randint(0, 3, [64], generator: g))
    }

    /// Each format runs in a child process: the run seeds and draws from the process-wide generator
    /// (`manualSeed`, Dropout, `getRngState`), which suites running in parallel in this process also use.
    @Test func resumedRunEqualsUninterruptedHDF5() async {
        await #expect(processExitsWith: .success) { try CheckpointResumeTests.checkResume(format: "h5") }
    }

    @Test func resumedRunEqualsUninterruptedTorchFormat() async {
        await #expect(processExitsWith: .success) { try CheckpointResumeTests.checkResume(format: "pt") }
    }

    /// Stops the (child) process with the first difference between the resumed and the straight run.
    static func checkResume(format: String) throws {
        let (x, y) = data()
        let straight = Run(seed: 3)
        var expected: [Float] = []
        for _ in 0..<4 { expected += straight.epoch(x, y) }

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("checkpoint.\(format)").path

        let first = Run(seed: 3)
        var losses: [Float] = []
        for epoch in 0..<2 {
            losses += first.epoch(x, y)
            try Checkpoint.save(first.checkpoint(epoch: epoch), to: path)
        }

        let resumed = Run(seed: 99)  // fresh weights and RNG: everything must come from the file
        let loaded = try Checkpoint.load(from: path)
        guard loaded["epoch"]?.int == 1 else {
            fatalError("epoch not restored: \(String(describing: loaded["epoch"]))")
        }
        try resumed.restore(loaded)
        for _ in 2..<4 { losses += resumed.epoch(x, y) }

        guard losses == expected else { fatalError("loss curves differ:\n\(losses)\n\(expected)") }
        guard resumed.scheduler.getLastLR() == straight.scheduler.getLastLR() else {
            fatalError("learning rates differ")
        }
        let final = resumed.model.stateDict()
        for (key, value) in straight.model.stateDict() {
            guard let ours = final[key]?.tensor, let theirs = value.tensor,
                ours.toArray(Double.self) == theirs.toArray(Double.self)
            else { fatalError("\(key) differs") }
        }
    }
}
