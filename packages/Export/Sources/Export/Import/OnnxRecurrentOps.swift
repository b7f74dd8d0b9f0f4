import TensorCore

/// ONNX's LSTM and GRU (forward or reverse, one direction, default activations): on TensorCore's fused
/// layer where it fits (FusedRecurrent), else step by step with TensorCore ops in ONNX's gate order
/// (LSTM i o f c, GRU z r h).
enum OnnxRecurrentOps {
    static func run(_ node: OnnxNode, _ x: [Tensor?], fail: (String) -> OnnxError) throws(OnnxError) -> [Tensor] {
        guard x.count >= 3, let input = x[0], let w = x[1], let r = x[2] else { throw fail("X, W and R are required") }
        guard x.count < 5 || x[4] == nil else { throw fail("sequence_lens") }
        guard node.attribute("activations") == nil, node.attribute("clip") == nil else {
            throw fail("custom activations or clip")
        }
        var direction = "forward"
        if case .string(let d)? = node.attribute("direction") { direction = d }
        guard direction != "bidirectional" else { throw fail("bidirectional") }
        guard case .int(let h)? = node.attribute("hidden_size") else { throw fail("hidden_size is required") }
        let lstm = node.opType == "LSTM", gates = lstm ? 4 : 3, hidden = Int(h)
        guard input.ndim == 3, w.sizes == [1, gates * hidden, input.size(2)], r.sizes == [1, gates * hidden, hidden]
        else {
            throw fail("X \(input.shape), W \(w.shape), R \(r.shape) do not fit hidden_size \(hidden)")
        }
        if let fused = FusedRecurrent(node, w: w, r: r, b: x.count > 3 ? x[3] : nil) {
            guard input.ndim == 3, input.size(2) == w.size(2) else {
                throw fail("X \(input.shape) does not fit W \(w.shape)")
            }
            return fused(input, h0: x.count > 5 ? x[5] : nil, c0: x.count > 6 ? x[6] : nil)
        }
        var layout = 0
        if case .int(let l)? = node.attribute("layout") { layout = Int(l) }
        guard layout == 0 else { throw fail("layout=1") }
        let steps = input.size(0), batch = input.size(1)
        let b = x.count > 3 ? x[3] : nil
        let wb = b.map { $0.reshape([2 * gates * hidden]).narrow(dim: 0, start: 0, length: gates * hidden) }
        let rb = b.map {
            $0.reshape([2 * gates * hidden]).narrow(dim: 0, start: gates * hidden, length: gates * hidden)
        }
        func state(_ i: Int) -> Tensor {
            (x.count > i ? x[i] : nil)?.reshape([batch, hidden]) ?? Tensor.zeros([batch, hidden], dtype: input.dtype)
        }
        var hState = state(5), cState = state(6)
        let wT = w[0].t(), rT = r[0].t()
        let projected = input.reshape([steps * batch, input.size(2)]).matmul(wT).reshape([steps, batch, gates * hidden])
        var outputs = [Tensor?](repeating: nil, count: steps)
        let linearBeforeReset: Bool = {
            if case .int(let v)? = node.attribute("linear_before_reset") { return v != 0 }
            return false
        }()
        for t in direction == "reverse" ? Array((0..<steps).reversed()) : Array(0..<steps) {
            var xg = projected[t]
            if let wb { xg = xg + wb }
            if lstm {
                var g = xg + hState.matmul(rT)
                if let rb { g = g + rb }
                let parts = g.chunk(4, dim: 1)  // i o f c
                let (i, o, f, c) = (parts[0].sigmoid(), parts[1].sigmoid(), parts[2].sigmoid(), parts[3].tanh())
                cState = f * cState + i * c
                hState = o * cState.tanh()
            } else {
                let xs = xg.chunk(3, dim: 1)  // z r h
                let rs = rT.chunk(3, dim: 1), rbs = rb?.chunk(3, dim: 0)
                func hidden(_ k: Int) -> Tensor {
                    let v = hState.matmul(rs[k])
                    return rbs.map { v + $0[k] } ?? v
                }
                let z = (xs[0] + hidden(0)).sigmoid(), rr = (xs[1] + hidden(1)).sigmoid()
                let n: Tensor
                if linearBeforeReset {
                    n = (xs[2] + rr * hidden(2)).tanh()
                } else {
                    let v = (rr * hState).matmul(rs[2])
                    n = (xs[2] + (rbs.map { v + $0[2] } ?? v)).tanh()
                }
                hState = (1 - z) * n + z * hState
            }
            outputs[t] = hState
        }
        let y = Tensor.stack(outputs.map { $0! }, dim: 0).unsqueeze(1)
        return [y, hState.unsqueeze(0)] + (lstm ? [cState.unsqueeze(0)] : [])
    }
}
