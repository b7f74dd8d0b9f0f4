/// Fused LSTM and GRU cells (the role of torch's `_thnn_fused_lstm_cell` / `_thnn_fused_gru_cell`): one
/// pass computes every gate from the input and hidden projections, and one recorded node differentiates
/// the whole cell from the activations saved in its workspace (see RNNGateKernels.swift).
extension NNOps {
    /// h', c' of an LSTM cell from gi = x·W_ihᵀ + b_ih and gh = h·W_hhᵀ + b_hh ([B, 4H], gates i, f, g, o)
    /// and c ([B, H]).
    package static func lstmCell(inputGates: Tensor, hiddenGates: Tensor, cx: Tensor) -> (hy: Tensor, cy: Tensor) {
        rnnCheckCell("_thnn_fused_lstm_cell", inputGates, hiddenGates, cx, gates: 4)
        if cx.dtype.isReducedFloat {
            let r = lstmCell(inputGates: inputGates.opmath, hiddenGates: hiddenGates.opmath, cx: cx.opmath)
            return (r.hy.to(cx.dtype), r.cy.to(cx.dtype))
        }
        let (hy, cy, workspace) = LSTMCellKernel(
            gi: inputGates.contiguous(), gh: hiddenGates.contiguous(), cx: cx.contiguous()
        )
        .dispatch(cx.dtype, "_thnn_fused_lstm_cell")
        let out = recordedMany([hy, cy], .lstmCell(workspace: workspace), [inputGates, hiddenGates, cx])
        return (out[0], out[1])
    }

    /// The gradients of the gate pre-activations (the same for gi and gh) and of c, from those of h' and c'.
    package static func lstmCellBackward(gradHy: Tensor?, gradCy: Tensor?, cx: Tensor, workspace: Tensor) -> (
        gradGates: Tensor, gradCx: Tensor
    ) {
        if cx.dtype.isReducedFloat {
            let r = lstmCellBackward(
                gradHy: gradHy?.opmath, gradCy: gradCy?.opmath, cx: cx.opmath, workspace: workspace.opmath)
            return (r.gradGates.to(cx.dtype), r.gradCx.to(cx.dtype))
        }
        return LSTMCellBackwardKernel(
            dhy: gradHy?.contiguous(), dcy: gradCy?.contiguous(), cx: cx.contiguous(), ws: workspace
        )
        .dispatch(cx.dtype, "_thnn_fused_lstm_cell_backward")
    }

    /// h' of a GRU cell from gi = x·W_ihᵀ + b_ih and gh = h·W_hhᵀ + b_hh ([B, 3H], gates r, z, n) and h.
    package static func gruCell(inputGates: Tensor, hiddenGates: Tensor, hx: Tensor) -> Tensor {
        rnnCheckCell("_thnn_fused_gru_cell", inputGates, hiddenGates, hx, gates: 3)
        if hx.dtype.isReducedFloat {
            return gruCell(inputGates: inputGates.opmath, hiddenGates: hiddenGates.opmath, hx: hx.opmath).to(hx.dtype)
        }
        let (hy, workspace) = GRUCellKernel(
            gi: inputGates.contiguous(), gh: hiddenGates.contiguous(), hx: hx.contiguous()
        )
        .dispatch(hx.dtype, "_thnn_fused_gru_cell")
        return hy.recorded(.gruCell(workspace: workspace), inputGates, hiddenGates, hx)
    }

    /// The gradients of gi, gh and h from that of h'.
    package static func gruCellBackward(gradHy: Tensor, hx: Tensor, workspace: Tensor)
        -> (gradInputGates: Tensor, gradHiddenGates: Tensor, gradHx: Tensor)
    {
        if hx.dtype.isReducedFloat {
            let r = gruCellBackward(gradHy: gradHy.opmath, hx: hx.opmath, workspace: workspace.opmath)
            return (r.gradInputGates.to(hx.dtype), r.gradHiddenGates.to(hx.dtype), r.gradHx.to(hx.dtype))
        }
        return GRUCellBackwardKernel(dhy: gradHy.contiguous(), hx: hx.contiguous(), ws: workspace)
            .dispatch(hx.dtype, "_thnn_fused_gru_cell_backward")
    }
}

/// Gate tensors [B, gates·H] and a state [B, H] of one dtype.
func rnnCheckCell(_ name: String, _ gi: Tensor, _ gh: Tensor, _ state: Tensor, gates: Int) {
    nnCheckSameDType(gi, gh)
    nnCheckSameDType(gi, state)
    torchCheck(state.ndim == 2, "\(name): expected a 2-D hidden state, got \(state.ndim)-D")
    let expected = [state.size(0), gates * state.size(1)]
    torchCheck(
        gi.sizes == expected && gh.sizes == expected,
        "\(name): expected input_gates and hidden_gates of size \(shapeString(expected)), got \(shapeString(gi.sizes)) and \(shapeString(gh.sizes))"
    )
}

/// An NN kernel whose body needs the gate math: NNFloat is exactly Float and Double, both RNNGateFloat.
protocol RNNKernel: NNKernel {
    func runGates<T: RNNGateFloat>(_: T.Type) -> Output
}

extension RNNKernel {
    func run<T: NNFloat>(_: T.Type) -> Output { T.self == Float.self ? runGates(Float.self) : runGates(Double.self) }
}

/// Blocks of a batch's rows in parallel once a step holds enough elements to pay for the hand-off.
@inline(__always) func rnnRows(_ batch: Int, width: Int, _ body: (Range<Int>) -> Void) {
    parallelFor(batch, grain: max(1, Threads.grainSize / max(1, width)), body)
}

private struct LSTMCellKernel: RNNKernel {
    let gi: Tensor, gh: Tensor, cx: Tensor
    typealias Output = (Tensor, Tensor, Tensor)
    func runGates<T: RNNGateFloat>(_: T.Type) -> (Tensor, Tensor, Tensor) {
        let batch = cx.size(0), h = cx.size(1)
        let hy = Tensor(uninitializedShape: [batch, h], dtype: cx.dtype),
            cy = Tensor(uninitializedShape: [batch, h], dtype: cx.dtype)
        let ws = Tensor(uninitializedShape: [batch, 5 * h], dtype: cx.dtype)
        let pi = gi.pointer(T.self), ph = gh.pointer(T.self), pc = cx.pointer(T.self)
        let qh = hy.mutablePointer(T.self), qc = cy.mutablePointer(T.self), qw = ws.mutablePointer(T.self)
        rnnRows(batch, width: 5 * h) { rows in
            let b = rows.lowerBound
            RNNGates.lstmForward(
                rows: rows.count, hidden: h, gi: pi + b * 4 * h, gh: ph + b * 4 * h, bias: nil,
                cx: pc + b * h, hy: qh + b * h, cy: qc + b * h, ws: qw + b * 5 * h)
        }
        return (hy, cy, ws)
    }
}

private struct LSTMCellBackwardKernel: RNNKernel {
    let dhy: Tensor?, dcy: Tensor?, cx: Tensor, ws: Tensor
    typealias Output = (gradGates: Tensor, gradCx: Tensor)
    func runGates<T: RNNGateFloat>(_: T.Type) -> (gradGates: Tensor, gradCx: Tensor) {
        let batch = cx.size(0), h = cx.size(1)
        let dgates = Tensor(uninitializedShape: [batch, 4 * h], dtype: cx.dtype),
            dcx = Tensor(uninitializedShape: [batch, h], dtype: cx.dtype)
        let ph = dhy?.pointer(T.self), pc = dcy?.pointer(T.self), px = cx.pointer(T.self), pw = ws.pointer(T.self)
        let qg = dgates.mutablePointer(T.self), qc = dcx.mutablePointer(T.self)
        rnnRows(batch, width: 5 * h) { rows in
            let b = rows.lowerBound
            RNNGates.lstmBackward(
                rows: rows.count, hidden: h, dhy: ph.map { $0 + b * h }, dcy: pc.map { $0 + b * h },
                cx: px + b * h, ws: pw + b * 5 * h, dgates: qg + b * 4 * h, dcx: qc + b * h)
        }
        return (dgates, dcx)
    }
}

private struct GRUCellKernel: RNNKernel {
    let gi: Tensor, gh: Tensor, hx: Tensor
    typealias Output = (Tensor, Tensor)
    func runGates<T: RNNGateFloat>(_: T.Type) -> (Tensor, Tensor) {
        let batch = hx.size(0), h = hx.size(1)
        let hy = Tensor(uninitializedShape: [batch, h], dtype: hx.dtype),
            ws = Tensor(uninitializedShape: [batch, 4 * h], dtype: hx.dtype)
        let pi = gi.pointer(T.self), ph = gh.pointer(T.self), px = hx.pointer(T.self)
        let qh = hy.mutablePointer(T.self), qw = ws.mutablePointer(T.self)
        rnnRows(batch, width: 4 * h) { rows in
            for b in rows {
                RNNGates.gruForward(
                    hidden: h, gi: pi + b * 3 * h, gh: ph + b * 3 * h, hx: px + b * h, hy: qh + b * h,
                    ws: qw + b * 4 * h)
            }
        }
        return (hy, ws)
    }
}

private struct GRUCellBackwardKernel: RNNKernel {
    let dhy: Tensor, hx: Tensor, ws: Tensor
    typealias Output = (gradInputGates: Tensor, gradHiddenGates: Tensor, gradHx: Tensor)
    func runGates<T: RNNGateFloat>(_: T.Type) -> (gradInputGates: Tensor, gradHiddenGates: Tensor, gradHx: Tensor) {
        let batch = hx.size(0), h = hx.size(1)
        let dgi = Tensor(uninitializedShape: [batch, 3 * h], dtype: hx.dtype),
            dgh = Tensor(uninitializedShape: [batch, 3 * h], dtype: hx.dtype)
        let dhx = Tensor(uninitializedShape: [batch, h], dtype: hx.dtype)
        let pd = dhy.pointer(T.self), px = hx.pointer(T.self), pw = ws.pointer(T.self)
        let qi = dgi.mutablePointer(T.self), qh = dgh.mutablePointer(T.self), qx = dhx.mutablePointer(T.self)
        rnnRows(batch, width: 4 * h) { rows in
            for b in rows {
                RNNGates.gruBackward(
                    hidden: h, dhy: pd + b * h, hx: px + b * h, ws: pw + b * 4 * h,
                    dgi: qi + b * 3 * h, dgh: qh + b * 3 * h, dhx: qx + b * h)
            }
        }
        return (dgi, dgh, dhx)
    }
}
