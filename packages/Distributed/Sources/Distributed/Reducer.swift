import Autodiff
import TensorCore

/// DDP's gradient reducer (torch's `Reducer`): buckets, the hooks that fill them, and the end-of-backward
/// step that waits for their all-reduces and writes the averages back.
final class Reducer {
    let parameters: [Tensor]
    let group: ProcessGroup
    let buckets: [GradBucket]
    let findUnusedParameters: Bool
    /// (bucket, position in bucket) of each parameter.
    private let location: [(bucket: Int, position: Int)]
    /// This pass: synchronize at all, gradients marked ready, next bucket to launch, finalizer queued.
    private var syncing = false
    private var ready: [Bool]
    private var nextBucket = 0
    private var finalizeQueued = false

    init(parameters: [Tensor], group: ProcessGroup, capBytes: Int, findUnusedParameters: Bool) {
        self.parameters = parameters
        self.group = group
        self.findUnusedParameters = findUnusedParameters
        let assignment = BucketAssignment.assign(parameters, capBytes: capBytes)
        buckets = assignment.map { GradBucket(parameterIndices: $0, parameters: parameters) }
        var location = [(bucket: Int, position: Int)](repeating: (0, 0), count: parameters.count)
        for (b, indices) in assignment.enumerated() {
            for (position, index) in indices.enumerated() { location[index] = (b, position) }
        }
        self.location = location
        ready = [Bool](repeating: false, count: parameters.count)
        for (index, parameter) in parameters.enumerated() {
            parameter.registerPostAccumulateGradHook { [weak self] _ in self?.markReady(index) }
        }
    }

    /// Called by every DDP forward: whether the coming backward all-reduces.
    func prepareForBackward(sync: Bool) {
        syncing = sync
        resetPass()
    }

    /// A parameter's gradient was accumulated: copy it, divided by the world size (torch divides while
    /// copying into the bucket), and start every bucket that is now complete, in bucket order.
    private func markReady(_ index: Int) {
        guard syncing else { return }
        if !finalizeQueued {
            finalizeQueued = true
            Autograd.queueCallback { [unowned self] in self.finalize() }
        }
        guard !ready[index], let grad = parameters[index].grad else { return }
        ready[index] = true
        let (b, position) = location[index]
        let bucket = buckets[b]
        noGrad {
            let slot = bucket.slot(position, parameters)
            _ = slot.copy_(grad.reshape([-1]))
            if group.worldSize > 1 { _ = slot.mul_(.double(1.0 / Double(group.worldSize))) }
        }
        bucket.pending -= 1
        launchCompleteBuckets()
    }

    private func launchCompleteBuckets() {
        while nextBucket < buckets.count && buckets[nextBucket].pending == 0 {
            buckets[nextBucket].work = group.allReduce(buckets[nextBucket].flat, op: .sum, asyncOp: true)
            nextBucket += 1
        }
    }

    /// The end of backward: unused parameters join with zeros (findUnusedParameters) or stop the run as
    /// in torch; then wait for every bucket and copy the averages into `.grad`.
    private func finalize() {
        let unused = parameters.indices.filter { !ready[$0] }
        if !unused.isEmpty {
            guard findUnusedParameters else {
                torchFail(
                    "Expected to have finished reduction in the prior iteration before starting a new one. This error indicates that your module has parameters that were not used in producing loss. You can enable unused parameter detection by passing the keyword argument `find_unused_parameters=True` to `torch.nn.parallel.DistributedDataParallel`, and by \nmaking sure all `forward` function outputs participate in calculating loss. \nParameter indices which did not receive grad for rank \(group.rank): \(unused.map(String.init).joined(separator: " "))"
                )
            }
            for index in unused {
                let (b, position) = location[index]
                noGrad { _ = buckets[b].slot(position, parameters).zero_() }
                buckets[b].pending -= 1
            }
            launchCompleteBuckets()
        }
        // Which parameters some rank used (torch's local_used_map, all-reduced): the gradient of one no
        // rank used stays as it was.
        var globallyUsed = [Bool](repeating: true, count: parameters.count)
        if findUnusedParameters {
            let used = Tensor(ready.map { Int32($0 ? 1 : 0) })
            group.allReduce(used, op: .max)
            globallyUsed = used.toArray(Int32.self).map { $0 != 0 }
        }
        for bucket in buckets {
            bucket.work?.wait()
            bucket.work = nil
            noGrad {
                for (position, index) in bucket.parameterIndices.enumerated() where globallyUsed[index] {
                    let average = bucket.slot(position, parameters).view(parameters[index].shape.dims)
                    if let grad = parameters[index].grad {
                        _ = grad.copy_(average)
                    } else {
                        parameters[index].grad = average.clone()
                    }
                }
            }
        }
        resetPass()
    }

    private func resetPass() {
        for i in ready.indices { ready[i] = false }
        for bucket in buckets { bucket.pending = bucket.parameterIndices.count }
        nextBucket = 0
        finalizeQueued = false
    }
}
