import TensorCore

/// `nn.RNNCellBase`: weight_ih [gates·H, in], weight_hh [gates·H, H], bias_ih, bias_hh; U(±1/√H) init.
/// PyTorch: `torch.nn.RNNCellBase`.
public class RNNCellBase: Module {
    /// PyTorch: `torch.nn.RNNCellBase.input_size`, `hidden_size`, `bias`.
    public let inputSize: Int, hiddenSize: Int, bias: Bool
    /// The input-to-gates weights, shape `(gates·hiddenSize, inputSize)` (PyTorch: `torch.nn.RNNCellBase.weight_ih`).
    @Parameter public var weightIh: Tensor
    /// The hidden-to-gates weights, shape `(gates·hiddenSize, hiddenSize)` (PyTorch: `torch.nn.RNNCellBase.weight_hh`).
    @Parameter public var weightHh: Tensor
    /// The input-to-gates bias, shape `(gates·hiddenSize)`; nil without `bias` (PyTorch: `torch.nn.RNNCellBase.bias_ih`).
    @Parameter public var biasIh: Tensor?
    /// The hidden-to-gates bias, shape `(gates·hiddenSize)`; nil without `bias` (PyTorch: `torch.nn.RNNCellBase.bias_hh`).
    @Parameter public var biasHh: Tensor?
    let mode: RNNBase.Mode

    init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool, gates: Int, mode: RNNBase.Mode) {
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.bias = bias
        self.mode = mode
        weightIh = Tensor.empty([gates * hiddenSize, inputSize])
        weightHh = Tensor.empty([gates * hiddenSize, hiddenSize])
        biasIh = bias ? Tensor.empty([gates * hiddenSize]) : nil
        biasHh = bias ? Tensor.empty([gates * hiddenSize]) : nil
        super.init()
        let stdv = 1 / Double(hiddenSize).squareRoot()
        for p in parameters() { Init.uniform_(p, a: -stdv, b: stdv) }
    }

    func step(_ input: Tensor, h: Tensor, c: Tensor?) -> (Tensor, Tensor?) {
        torchCheck(
            input.ndim == 1 || input.ndim == 2, "\(typeName): Expected input to be 1D or 2D, got \(input.ndim)D instead"
        )
        torchCheck(
            input.size(-1) == inputSize,
            "input has inconsistent input_size: got \(input.size(-1)) expected \(inputSize)")
        let batched = input.ndim == 2
        let x = batched ? input : input.unsqueeze(0)
        let hb = batched ? h : h.unsqueeze(0), cb = c.map { batched ? $0 : $0.unsqueeze(0) }
        let gi = F.linear(x, weightIh, biasIh)
        let gh = F.linear(hb, weightHh, biasHh)
        var hNext: Tensor, cNext: Tensor? = nil
        switch mode {
        case .rnnTanh: hNext = (gi + gh).tanh()
        case .rnnRelu: hNext = (gi + gh).relu()
        case .lstm: (hNext, cNext) = NNOps.lstmCell(inputGates: gi, hiddenGates: gh, cx: cb!)
        case .gru: hNext = NNOps.gruCell(inputGates: gi, hiddenGates: gh, hx: hb)
        }
        if !batched {
            hNext = hNext.squeeze(dim: 0)
            cNext = cNext?.squeeze(dim: 0)
        }
        return (hNext, cNext)
    }

    func zeros(_ input: Tensor) -> Tensor {
        Tensor.zeros(input.ndim == 2 ? [input.size(0), hiddenSize] : [hiddenSize], dtype: input.dtype)
    }

    /// PyTorch: `torch.nn.RNNCellBase.extra_repr`.
    public override var extraRepr: String {
        var s = "\(inputSize), \(hiddenSize)"
        if !bias { s += ", bias=False" }
        if mode == .rnnRelu { s += ", nonlinearity=relu" }
        return s
    }
}

/// One step of an Elman RNN, `h' = tanh(W_ih x + b_ih + W_hh h + b_hh)` or with ReLU (PyTorch: `torch.nn.RNNCell`).
public final class RNNCell: RNNCellBase {
    /// PyTorch: `torch.nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')`.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, nonlinearity: String = "tanh") {
        torchCheck(nonlinearity == "tanh" || nonlinearity == "relu", "Unknown nonlinearity: \(nonlinearity)")
        super.init(inputSize, hiddenSize, bias: bias, gates: 1, mode: nonlinearity == "tanh" ? .rnnTanh : .rnnRelu)
    }
    /// No PyTorch counterpart: the fresh `RNNCell` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        RNNCell(inputSize, hiddenSize, bias: bias, nonlinearity: mode == .rnnTanh ? "tanh" : "relu")
    }
    /// h' from `input` `(N, inputSize)` or `(inputSize)` and `hx` (zeros when nil) (PyTorch: `torch.nn.RNNCell.forward`).
    public func callAsFunction(_ input: Tensor, _ hx: Tensor? = nil) -> Tensor {
        step(input, h: hx ?? zeros(input), c: nil).0
    }
    /// One step from a zero state (PyTorch: `torch.nn.RNNCell.forward(input)`).
    public override func forward(_ input: Tensor) -> Tensor { self(input, nil) }
}

/// One GRU step: reset and update gates, then the new state (PyTorch: `torch.nn.GRUCell`).
public final class GRUCell: RNNCellBase {
    /// PyTorch: `torch.nn.GRUCell(input_size, hidden_size, bias=True)`.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true) {
        super.init(inputSize, hiddenSize, bias: bias, gates: 3, mode: .gru)
    }
    /// No PyTorch counterpart: the fresh `GRUCell` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { GRUCell(inputSize, hiddenSize, bias: bias) }
    /// h' from `input` `(N, inputSize)` or `(inputSize)` and `hx` (zeros when nil) (PyTorch: `torch.nn.GRUCell.forward`).
    public func callAsFunction(_ input: Tensor, _ hx: Tensor? = nil) -> Tensor {
        step(input, h: hx ?? zeros(input), c: nil).0
    }
    /// One step from a zero state (PyTorch: `torch.nn.GRUCell.forward(input)`).
    public override func forward(_ input: Tensor) -> Tensor { self(input, nil) }
}

/// One LSTM step, gates i, f, g, o (PyTorch: `torch.nn.LSTMCell`).
public final class LSTMCell: RNNCellBase {
    /// PyTorch: `torch.nn.LSTMCell(input_size, hidden_size, bias=True)`.
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true) {
        super.init(inputSize, hiddenSize, bias: bias, gates: 4, mode: .lstm)
    }
    /// No PyTorch counterpart: the fresh `LSTMCell` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { LSTMCell(inputSize, hiddenSize, bias: bias) }
    /// (h', c').
    /// PyTorch: `torch.nn.LSTMCell.forward(input, (h_0, c_0))`; zero states when nil.
    public func callAsFunction(_ input: Tensor, _ state: (h: Tensor, c: Tensor)? = nil) -> (h: Tensor, c: Tensor) {
        let (h, c) = step(input, h: state?.h ?? zeros(input), c: state?.c ?? zeros(input))
        return (h, c!)
    }
    /// h' of one step from zero states (PyTorch: `torch.nn.LSTMCell.forward(input)[0]`).
    public override func forward(_ input: Tensor) -> Tensor { self(input, nil).h }
}
