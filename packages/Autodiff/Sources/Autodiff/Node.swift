import Synchronization
import TensorCore

/// Where a gradient goes: input slot `inputNr` of `node`.
struct Edge {
    let node: Node
    let inputNr: Int
}

/// Shape and dtype a gradient must have when it reaches an edge (torch's InputMetadata).
struct GradientSlot {
    let shape: [Int]
    let dtype: DType
}

/// A backward function in the graph (torch.autograd.graph.Node). Holds its inputs' edges and saved
/// values, never its own outputs strongly, so the graph has no reference cycles.
public class Node: CustomStringConvertible {
    /// One per differentiable input, nil where the input needs no gradient.
    var nextEdges: [Edge?]
    private let slots: [GradientSlot?]
    /// Gradients each output expects (dtype and shape), for zero-filling unused outputs.
    private let outputSlots: [GradientSlot]
    /// Tensor hooks on outputs of this node, keyed by output number.
    var outputHooks: [Int: [(Tensor) -> Tensor?]] = [:]
    /// Non-leaf outputs that asked for `retainGrad()`.
    var retainedOutputs: [Int: WeakTensor] = [:]
    /// Forward description when anomaly detection is on.
    var anomalyContext: String?
    var released = false
    /// The backward pass working on this node (0: none) and the node's row in that pass (`PassGraph`).
    let passClaim = Atomic<UInt>(0)
    var passRow = 0

    init(edges: [Edge?], slots: [GradientSlot?], outputSlots: [GradientSlot]) {
        self.nextEdges = edges
        self.slots = slots
        self.outputSlots = outputSlots
    }

    /// The gradient input `i` expects (nil: no check); OpNode answers from its recorded layouts.
    func inputSlot(_ i: Int) -> GradientSlot? { i < slots.count ? slots[i] : nil }
    var outputCount: Int { outputSlots.count }
    func outputSlot(_ i: Int) -> GradientSlot { outputSlots[i] }

    /// PyTorch's node name, e.g. "MulBackward0".
    public var name: String { "Node" }
    /// Like PyTorch's repr of a `grad_fn`, `<MulBackward0 object at 0x...>`, without the address.
    public var description: String { "<\(name)>" }

    /// `grad_fn.next_functions`: (node, input number) per input, nil for inputs that need no gradient.
    /// PyTorch: `torch.autograd.graph.Node.next_functions`.
    public var nextFunctions: [(node: Node?, inputNr: Int)] {
        nextEdges.map { ($0?.node, $0?.inputNr ?? 0) }
    }

    /// Gradients for the inputs, given gradients for the outputs (nil for an unused output).
    func apply(_ grads: [Tensor?]) -> [Tensor?] { fatalError("abstract") }

    /// Frees saved values after a backward without retainGraph.
    func release() { released = true }
}

/// A weak handle on a tensor (retainGrad targets, tests proving the graph is freed).
/// No PyTorch counterpart (Python code uses `weakref.ref`): lets tests check a graph is freed without keeping it alive.
public final class WeakTensor {
    /// The tensor, or nil once it was deallocated (PyTorch: calling a `weakref.ref`).
    public weak var tensor: Tensor?
    /// No PyTorch counterpart: wraps `tensor` without retaining it (`weakref.ref(tensor)` in Python).
    public init(_ tensor: Tensor) { self.tensor = tensor }
}

/// A tensor saved for backward, with the version it had then (torch's SavedVariable).
struct SavedTensor {
    /// For an input: the tensor itself. For an output: an alias without autograd slot (no cycle).
    let data: Tensor
    let version: Int
    /// Output number when the saved tensor is an output of the saving node.
    let outputNr: Int?

    init(input: Tensor) {
        data = input
        version = input.storage.version
        outputNr = nil
    }

    init(output: Tensor, number: Int) {
        data = output.alias
        version = output.storage.version
        outputNr = number
    }

    /// The saved value, checked against in-place modification; outputs get their node back as gradFn so
    /// double backward through them works.
    func unpack(for node: Node) -> Tensor {
        if data.storage.version != version {
            let which: String
            if let outputNr {
                which = ", which is output \(outputNr) of \(shortName(node.name)),"
            } else if let fn = data.meta?.gradFn {
                which = ", which is output \(data.meta!.outputNr) of \(shortName(fn.name)),"
            } else {
                which = ""
            }
            torchFail(
                "one of the variables needed for gradient computation has been modified by an inplace operation: [torch.\(tensorTypeName(data.dtype)) \(shapeString(data.shape.dims))]\(which) is at version \(data.storage.version); expected version \(version) instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
            )
        }
        guard let outputNr else { return data }
        let fresh = data.alias
        if isGradEnabled {
            let meta = fresh.ensureMeta
            meta.gradFn = node
            meta.outputNr = outputNr
        }
        return fresh
    }
}

/// "MulBackward0" → "Mul", as torch names a node in the version-counter message.
func shortName(_ name: String) -> String {
    guard let range = name.range(of: "Backward") else { return name }
    return String(name[..<range.lowerBound])
}

/// torch's legacy tensor type name ("FloatTensor").
func tensorTypeName(_ dtype: DType) -> String {
    switch dtype {
    case .bool: "BoolTensor"
    case .uint8: "ByteTensor"
    case .int8: "CharTensor"
    case .int16: "ShortTensor"
    case .int32: "IntTensor"
    case .int64: "LongTensor"
    case .float16: "HalfTensor"
    case .bfloat16: "BFloat16Tensor"
    case .float32: "FloatTensor"
    case .float64: "DoubleTensor"
    }
}

/// The sink of a leaf's gradient: adds it into `.grad` (torch's AccumulateGrad).
final class AccumulateGrad: Node {
    let variable: Tensor

    init(_ variable: Tensor) {
        self.variable = variable
        super.init(edges: [], slots: [], outputSlots: [GradientSlot(shape: variable.shape.dims, dtype: variable.dtype)])
    }

    override var name: String { "AccumulateGrad" }

    override func apply(_ grads: [Tensor?]) -> [Tensor?] {
        if var incoming = grads[0] { accumulate(&incoming, createGraph: isGradEnabled) }
        return []
    }

    /// Adds `incoming` into `.grad`; the engine hands over its only reference when it can.
    func accumulate(_ incoming: inout Tensor, createGraph: Bool) {
        guard let meta = variable.meta else { return }
        for hook in meta.hooks { if let replaced = hook(incoming) { incoming = replaced } }
        if let existing = meta.grad {
            if createGraph || existing.meta != nil {
                meta.grad = existing + incoming  // create_graph: keep the sum differentiable
            } else {
                existing.add_(incoming)
            }
        } else if createGraph {
            meta.grad = incoming
        } else {
            // A fresh contiguous gradient the engine owns outright is kept as is; anything shared
            // (passed through to several inputs, or a broadcast view) is copied so later in-place
            // accumulation can't leak into another tensor's .grad.
            let owned =
                isKnownUniquelyReferenced(&incoming) && incoming.isContiguous
                && incoming.storage.byteCount == incoming.numel * incoming.dtype.itemSize
                && storageIsUnshared(incoming)
            meta.grad = owned ? incoming : incoming.clone()
        }
        for hook in meta.postAccumulateHooks { hook(variable) }
    }
}

@_silgen_name("swift_retainCount") private func swiftRetainCount(_ object: UnsafeMutableRawPointer) -> Int

/// True when no other tensor (view, alias) holds `tensor`'s storage. A conservative answer (false when
/// unsure) only costs a copy.
private func storageIsUnshared(_ tensor: Tensor) -> Bool {
    swiftRetainCount(Unmanaged.passUnretained(tensor.storage).toOpaque()) == 1
}
