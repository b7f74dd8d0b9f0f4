import Autodiff
import TensorCore

/// `nn.RNNBase`: the parameters of RNN/LSTM/GRU under torch's names (`weight_ih_l0`, `bias_hh_l1_reverse`,
/// `weight_hr_l0` with an LSTM projection; registered layer by layer, forward direction first), torch's
/// init U(±1/√hidden) in registration order, and the multi-layer / bidirectional / batch-first driver.
/// Each layer and direction is one input-projection GEMM for all steps plus one fused recurrent node
/// (`NNOps.rnnLayer`: per step one GEMM and the fused gate kernel).
/// PyTorch: `torch.nn.RNNBase`.
public class RNNBase: Module {
    /// Which recurrence the layers run: Elman with tanh or ReLU, LSTM or GRU (PyTorch: `torch.nn.RNNBase.mode`, a string there).
    public typealias Mode = RNNMode

    /// PyTorch: `torch.nn.RNNBase.mode` (`'RNN_TANH'`, `'RNN_RELU'`, `'LSTM'`, `'GRU'`).
    public let mode: Mode
    /// The input features, hidden features, stacked layers, whether there are biases, whether input and output are
    /// `(N, L, H)` rather than `(L, N, H)`, and the dropout between layers (PyTorch: `torch.nn.RNNBase.input_size`,
    /// `hidden_size`, `num_layers`, `bias`, `batch_first`, `dropout`).
    public let inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool, batchFirst: Bool, dropout: Double
    /// Whether each layer also runs backwards, doubling the output features (PyTorch: `torch.nn.RNNBase.bidirectional`).
    public let bidirectional: Bool
    /// LSTM only: the size h is projected to by `weight_hr` (0: no projection).
    /// PyTorch: `torch.nn.RNNBase.proj_size`.
    public let projSize: Int

    var gateCount: Int { mode.gateCount }
    /// The size of h (and of each direction's output): proj_size when projecting, else hidden_size.
    var realHiddenSize: Int { projSize > 0 ? projSize : hiddenSize }

    init(
        mode: Mode, inputSize: Int, hiddenSize: Int, numLayers: Int, bias: Bool, batchFirst: Bool, dropout: Double,
        bidirectional: Bool, projSize: Int = 0
    ) {
        torchCheck(
            dropout >= 0 && dropout <= 1,
            "dropout should be a number in range [0, 1] representing the probability of an element being zeroed")
        torchCheck(hiddenSize > 0, "hidden_size must be greater than zero")
        torchCheck(numLayers > 0, "num_layers must be greater than zero")
        torchCheck(projSize >= 0, "proj_size should be a positive integer or zero to disable projections")
        torchCheck(projSize < hiddenSize, "proj_size has to be smaller than hidden_size")
        self.mode = mode
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.bias = bias
        self.batchFirst = batchFirst
        self.dropout = dropout
        self.bidirectional = bidirectional
        self.projSize = projSize
        super.init()
        let gates = gateCount * hiddenSize, real = projSize > 0 ? projSize : hiddenSize
        for layer in 0..<numLayers {
            for direction in 0..<(bidirectional ? 2 : 1) {
                let inSize = layer == 0 ? inputSize : real * (bidirectional ? 2 : 1)
                let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
                registerParameter("weight_ih" + suffix, Tensor.empty([gates, inSize]))
                registerParameter("weight_hh" + suffix, Tensor.empty([gates, real]))
                if bias {
                    registerParameter("bias_ih" + suffix, Tensor.empty([gates]))
                    registerParameter("bias_hh" + suffix, Tensor.empty([gates]))
                }
                if projSize > 0 { registerParameter("weight_hr" + suffix, Tensor.empty([projSize, hiddenSize])) }
            }
        }
        resetParameters()
    }

    /// Redraws every parameter from U(−1/√hiddenSize, 1/√hiddenSize), in registration order
    /// (PyTorch: `torch.nn.RNNBase.reset_parameters`).
    public func resetParameters() {
        let stdv = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
        for p in parameters() { Init.uniform_(p, a: -stdv, b: stdv) }
    }

    /// The parameters of one layer and direction (from `cast` when autocast made copies of them).
    func weights(layer: Int, direction: Int, cast: [String: Tensor]? = nil) -> (
        wIh: Tensor, wHh: Tensor, bIh: Tensor?, bHh: Tensor?, wHr: Tensor?
    ) {
        let suffix = "_l\(layer)" + (direction == 1 ? "_reverse" : "")
        func named(_ name: String) -> Tensor? { cast?[name + suffix] ?? parameter(name + suffix) }
        return (named("weight_ih")!, named("weight_hh")!, named("bias_ih"), named("bias_hh"), named("weight_hr"))
    }

    /// Runs all layers on [T, B, in] (time-major) from states h0 [layers·dirs, B, P] (and c0
    /// [layers·dirs, B, H]); returns the last layer's [T, B, dirs·P] and the final states.
    /// Under autocast the LSTM is on torch's lower-precision list (its CPU kernel, mkldnn_rnn_layer): input,
    /// states and weights are cast. The GRU and the Elman RNN are on no list; they run in their own dtype.
    func run(_ input: Tensor, h0: Tensor, c0: Tensor?) -> (Tensor, Tensor, Tensor?) {
        guard Autocast.isActive else { return runLayers(input, h0: h0, c0: c0, cast: nil) }
        let named = namedParameters()
        return Autocast.run(mode == .lstm ? .lowerPrecision : .unchanged, [input, h0, c0] + named.map(\.1)) { cast in
            let weights = Dictionary(uniqueKeysWithValues: zip(named.map(\.0), cast[3...].map { $0! }))
            return runLayers(cast[0]!, h0: cast[1]!, c0: cast[2], cast: weights)
        }
    }

    private func runLayers(_ input: Tensor, h0: Tensor, c0: Tensor?, cast: [String: Tensor]?) -> (
        Tensor, Tensor, Tensor?
    ) {
        let dirs = bidirectional ? 2 : 1
        var layerInput = input
        var hn: [Tensor] = [], cn: [Tensor] = []
        for layer in 0..<numLayers {
            var outputs: [Tensor] = []
            for direction in 0..<dirs {
                let index = layer * dirs + direction
                let (out, h, c) = runDirection(
                    layerInput, h: h0[index], c: c0?[index],
                    weights: weights(layer: layer, direction: direction, cast: cast),
                    reverse: direction == 1)
                outputs.append(out)
                hn.append(h)
                if let c { cn.append(c) }
            }
            layerInput = dirs == 1 ? outputs[0] : Tensor.cat(outputs, dim: 2)
            if dropout > 0 && training && layer < numLayers - 1 {
                layerInput = F.dropout(layerInput, p: dropout, training: true)
            }
        }
        return (layerInput, Tensor.stack(hn, dim: 0), c0 == nil ? nil : Tensor.stack(cn, dim: 0))
    }

    private func runDirection(
        _ input: Tensor, h: Tensor, c: Tensor?,
        weights w: (wIh: Tensor, wHh: Tensor, bIh: Tensor?, bHh: Tensor?, wHr: Tensor?),
        reverse: Bool
    ) -> (Tensor, Tensor, Tensor?) {
        let steps = input.size(0), batch = input.size(1)
        // Where both biases only enter the gates as a sum (LSTM, Elman RNN; not the GRU's n gate), the step
        // kernel adds b_ih + b_hh once: no bias pass over the [T·B, gates] projection and no second
        // bias-gradient reduction over it.
        let combined = mode != .gru ? w.bIh.flatMap { bIh in w.bHh.map { bIh + $0 } } : nil
        // All input projections in one GEMM: [T·B, in] → [T, B, gates].
        let projected = F.linear(input.reshape([steps * batch, input.size(2)]), w.wIh, combined == nil ? w.bIh : nil)
            .view([steps, batch, -1])
        let r = NNOps.rnnLayer(
            mode, inputGates: projected, hx: h, cx: c, weightHh: w.wHh, biasHh: combined ?? w.bHh,
            weightHr: w.wHr, reverse: reverse)
        return (r.output, r.hy, r.cy)
    }

    /// Checks and batches the input: returns time-major [T, B, in] and whether it was unbatched.
    func prepare(_ input: Tensor) -> (Tensor, Bool) {
        torchCheck(
            input.ndim == 2 || input.ndim == 3,
            "\(typeName): Expected input to be 2D or 3D, got \(input.ndim)D instead")
        torchCheck(
            input.size(-1) == inputSize,
            "input.size(-1) must be equal to input_size. Expected \(inputSize), got \(input.size(-1))")
        if input.ndim == 2 { return (input.unsqueeze(1), true) }
        return (batchFirst ? input.transpose(0, 1) : input, false)
    }

    /// `size`: the state's last dim (hidden_size, or proj_size for an LSTM's h with a projection).
    func checkHidden(_ hx: Tensor, batch: Int, name: String, unbatched: Bool, size: Int? = nil) -> Tensor {
        let dirs = bidirectional ? 2 : 1
        let expected = [numLayers * dirs, batch, size ?? hiddenSize]
        let h = unbatched ? hx.unsqueeze(1) : hx
        torchCheck(
            h.sizes == expected,
            "Expected \(name) size (\(expected.map(String.init).joined(separator: ", "))), got [\(h.sizes.map(String.init).joined(separator: ", "))]"
        )
        return h
    }

    func finish(_ out: Tensor, unbatched: Bool) -> Tensor {
        unbatched ? out.squeeze(dim: 1) : (batchFirst ? out.transpose(0, 1) : out)
    }

    func zerosState(batch: Int, like input: Tensor, size: Int? = nil) -> Tensor {
        Tensor.zeros([numLayers * (bidirectional ? 2 : 1), batch, size ?? hiddenSize], dtype: input.dtype)
    }

    /// PyTorch: `torch.nn.RNNBase.extra_repr`.
    public override var extraRepr: String {
        var s = "\(inputSize), \(hiddenSize)"
        if projSize != 0 { s += ", proj_size=\(projSize)" }
        if numLayers != 1 { s += ", num_layers=\(numLayers)" }
        if !bias { s += ", bias=False" }
        if batchFirst { s += ", batch_first=True" }
        if dropout != 0 { s += ", dropout=\(pyFloat(dropout))" }
        if bidirectional { s += ", bidirectional=True" }
        return s
    }
}

/// `nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias, batch_first, dropout, bidirectional)`.
/// PyTorch: `torch.nn.RNN`.
public final class RNN: RNNBase {
    /// PyTorch: `torch.nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False,
    /// dropout=0.0, bidirectional=False)`.
    public init(
        _ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, nonlinearity: String = "tanh", bias: Bool = true,
        batchFirst: Bool = false, dropout: Double = 0, bidirectional: Bool = false
    ) {
        torchCheck(
            nonlinearity == "tanh" || nonlinearity == "relu",
            "Unknown nonlinearity '\(nonlinearity)'. Select from 'tanh' or 'relu'.")
        super.init(
            mode: nonlinearity == "tanh" ? .rnnTanh : .rnnRelu, inputSize: inputSize, hiddenSize: hiddenSize,
            numLayers: numLayers, bias: bias, batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional)
    }

    /// No PyTorch counterpart: the fresh `RNN` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        RNN(
            inputSize, hiddenSize, numLayers: numLayers, nonlinearity: mode == .rnnTanh ? "tanh" : "relu", bias: bias,
            batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional)
    }

    /// (output, h_n).
    /// PyTorch: `torch.nn.RNN.forward(input, hx=None)`.
    /// - Parameters:
    ///   - input: `(L, N, inputSize)`, `(N, L, inputSize)` when `batchFirst`, or unbatched `(L, inputSize)`.
    ///   - hx: `(numLayers·dirs, N, hiddenSize)` (unbatched: without `N`); zeros when nil.
    public func callAsFunction(_ input: Tensor, _ hx: Tensor? = nil) -> (output: Tensor, hN: Tensor) {
        let (x, unbatched) = prepare(input)
        let h0 =
            hx.map { checkHidden($0, batch: x.size(1), name: "hidden", unbatched: unbatched) }
            ?? zerosState(batch: x.size(1), like: x)
        let (out, h, _) = run(x, h0: h0, c0: nil)
        return (finish(out, unbatched: unbatched), unbatched ? h.squeeze(dim: 1) : h)
    }

    /// The output sequence alone (PyTorch: `torch.nn.RNN.forward(input)[0]`).
    public override func forward(_ input: Tensor) -> Tensor { self(input).output }
}

/// `nn.GRU(input_size, hidden_size, num_layers=1, bias, batch_first, dropout, bidirectional)`.
/// PyTorch: `torch.nn.GRU`.
public final class GRU: RNNBase {
    /// PyTorch: `torch.nn.GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0, bidirectional=False)`.
    public init(
        _ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
        dropout: Double = 0, bidirectional: Bool = false
    ) {
        super.init(
            mode: .gru, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
            batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional)
    }

    /// No PyTorch counterpart: the fresh `GRU` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        GRU(
            inputSize, hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst, dropout: dropout,
            bidirectional: bidirectional)
    }

    /// (output, h_n) (PyTorch: `torch.nn.GRU.forward(input, hx=None)`).
    /// - Parameters:
    ///   - input: `(L, N, inputSize)`, `(N, L, inputSize)` when `batchFirst`, or unbatched `(L, inputSize)`.
    ///   - hx: `(numLayers·dirs, N, hiddenSize)` (unbatched: without `N`); zeros when nil.
    public func callAsFunction(_ input: Tensor, _ hx: Tensor? = nil) -> (output: Tensor, hN: Tensor) {
        let (x, unbatched) = prepare(input)
        let h0 =
            hx.map { checkHidden($0, batch: x.size(1), name: "hidden", unbatched: unbatched) }
            ?? zerosState(batch: x.size(1), like: x)
        let (out, h, _) = run(x, h0: h0, c0: nil)
        return (finish(out, unbatched: unbatched), unbatched ? h.squeeze(dim: 1) : h)
    }

    /// The output sequence alone (PyTorch: `torch.nn.GRU.forward(input)[0]`).
    public override func forward(_ input: Tensor) -> Tensor { self(input).output }
}

/// `nn.LSTM(input_size, hidden_size, num_layers=1, bias, batch_first, dropout, bidirectional, proj_size)`;
/// gates i, f, g, o. With `projSize > 0`, h = W_hr·(o ⊙ tanh(c)) has proj_size features (h0 and the output too).
/// PyTorch: `torch.nn.LSTM`.
public final class LSTM: RNNBase {
    /// PyTorch: `torch.nn.LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0.0,
    /// bidirectional=False, proj_size=0)`.
    public init(
        _ inputSize: Int, _ hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
        dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0
    ) {
        super.init(
            mode: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, bias: bias,
            batchFirst: batchFirst, dropout: dropout, bidirectional: bidirectional, projSize: projSize)
    }

    /// No PyTorch counterpart: the fresh `LSTM` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        LSTM(
            inputSize, hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst, dropout: dropout,
            bidirectional: bidirectional, projSize: projSize)
    }

    /// The same, every argument labelled (PyTorch: `torch.nn.LSTM(input_size=..., hidden_size=...)`).
    public convenience init(
        inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bias: Bool = true, batchFirst: Bool = false,
        dropout: Double = 0, bidirectional: Bool = false, projSize: Int = 0
    ) {
        self.init(
            inputSize, hiddenSize, numLayers: numLayers, bias: bias, batchFirst: batchFirst, dropout: dropout,
            bidirectional: bidirectional, projSize: projSize)
    }

    /// (output, (h_n, c_n)).
    /// PyTorch: `torch.nn.LSTM.forward(input, (h_0, c_0))`.
    /// - Parameters:
    ///   - input: `(L, N, inputSize)`, `(N, L, inputSize)` when `batchFirst`, or unbatched `(L, inputSize)`.
    ///   - state: h `(numLayers·dirs, N, projSize or hiddenSize)` and c `(numLayers·dirs, N, hiddenSize)`
    ///     (unbatched: without `N`); zeros when nil.
    public func callAsFunction(_ input: Tensor, _ state: (h: Tensor, c: Tensor)? = nil) -> (
        output: Tensor, state: (h: Tensor, c: Tensor)
    ) {
        let (x, unbatched) = prepare(input)
        let batch = x.size(1)
        let h0 =
            state.map { checkHidden($0.h, batch: batch, name: "hidden[0]", unbatched: unbatched, size: realHiddenSize) }
            ?? zerosState(batch: batch, like: x, size: realHiddenSize)
        let c0 =
            state.map { checkHidden($0.c, batch: batch, name: "hidden[1]", unbatched: unbatched) }
            ?? zerosState(batch: batch, like: x)
        let (out, h, c) = run(x, h0: h0, c0: c0)
        return (finish(out, unbatched: unbatched), unbatched ? (h.squeeze(dim: 1), c!.squeeze(dim: 1)) : (h, c!))
    }

    /// The output sequence alone (PyTorch: `torch.nn.LSTM.forward(input)[0]`).
    public override func forward(_ input: Tensor) -> Tensor { self(input).output }
}
