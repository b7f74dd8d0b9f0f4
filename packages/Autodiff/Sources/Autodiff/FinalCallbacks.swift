import TensorCore

/// `Variable._execution_engine.queue_callback(fn)`: a closure run once the current backward pass has
/// finished every node (torch's final callbacks). DistributedDataParallel waits for its last gradient
/// all-reduce here; the gradient hooks that start the all-reduces run while the pass is still going.
/// Per thread, like the engine; the callbacks of a nested pass (a hook calling backward) run when the
/// outermost pass ends.
final class FinalCallbacks {
    var depth = 0
    var queued: [() -> Void] = []
}

extension Autograd {
    /// Queues `callback` to run when the backward pass that is running on this thread ends.
    /// PyTorch: `torch.autograd.Variable._execution_engine.queue_callback`.
    public static func queueCallback(_ callback: @escaping () -> Void) {
        let state = finalCallbacks
        torchCheck(state.depth > 0, "Final callbacks can only be installed during backward pass.")
        state.queued.append(callback)
    }

    /// Runs `body` as one backward pass: callbacks queued inside run after it, in order (a callback may
    /// queue another).
    static func asBackwardPass<R>(_ body: () -> R) -> R {
        let state = finalCallbacks
        state.depth += 1
        let result = body()
        if state.depth == 1 {
            var next = 0
            while next < state.queued.count {
                state.queued[next]()
                next += 1
            }
            state.queued.removeAll()
        }
        state.depth -= 1
        return result
    }
}

/// This thread's final-callback state.
private var finalCallbacks: FinalCallbacks { gradState.pointee.finalCallbacks }
