import Autodiff
import Layers
import TensorCore

/// `torch.nn.parallel.DistributedDataParallel`: wraps `module` so that `backward()` leaves every rank
/// with the gradients averaged over ranks, as if one process had run the whole global batch.
///
/// At construction the parameters' shapes are checked across ranks and the parameters and buffers are
/// broadcast from rank 0. Gradients are averaged through buckets (torch's 25 MB cap, 1 MB first bucket,
/// parameters in reverse order — the order backward produces them): each gradient is copied, already
/// divided by the world size, into its bucket from its post-accumulate hook, and a full bucket's
/// all-reduce starts at once on the group's communication thread while backward goes on. Buckets start
/// in index order on every rank (MPI needs one order); the end of backward waits for all of them and
/// copies the averages back into `.grad`. The state dict's keys carry torch's `module.` prefix.
public final class DistributedDataParallel: Module {
    /// The group gradients are averaged over (PyTorch: `DistributedDataParallel.process_group`).
    public let processGroup: ProcessGroup
    /// Whether backward tolerates parameters that got no gradient (PyTorch: `DistributedDataParallel(find_unused_parameters=)`).
    public let findUnusedParameters: Bool
    /// Whether each forward first broadcasts rank 0's buffers (PyTorch: `DistributedDataParallel.broadcast_buffers`).
    public let broadcastBuffers: Bool
    /// The gradient bucket size in MB (PyTorch: `DistributedDataParallel(bucket_cap_mb=)`, 25 by default).
    public let bucketCapMB: Double
    let reducer: Reducer
    /// False inside `noSync { }`; read at forward, as torch's `require_backward_grad_sync`.
    private var requireBackwardGradSync = true

    /// The wrapped module (`ddp.module`).
    /// PyTorch: `torch.nn.parallel.DistributedDataParallel.module`.
    public var module: Module { child("module")! }

    /// Checks shapes across ranks and broadcasts rank 0's parameters and buffers (PyTorch: `torch.nn.parallel.DistributedDataParallel(module, ...)`).
    public init(
        _ module: Module, processGroup: ProcessGroup? = nil, broadcastBuffers: Bool = true, bucketCapMB: Double = 25,
        findUnusedParameters: Bool = false
    ) {
        let group = processGroup ?? Dist.group
        self.processGroup = group
        self.findUnusedParameters = findUnusedParameters
        self.broadcastBuffers = broadcastBuffers
        self.bucketCapMB = bucketCapMB
        let parameters = module.parameters().filter(\.requiresGrad)
        verifyParameterShapes(parameters, group)
        // torch's _sync_module_states: rank 0's parameters and buffers everywhere.
        noGrad {
            for tensor in module.parameters() + module.buffers() { group.broadcast(tensor, src: 0) }
        }
        reducer = Reducer(
            parameters: parameters, group: group, capBytes: Int(bucketCapMB * 1024 * 1024),
            findUnusedParameters: findUnusedParameters)
        super.init()
        addModule("module", module)
    }

    /// Broadcasts rank 0's buffers (when `broadcastBuffers`), then runs the module; the backward of
    /// this forward all-reduces the gradients unless it ran inside `noSync`.
    /// PyTorch: `torch.nn.parallel.DistributedDataParallel.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        if broadcastBuffers && processGroup.worldSize > 1 {
            noGrad { for buffer in module.buffers() { processGroup.broadcast(buffer, src: 0) } }
        }
        reducer.prepareForBackward(sync: requireBackwardGradSync && isGradEnabled)
        return module(input)
    }

    /// `with ddp.no_sync():` — backward passes of forwards run inside accumulate gradients locally; the
    /// first synchronized backward after it averages the accumulated sum.
    /// PyTorch: `torch.nn.parallel.DistributedDataParallel.no_sync`.
    @discardableResult
    public func noSync<R>(_ body: () throws -> R) rethrows -> R {
        let previous = requireBackwardGradSync
        requireBackwardGradSync = false
        defer { requireBackwardGradSync = previous }
        return try body()
    }

    /// The name printed in the module's repr (PyTorch: `type(ddp).__name__`).
    public override var typeName: String { "DistributedDataParallel" }
}
