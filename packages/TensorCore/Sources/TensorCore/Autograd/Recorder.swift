/// The hook Autodiff plugs into (ARCHITECTURE.md §3). TensorCore knows nothing of derivatives: after an op has
/// computed its result it checks whether any input carries autograd metadata (one nil test per input), and
/// only then hands the recorder the op tag, its inputs and outputs. Without Autodiff, or for untracked
/// tensors, nothing else happens.
package protocol AutogradRecorder: AnyObject, Sendable {
    /// Records `outputs = op(inputs)`; a nil input is a non-tensor operand in that position.
    func record(_ op: DifferentiableOp, inputs: [Tensor?], outputs: [Tensor])
    /// An in-place op on `target` with tracked operands. Returns nil to let the op write in place untracked
    /// (grad mode off); otherwise computes `compute(snapshot of target)` out of place with recording,
    /// writes it into `target` and rebases target's history, returning `target`. `readsOldValue: false`
    /// promises the op's derivative needs only its output (relu_, exp_, sigmoid_, tanh_, sqrt_, ...: the ops
    /// Autodiff's save policy marks output-only): `compute` then reads `target` itself, with no snapshot copy
    /// and no extra node, as torch records them.
    func recordInPlace(_ target: Tensor, readsOldValue: Bool, _ compute: (Tensor) -> Tensor) -> Tensor?
    /// Whether `t` is a leaf that requires grad and is not a view: a parameter, whose autocast copy may be
    /// cached for the region.
    func isTrainableLeaf(_ t: Tensor) -> Bool
    /// A tracked tensor was read as a Swift number (`item()`): a tracer warns that the value's data flow
    /// is lost (it becomes a constant of the trace). Autodiff ignores it.
    func readScalar(_ tensor: Tensor)
}

extension AutogradRecorder {
    package func readScalar(_ tensor: Tensor) {}
    /// Recorders other than Autodiff's (a tracer) see no parameters to cache casts of.
    package func isTrainableLeaf(_ t: Tensor) -> Bool { false }
}

/// Where Autodiff installs its recorder (once, the first time a tensor requires grad). A global with a
/// constant initializer: reading it costs a load, no lazy-initialization check.
@exclusivity(unchecked) nonisolated(unsafe) package var installedAutogradRecorder: (any AutogradRecorder)? = nil

extension Tensor {
    /// `self` is the result of `op(a)`: reports it when `a` is tracked, then returns `self`.
    @inline(__always)
    package func recorded(_ op: @autoclosure () -> DifferentiableOp, _ a: Tensor) -> Tensor {
        if _slowPath(a.autogradMeta != nil) { installedAutogradRecorder?.record(op(), inputs: [a], outputs: [self]) }
        return self
    }

    @inline(__always)
    package func recorded(_ op: @autoclosure () -> DifferentiableOp, _ a: Tensor?, _ b: Tensor?) -> Tensor {
        if _slowPath(a?.autogradMeta != nil || b?.autogradMeta != nil) {
            installedAutogradRecorder?.record(op(), inputs: [a, b], outputs: [self])
        }
        return self
    }

    @inline(__always)
    package func recorded(
        _ op: @autoclosure () -> DifferentiableOp, _ a: Tensor?, _ b: Tensor?, _ c: Tensor?
    ) -> Tensor {
        if _slowPath(a?.autogradMeta != nil || b?.autogradMeta != nil || c?.autogradMeta != nil) {
            installedAutogradRecorder?.record(op(), inputs: [a, b, c], outputs: [self])
        }
        return self
    }

    /// For ops over a list of tensors (cat, stack).
    @inline(__always)
    package func recorded(_ op: @autoclosure () -> DifferentiableOp, inputs: [Tensor]) -> Tensor {
        if _slowPath(inputs.contains { $0.autogradMeta != nil }) {
            installedAutogradRecorder?.record(op(), inputs: inputs, outputs: [self])
        }
        return self
    }

    /// Start of an in-place op on `self` with an optional tensor operand: when something is tracked, the
    /// recorder performs the op out of place (`compute`) and the caller returns its answer.
    @inline(__always)
    package func recordedInPlace(
        _ other: Tensor?, readsOldValue: Bool = true, _ compute: (Tensor) -> Tensor
    ) -> Tensor? {
        if _slowPath(autogradMeta != nil || other?.autogradMeta != nil) {
            return installedAutogradRecorder?.recordInPlace(self, readsOldValue: readsOldValue, compute)
        }
        return nil
    }

    @inline(__always)
    package func recordedInPlace(_ b: Tensor?, _ c: Tensor?, _ compute: (Tensor) -> Tensor) -> Tensor? {
        if _slowPath(autogradMeta != nil || b?.autogradMeta != nil || c?.autogradMeta != nil) {
            return installedAutogradRecorder?.recordInPlace(self, readsOldValue: true, compute)
        }
        return nil
    }
}

/// (values, indices) results: only `values` is differentiable; `indices` rides along for the formula.
@inline(__always)
package func recordedPair(
    _ result: (values: Tensor, indices: Tensor), _ op: @autoclosure () -> DifferentiableOp, _ input: Tensor
) -> (values: Tensor, indices: Tensor) {
    if _slowPath(input.autogradMeta != nil) {
        installedAutogradRecorder?.record(op(), inputs: [input], outputs: [result.values, result.indices])
    }
    return result
}

/// Ops with several outputs (split, unbind, qr, svd, eigh, slogdet).
@inline(__always)
package func recordedMany(_ outputs: [Tensor], _ op: @autoclosure () -> DifferentiableOp, _ inputs: [Tensor?])
    -> [Tensor]
{
    if _slowPath(inputs.contains { $0?.autogradMeta != nil }) {
        installedAutogradRecorder?.record(op(), inputs: inputs, outputs: outputs)
    }
    return outputs
}

extension Operand {
    /// The tensor operand, nil for a number (the recorder's position-keeping nil input).
    var recordedTensor: Tensor? {
        if case .tensor(let t) = self { return t }
        return nil
    }
}

extension Tensor {
    /// What `copy_(src)` leaves in a tensor shaped like `self`, as a recorded out-of-place value.
    package func copiedFrom(_ src: Tensor) -> Tensor {
        src.to(dtype).expand(sizes)
    }
}

extension Tensor {
    /// A copy made without recording: the start of an out-of-place op (`scatter`, `index_put`, ...) that
    /// runs its in-place kernel on the copy and then records itself once.
    package func untrackedCopy() -> Tensor {
        let result = Tensor(uninitializedShape: sizes, dtype: dtype)
        result.copyElements(self)
        return result
    }
}

extension Tensor {
    /// The same elements without the autograd slot, for ops that compute through in-place kernels and
    /// record one node for the whole result.
    package func untrackedView() -> Tensor {
        Tensor(storage: storage, offset: storageOffset, shape: sizes, strides: strideValues, dtype: dtype)
    }
}

extension Tensor {
    /// Whether autograd tracks this tensor (TensorCore's view of Autodiff's `requiresGrad`: any slot).
    package var requiresGradient: Bool { autogradMeta != nil }
}
