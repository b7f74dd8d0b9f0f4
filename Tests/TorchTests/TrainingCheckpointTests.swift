import Foundation
import Testing
import Torch

@testable import train_mnist

/// A resume that fails leaves the model, the optimizer and the generator exactly as they were: every
/// part of the checkpoint is checked before the first is applied.
@Suite struct TrainingCheckpointTests {
    /// The job's objects with one Adam step taken, so the optimizer has state a failed resume could lose.
    struct Run {
        let model = MLP()
        let optimizer: Adam
        let generator: Generator
        static let config = RunConfig(seed: 0, batchSize: 4, lr: 1e-3, trainSamples: 4)

        init(seed: UInt64) {
            optimizer = Adam(model.parameters(), lr: Run.config.lr)
            generator = Generator(seed: seed)
            let x = Tensor.randn([4, 1, 28, 28], generator: generator)
            let y = Tensor.randint(0, 10, [4], generator: generator)
            optimizer.zeroGrad()
            CrossEntropyLoss()(model(x), y).backward()
            optimizer.step()
        }

        /// Every tensor's values (and every other entry) of model, optimizer and generator, as text.
        func fingerprint() -> [String] {
            func lines(_ value: StateValue, _ path: String) -> [String] {
                switch value {
                case .tensor(let t):
                    return ["\(path) \(t.dtype) \(t.shape.dims) \(t.contiguous().toArray(Double.self))"]
                case .dict(let d): return d.flatMap { lines($0.1, path + "." + $0.0.text) }
                case .list(let items), .tuple(let items):
                    return items.enumerated().flatMap { lines($0.element, "\(path).\($0.offset)") }
                default: return ["\(path) = \(value)"]
                }
            }
            return lines(.dict(model.stateDict()), "model") + lines(optimizer.stateDict(), "optimizer")
                + lines(.tensor(generator.getState()), "generator")
        }

        func restore(from path: String) throws -> [EpochMetrics] {
            try TrainingCheckpoint.restore(
                from: path, model: model, optimizer: optimizer, scaler: GradScaler(enabled: false), config: Run.config,
                generator: generator)
        }
    }

    /// A checkpoint of another run, with one entry replaced.
    static func checkpoint(replacing keys: [StateKey], with replacement: StateValue) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("resume-\(UUID().uuidString).h5").path
        let source = Run(seed: 1)
        let metrics = EpochMetrics(epoch: 1, trainLoss: 1, trainAcc: 50, testLoss: 1, testAcc: 50, seconds: 1)
        try TrainingCheckpoint.save(
            to: path, epoch: 1, model: source.model, optimizer: source.optimizer,
            scaler: GradScaler(enabled: false), config: Run.config,
            history: [metrics], generator: source.generator)
        func replaced(_ value: StateValue, _ keys: ArraySlice<StateKey>) -> StateValue {
            guard let key = keys.first, case .dict(var dict) = value else { return replacement }
            dict[key] = replaced(dict[key] ?? .none, keys.dropFirst())
            return .dict(dict)
        }
        try Checkpoint.save(replaced(try Checkpoint.load(from: path), keys[...]), to: path)
        return path
    }

    func expectUnchangedAfterFailedResume(_ path: String, _ problem: String) throws {
        let run = Run(seed: 2)
        let before = run.fingerprint()
        let error = #expect(throws: TrainError.self) { try run.restore(from: path) }
        #expect("\(error.map(String.init(describing:)) ?? "")".hasPrefix(path), "names the file")
        #expect("\(error.map(String.init(describing:)) ?? "")".contains(problem))
        #expect(run.fingerprint() == before, "model, optimizer and generator unchanged")
    }

    @Test func damagedRNGStateChangesNothing() throws {
        var state = Generator(seed: 3).getState().toArray(UInt8.self)
        state[10] = 0x7F  // `left` far outside 1...624
        let path = try Self.checkpoint(
            replacing: ["rng_state"], with: .tensor(Tensor(copying: state, shape: [state.count])))
        try expectUnchangedAfterFailedResume(path, "'rng_state' is damaged: Invalid mt19937 state")
    }

    @Test func mismatchedOptimizerStateChangesNothing() throws {
        let path = try Self.checkpoint(
            replacing: ["optimizer_state_dict", "state", .int(0), "exp_avg"], with: .tensor(Tensor.zeros([3])))
        try expectUnchangedAfterFailedResume(path, "optimizer state")
    }

    @Test func mismatchedModelStateChangesNothing() throws {
        let path = try Self.checkpoint(
            replacing: ["model_state_dict", "network.9.bias"], with: .tensor(Tensor.zeros([3])))
        try expectUnchangedAfterFailedResume(path, "size mismatch for network.9.bias")
    }

    /// The same files, undamaged, do restore everything: the fingerprint notices a change.
    @Test func intactCheckpointRestoresEverything() throws {
        let path = try Self.checkpoint(replacing: ["epoch"], with: .int(1))
        let run = Run(seed: 2)
        let before = run.fingerprint()
        #expect(try run.restore(from: path).count == 1)
        #expect(run.fingerprint() != before)
    }
}
