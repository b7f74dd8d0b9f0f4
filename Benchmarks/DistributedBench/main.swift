import Autodiff
import BareMPI
import BenchSupport
import Distributed
import Foundation
import Layers
import Optimizers
import TensorCore

// Distributed's workloads (issue 16); twin: pytorch/distributed_bench.py (gloo). Usage: DistributedBench
// Started alone it measures the one-rank step, then runs itself under `mpirun -np 2` for the two-rank
// workloads and prints one JSON object with both (rank 0's numbers). One thread per rank throughout.
Threads.set(1)
Dist.initProcessGroup()
let rank = Dist.rank, world = Dist.worldSize
var bench = Bench()

/// A median over steps that every rank takes in lockstep (each rank times its own; rank 0 reports).
func lockstepMedian(warmup: Int = 5, iterations: Int, _ body: () -> Void) -> Double {
    Dist.barrier()
    return Bench.median(warmup: warmup, iterations: iterations, body)
}

/// The guide's SimpleModel (814 KB of gradients: one bucket, nothing to overlap) and a wider MLP (15.4 MB: two
/// buckets, 4.2 MB of the last layers then 11.2 MB, so the first all-reduce can overlap the rest of backward).
func simpleModel() -> Module { Sequential(Flatten(), Linear(784, 256), ReLU(), Linear(256, 10)) }
func wideModel() -> Module {
    Sequential(
        Flatten(), Linear(784, 1024), ReLU(), Linear(1024, 1024), ReLU(), Linear(1024, 1024), ReLU(),
        Linear(1024, 1024), ReLU(), Linear(1024, 10))
}

/// Median step time (ms) of forward, backward and Adam at `batch` per rank: through DDP (the all-reduces
/// start from the gradient hooks, overlapping backward), or with the same bucket all-reduces issued after
/// backward (`afterBackward`), or one rank alone (`ddp: false`).
func stepMilliseconds(_ makeModel: () -> Module, batch: Int, ddp: Bool, afterBackward: Bool = false) -> Double {
    manualSeed(0)
    let model = makeModel()
    let wrapped: Module = ddp ? DistributedDataParallel(model) : model
    let optimizer = Adam(wrapped.parameters(), lr: 1e-3)
    let criterion = CrossEntropyLoss()
    let x = Tensor.randn([batch, 1, 28, 28]), y = Tensor.randint(0, 10, [batch])
    let buckets = BucketPlan(model.parameters())
    return lockstepMedian(iterations: 30) {
        optimizer.zeroGrad()
        if afterBackward {
            (wrapped as! DistributedDataParallel).noSync { criterion(wrapped(x), y).backward() }
            buckets.allReduceAverage()
        } else {
            criterion(wrapped(x), y).backward()
        }
        optimizer.step()
    } * 1000
}

/// DDP's buckets (25 MB cap, 1 MB first, reverse order), all-reduced one after another once backward is
/// over: the "no overlap" baseline, with the same messages as DDP sends.
struct BucketPlan {
    let parameters: [Tensor]
    init(_ parameters: [Tensor]) { self.parameters = parameters }

    func allReduceAverage() {
        var bucket: [Tensor] = [], bytes = 0, limit = 1 << 20
        func flush() {
            guard !bucket.isEmpty else { return }
            let flat = Tensor.cat(bucket.map { $0.grad!.reshape([-1]) }) / Double(world)
            Dist.allReduce(flat)
            var offset = 0
            for p in bucket {
                _ = p.grad!.view([-1]).copy_(flat.narrow(dim: 0, start: offset, length: p.numel))
                offset += p.numel
            }
            bucket = []
            bytes = 0
            limit = 25 << 20
        }
        for p in parameters.reversed() {
            bucket.append(p)
            bytes += p.numel * 4
            if bytes >= limit { flush() }
        }
        flush()
    }
}

if world == 1 {
    bench.record("ddp_simple_step_1rank_ms", stepMilliseconds(simpleModel, batch: 128, ddp: false))
    bench.record("ddp_wide_step_1rank_ms", stepMilliseconds(wideModel, batch: 64, ddp: false))
    Dist.destroyProcessGroup()
    // The two-rank part: this program again, under mpirun; its JSON joins ours.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    let myself = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
    process.arguments = [MPILaunch.mpirun] + MPILaunch.arguments(processes: 2, program: myself)
    let pipe = Pipe()
    process.standardOutput = pipe
    try! process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    precondition(process.terminationStatus == 0, "the two-rank run failed")
    let twoRanks = try! JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: Double]
    for key in ["ddp_simple_step_2rank_ms", "ddp_wide_step_2rank_ms", "ddp_wide_step_2rank_after_backward_ms"] {
        bench.record(key, twoRanks[key]!)
    }
    bench.record(
        "ddp_simple_scaling_efficiency",
        bench.value("ddp_simple_step_1rank_ms")! / twoRanks["ddp_simple_step_2rank_ms"]!)
    bench.record(
        "ddp_wide_scaling_efficiency", bench.value("ddp_wide_step_1rank_ms")! / twoRanks["ddp_wide_step_2rank_ms"]!)
    for key in twoRanks.keys.sorted() where key.hasPrefix("allreduce_") || key.hasPrefix("bare_mpi_") {
        bench.record(key, twoRanks[key]!)
    }
    bench.printJSON()
    exit(0)
}

// Two ranks: all-reduce of 1 KB ... 64 MB of float32, ours and bare MPI_Allreduce on the same buffer.
var results = Bench()
for (label, bytes) in [
    ("1KB", 1 << 10), ("16KB", 16 << 10), ("256KB", 256 << 10), ("1MB", 1 << 20), ("4MB", 4 << 20),
    ("16MB", 16 << 20), ("64MB", 64 << 20),
] {
    let count = bytes / 4
    let tensor = Tensor.ones([count])
    // Alternating bare and ours call by call, so a change in the machine's load hits both medians alike.
    var bare: [Double] = [], ours: [Double] = []
    Dist.barrier()
    for i in 0..<(bytes >= 16 << 20 ? 15 : 60) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        _ = bare_allreduce_sum_float(tensor.mutablePointer(Float.self), Int32(count))
        let t1 = DispatchTime.now().uptimeNanoseconds
        Dist.allReduce(tensor)
        let t2 = DispatchTime.now().uptimeNanoseconds
        if i >= 3 {  // warm-up
            bare.append(Double(t1 - t0) / 1e3)
            ours.append(Double(t2 - t1) / 1e3)
        }
    }
    results.record("allreduce_\(label)_us", ours.sorted()[ours.count / 2])
    results.record("bare_mpi_allreduce_\(label)_us", bare.sorted()[bare.count / 2])
}
results.record("ddp_simple_step_2rank_ms", stepMilliseconds(simpleModel, batch: 128, ddp: true))
results.record("ddp_wide_step_2rank_ms", stepMilliseconds(wideModel, batch: 64, ddp: true))
results.record(
    "ddp_wide_step_2rank_after_backward_ms", stepMilliseconds(wideModel, batch: 64, ddp: true, afterBackward: true))
if rank == 0 { results.printJSON() }
Dist.destroyProcessGroup()
