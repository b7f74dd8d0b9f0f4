import Autodiff
import Foundation
import TensorCore

/// The recorder `trace` installs in front of Autodiff's (the same hook, ARCHITECTURE.md §3): every op on a
/// tracked tensor is handed on to Autodiff, which marks its outputs as tracked so the next op is seen too,
/// and is logged with its tensors. The tensors are held until the graph is built, so their identities stay
/// unique.
final class TracingRecorder: AutogradRecorder, @unchecked Sendable {
    struct Event {
        let op: DifferentiableOp
        let inputs: [Tensor?]
        let outputs: [Tensor]
        let module: String
        /// An in-place write-back: `outputs[0]` now holds `inputs[0]`'s value (no op of its own).
        var isWriteBack = false
    }

    let inner: any AutogradRecorder
    private(set) var events: [Event] = []
    /// TracerWarnings raised while tracing.
    private(set) var warnings: [String] = []
    /// The path of the module whose forward is running (maintained by forward hooks).
    var modulePath: [String] = []

    /// The tracing thread: ops other threads run meanwhile go to Autodiff only.
    private let owner = pthread_self()

    init(inner: any AutogradRecorder) { self.inner = inner }

    func record(_ op: DifferentiableOp, inputs: [Tensor?], outputs: [Tensor]) {
        inner.record(op, inputs: inputs, outputs: outputs)
        guard pthread_equal(pthread_self(), owner) != 0 else { return }
        guard inputs.contains(where: { $0?.requiresGradient == true }) else { return }
        events.append(Event(op: op, inputs: inputs, outputs: outputs, module: modulePath.last ?? ""))
    }

    func readScalar(_ tensor: Tensor) {
        guard pthread_equal(pthread_self(), owner) != 0 else { return }
        let module = modulePath.last.map { " (in module \($0))" } ?? ""
        warnings.append(
            "TracerWarning: Converting a tensor to a Swift number might cause the trace to be incorrect\(module). "
                + "We can't record the data flow of Swift values, so this value will be treated as a constant in the future. "
                + "This means that the trace might not generalize to other inputs!")
    }

    /// In-place ops are computed out of place by Autodiff (so their ops are recorded) and then written into
    /// the target; the trace keeps the target as an alias of the last recorded result.
    func recordInPlace(_ target: Tensor, readsOldValue: Bool, _ compute: (Tensor) -> Tensor) -> Tensor? {
        let before = events.count
        let result = inner.recordInPlace(target, readsOldValue: readsOldValue, compute)
        if result != nil, pthread_equal(pthread_self(), owner) != 0, events.count > before,
            let last = events.last?.outputs.first
        {
            events.append(
                Event(op: .clone, inputs: [last], outputs: [target], module: modulePath.last ?? "", isWriteBack: true))
        }
        return result
    }
}
