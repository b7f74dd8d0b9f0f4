import Autodiff
import TensorCore

/// What `trace` records (torch.jit.trace's graph): values with shapes and dtypes, the ops that produced
/// them as TensorCore's op tags with their arguments, and the tensors the graph reads but did not compute —
/// the module's parameters and buffers (found by identity, named by their state-dict keys) and constants.
public final class TracedGraph {
    /// One tensor of the trace, as it was on the example input.
    /// PyTorch: a `torch._C.Value` of a traced graph, with its complete tensor type.
    public struct Value: Sendable {
        /// The sizes on the example input (PyTorch: `value.type().sizes()`).
        public let shape: [Int]
        /// PyTorch: `value.type().scalarType()`.
        public let dtype: DType
    }

    /// A recorded op: `outputs = op(inputs)` (a nil input is a non-tensor operand), run inside `module`
    /// (the module path, "" for the root).
    package struct Node {
        package let op: DifferentiableOp
        package let inputs: [Int?]
        package let outputs: [Int]
        package let module: String
        /// The tensors of the example run (shapes, strides, values of folded constants).
        package let inputTensors: [Tensor?]
        package let outputTensors: [Tensor]
    }

    /// A tensor read from outside the trace: a parameter or buffer (`name` is its state-dict key) or a
    /// constant captured from the example run.
    /// No PyTorch counterpart as a type: torch's trace lists parameters as extra graph inputs and constants as `prim::Constant` nodes.
    public struct Initializer {
        /// The index in `values` this tensor feeds (no PyTorch counterpart).
        public let value: Int
        /// The state-dict key, or a generated name for a constant (PyTorch: the debug name of the graph input).
        public let name: String
        /// The tensor as it was in the example run (no PyTorch counterpart).
        public let tensor: Tensor
        /// True for a parameter, false for a buffer or constant (no PyTorch counterpart).
        public let isParameter: Bool
    }

    /// Every value of the trace, by index (PyTorch: the values of `traced.graph`).
    public private(set) var values: [Value] = []
    package private(set) var nodes: [Node] = []
    /// The parameters, buffers and constants the graph reads (PyTorch: the extra inputs and `prim::Constant`s of `traced.graph`).
    public private(set) var initializers: [Initializer] = []
    /// Indices in `values` of the model's inputs (PyTorch: `traced.graph.inputs()`).
    public package(set) var inputs: [Int] = []
    /// Indices in `values` of the model's outputs (PyTorch: `traced.graph.outputs()`).
    public package(set) var outputs: [Int] = []
    /// TracerWarning's equivalents: where the trace may not generalize to other inputs.
    /// PyTorch: the `torch.jit.TracerWarning`s `torch.jit.trace` emits.
    public package(set) var warnings: [String] = []

    /// Values that do not depend on the inputs (initializers and ops on them only), with their tensors:
    /// exporters fold them into constants.
    package private(set) var staticTensors: [Int: Tensor] = [:]
    private var ids: [ObjectIdentifier: Int] = [:]
    private var named: [ObjectIdentifier: (String, Bool)] = [:]
    private var constants = 0
    /// The example input's batch size, for the warning about constants that hold it.
    package var batchSize: Int?

    package init(parameters: [(String, Tensor)], buffers: [(String, Tensor)]) {
        for (name, p) in parameters { named[ObjectIdentifier(p)] = (name, true) }
        for (name, b) in buffers { named[ObjectIdentifier(b)] = (name, false) }
    }

    /// A new value for `t` (an op's output or the input).
    package func addValue(_ t: Tensor) -> Int {
        values.append(Value(shape: t.sizes, dtype: t.dtype))
        ids[ObjectIdentifier(t)] = values.count - 1
        return values.count - 1
    }

    /// `t`'s value: one already in the graph, else a parameter or buffer (by identity), else a constant
    /// (a snapshot of the example run's tensor). Used for op inputs and tensors in op arguments alike.
    package func value(of t: Tensor) -> Int {
        if let id = ids[ObjectIdentifier(t)] { return id }
        let id = addValue(t)
        if let (name, isParameter) = named[ObjectIdentifier(t)] {
            initializers.append(Initializer(value: id, name: name, tensor: t, isParameter: isParameter))
            staticTensors[id] = t
            return id
        }
        constants += 1
        let snapshot = noGrad { t.detach().clone() }
        initializers.append(
            Initializer(value: id, name: "_constant_\(constants)", tensor: snapshot, isParameter: false))
        staticTensors[id] = snapshot
        if let batchSize, batchSize > 1, t.sizes.contains(batchSize) {
            warnings.append(
                "TracerWarning: a tensor of shape \(t.shape) not computed from the input was recorded as a constant; "
                    + "the trace might not generalize to other batch sizes")
        }
        return id
    }

    /// Makes `alias` stand for `value` (an in-place op's target after its write).
    package func alias(_ alias: Tensor, to value: Int) { ids[ObjectIdentifier(alias)] = value }

    /// Records a node; one whose inputs are all static is folded (its outputs become static).
    package func addNode(op: DifferentiableOp, inputs: [Tensor?], outputs: [Tensor], module: String) {
        let inputIds = inputs.map { $0.map(value(of:)) }
        let outputIds = outputs.map(addValue)
        let isStatic = inputIds.allSatisfy { $0 == nil || staticTensors[$0!] != nil }
        if isStatic {
            for (id, t) in zip(outputIds, outputs) { staticTensors[id] = t }
            return
        }
        nodes.append(
            Node(
                op: op, inputs: inputIds, outputs: outputIds, module: module, inputTensors: inputs,
                outputTensors: outputs))
    }

    /// The parameter or buffer a static value was read from, when it is one.
    package func initializer(_ id: Int) -> Initializer? { initializers.first { $0.value == id } }

    /// The ops in order, by torch's op name where it has one (for printing and tests).
    public var opNames: [String] { nodes.map { opName($0.op) } }
}

/// The tag's case name ("convolution", "addmm"): its arguments stripped.
package func opName(_ op: DifferentiableOp) -> String {
    let text = String(describing: op)
    return String(text.prefix { $0 != "(" })
}
