import TensorCore

/// Layout of a tensor at record time (views' backward and CopySlices need strides and offset).
struct Geometry {
    let sizes: [Int]
    let strides: [Int]
    let offset: Int
    let dtype: DType

    init(_ t: Tensor) {
        sizes = t.sizes
        strides = t.strideValues
        offset = t.storageOffset
        dtype = t.dtype
    }
}

/// The node of one recorded TensorCore op: its tag, what it saved, and its inputs' layouts. The
/// derivative itself lives in `Derivatives.swift`, keyed by `op`.
final class OpNode: Node {
    let op: DifferentiableOp
    private(set) var savedInputs: [SavedTensor?]
    private(set) var savedOutputs: [SavedTensor?]
    let inputs: [Geometry?]
    let outputs: [Geometry]
    /// This thread's count of recorded nodes when this one was recorded.
    var serial = 0

    init(op: DifferentiableOp, inputs: [Tensor?], outputs: [Tensor], edges: [Edge?]) {
        self.op = op
        let policy = savePolicy(op)
        savedInputs = policy.inputs ? inputs.map { $0.map { SavedTensor(input: $0) } } : []
        // Ops that need only their side outputs (statistics, indices) don't pin the main one: an in-place
        // op on it (BatchNorm then ReLU(inplace)) stays legal, as in torch.
        let skipFirst = savesSideOutputsOnly(op)
        savedOutputs =
            policy.outputs
            ? outputs.enumerated().map { skipFirst && $0 == 0 ? nil : SavedTensor(output: $1, number: $0) } : []
        self.inputs = inputs.map { $0.map(Geometry.init) }
        self.outputs = outputs.map(Geometry.init)
        super.init(
            edges: edges,
            slots: [], outputSlots: [])
    }

    override var name: String { nodeName(op, self) }

    // Slots come from the recorded layouts (no extra arrays per node).
    override func inputSlot(_ i: Int) -> GradientSlot? {
        guard i < inputs.count, let g = inputs[i] else { return nil }
        return GradientSlot(shape: g.sizes, dtype: g.dtype)
    }
    override var outputCount: Int { outputs.count }
    override func outputSlot(_ i: Int) -> GradientSlot {
        GradientSlot(shape: outputs[i].sizes, dtype: outputs[i].dtype)
    }

    override func apply(_ grads: [Tensor?]) -> [Tensor?] {
        derivative(op, BackwardContext(node: self), grads)
    }

    override func release() {
        super.release()
        savedInputs = []
        savedOutputs = []
    }

    func savedInput(_ i: Int) -> Tensor {
        checkNotReleased()
        return savedInputs[i]!.unpack(for: self)
    }

    /// After an in-place op wrote this node's output `i` into `target`, the saved value is `target`
    /// itself, so a later in-place change of it fails at backward as in torch (`a.exp_(); a.add_(1)`).
    func rebindSavedOutput(_ i: Int, to target: Tensor) {
        guard i < savedOutputs.count, savedOutputs[i] != nil else { return }
        savedOutputs[i] = SavedTensor(output: target, number: i)
    }

    func savedOutput(_ i: Int) -> Tensor {
        checkNotReleased()
        return savedOutputs[i]!.unpack(for: self)
    }

    private func checkNotReleased() {
        if released { failFreedGraph() }
    }
}

func failFreedGraph() -> Never {
    torchFail(
        "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward."
    )
}

/// What a derivative formula sees: saved inputs/outputs, input shapes, which inputs need a gradient.
struct BackwardContext {
    let node: OpNode

    func input(_ i: Int) -> Tensor { node.savedInput(i) }
    /// A saved input that may have been absent (an optional weight or bias).
    func optionalInput(_ i: Int) -> Tensor? { i < inputCount && node.inputs[i] != nil ? node.savedInput(i) : nil }
    func output(_ i: Int = 0) -> Tensor { node.savedOutput(i) }
    func shape(_ i: Int = 0) -> [Int] { node.inputs[i]!.sizes }
    func dtype(_ i: Int = 0) -> DType { node.inputs[i]!.dtype }
    func geometry(_ i: Int = 0) -> Geometry { node.inputs[i]! }
    func outputGeometry(_ i: Int = 0) -> Geometry { node.outputs[i] }
    func needs(_ i: Int) -> Bool { i < node.nextEdges.count && node.nextEdges[i] != nil }
    var inputCount: Int { node.inputs.count }
}
