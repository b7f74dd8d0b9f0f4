import Autodiff
import TensorCore

// rnn_layer → ONNX's LSTM / GRU / RNN op. The traced layer starts from its input gates (the input
// projection x·W_ihᵀ + b, traced as its own Gemm), so the ONNX op's W is the permutation from torch's gate
// order to ONNX's (exact: a product with ones and zeros) and R, B are W_hh and b_hh in ONNX's order.

extension OnnxBuilder {
    mutating func lowerRecurrent(_ node: TracedGraph.Node, _ saved: RNNLayerSaved, fail: (String) -> OnnxError)
        throws(OnnxError)
    {
        let module = node.module
        guard node.inputs.count < 6 || node.inputs[5] == nil else { throw fail("an LSTM with proj_size") }
        guard let weightHh = node.inputs[3].flatMap({ graph.staticTensors[$0] }) else {
            throw fail("W_hh is computed from the input")
        }
        let (opType, order): (String, [Int]) =
            switch saved.mode {
            case .lstm: ("LSTM", [0, 3, 1, 2])  // torch i f g o → ONNX i o f c
            case .gru: ("GRU", [1, 0, 2])  // torch r z n → ONNX z r h
            case .rnnTanh, .rnnRelu: ("RNN", [0])
            }
        let gates = order.count, hidden = weightHh.size(0) / gates, width = gates * hidden
        let dtype = weightHh.dtype
        let index = Tensor(copying: order.map(Int64.init), shape: [gates])
        func reorder(_ t: Tensor) -> Tensor {
            noGrad {
                t.detach().reshape([gates, hidden] + Array(t.sizes.dropFirst())).indexSelect(dim: 0, index: index)
                    .reshape([1] + t.sizes)
            }
        }
        let w = reorder(Tensor.eye(width, dtype: dtype))
        let r = reorder(weightHh)
        let biasHh = node.inputs.count > 4 ? node.inputs[4].flatMap { graph.staticTensors[$0] } : nil
        if node.inputs.count > 4, node.inputs[4] != nil, biasHh == nil { throw fail("b_hh is computed from the input") }
        let rb = biasHh.map { reorder($0).reshape([1, width]) } ?? Tensor.zeros([1, width], dtype: dtype)
        let b = Tensor.cat([Tensor.zeros([1, width], dtype: dtype), rb], dim: 1)
        var inputs = [name(node.inputs[0]!), constant(w, "W"), constant(r, "R"), constant(b, "B"), ""]
        inputs.append(initialState(node.inputs[1]!))
        if saved.mode == .lstm { inputs.append(initialState(node.inputs[2]!)) }
        while inputs.last == "" { inputs.removeLast() }
        var attributes: [OnnxAttribute] = [.int("hidden_size", hidden)]
        if saved.reverse { attributes.append(.string("direction", "reverse")) }
        if saved.mode == .gru { attributes.append(.int("linear_before_reset", 1)) }
        if saved.mode == .rnnRelu { attributes.append(OnnxAttribute(name: "activations", value: .strings(["Relu"]))) }
        let outputCount = saved.mode == .lstm ? 3 : 2
        let outs = (0..<outputCount).map { _ in emitName(opType) }
        emit(opType, inputs, outputs: outs, attributes, module: module)
        // Y [T, 1, B, H] → [T, B, H]; Y_h, Y_c [1, B, H] → [B, H].
        for (k, (id, axis)) in zip(node.outputs, [1, 0, 0]).enumerated() where k < outputCount {
            let squeezed = emit(
                "Squeeze", [outs[k], int64s([axis], "Axes")], outputs: declaredName(id).map { [$0] }, module: module)
            bind(id, to: squeezed[0])
        }
    }

    /// initial_h / initial_c [1, B, H] from the traced [B, H]; a constant all-zero state (the usual
    /// `zeros(layers, batch, hidden)`) is left out, so it follows the batch size (ONNX's default is zeros).
    private mutating func initialState(_ id: Int) -> String {
        if let t = graph.staticTensors[id], t.eq(0).all().item(Bool.self) { return "" }
        return emit("Unsqueeze", [name(id), int64s([0], "Axes")], module: "")[0]
    }
}
