import Foundation
import TensorCore

/// Autodiff's implementation of TensorCore's recorder: builds graph nodes for tracked ops and turns
/// in-place ops on tracked tensors into recorded out-of-place ones.
final class GraphRecorder: AutogradRecorder, @unchecked Sendable {
    static let shared = GraphRecorder()
    /// Tests watch which op tags get recorded (the all-ops gradcheck proves each one is covered).
    static var observer: ((DifferentiableOp) -> Void)? {
        get { recordObserver }
        set { recordObserver = newValue }
    }

    /// Installed the first time any tensor requires grad: the only way tracking can start.
    static func install() {
        if installedAutogradRecorder == nil { installedAutogradRecorder = shared }
    }

    func record(_ op: DifferentiableOp, inputs: [Tensor?], outputs: [Tensor]) {
        let state = gradState
        guard state.pointee.enabled else { return }
        var edges = [Edge?]()
        edges.reserveCapacity(inputs.count)
        var any = false
        for input in inputs {
            let edge = input?.gradientEdge
            if edge != nil { any = true }
            edges.append(edge)
        }
        guard any else { return }
        // An op that returned one of its inputs unchanged (`to(sameDType)`, `contiguous()`) records nothing.
        for output in outputs { for input in inputs where input === output { return } }
        recordObserver?(op)
        let node = OpNode(op: op, inputs: inputs, outputs: outputs, edges: edges)
        node.serial = state.pointee.recordedNodes
        state.pointee.recordedNodes &+= 1
        if state.pointee.anomaly { node.anomalyContext = anomalyTrace(node.name) }
        let base = inputs.first ?? nil
        for (i, output) in outputs.enumerated() where output.dtype.isFloatingPoint {
            let meta = output.ensureMeta
            meta.gradFn = node
            meta.outputNr = i
            if let base, output.storage === base.storage {
                meta.viewBase = base.meta?.viewBase ?? base
            }
        }
    }

    func isTrainableLeaf(_ t: Tensor) -> Bool {
        guard let meta = t.meta else { return false }
        return meta.requiresGradFlag && meta.gradFn == nil && meta.viewBase == nil
    }

    func recordInPlace(_ target: Tensor, readsOldValue: Bool, _ compute: (Tensor) -> Tensor) -> Tensor? {
        guard gradState.pointee.enabled else { return nil }
        let meta = target.meta
        if let meta, meta.requiresGradFlag, meta.gradFn == nil, meta.viewBase == nil {
            torchFail("a leaf Variable that requires grad is being used in an in-place operation.")
        }
        let base = meta?.viewBase
        if let baseMeta = base?.meta, baseMeta.requiresGradFlag, baseMeta.gradFn == nil {
            torchFail("a view of a leaf Variable that requires grad is being used in an in-place operation.")
        }
        // Snapshot first so formulas that need the old value keep it after the write below; an op whose
        // formula reads only its output computes from the target itself (nothing it saved is overwritten).
        let snapshot = readsOldValue ? target.clone() : target
        let firstNode = gradState.pointee.recordedNodes
        var result = compute(snapshot)
        if result.dtype != target.dtype { result = result.to(target.dtype) }
        // A leaf (or an input passed through unchanged) can't lend its history: record a copy of it.
        if result.requiresGrad && result.meta?.gradFn == nil || result === snapshot { result = result.clone() }
        noGrad { _ = target.copy_(result) }
        // Only a node this computation created (not an operand's history, as in `copy_(src)`).
        if let resultMeta = result.meta, let node = resultMeta.gradFn as? OpNode, node.serial >= firstNode {
            node.rebindSavedOutput(resultMeta.outputNr, to: target)
        }
        if let base {
            rebaseView(target, base: base, result: result)
        } else {
            let resultMeta = result.meta
            let targetMeta = target.ensureMeta
            targetMeta.gradFn = resultMeta?.gradFn
            targetMeta.outputNr = resultMeta?.outputNr ?? 0
        }
        return target
    }

    /// In-place write into a view: the base's history becomes "old base with the view's region replaced by
    /// `result`" (torch's CopySlices); the view is then a fresh view of the new base.
    private func rebaseView(_ view: Tensor, base: Tensor, result: Tensor) {
        let node = CopySlices(base: base, view: view, result: result)
        let baseMeta = base.ensureMeta
        baseMeta.gradFn = node
        baseMeta.outputNr = 0
        let viewMeta = view.ensureMeta
        viewMeta.gradFn = nil
        record(.asStrided, inputs: [base], outputs: [view])
    }
}

@exclusivity(unchecked) nonisolated(unsafe) private var recordObserver: ((DifferentiableOp) -> Void)? = nil

/// Where the forward op was called from, for anomaly reports.
func anomalyTrace(_ name: String) -> String {
    let frames = Thread.callStackSymbols.dropFirst(4).prefix(12).joined(separator: "\n")
    return "Traceback of forward call that caused the error (\(name)):\n\(frames)"
}

/// Backward of an in-place write into a view of `base` (torch::autograd::CopySlices): the base's old
/// history gets the gradient outside the view's region, the written value gets the region.
final class CopySlices: Node {
    let baseGeometry: Geometry
    let viewGeometry: Geometry
    let mask: Tensor

    init(base: Tensor, view: Tensor, result: Tensor) {
        baseGeometry = Geometry(base)
        viewGeometry = Geometry(view)
        torchCheck(
            base.isContiguous, "in-place write into a view of a non-contiguous tensor is not supported by autograd")
        // Which elements of the base the view covers (computed once, untracked).
        let covered = Tensor.zeros(base.sizes, dtype: .bool)
        _ = covered.asStrided(view.sizes, view.strideValues, offset: view.storageOffset - base.storageOffset).fill_(
            true)
        mask = covered
        let resultEdge = result.gradientEdge
        super.init(
            edges: [base.gradientEdge, resultEdge],
            slots: [
                GradientSlot(shape: base.sizes, dtype: base.dtype), GradientSlot(shape: view.sizes, dtype: view.dtype),
            ],
            outputSlots: [GradientSlot(shape: base.sizes, dtype: base.dtype)])
    }

    override var name: String { "CopySlices" }

    override func apply(_ grads: [Tensor?]) -> [Tensor?] {
        if released { failFreedGraph() }
        guard let grad = grads[0] else { return [nil, nil] }
        let baseGrad = nextEdges[0] == nil ? nil : grad.maskedFill(mask, 0)
        var viewGrad: Tensor?
        if nextEdges[1] != nil {
            let dense = grad.contiguous()
            viewGrad = dense.asStrided(
                viewGeometry.sizes, viewGeometry.strides,
                offset: dense.storageOffset + viewGeometry.offset - baseGeometry.offset)
        }
        return [baseGrad, viewGrad]
    }
}
