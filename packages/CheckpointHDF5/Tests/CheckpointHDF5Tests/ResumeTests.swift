import Foundation
import Testing

@testable import CheckpointHDF5
@testable import TensorCore

/// The guide's save_checkpoint / load_checkpoint pattern, with a tiny trainer built on TensorCore
/// alone (Layers/Optimizers/Schedulers are other packages): linear regression, SGD with momentum,
/// StepLR. Saving mid-training and resuming reproduces the uninterrupted loss curve bit for bit.
@Suite struct ResumeTests {
    final class Trainer {
        var weight = Tensor([[0.5]])
        var bias = Tensor([0.0])
        var buffers: [Tensor]? = nil
        var lr = 0.05, momentum = 0.9, baseLR = 0.05
        var lastEpoch = 0, stepSize = 5, gamma = 0.5

        func step(_ t: Int) -> Float {
            let x = Float(t % 7) - 3, y = 3 * x + 2
            let w = weight.mutablePointer(Float.self), b = bias.mutablePointer(Float.self)
            let error = w[0] * x + b[0] - y
            let grads = [2 * error * x, 2 * error]
            if buffers == nil {
                buffers = [Tensor([grads[0]]), Tensor([grads[1]])]
            } else {
                for i in 0..<2 {
                    let m = buffers![i].mutablePointer(Float.self)
                    m[0] = Float(momentum) * m[0] + grads[i]
                }
            }
            w[0] -= Float(lr) * buffers![0].mutablePointer(Float.self)[0]
            b[0] -= Float(lr) * buffers![1].mutablePointer(Float.self)[0]
            lastEpoch += 1  // scheduler.step()
            lr = baseLR * pow(gamma, Double(lastEpoch / stepSize))
            return error * error
        }

        func modelStateDict() -> StateValue { StateValue(tensors: [("weight", weight), ("bias", bias)]) }
        func optimizerStateDict() -> StateValue {
            var state = StateDict()
            if let buffers {
                for (i, m) in buffers.enumerated() { state[.int(Int64(i))] = ["momentum_buffer": .tensor(m)] }
            }
            return [
                "state": .dict(state),
                "param_groups": [["lr": .double(lr), "momentum": .double(momentum), "params": [0, 1]]],
            ]
        }
        func schedulerStateDict() -> StateValue {
            [
                "step_size": .int(Int64(stepSize)), "gamma": .double(gamma), "base_lrs": [.double(baseLR)],
                "last_epoch": .int(Int64(lastEpoch)),
            ]
        }

        func load(model: StateValue, optimizer: StateValue, scheduler: StateValue) throws {
            try model.dict!.copyTensors(into: [("weight", weight), ("bias", bias)])
            let state = optimizer["state"]!.dict!
            buffers = state.isEmpty ? nil : (0..<2).map { state[.int(Int64($0))]!["momentum_buffer"]!.tensor!.clone() }
            lr = optimizer["param_groups"]![0]!["lr"]!.double!
            lastEpoch = Int(scheduler["last_epoch"]!.int!)
        }
    }

    // The guide's section-15 functions, transcribed.
    static func saveCheckpoint(_ t: Trainer, epoch: Int, loss: Double, path: String) throws {
        try Checkpoint.save(
            [
                "epoch": .int(Int64(epoch)), "model_state_dict": t.modelStateDict(),
                "optimizer_state_dict": t.optimizerStateDict(), "scheduler_state_dict": t.schedulerStateDict(),
                "loss": .double(loss),
            ], to: path)
    }

    static func loadCheckpoint(_ path: String, _ t: Trainer) throws -> (Int, Double) {
        let checkpoint = try Checkpoint.load(from: path, mapLocation: .cpu)
        try t.load(
            model: checkpoint["model_state_dict"]!, optimizer: checkpoint["optimizer_state_dict"]!,
            scheduler: checkpoint["scheduler_state_dict"]!)
        return (Int(checkpoint["epoch"]!.int!), checkpoint["loss"]!.double!)
    }

    @Test(arguments: ["h5", "pt"])
    func resumedRunMatchesUninterrupted(_ ext: String) throws {
        let straight = Trainer()
        let reference = (0..<20).map { straight.step($0) }

        let first = Trainer()
        var losses = (0..<10).map { first.step($0) }
        let path = try Fixtures.temporaryFolder() + "/checkpoint_ep10." + ext
        try Self.saveCheckpoint(first, epoch: 10, loss: Double(losses.last!), path: path)

        let resumed = Trainer()
        let (start, previous) = try Self.loadCheckpoint(path, resumed)
        #expect(start == 10 && previous == Double(losses.last!))
        losses += (start..<20).map { resumed.step($0) }
        #expect(losses == reference)
    }

    @Test func partialLoadingReportsKeys() throws {
        let sd = StateDict(tensors: [("weight", Tensor([[1.0]])), ("extra", Tensor([0.0]))])
        let weight = Tensor([[0.0]]), bias = Tensor([0.0])
        let report = try sd.copyTensors(into: [("weight", weight), ("bias", bias)], strict: false)
        #expect(report == IncompatibleKeys(missingKeys: ["bias"], unexpectedKeys: ["extra"]))
        #expect(weight.toArray(Float.self) == [1])
        do {
            try sd.copyTensors(into: [("weight", weight), ("bias", bias)], moduleName: "Linear")
            Issue.record("strict loading accepted missing keys")
        } catch {
            #expect(error.description.contains("Missing key(s) in state_dict: \"bias\""))
            #expect(error.description.contains("Unexpected key(s) in state_dict: \"extra\""))
        }
        #expect(throws: StateDictLoadError.self) {
            try StateDict(tensors: [("weight", Tensor([1.0, 2.0]))]).copyTensors(into: [("weight", weight)])
        }
    }
}
