import TensorCore

/// An ONNX LSTM, or GRU with `linear_before_reset` (torch's GRU), mapped back onto TensorCore's fused layer
/// (`NNOps.rnnLayer`, torch's gate order): W, R and B un-permuted from ONNX's gate order once, the input
/// projection skipped when W is the gate permutation our exporter writes. Default activations, one direction.
struct FusedRecurrent {
    let mode: RNNMode
    let reverse: Bool
    let hidden: Int
    /// Wᵀ in torch's gate order, nil when the input already holds the gates.
    let projection: Tensor?
    let inputBias: Tensor?
    let weightHh: Tensor
    let biasHh: Tensor?

    init?(_ node: OnnxNode, w: Tensor, r: Tensor, b: Tensor?) {
        guard node.attribute("activations") == nil, node.attribute("clip") == nil else { return nil }
        var direction = "forward"
        if case .string(let d)? = node.attribute("direction") { direction = d }
        guard direction != "bidirectional", case .int(let h)? = node.attribute("hidden_size") else { return nil }
        if case .int(let l)? = node.attribute("layout"), l != 0 { return nil }
        let lstm = node.opType == "LSTM"
        if !lstm {
            guard case .int(let lbr)? = node.attribute("linear_before_reset"), lbr != 0 else { return nil }
        }
        let gates = lstm ? 4 : 3, hidden = Int(h)
        guard w.ndim == 3, r.sizes == [1, gates * hidden, hidden], w.size(0) == 1, w.size(1) == gates * hidden else {
            return nil
        }
        // ONNX block k holds torch block order[k]; torch block j is ONNX block inverse[j].
        let inverse = lstm ? [0, 2, 3, 1] : [1, 0, 2]
        let index = Tensor(copying: inverse.map(Int64.init), shape: [gates])
        func torchOrder(_ t: Tensor) -> Tensor {
            t.reshape([gates, hidden] + Array(t.sizes.dropFirst())).indexSelect(dim: 0, index: index).reshape(t.sizes)
        }
        let wTorch = torchOrder(w[0])
        let identity = wTorch.size(1) == gates * hidden && wTorch.equal(Tensor.eye(gates * hidden, dtype: w.dtype))
        let biases = b.map { $0.reshape([2, gates * hidden]) }
        let wb = biases.map { torchOrder($0[0]) }, rb = biases.map { torchOrder($0[1]) }
        mode = lstm ? .lstm : .gru
        reverse = direction == "reverse"
        self.hidden = hidden
        projection = identity ? nil : wTorch.t().contiguous()
        weightHh = torchOrder(r[0]).contiguous()
        if lstm {
            // The LSTM's biases only enter as a sum.
            inputBias = nil
            biasHh = wb.map { $0 + rb! }
        } else {
            inputBias = wb
            biasHh = rb
        }
        if identity, let inputBias, inputBias.ne(0).any().item(Bool.self) { return nil }
    }

    /// (Y [T, 1, B, H], Y_h [1, B, H], Y_c) from X [T, B, in] and the optional initial states [1, B, H].
    func callAsFunction(_ x: Tensor, h0: Tensor?, c0: Tensor?) -> [Tensor] {
        let steps = x.size(0), batch = x.size(1)
        var gates = x
        if let projection {
            gates = x.reshape([steps * batch, x.size(2)]).matmul(projection)
            if let inputBias { gates = gates + inputBias }
            gates = gates.view([steps, batch, -1])
        }
        let zeros = Tensor.zeros([batch, hidden], dtype: x.dtype)
        let r = NNOps.rnnLayer(
            mode, inputGates: gates, hx: h0?.reshape([batch, hidden]) ?? zeros,
            cx: mode == .lstm ? (c0?.reshape([batch, hidden]) ?? zeros) : nil, weightHh: weightHh, biasHh: biasHh,
            reverse: reverse)
        return [r.output.unsqueeze(1), r.hy.unsqueeze(0)] + (r.cy.map { [$0.unsqueeze(0)] } ?? [])
    }
}
