import TensorCore

/// What a custom function's forward and backward share (torch.autograd.function.FunctionCtx).
public final class FunctionContext {
    fileprivate var toSave: [Tensor] = []
    fileprivate var saved: [SavedTensor] = []
    fileprivate weak var node: Node?
    fileprivate var dirty: [Tensor] = []
    fileprivate var nonDifferentiable: [Tensor] = []
    /// `ctx.needs_input_grad`: which inputs want a gradient.
    /// PyTorch: `torch.autograd.function.FunctionCtx.needs_input_grad`.
    public internal(set) var needsInputGrad: [Bool] = []
    /// Non-tensor values forward wants backward to see (`ctx.constant = ...`).
    /// PyTorch: attributes set on `ctx` in `torch.autograd.Function.forward`.
    public var values: [String: Any] = [:]

    /// `ctx.save_for_backward(*tensors)`.
    /// PyTorch: `torch.autograd.function.FunctionCtx.save_for_backward`.
    public func saveForBackward(_ tensors: Tensor...) { toSave = tensors }
    /// The array form of `saveForBackward(_:)` (PyTorch: `FunctionCtx.save_for_backward(*tensors)`).
    public func saveForBackward(_ tensors: [Tensor]) { toSave = tensors }

    /// `ctx.saved_tensors` (checked against in-place modification since they were saved).
    /// PyTorch: `torch.autograd.function.FunctionCtx.saved_tensors`.
    public var savedTensors: [Tensor] {
        guard let node else { return toSave }
        if node.released { failFreedGraph() }
        return saved.map { $0.unpack(for: node) }
    }

    /// `ctx.mark_dirty(*tensors)`: inputs forward modified in place (and returns).
    /// PyTorch: `torch.autograd.function.FunctionCtx.mark_dirty`.
    public func markDirty(_ tensors: Tensor...) { dirty += tensors }

    /// `ctx.mark_non_differentiable(*tensors)`: outputs that get no gradient (indices, masks).
    /// PyTorch: `torch.autograd.function.FunctionCtx.mark_non_differentiable`.
    public func markNonDifferentiable(_ tensors: Tensor...) { nonDifferentiable += tensors }
}

extension Autograd {
    /// A user-defined differentiable op (torch.autograd.Function): implement `forward` and `backward`
    /// as static functions, call `apply`.
    ///
    ///     enum Exp: Autograd.Function {
    ///         static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) -> [Tensor] {
    ///             let r = inputs[0].exp(); ctx.saveForBackward(r); return [r]
    ///         }
    ///         static func backward(_ ctx: FunctionContext, _ grads: [Tensor?]) -> [Tensor?] {
    ///             [grads[0]! * ctx.savedTensors[0]]
    ///         }
    ///     }
    ///     let y = Exp.apply(x)[0]
    public protocol Function {
        static func forward(_ ctx: FunctionContext, _ inputs: [Tensor]) -> [Tensor]
        static func backward(_ ctx: FunctionContext, _ gradOutputs: [Tensor?]) -> [Tensor?]
    }
}

extension Autograd.Function {
    /// Runs `forward` without recording, then records one node whose backward is `backward`.
    /// PyTorch: `torch.autograd.Function.apply`.
    public static func apply(_ inputs: Tensor...) -> [Tensor] { apply(inputs) }

    /// The array form of `apply(_:)` (PyTorch: `torch.autograd.Function.apply(*inputs)`).
    public static func apply(_ inputs: [Tensor]) -> [Tensor] {
        let ctx = FunctionContext()
        let tracking = isGradEnabled && inputs.contains { $0.requiresGrad }
        ctx.needsInputGrad = inputs.map { tracking && $0.requiresGrad }
        var outputs = noGrad { forward(ctx, inputs) }
        guard tracking else { return outputs }
        for input in ctx.dirty {
            if let meta = input.meta, meta.requiresGradFlag, meta.gradFn == nil {
                torchFail("a leaf Variable that requires grad is being used in an in-place operation.")
            }
        }
        // Outputs that are inputs passed through (and not marked dirty) become fresh handles.
        outputs = outputs.map { out in
            inputs.contains { $0 === out } && !ctx.dirty.contains { $0 === out } ? out.alias : out
        }
        let node = CustomFunctionNode(
            name: "\(Self.self)Backward", ctx: ctx, backward: { backward($0, $1) },
            edges: inputs.map { $0.gradientEdge }, inputs: inputs, outputs: outputs)
        ctx.node = node
        ctx.saved = ctx.toSave.map { tensor in
            if let nr = outputs.firstIndex(where: { $0 === tensor }) { return SavedTensor(output: tensor, number: nr) }
            return SavedTensor(input: tensor)
        }
        ctx.toSave = []
        if gradState.pointee.anomaly { node.anomalyContext = anomalyTrace(node.name) }
        for (i, out) in outputs.enumerated()
        where out.dtype.isFloatingPoint && !ctx.nonDifferentiable.contains(where: { $0 === out }) {
            let meta = out.ensureMeta
            meta.gradFn = node
            meta.outputNr = i
        }
        return outputs
    }
}

final class CustomFunctionNode: Node {
    private let nodeName: String
    private var ctx: FunctionContext?
    private let backwardFunction: (FunctionContext, [Tensor?]) -> [Tensor?]

    init(
        name: String, ctx: FunctionContext, backward: @escaping (FunctionContext, [Tensor?]) -> [Tensor?],
        edges: [Edge?], inputs: [Tensor], outputs: [Tensor]
    ) {
        nodeName = name
        self.ctx = ctx
        backwardFunction = backward
        super.init(
            edges: edges, slots: inputs.map { GradientSlot(shape: $0.sizes, dtype: $0.dtype) },
            outputSlots: outputs.map { GradientSlot(shape: $0.sizes, dtype: $0.dtype) })
    }

    override var name: String { nodeName }

    override func apply(_ grads: [Tensor?]) -> [Tensor?] {
        guard let ctx else { failFreedGraph() }
        let result = backwardFunction(ctx, grads)
        torchCheck(
            result.count >= nextEdges.count,
            "function \(nodeName) returned an incorrect number of gradients (expected \(nextEdges.count), got \(result.count))"
        )
        return result
    }

    override func release() {
        super.release()
        ctx?.saved = []
    }
}
