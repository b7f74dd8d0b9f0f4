import ArgumentParser
import Foundation
import Torch

// 17. 분산 학습(DDP) — DistributedDataParallel
// train_ddp.py as a program: `mpirun -np 2 train-ddp` (or `ddp-launch --nproc-per-node 2 train-ddp`).
// The guide's torchrun/mp.spawn start N processes on GPUs with NCCL; here mpirun starts them on CPU cores
// and Open MPI carries the all-reduce. Started alone, it is a world of one and trains as one process.
@main
struct TrainDDP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-ddp",
        abstract: "The guide's section 17: SimpleModel on MNIST with DistributedDataParallel over MPI.",
        discussion: """
            Each rank trains on its DistributedSampler shard (batch 128 per rank, Adam 1e-3); rank 0 prints \
            `Epoch k: Average Loss = x` and saves an atomic checkpoint (--checkpoint-dir/\(DDPCheckpoint.fileName), \
            torch's DDP layout) after each epoch. --resume (or a restart by ddp-launch) continues from it and \
            ends with the same weights as an uninterrupted run.
            """)

    @Option(help: "Epochs in total (a resumed run counts the finished ones).") var epochs = 5
    @Option(help: "Samples per batch on each rank.") var batchSize = 128
    @Option(help: "Adam's learning rate.") var lr = 1e-3
    @Option(help: "Seed of the initial weights and of the sampler's shuffle.") var seed = 0
    @Option(help: "Threads per rank (default 1 when there are several ranks, as torchrun's OMP_NUM_THREADS).")
    var threads: Int?
    @Option(
        help: ArgumentHelp("Folder holding MNIST/raw/ (default: the copy bundled with swift-torch).", valueName: "dir"))
    var dataDir: String?
    @Option(help: ArgumentHelp("Where rank 0 writes the checkpoint after each epoch.", valueName: "dir"))
    var checkpointDir = "checkpoints"
    @Flag(help: "Continue from the checkpoint in --checkpoint-dir when there is one.") var resume = false

    // Hidden, for tests: fewer images, and one rank that kills itself (SIGKILL, as `kill -9`) once.
    @Option(help: .hidden) var limitTrain: Int?
    @Option(help: .hidden) var killOnce: String?

    func run() throws {
        Dist.initProcessGroup()
        let rank = Dist.rank, world = Dist.worldSize
        Threads.set(threads ?? (world > 1 ? 1 : Threads.get()))
        let killer = try killOnce.map(SelfKill.init)

        // 데이터셋과 분산 샘플러
        let transform = Compose([ToTensor(), Normalize(mean: [0.1307], std: [0.3081])])
        let full = try MNIST(root: dataDir ?? Self.bundledData(), train: true, transform: transform)
        let dataset = Subset(full, indices: Array(0..<min(limitTrain ?? full.count, full.count)))
        let sampler = DistributedSampler(count: dataset.count, shuffle: true, seed: UInt64(seed))
        let loader = DataLoader(dataset, batchSize: batchSize, sampler: sampler)

        // 모델 생성 및 DDP 래핑 (every rank seeds alike; DDP still broadcasts rank 0's weights)
        manualSeed(seed)
        let model = SimpleModel()
        let ddpModel = DistributedDataParallel(model)
        let criterion = CrossEntropyLoss()
        let optimizer = Adam(ddpModel.parameters(), lr: lr)

        let checkpoint = DDPCheckpoint(
            directory: checkpointDir,
            config: [
                "seed": .int(Int64(seed)),
                "batch_size": .int(Int64(batchSize)), "lr": .double(lr), "world_size": .int(Int64(world)),
                "train_samples": .int(Int64(dataset.count)),
            ])
        let restarted = (Int(ProcessInfo.processInfo.environment["TORCHELASTIC_RESTART_COUNT"] ?? "0") ?? 0) > 0
        var firstEpoch = 0
        if resume || restarted, let done = try checkpoint.restore(ddpModel, optimizer) {
            firstEpoch = done
            if rank == 0 { print("Resuming from \(checkpoint.path) after epoch \(done)") }
            fflush(nil)
        }

        for epoch in firstEpoch..<epochs {
            // 매 에포크마다 샘플러 시드 업데이트 (데이터 섞기)
            sampler.setEpoch(epoch)
            _ = ddpModel.train()
            var totalLoss = 0.0
            var batch = 0
            try loader.iterate { data, target in
                killer?.maybe(epoch: epoch + 1, batch: batch, rank: rank)
                optimizer.zeroGrad()
                let output = ddpModel(data)
                let loss = criterion(output, target)
                loss.backward()  // 자동으로 그래디언트 동기화 (the all-reduces start inside backward)
                optimizer.step()
                totalLoss += loss.item(Double.self)
                batch += 1
            }
            // rank 0에서만 로그 출력
            if rank == 0 {
                print(String(format: "Epoch %d: Average Loss = %.4f", epoch + 1, totalLoss / Double(loader.count)))
                fflush(nil)  // mpirun ends every rank when one dies: what was printed must be out by then
                try checkpoint.save(epoch: epoch + 1, ddpModel, optimizer)
            }
            Dist.barrier()  // the next epoch starts once the checkpoint is on disk
        }
        Dist.destroyProcessGroup()
    }

    /// The MNIST copy in the repository this program was built from.
    static func bundledData() -> String {
        if FileManager.default.fileExists(atPath: "data/MNIST/raw") { return "data" }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data").path
    }
}

/// The guide's SimpleModel: 784 → 256 → ReLU → 10 in `net`.
final class SimpleModel: Module {
    @Child var net = Sequential(Linear(784, 256), ReLU(), Linear(256, 10))
    override func forward(_ x: Tensor) -> Tensor { net(x.view([x.size(0), -1])) }
}
