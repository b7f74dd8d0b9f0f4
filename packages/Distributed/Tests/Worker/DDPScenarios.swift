import Autodiff
import Distributed
import Layers
import TensorCore

/// DistributedDataParallel against one process: equal results for the global batch, bit-identical
/// parameters on every rank.
enum DDPScenarios {
    static let batch = 4, steps = 3, lr = 0.1

    /// A small MLP whose initial weights depend on `seed` (DDP must replace them with rank 0's).
    static func model(seed: Int, hidden: Int = 5) -> Sequential {
        manualSeed(seed)
        return Sequential(Linear(6, hidden), ReLU(), Linear(hidden, 3))
    }

    /// The global batch of step `step`: world × batch rows; rank r trains on rows r*batch..<(r+1)*batch.
    static func globalBatch(step: Int, world: Int) -> (Tensor, Tensor) {
        let g = Generator(seed: UInt64(100 + step))
        return (Tensor.randn([world * batch, 6], generator: g), Tensor.randn([world * batch, 3], generator: g))
    }

    static func sgdStep(_ parameters: [Tensor]) {
        noGrad { for p in parameters { _ = p.sub_(p.grad! * lr) } }
    }

    static func localRows(_ t: Tensor, rank: Int) -> Tensor { t.narrow(dim: 0, start: rank * batch, length: batch) }

    /// The one-process run on the concatenated batches.
    static func reference(world: Int, accumulate: Int = 1) -> [Tensor] {
        let single = model(seed: 0)
        for step in 0..<steps {
            single.zeroGrad()
            for micro in 0..<accumulate {
                let (x, y) = globalBatch(step: step * accumulate + micro, world: world)
                (F.mseLoss(single(x), y) / Double(accumulate)).backward()
            }
            sgdStep(single.parameters())
        }
        return single.parameters()
    }

    static func checkAgainst(_ reference: [Tensor], _ parameters: [Tensor], _ name: String) {
        var maxDiff = 0.0
        for (p, r) in zip(parameters, reference) { maxDiff = max(maxDiff, (p - r).abs().max().item(Double.self)) }
        check(maxDiff <= 1e-6, "\(name): parameters differ from the one-process run by \(maxDiff)")
        // Bit-identical on every rank: gather every rank's parameters and compare bytes.
        for p in parameters {
            let all = (0..<Dist.worldSize).map { _ in Tensor.zeros(p.shape.dims, dtype: p.dtype) }
            Dist.allGather(all, p.detach())
            for (r, other) in all.enumerated() {
                check(
                    other.view(dtype: .int32).equal(p.detach().view(dtype: .int32)),
                    "\(name): rank \(r)'s parameters differ in bits")
            }
        }
        if Dist.rank == 0 { print("ok \(name) max difference \(maxDiff)") }
    }

    static func equivalence() {
        let world = Dist.worldSize, rank = Dist.rank
        let ddp = DistributedDataParallel(model(seed: rank))  // rank 0's weights win
        for step in 0..<steps {
            let (x, y) = globalBatch(step: step, world: world)
            ddp.zeroGrad()
            F.mseLoss(ddp(localRows(x, rank: rank)), localRows(y, rank: rank)).backward()
            sgdStep(ddp.parameters())
        }
        checkAgainst(reference(world: world), ddp.parameters(), "ddp")
        let keys = ddp.stateDict().keys
        check(
            keys == ["module.0.weight", "module.0.bias", "module.2.weight", "module.2.bias"], "state-dict keys \(keys)")
    }

    /// Two micro-batches per step: the first inside noSync (no communication), the second synchronized;
    /// equals one process on both micro-batches' global rows with the loss halved.
    static func noSync() {
        let world = Dist.worldSize, rank = Dist.rank
        let ddp = DistributedDataParallel(model(seed: rank))
        for step in 0..<steps {
            ddp.zeroGrad()
            for micro in 0..<2 {
                let (x, y) = globalBatch(step: step * 2 + micro, world: world)
                let pass = { (F.mseLoss(ddp(localRows(x, rank: rank)), localRows(y, rank: rank)) / 2.0).backward() }
                if micro == 0 { ddp.noSync(pass) } else { pass() }
            }
            sgdStep(ddp.parameters())
        }
        checkAgainst(reference(world: world, accumulate: 2), ddp.parameters(), "no-sync")
    }

    /// Rank 1 skips the second layer; a third layer no rank uses keeps grad nil.
    static func unusedParameters() {
        let rank = Dist.rank
        manualSeed(0)
        let inner = Branchy()
        inner.skipSecond = rank == 1
        let ddp = DistributedDataParallel(inner, findUnusedParameters: true)
        let x = Tensor([[1.0, 2.0]]).to(.float32)
        ddp(x).sum().backward()
        // Reference: rank 0's gradient for `second`, averaged with rank 1's zeros.
        manualSeed(0)
        let copy = Branchy()
        copy.second(copy.first(x)).sum().backward()
        let expected = copy.second.weight.grad! / Double(Dist.worldSize)
        check(
            (inner.second.weight.grad! - expected).abs().max().item(Double.self) <= 1e-7,
            "unused: second.weight.grad \(inner.second.weight.grad!) vs \(expected)")
        check(inner.never.weight.grad == nil, "unused: a parameter no rank used got a gradient")
        if rank == 0 { print("ok unused") }
    }

    /// Without findUnusedParameters, a parameter without gradient stops the run with torch's message.
    static func unusedWithoutFlag() {
        let ddp = DistributedDataParallel(Branchy())
        ddp(Tensor([[1.0, 2.0]]).to(.float32)).sum().backward()
        print("unreachable: rank \(Dist.rank) finished a backward with unused parameters")
    }

    /// BatchNorm's running statistics: each rank's forward sees rank 0's buffers (broadcastBuffers).
    static func buffers() {
        let rank = Dist.rank
        manualSeed(0)
        let bn = BatchNorm1d(3)
        let ddp = DistributedDataParallel(bn)
        let x = Tensor.full([4, 3], .double(Double(rank + 1))) + Tensor.arange(.int(12)).view([4, 3]).to(.float32)
        _ = ddp(x)  // updates this rank's running stats from its own batch
        _ = ddp(x)  // broadcasts rank 0's first, then updates again
        let mean = bn.buffer("running_mean")!
        let all = (0..<Dist.worldSize).map { _ in Tensor.zeros([3]) }
        Dist.allGather(all, mean)
        // After the broadcast every rank started from rank 0's statistics, so they differ only by this
        // step's batch, which shifts by the rank: rank r's mean is rank 0's + 0.1 * r.
        for r in 0..<Dist.worldSize {
            let expected = all[0] + 0.1 * Double(r)
            check(
                (all[r] - expected).abs().max().item(Double.self) < 1e-5,
                "buffers: rank \(r) running_mean \(all[r]) vs \(expected)")
        }
        if rank == 0 { print("ok buffers") }
    }

    /// Rank 1 has a wider hidden layer: every rank must stop with an error before any broadcast.
    static func mismatchedModels() {
        _ = DistributedDataParallel(model(seed: 0, hidden: Dist.rank == 1 ? 7 : 5))
        print("unreachable: rank \(Dist.rank) built a DDP over mismatched models")
    }
}

/// Two layers in a row and a third never used; `skipSecond` leaves the second out of the graph.
final class Branchy: Module {
    @Child var first = Linear(2, 2)
    @Child var second = Linear(2, 2)
    @Child var never = Linear(2, 2)
    var skipSecond = false
    override func forward(_ x: Tensor) -> Tensor { skipSecond ? first(x) : second(first(x)) }
}
