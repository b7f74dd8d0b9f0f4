/// One direction of one RNN/LSTM/GRU layer over a whole sequence, recorded as a single node (torch's CPU
/// LSTM is likewise one `MkldnnRnnLayerBackward0` node per layer and direction). The input projection
/// x·W_ihᵀ + b_ih for every step comes in precomputed (one GEMM, recorded by the caller); each step runs
/// one GEMM h·W_hhᵀ (+ b_hh) and the fused gate kernel. The backward walks the steps in reverse with the
/// fused gate backward and one GEMM for dh per step, then gets dW_hh, db_hh (and dW_hr) for all steps
/// at once from the stacked gate gradients: one large GEMM instead of T small ones.
public enum RNNMode: Sendable {
    case rnnTanh, rnnRelu, lstm, gru

    /// Gate blocks per hidden unit in W_ih / W_hh.
    public var gateCount: Int {
        switch self {
        case .lstm: 4
        case .gru: 3
        case .rnnTanh, .rnnRelu: 1
        }
    }

    /// Workspace columns per hidden unit saved for the backward.
    var workspaceCount: Int {
        switch self {
        case .lstm: 5
        case .gru: 4
        case .rnnTanh, .rnnRelu: 0
        }
    }
}

/// What the layer's backward needs besides its inputs and outputs: the per-step workspace [T, B, w·H],
/// the LSTM cell states after each step [T, B, H] and, with a projection, o·tanh(c) before it [T, B, H].
package struct RNNLayerSaved: Sendable {
    let mode: RNNMode
    let reverse: Bool
    let workspace: Tensor
    let cells: Tensor?
    let unprojected: Tensor?
}

extension NNOps {
    /// Runs the layer from `inputGates` [T, B, G·H] (G gates in torch's order), `hx` [B, P] and, for the
    /// LSTM, `cx` [B, H]; P is the projection size when `weightHr` [P, H] is given, else H. Returns the
    /// hidden state of every step [T, B, P] (in time order, also when `reverse`), the last h and c.
    public static func rnnLayer(
        _ mode: RNNMode, inputGates: Tensor, hx: Tensor, cx: Tensor?, weightHh: Tensor, biasHh: Tensor?,
        weightHr: Tensor? = nil, reverse: Bool = false
    ) -> (output: Tensor, hy: Tensor, cy: Tensor?) {
        torchCheck(inputGates.ndim == 3 && hx.ndim == 2, "rnn_layer: expected input gates [T, B, G·H] and a hidden state [B, H]")
        torchCheck((mode == .lstm) == (cx != nil), "rnn_layer: a cell state is given exactly for the LSTM")
        torchCheck(weightHr == nil || mode == .lstm, "rnn_layer: a projection exists only for the LSTM")
        let hidden = weightHh.size(0) / mode.gateCount, batch = hx.size(0)
        let outSize = weightHr?.size(0) ?? hidden
        for t in [hx, weightHh] + [cx, biasHh, weightHr].compactMap({ $0 }) { nnCheckSameDType(inputGates, t) }
        torchCheck(inputGates.size(1) == batch && inputGates.size(2) == mode.gateCount * hidden,
                   "rnn_layer: input gates \(shapeString(inputGates.sizes)) do not match hidden state \(shapeString(hx.sizes)) and weight_hh \(shapeString(weightHh.sizes))")
        torchCheck(hx.size(1) == outSize && weightHh.size(1) == outSize, "rnn_layer: hidden state \(shapeString(hx.sizes)) does not match weight_hh \(shapeString(weightHh.sizes))")
        torchCheck(cx.map { $0.sizes == [batch, hidden] } ?? true, "rnn_layer: cell state \(shapeString(cx?.sizes ?? [])) is not [\(batch), \(hidden)]")
        torchCheck(biasHh.map { $0.sizes == [mode.gateCount * hidden] } ?? true, "rnn_layer: bias_hh \(shapeString(biasHh?.sizes ?? [])) does not match weight_hh")
        torchCheck(weightHr.map { $0.sizes == [outSize, hidden] } ?? true, "rnn_layer: weight_hr \(shapeString(weightHr?.sizes ?? [])) is not [proj_size, \(hidden)]")
        let run = RNNLayerForward(
            mode: mode, reverse: reverse, gates: inputGates.contiguous(), hx: hx.contiguous(), cx: cx?.contiguous(),
            wHh: weightHh.contiguous(), bHh: biasHh?.contiguous(), wHr: weightHr?.contiguous())
        laSyncBlasThreads()
        let (output, hy, cy, saved) = run.dispatch(hx.dtype, "rnn_layer")
        let outputs = recordedMany(
            [output, hy] + (cy.map { [$0] } ?? []), .rnnLayer(saved), [inputGates, hx, cx, weightHh, biasHh, weightHr])
        return (outputs[0], outputs[1], cy == nil ? nil : outputs[2])
    }

    /// Gradients of (inputGates, hx, cx, weightHh, biasHh, weightHr) (nil where the input is absent) from
    /// those of (output, hy, cy) and the forward's inputs, output and saved state.
    package static func rnnLayerBackward(
        gradOutput: Tensor?, gradHy: Tensor?, gradCy: Tensor?, hx: Tensor, cx: Tensor?, weightHh: Tensor,
        hasBias: Bool, weightHr: Tensor?, output: Tensor, saved: RNNLayerSaved
    ) -> [Tensor?] {
        let run = RNNLayerBackward(
            saved: saved, dOut: gradOutput?.contiguous(), dHy: gradHy?.contiguous(), dCy: gradCy?.contiguous(),
            hx: hx.contiguous(), cx: cx?.contiguous(), wHh: weightHh.contiguous(), hasBias: hasBias,
            wHr: weightHr?.contiguous(), output: output.contiguous())
        laSyncBlasThreads()
        return run.dispatch(hx.dtype, "rnn_layer_backward")
    }
}

private struct RNNLayerForward: RNNKernel {
    let mode: RNNMode, reverse: Bool
    let gates: Tensor, hx: Tensor, cx: Tensor?, wHh: Tensor, bHh: Tensor?, wHr: Tensor?

    typealias Output = (Tensor, Tensor, Tensor?, RNNLayerSaved)
    func runGates<T: RNNGateFloat>(_: T.Type) -> (Tensor, Tensor, Tensor?, RNNLayerSaved) {
        let steps = gates.size(0), batch = gates.size(1), gh = gates.size(2)
        let h = gh / mode.gateCount, p = hx.size(1), dtype = hx.dtype
        let output = Tensor(uninitializedShape: [steps, batch, p], dtype: dtype)
        let ws = Tensor(uninitializedShape: [steps, batch, mode.workspaceCount * h], dtype: dtype)
        let cells = mode == .lstm ? Tensor(uninitializedShape: [steps, batch, h], dtype: dtype) : nil
        let raw = wHr == nil ? nil : Tensor(uninitializedShape: [steps, batch, h], dtype: dtype)
        let hidden = Tensor(uninitializedShape: [batch, gh], dtype: dtype)
        let pg = gates.pointer(T.self), pw = wHh.pointer(T.self), ph0 = hx.pointer(T.self)
        let pc0 = cx?.pointer(T.self), pb = bHh?.pointer(T.self), pr = wHr?.pointer(T.self)
        let qo = output.mutablePointer(T.self), qw = ws.mutablePointer(T.self), qh = hidden.mutablePointer(T.self)
        let qc = cells?.mutablePointer(T.self), qr = raw?.mutablePointer(T.self)
        let wsw = mode.workspaceCount * h
        for s in 0..<steps {
            let t = reverse ? steps - 1 - s : s, prev = reverse ? t + 1 : t - 1
            let hPrev = s == 0 ? ph0 : UnsafePointer(qo + prev * batch * p)
            // hidden = b_hh (broadcast) + h·W_hhᵀ.
            if let pb {
                for b in 0..<batch { (qh + b * gh).update(from: pb, count: gh) }
            }
            T.gemm(false, true, batch, gh, p, 1, hPrev, p, pw, p, pb == nil ? 0 : 1, qh, gh)
            let gi = pg + t * batch * gh, w = qw + t * batch * wsw
            switch mode {
            case .lstm:
                let cPrev = s == 0 ? pc0! : UnsafePointer(qc! + prev * batch * h)
                let hOut = qr.map { $0 + t * batch * h } ?? (qo + t * batch * p)
                let cOut = qc! + t * batch * h
                rnnRows(batch, width: 5 * h) { b in
                    RNNGates.lstmForward(hidden: h, gi: gi + b * gh, gh: qh + b * gh, cx: cPrev + b * h,
                                         hy: hOut + b * h, cy: cOut + b * h, ws: w + b * wsw)
                }
                if let pr {
                    T.gemm(false, true, batch, p, h, 1, hOut, h, pr, h, 0, qo + t * batch * p, p)
                }
            case .gru:
                let hOut = qo + t * batch * p
                rnnRows(batch, width: 4 * h) { b in
                    RNNGates.gruForward(hidden: h, gi: gi + b * gh, gh: qh + b * gh, hx: hPrev + b * h,
                                        hy: hOut + b * h, ws: w + b * wsw)
                }
            case .rnnTanh, .rnnRelu:
                let hOut = qo + t * batch * p
                rnnRows(batch, width: h) { b in
                    RNNGates.simpleForward(hidden: h, relu: mode == .rnnRelu, gi: gi + b * gh, gh: qh + b * gh, hy: hOut + b * h)
                }
            }
        }
        let last = reverse ? 0 : steps - 1
        let hy = steps == 0 ? hx.clone() : output[last].clone()
        let cy = cx.map { steps == 0 ? $0.clone() : cells![last].clone() }
        return (output, hy, cy, RNNLayerSaved(mode: mode, reverse: reverse, workspace: ws, cells: cells, unprojected: raw))
    }
}

private struct RNNLayerBackward: RNNKernel {
    let saved: RNNLayerSaved
    let dOut: Tensor?, dHy: Tensor?, dCy: Tensor?
    let hx: Tensor, cx: Tensor?, wHh: Tensor, hasBias: Bool, wHr: Tensor?, output: Tensor

    typealias Output = [Tensor?]
    func runGates<T: RNNGateFloat>(_: T.Type) -> [Tensor?] {
        let mode = saved.mode, reverse = saved.reverse
        let steps = output.size(0), batch = output.size(1), p = output.size(2)
        let gh = wHh.size(0), h = gh / mode.gateCount, dtype = hx.dtype, wsw = mode.workspaceCount * h
        let dGates = Tensor(uninitializedShape: [steps, batch, gh], dtype: dtype)
        // The GRU's hidden-side gradient differs from the input side's in the n block (scaled by r).
        let dHidden = mode == .gru ? Tensor(uninitializedShape: [steps, batch, gh], dtype: dtype) : dGates
        let dh = dHy?.clone() ?? Tensor.zeros([batch, p], dtype: dtype)
        let dc = mode == .lstm ? (dCy?.clone() ?? Tensor.zeros([batch, h], dtype: dtype)) : nil
        let dProjected = wHr == nil ? nil : Tensor(uninitializedShape: [steps, batch, p], dtype: dtype)
        let dRaw = wHr == nil ? nil : Tensor(uninitializedShape: [batch, h], dtype: dtype)
        let pdo = dOut?.pointer(T.self), px = hx.pointer(T.self), pcx = cx?.pointer(T.self), pw = wHh.pointer(T.self)
        let pr = wHr?.pointer(T.self), po = output.pointer(T.self), pws = saved.workspace.pointer(T.self)
        let pcells = saved.cells?.pointer(T.self)
        let qg = dGates.mutablePointer(T.self), qhid = dHidden.mutablePointer(T.self), qdh = dh.mutablePointer(T.self)
        let qdc = dc?.mutablePointer(T.self), qdp = dProjected?.mutablePointer(T.self), qraw = dRaw?.mutablePointer(T.self)
        for s in (0..<steps).reversed() {
            let t = reverse ? steps - 1 - s : s, prev = reverse ? t + 1 : t - 1
            if let pdo {
                let src = pdo + t * batch * p
                for k in 0..<(batch * p) { qdh[k] += src[k] }
            }
            var dhy = UnsafePointer(qdh)
            if let pr, let qdp, let qraw {
                (qdp + t * batch * p).update(from: qdh, count: batch * p)
                T.gemm(false, false, batch, h, p, 1, qdh, p, pr, h, 0, qraw, h)
                dhy = UnsafePointer(qraw)
            }
            let w = pws + t * batch * wsw, dg = qg + t * batch * gh
            switch mode {
            case .lstm:
                let cPrev = s == 0 ? pcx! : pcells! + prev * batch * h
                rnnRows(batch, width: 5 * h) { b in
                    RNNGates.lstmBackward(hidden: h, dhy: dhy + b * h, dcy: qdc! + b * h, cx: cPrev + b * h,
                                          ws: w + b * wsw, dgates: dg + b * gh, dcx: qdc! + b * h)
                }
            case .gru:
                let hPrev = s == 0 ? px : po + prev * batch * p
                let dgh = qhid + t * batch * gh
                rnnRows(batch, width: 4 * h) { b in
                    RNNGates.gruBackward(hidden: h, dhy: dhy + b * h, hx: hPrev + b * h, ws: w + b * wsw,
                                         dgi: dg + b * gh, dgh: dgh + b * gh, dhx: qdh + b * h)
                }
            case .rnnTanh, .rnnRelu:
                let hOut = po + t * batch * p
                rnnRows(batch, width: h) { b in
                    RNNGates.simpleBackward(hidden: h, relu: mode == .rnnRelu, dhy: dhy + b * h, hy: hOut + b * h, dgates: dg + b * gh)
                }
            }
            // dh of the previous step: dgates_hidden · W_hh (the GRU adds it to its direct term dh'·z).
            T.gemm(false, false, batch, p, gh, 1, qhid + t * batch * gh, gh, pw, p, mode == .gru ? 1 : 0, qdh, p)
        }
        // dW_hh = Σ_t dgates_hiddenᵀ(t) · h_prev(t): the steps after the first read the previous step's
        // output, a contiguous block of `output` shifted by one step; the first reads hx.
        let dWhh = Tensor.zeros([gh, p], dtype: dtype)
        let qw = dWhh.mutablePointer(T.self)
        if steps > 1 {
            let rest = (steps - 1) * batch
            let (gradRows, hRows) = reverse ? (UnsafePointer(qhid), po + batch * p) : (UnsafePointer(qhid + batch * gh), po)
            T.gemm(true, false, gh, p, rest, 1, gradRows, gh, hRows, p, 0, qw, p)
        }
        if steps > 0 {
            let first = reverse ? steps - 1 : 0
            T.gemm(true, false, gh, p, batch, 1, qhid + first * batch * gh, gh, px, p, steps > 1 ? 1 : 0, qw, p)
        }
        let dBhh = hasBias ? dHidden.view([steps * batch, gh]).sum(dim: 0) : nil
        var dWhr: Tensor? = nil
        if let dProjected, let raw = saved.unprojected {
            dWhr = Tensor.zeros([p, h], dtype: dtype)
            if steps > 0 {
                T.gemm(true, false, p, h, steps * batch, 1, dProjected.pointer(T.self), p, raw.pointer(T.self), h, 0,
                       dWhr!.mutablePointer(T.self), h)
            }
        }
        return [dGates, dh, dc, dWhh, dBhh, dWhr]
    }
}
