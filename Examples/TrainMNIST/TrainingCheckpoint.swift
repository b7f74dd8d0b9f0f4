import Foundation
import Torch

/// The settings that decide the numbers; a resumed run must use the same ones to reproduce an
/// uninterrupted run, so they are stored and compared.
struct RunConfig: Equatable {
    var seed: Int
    var batchSize: Int
    var lr: Double
    var trainSamples: Int
    /// `--amp`: "bf16", "fp16", or "none" (also what checkpoints written before the option mean).
    var amp: String

    var stateValue: StateValue {
        [
            "seed": .int(Int64(seed)), "batch_size": .int(Int64(batchSize)), "lr": .double(lr),
            "train_samples": .int(Int64(trainSamples)), "amp": .string(amp),
        ]
    }

    init(seed: Int, batchSize: Int, lr: Double, trainSamples: Int, amp: String = "none") {
        (self.seed, self.batchSize, self.lr, self.trainSamples, self.amp) = (seed, batchSize, lr, trainSamples, amp)
    }

    init?(_ value: StateValue?) {
        guard let value, let seed = value["seed"]?.int, let batch = value["batch_size"]?.int,
            let lr = value["lr"]?.double, let samples = value["train_samples"]?.int
        else { return nil }
        self.init(
            seed: Int(seed), batchSize: Int(batch), lr: lr, trainSamples: Int(samples),
            amp: value["amp"]?.string ?? "none")
    }

    var options: String {
        "--seed \(seed) --batch-size \(batchSize) --lr \(lr)" + (amp == "none" ? "" : " --amp \(amp)")
            + " (\(trainSamples) training images)"
    }
}

/// The job's HDF5 checkpoint: model and optimizer state dicts, the epoch, the global RNG state (dropout
/// masks continue where they stopped), the settings and every finished epoch's metrics. One file per run
/// directory, replaced atomically after each epoch (CheckpointHDF5 writes a temporary file, fsyncs, renames).
enum TrainingCheckpoint {
    static let fileName = "mnist_mlp.h5"

    static func path(in directory: String) -> String {
        URL(fileURLWithPath: directory).appendingPathComponent(fileName).path
    }

    static func save(
        to path: String, epoch: Int, model: Module, optimizer: Optimizer, scaler: GradScaler, config: RunConfig,
        history: [EpochMetrics], generator: Generator = .default
    ) throws {
        func column(_ key: KeyPath<EpochMetrics, Double>) -> StateValue {
            .tensor(Tensor(copying: history.map { $0[keyPath: key] }, shape: [history.count]))
        }
        let value: StateValue = [
            "epoch": .int(Int64(epoch)),
            "model_state_dict": .dict(model.stateDict()),
            "optimizer_state_dict": optimizer.stateDict(),
            "scaler_state_dict": scaler.stateDict(),
            "rng_state": .tensor(generator.getState()),
            "config": config.stateValue,
            "metrics": [
                "train_loss": column(\.trainLoss), "train_acc": column(\.trainAcc),
                "test_loss": column(\.testLoss), "test_acc": column(\.testAcc), "seconds": column(\.seconds),
            ],
        ]
        do {
            try Checkpoint.save(value, to: path)
        } catch {
            throw TrainError.checkpoint("could not save the checkpoint: \(error)")
        }
    }

    /// Restores model, optimizer and RNG state; returns the finished epochs' metrics. Nothing is
    /// restored unless the whole file checks out: every part is validated before the first is applied.
    static func restore(
        from path: String, model: Module, optimizer: Optimizer, scaler: GradScaler, config: RunConfig,
        generator: Generator = .default
    ) throws -> [EpochMetrics] {
        let value: StateValue
        do {
            value = try Checkpoint.load(from: path)
        } catch {
            throw TrainError.checkpoint("could not read the checkpoint: \(error)")
        }
        func bad(_ what: String) -> TrainError { .checkpoint("\(path): \(what); not a train-mnist checkpoint?") }
        guard let epoch = value["epoch"]?.int, epoch >= 0 else { throw bad("no 'epoch'") }
        guard let modelState = value["model_state_dict"]?.dict else { throw bad("no 'model_state_dict'") }
        guard let optimizerState = value["optimizer_state_dict"] else { throw bad("no 'optimizer_state_dict'") }
        let current = generator.getState()
        guard let rng = value["rng_state"]?.tensor, rng.dtype == current.dtype, rng.shape == current.shape else {
            throw bad("no 'rng_state' of shape \(current.shape.dims) \(current.dtype)")
        }
        do {
            try Generator.validateState(rng)
        } catch {
            throw TrainError.checkpoint("\(path): 'rng_state' is damaged: \(error)")
        }
        guard let saved = RunConfig(value["config"]) else { throw bad("no 'config'") }
        guard saved == config else {
            throw TrainError.checkpoint(
                "\(path) was written with \(saved.options), this run has \(config.options); "
                    + "resume with the same options to continue the same run (or use another --checkpoint-dir)")
        }
        let history = try metrics(value["metrics"], epochs: Int(epoch), bad: bad)
        // float16 runs carry the GradScaler's scale and growth tracker: checked on a scratch scaler first.
        let scalerState = value["scaler_state_dict"]
        if scaler.isEnabled {
            guard let scalerState else { throw bad("no 'scaler_state_dict'") }
            do {
                try GradScaler().loadStateDict(scalerState)
            } catch {
                throw TrainError.checkpoint("\(path): GradScaler state: \(error)")
            }
        }
        do {
            try model.checkStateDict(modelState)
        } catch {
            throw TrainError.checkpoint("\(path): \(error)")
        }
        // The optimizer's load is the last step that can fail, and it changes nothing when it does.
        do {
            try optimizer.loadStateDict(optimizerState)
        } catch {
            throw TrainError.checkpoint("\(path): optimizer state: \(error)")
        }
        do {
            _ = try model.loadStateDict(modelState)
        } catch {
            throw TrainError.checkpoint("\(path): \(error)")
        }
        if scaler.isEnabled, let scalerState { try? scaler.loadStateDict(scalerState) }  // checked above
        generator.setState(rng)
        return history
    }

    private static func metrics(_ value: StateValue?, epochs: Int, bad: (String) -> TrainError) throws -> [EpochMetrics]
    {
        func column(_ key: String) throws -> [Double] {
            guard let t = value?[key]?.tensor, t.shape.dims == [epochs], t.dtype.isFloatingPoint else {
                throw bad("no 'metrics/\(key)' of \(epochs) values")
            }
            return t.toArray(Double.self)
        }
        let (trainLoss, trainAcc, testLoss, testAcc, seconds) =
            (
                try column("train_loss"), try column("train_acc"), try column("test_loss"), try column("test_acc"),
                try column("seconds")
            )
        return (0..<epochs).map {
            EpochMetrics(
                epoch: $0 + 1, trainLoss: trainLoss[$0], trainAcc: trainAcc[$0], testLoss: testLoss[$0],
                testAcc: testAcc[$0], seconds: seconds[$0])
        }
    }
}
