import ArgumentParser
import Foundation
import Torch

/// Rank 0's per-epoch checkpoint in torch's layout: `{"epoch", "model_state_dict" (DDP's, `module.`
/// keys), "optimizer_state_dict", "config"}` in a `.pt` file torch.load reads, replaced atomically
/// (CheckpointHDF5 writes a temporary file, fsyncs and renames), so a rank dying mid-save leaves the
/// previous epoch's file whole. Every rank restores from it (optimizer state is per rank).
struct DDPCheckpoint {
    static let fileName = "train_ddp.pt"
    let directory: String
    let config: StateValue

    var path: String { (directory as NSString).appendingPathComponent(Self.fileName) }

    func save(epoch: Int, _ model: Module, _ optimizer: Optimizer) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Checkpoint.save(
            [
                "epoch": .int(Int64(epoch)), "model_state_dict": .dict(model.stateDict()),
                "optimizer_state_dict": optimizer.stateDict(), "config": config,
            ], to: path)
    }

    /// The finished epochs, or nil when there is no checkpoint yet.
    func restore(_ model: Module, _ optimizer: Optimizer) throws -> Int? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let value = try Checkpoint.load(from: path)
        guard let epoch = value["epoch"]?.int, let state = value["model_state_dict"]?.dict,
            let optimizerState = value["optimizer_state_dict"], let saved = value["config"]
        else {
            throw ValidationError("\(path): not a train-ddp checkpoint")
        }
        guard "\(saved)" == "\(config)" else {
            throw ValidationError(
                "\(path) was written with \(saved), this run has \(config); use the same options or another --checkpoint-dir"
            )
        }
        _ = try model.loadStateDict(state)
        try optimizer.loadStateDict(optimizerState)
        return Int(epoch)
    }
}

/// `--kill-once epoch:batch:rank:marker`: that rank sends itself SIGKILL (what `kill -9` does) at that
/// batch, unless `marker` exists — it creates it first, so a restarted job runs through.
struct SelfKill {
    let epoch: Int, batch: Int, rank: Int, marker: String

    init(_ spec: String) throws {
        let parts = spec.split(separator: ":", maxSplits: 3).map(String.init)
        guard parts.count == 4, let e = Int(parts[0]), let b = Int(parts[1]), let r = Int(parts[2]) else {
            throw ValidationError("--kill-once wants epoch:batch:rank:marker")
        }
        (epoch, batch, rank, marker) = (e, b, r, parts[3])
    }

    func maybe(epoch: Int, batch: Int, rank: Int) {
        guard epoch == self.epoch, batch == self.batch, rank == self.rank,
            !FileManager.default.fileExists(atPath: marker)
        else { return }
        _ = FileManager.default.createFile(atPath: marker, contents: Data())
        kill(getpid(), SIGKILL)
    }
}
