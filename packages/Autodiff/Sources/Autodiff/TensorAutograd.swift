import TensorCore

/// The autograd face of `Tensor` (torch.Tensor's requires_grad, grad, grad_fn, backward, ...).
extension Tensor {
    /// `t.requires_grad`. Setting it marks a leaf for gradient accumulation (freezing: set false).
    /// PyTorch: `torch.Tensor.requires_grad`.
    public var requiresGrad: Bool {
        get { meta?.requiresGrad ?? false }
        set {
            if newValue {
                torchCheck(
                    dtype.isFloatingPoint,
                    "only Tensors of floating point and complex dtype can require gradients")
                GraphRecorder.install()
                ensureMeta.requiresGradFlag = true
            } else {
                if let meta, meta.gradFn != nil {
                    torchFail(
                        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach()."
                    )
                }
                meta?.requiresGradFlag = false
            }
        }
    }

    /// `t.requires_grad_(mode)`.
    /// PyTorch: `torch.Tensor.requires_grad_`.
    @discardableResult
    public func requiresGrad_(_ mode: Bool = true) -> Tensor {
        requiresGrad = mode
        return self
    }

    /// `torch.tensor(data, requires_grad=True)`.
    public convenience init<D: TensorData>(_ data: D, dtype: DType? = nil, requiresGrad: Bool) {
        let made = Tensor(data, dtype: dtype)
        self.init(
            storage: made.storage, offset: made.storageOffset, shape: made.sizes, strides: made.strideValues,
            dtype: made.dtype)
        if requiresGrad { self.requiresGrad = true }
    }

    /// `t.grad`: accumulated by backward on leaves (and on non-leaves that called `retainGrad()`).
    /// PyTorch: `torch.Tensor.grad`.
    public var grad: Tensor? {
        get { meta?.grad }
        set {
            if let newValue {
                torchCheck(
                    newValue.sizes == sizes,
                    "assigned grad has data of a different size")
            }
            if newValue == nil && meta == nil { return }
            ensureMeta.grad = newValue
        }
    }

    /// `t.grad_fn`: the node that produced this tensor (nil for leaves and untracked tensors).
    /// PyTorch: `torch.Tensor.grad_fn`.
    public var gradFn: Node? { meta?.gradFn }

    /// `t.is_leaf`: created by the user rather than by a recorded op.
    /// PyTorch: `torch.Tensor.is_leaf`.
    public var isLeaf: Bool { meta?.gradFn == nil }

    /// `t.retains_grad`.
    /// PyTorch: `torch.Tensor.retains_grad`.
    public var retainsGrad: Bool { meta?.retainsGrad ?? false }

    /// `t.retain_grad()`: a non-leaf keeps its `.grad` after backward.
    /// PyTorch: `torch.Tensor.retain_grad`.
    public func retainGrad() {
        guard let meta, let fn = meta.gradFn else {
            torchCheck(requiresGrad, "can't retain_grad on Tensor that has requires_grad=False")
            return
        }
        meta.retainsGrad = true
        fn.retainedOutputs[meta.outputNr] = WeakTensor(self)
    }

    /// `t.detach()`: same elements, cut from the graph.
    /// PyTorch: `torch.Tensor.detach`.
    public func detach() -> Tensor { alias }

    /// `t.detach_()`: makes this tensor a leaf that doesn't require grad.
    /// PyTorch: `torch.Tensor.detach_`.
    @discardableResult
    public func detach_() -> Tensor {
        if let meta {
            torchCheck(meta.viewBase == nil || meta.gradFn == nil, "Can't detach views in-place. Use detach() instead.")
            meta.gradFn = nil
            meta.requiresGradFlag = false
        }
        return self
    }

    /// `t.register_hook(fn)`: runs on this tensor's gradient during backward; a non-nil return replaces it.
    /// PyTorch: `torch.Tensor.register_hook` (without the removable handle it returns).
    public func registerHook(_ hook: @escaping (Tensor) -> Tensor?) {
        torchCheck(requiresGrad, "cannot register a hook on a tensor that doesn't require gradient")
        let meta = ensureMeta
        if let fn = meta.gradFn {
            fn.outputHooks[meta.outputNr, default: []].append(hook)
        } else {
            meta.hooks.append(hook)
        }
    }

    /// `t.register_post_accumulate_grad_hook(fn)`: runs on a leaf after its `.grad` was updated.
    /// PyTorch: `torch.Tensor.register_post_accumulate_grad_hook` (without the removable handle it returns).
    public func registerPostAccumulateGradHook(_ hook: @escaping (Tensor) -> Void) {
        torchCheck(
            isLeaf && requiresGrad,
            "post accumulate grad hooks cannot be registered on non-leaf tensors")
        ensureMeta.postAccumulateHooks.append(hook)
    }

    /// `t.backward(gradient, retain_graph, create_graph, inputs)`.
    /// PyTorch: `torch.Tensor.backward`.
    public func backward(
        gradient: Tensor? = nil, retainGraph: Bool? = nil, createGraph: Bool = false, inputs: [Tensor]? = nil
    ) {
        Autograd.backward(
            [self], gradTensors: gradient.map { [$0] }, retainGraph: retainGraph,
            createGraph: createGraph, inputs: inputs)
    }
}

/// `torch.autograd`: backward and grad over several tensors, plus the functional helpers.
public enum Autograd {
    /// `torch.autograd.backward(tensors, grad_tensors, ...)`.
    public static func backward(
        _ tensors: [Tensor], gradTensors: [Tensor?]? = nil, retainGraph: Bool? = nil, createGraph: Bool = false,
        inputs: [Tensor]? = nil
    ) {
        let roots = makeRoots(tensors, gradTensors)
        var only: Set<ObjectIdentifier>?
        var captures: [Edge] = []
        if let inputs {
            torchCheck(!inputs.isEmpty, "'inputs' argument to backward() cannot be empty.")
            only = []
            for input in inputs {
                guard let edge = input.gradientEdge else {
                    torchFail("One of the differentiated Tensors does not require grad")
                }
                if edge.node is AccumulateGrad {
                    only!.insert(ObjectIdentifier(edge.node))
                } else {
                    captures.append(edge)
                }
            }
        }
        let nonLeafInputs = inputs?.filter { !$0.isLeaf } ?? []
        var engine = Engine(
            roots: roots, captures: captures, accumulate: true, accumulateOnly: only,
            retainGraph: retainGraph ?? createGraph, createGraph: createGraph)
        let captured = asBackwardPass { engine.run() }
        for (tensor, grad) in zip(nonLeafInputs, captured) {
            guard let grad, let meta = tensor.meta else { continue }
            meta.grad = meta.grad.map { $0 + grad } ?? grad
        }
    }

    /// `torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, create_graph, allow_unused)`.
    public static func grad(
        outputs: [Tensor], inputs: [Tensor], gradOutputs: [Tensor?]? = nil, retainGraph: Bool? = nil,
        createGraph: Bool = false, allowUnused: Bool = false, materializeGrads: Bool = false
    ) -> [Tensor?] {
        let roots = makeRoots(outputs, gradOutputs)
        let captures = inputs.map { input -> Edge in
            guard let edge = input.gradientEdge else {
                torchFail("One of the differentiated Tensors does not require grad")
            }
            return edge
        }
        var engine = Engine(
            roots: roots, captures: captures, accumulate: false, accumulateOnly: nil,
            retainGraph: retainGraph ?? createGraph, createGraph: createGraph)
        let result = asBackwardPass { engine.run() }
        return result.enumerated().map { i, grad in
            if let grad { return grad }
            if materializeGrads { return Tensor.zerosLike(inputs[i]) }
            torchCheck(
                allowUnused,
                "The differentiated Tensor at index \(i) appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior."
            )
            return nil
        }
    }

    /// `torch.autograd.grad(output, input)` for one of each.
    public static func grad(
        _ output: Tensor, _ input: Tensor, gradOutput: Tensor? = nil, retainGraph: Bool? = nil,
        createGraph: Bool = false, allowUnused: Bool = false
    ) -> Tensor? {
        grad(
            outputs: [output], inputs: [input], gradOutputs: gradOutput.map { [$0] }, retainGraph: retainGraph,
            createGraph: createGraph, allowUnused: allowUnused)[0]
    }

    private static func makeRoots(_ tensors: [Tensor], _ grads: [Tensor?]?) -> [(edge: Edge, grad: Tensor)] {
        if let grads {
            torchCheck(
                grads.count == tensors.count,
                "got \(grads.count) tensors and \(tensors.count) gradients")
        }
        return tensors.enumerated().map { i, tensor in
            guard let edge = tensor.gradientEdge else {
                torchFail("element \(i) of tensors does not require grad and does not have a grad_fn")
            }
            var grad: Tensor
            if let given = grads?[i] {
                torchCheck(
                    given.sizes == tensor.sizes,
                    "Mismatch in shape: grad_output[\(i)] has a shape of \(sizeString(given.sizes)) and output[\(i)] has a shape of \(sizeString(tensor.sizes))."
                )
                grad = given
            } else {
                torchCheck(tensor.numel == 1, "grad can be implicitly created only for scalar outputs")
                grad = Tensor.onesLike(tensor)
            }
            if grad.dtype != tensor.dtype { grad = grad.to(tensor.dtype) }
            return (edge, grad)
        }
    }
}

/// "torch.Size([2, 3])" as torch prints shapes in autograd messages.
func sizeString(_ shape: [Int]) -> String {
    "torch.Size([\(shape.map(String.init).joined(separator: ", "))])"
}
