/// One direction of one RNN/LSTM/GRU layer over a whole sequence, recorded as a single node (torch's CPU
/// LSTM is likewise one `MkldnnRnnLayerBackward0` node per layer and direction). The input projection
/// x·W_ihᵀ + b_ih for every step comes in precomputed (one GEMM, recorded by the caller); each step runs
/// one GEMM h·W_hhᵀ (+ b_hh) and the fused gate kernel. The backward walks the steps in reverse with the
/// fused gate backward and one GEMM for dh per step, then gets dW_hh, db_hh (and dW_hr) for all steps
/// at once from the stacked gate gradients: one large GEMM instead of T small ones.
public enum RNNMode: Sendable {
    /// Elman RNN with tanh or ReLU, LSTM, GRU (torch's "RNN_TANH", "RNN_RELU", "LSTM", "GRU").
    case rnnTanh, rnnRelu, lstm, gru

    /// Gate blocks per hidden unit in W_ih / W_hh.
    /// 4 for LSTM, 3 for GRU, 1 otherwise (PyTorch: `torch.nn.RNNBase`'s `gate_size / hidden_size`).
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
    package let mode: RNNMode
    package let reverse: Bool
    let workspace: Tensor
    let cells: Tensor?
    let unprojected: Tensor?
}

extension NNOps {
    /// Runs the layer from `inputGates` [T, B, G·H] (G gates in torch's order), `hx` [B, P] and, for the
    /// LSTM, `cx` [B, H]; P is the projection size when `weightHr` [P, H] is given, else H. Returns the
    /// hidden state of every step [T, B, P] (in time order, also when `reverse`), the last h and c.
    package static func rnnLayer(
        _ mode: RNNMode, inputGates: Tensor, hx: Tensor, cx: Tensor?, weightHh: Tensor, biasHh: Tensor?,
        weightHr: Tensor? = nil, reverse: Bool = false
    ) -> (output: Tensor, hy: Tensor, cy: Tensor?) {
        torchCheck(
            inputGates.ndim == 3 && hx.ndim == 2,
            "rnn_layer: expected input gates [T, B, G·H] and a hidden state [B, H]")
        torchCheck((mode == .lstm) == (cx != nil), "rnn_layer: a cell state is given exactly for the LSTM")
        torchCheck(weightHr == nil || mode == .lstm, "rnn_layer: a projection exists only for the LSTM")
        let hidden = weightHh.size(0) / mode.gateCount, batch = hx.size(0)
        let outSize = weightHr?.size(0) ?? hidden
        for t in [hx, weightHh] + [cx, biasHh, weightHr].compactMap({ $0 }) { nnCheckSameDType(inputGates, t) }
        torchCheck(
            inputGates.size(1) == batch && inputGates.size(2) == mode.gateCount * hidden,
            "rnn_layer: input gates \(shapeString(inputGates.sizes)) do not match hidden state \(shapeString(hx.sizes)) and weight_hh \(shapeString(weightHh.sizes))"
        )
        torchCheck(
            hx.size(1) == outSize && weightHh.size(1) == outSize,
            "rnn_layer: hidden state \(shapeString(hx.sizes)) does not match weight_hh \(shapeString(weightHh.sizes))")
        torchCheck(
            cx.map { $0.sizes == [batch, hidden] } ?? true,
            "rnn_layer: cell state \(shapeString(cx?.sizes ?? [])) is not [\(batch), \(hidden)]")
        torchCheck(
            biasHh.map { $0.sizes == [mode.gateCount * hidden] } ?? true,
            "rnn_layer: bias_hh \(shapeString(biasHh?.sizes ?? [])) does not match weight_hh")
        torchCheck(
            weightHr.map { $0.sizes == [outSize, hidden] } ?? true,
            "rnn_layer: weight_hr \(shapeString(weightHr?.sizes ?? [])) is not [proj_size, \(hidden)]")
        if inputGates.dtype.isReducedFloat {
            let r = rnnLayer(
                mode, inputGates: inputGates.opmath, hx: hx.opmath, cx: cx?.opmath, weightHh: weightHh.opmath,
                biasHh: biasHh?.opmath, weightHr: weightHr?.opmath, reverse: reverse)
            return (r.output.to(inputGates.dtype), r.hy.to(inputGates.dtype), r.cy?.to(inputGates.dtype))
        }
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
        let pg = gates.pointer(T.self), pw = wHh.pointer(T.self), ph0 = hx.pointer(T.self)
        let pc0 = cx?.pointer(T.self), pb = bHh?.pointer(T.self), pr = wHr?.pointer(T.self)
        let qo = output.mutablePointer(T.self), qw = ws.mutablePointer(T.self)
        let qc = cells?.mutablePointer(T.self), qr = raw?.mutablePointer(T.self)
        let wsw = mode.workspaceCount * h
        // Batch rows never interact through time: each thread runs the whole sequence on its own rows
        // (single-threaded GEMMs, no per-step synchronisation). `at(q, t, width)`: row r0 of step t.
        rnnRowChunks(batch) { rows in
            let r0 = rows.lowerBound, m = rows.count
            @inline(__always) func at<P>(_ q: UnsafeMutablePointer<P>, _ t: Int, _ width: Int) -> UnsafeMutablePointer<
                P
            > {
                q + (t * batch + r0) * width
            }
            let qh = UnsafeMutablePointer<T>.allocate(capacity: m * gh)
            defer { qh.deallocate() }
            for s in 0..<steps {
                let t = reverse ? steps - 1 - s : s, prev = reverse ? t + 1 : t - 1
                let hPrev = s == 0 ? ph0 + r0 * p : UnsafePointer(at(qo, prev, p))
                // hidden = h·W_hhᵀ + b_hh: the LSTM's gate kernel adds the bias, the others start the GEMM from it.
                let gemmBias = mode == .lstm ? nil : pb
                if let gemmBias {
                    for b in 0..<m { (qh + b * gh).update(from: gemmBias, count: gh) }
                }
                T.gemm(false, true, m, gh, p, 1, hPrev, p, pw, p, gemmBias == nil ? 0 : 1, qh, gh)
                let gi = pg + (t * batch + r0) * gh, w = at(qw, t, wsw)
                switch mode {
                case .lstm:
                    let cPrev = s == 0 ? pc0! + r0 * h : UnsafePointer(at(qc!, prev, h))
                    let hOut = qr.map { at($0, t, h) } ?? at(qo, t, p)
                    let cOut = at(qc!, t, h)
                    RNNGates.lstmForward(
                        rows: m, hidden: h, gi: gi, gh: qh, bias: pb, cx: cPrev, hy: hOut, cy: cOut, ws: w)
                    if let pr { T.gemm(false, true, m, p, h, 1, hOut, h, pr, h, 0, at(qo, t, p), p) }
                case .gru:
                    let hOut = at(qo, t, p)
                    for b in 0..<m {
                        RNNGates.gruForward(
                            hidden: h, gi: gi + b * gh, gh: qh + b * gh, hx: hPrev + b * h,
                            hy: hOut + b * h, ws: w + b * wsw)
                    }
                case .rnnTanh, .rnnRelu:
                    let hOut = at(qo, t, p)
                    for b in 0..<m {
                        RNNGates.simpleForward(
                            hidden: h, relu: mode == .rnnRelu, gi: gi + b * gh, gh: qh + b * gh, hy: hOut + b * h)
                    }
                }
            }
        }
        let last = reverse ? 0 : steps - 1
        let hy = steps == 0 ? hx.clone() : output[last].clone()
        let cy = cx.map { steps == 0 ? $0.clone() : cells![last].clone() }
        return (
            output, hy, cy, RNNLayerSaved(mode: mode, reverse: reverse, workspace: ws, cells: cells, unprojected: raw)
        )
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
        let dRawWidth = wHr == nil ? 0 : h
        let pdo = dOut?.pointer(T.self), px = hx.pointer(T.self), pcx = cx?.pointer(T.self), pw = wHh.pointer(T.self)
        let pr = wHr?.pointer(T.self), po = output.pointer(T.self), pws = saved.workspace.pointer(T.self)
        let pcells = saved.cells?.pointer(T.self)
        let qg = dGates.mutablePointer(T.self), qhid = dHidden.mutablePointer(T.self), qdh0 = dh.mutablePointer(T.self)
        let qdc0 = dc?.mutablePointer(T.self), qdp = dProjected?.mutablePointer(T.self)
        // As the forward: each thread takes the whole sequence for its batch rows.
        rnnRowChunks(batch) { rows in
            let r0 = rows.lowerBound, m = rows.count
            @inline(__always) func at<P>(_ q: UnsafePointer<P>, _ t: Int, _ width: Int) -> UnsafePointer<P> {
                q + (t * batch + r0) * width
            }
            let qdh = qdh0 + r0 * p, qdc = qdc0.map { $0 + r0 * h }
            let qraw = dRawWidth == 0 ? nil : UnsafeMutablePointer<T>.allocate(capacity: m * dRawWidth)
            defer { qraw?.deallocate() }
            for s in (0..<steps).reversed() {
                let t = reverse ? steps - 1 - s : s, prev = reverse ? t + 1 : t - 1
                if let pdo {
                    let src = at(pdo, t, p)
                    for k in 0..<(m * p) { qdh[k] += src[k] }
                }
                var dhy = UnsafePointer(qdh)
                if let pr, let qdp, let qraw {
                    (qdp + (t * batch + r0) * p).update(from: qdh, count: m * p)
                    T.gemm(false, false, m, h, p, 1, qdh, p, pr, h, 0, qraw, h)
                    dhy = UnsafePointer(qraw)
                }
                let w = at(pws, t, wsw), dg = qg + (t * batch + r0) * gh, dgh = qhid + (t * batch + r0) * gh
                switch mode {
                case .lstm:
                    let cPrev = s == 0 ? pcx! + r0 * h : at(pcells!, prev, h)
                    RNNGates.lstmBackward(
                        rows: m, hidden: h, dhy: dhy, dcy: qdc!, cx: cPrev, ws: w, dgates: dg, dcx: qdc!)
                case .gru:
                    let hPrev = s == 0 ? px + r0 * p : at(po, prev, p)
                    for b in 0..<m {
                        RNNGates.gruBackward(
                            hidden: h, dhy: dhy + b * h, hx: hPrev + b * h, ws: w + b * wsw,
                            dgi: dg + b * gh, dgh: dgh + b * gh, dhx: qdh + b * h)
                    }
                case .rnnTanh, .rnnRelu:
                    let hOut = at(po, t, p)
                    for b in 0..<m {
                        RNNGates.simpleBackward(
                            hidden: h, relu: mode == .rnnRelu, dhy: dhy + b * h, hy: hOut + b * h, dgates: dg + b * gh)
                    }
                }
                // dh of the previous step: dgates_hidden · W_hh (the GRU adds it to its direct term dh'·z).
                T.gemm(false, false, m, p, gh, 1, dgh, gh, pw, p, mode == .gru ? 1 : 0, qdh, p)
            }
        }
        // dW_hh = Σ_t dgates_hiddenᵀ(t) · h_prev(t): the steps after the first read the previous step's
        // output, a contiguous block of `output` shifted by one step; the first reads hx.
        let dWhh = Tensor.zeros([gh, p], dtype: dtype)
        let qw = dWhh.mutablePointer(T.self)
        if steps > 1 {
            let rest = (steps - 1) * batch
            let (gradRows, hRows) =
                reverse ? (UnsafePointer(qhid), po + batch * p) : (UnsafePointer(qhid + batch * gh), po)
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
                T.gemm(
                    true, false, p, h, steps * batch, 1, dProjected.pointer(T.self), p, raw.pointer(T.self), h, 0,
                    dWhr!.mutablePointer(T.self), h)
            }
        }
        return [dGates, dh, dc, dWhh, dBhh, dWhr]
    }
}

/// Runs `body` on chunks of the batch rows, one per thread (at least 16 rows each) with single-threaded
/// BLAS; one chunk keeps BLAS's threads.
func rnnRowChunks(_ batch: Int, _ body: (Range<Int>) -> Void) {
    nnParallelItems(batch, minPerChunk: 16, body)
}
