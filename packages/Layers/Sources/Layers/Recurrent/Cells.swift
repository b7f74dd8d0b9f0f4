import TensorCore

/// `nn.RNNCellBase`: weight_ih [gates·H, in], weight_hh [gates·H, H], bias_ih, bias_hh; U(±1/√H) init.
public class RNNCellBase: Module {
    public let inputSize: Int, hiddenSize: Int, bias: Bool
    @Parameter public var weightIh: Tensor
    @Parameter public var weightHh: Tensor
    @Parameter public var biasIh: Tensor?
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
        torchCheck(input.ndim == 1 || input.ndim == 2, "\(typeName): Expected input to be 1D or 2D, got \(input.ndim)D instead")
        torchCheck(input.size(-1) == inputSize, "input has inconsistent input_size: got \(input.size(-1)) expected \(inputSize)")
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

    public override var extraRepr: String {
        var s = "\(inputSize), \(hiddenSize)"
        if !bias { s += ", bias=False" }
        if mode == .rnnRelu { s += ", nonlinearity=relu" }
        return s
    }
}

public final class RNNCell: RNNCellBase {
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true, nonlinearity: String = "tanh") {
        torchCheck(nonlinearity == "tanh" || nonlinearity == "relu", "Unknown nonlinearity: \(nonlinearity)")
        super.init(inputSize, hiddenSize, bias: bias, gates: 1, mode: nonlinearity == "tanh" ? .rnnTanh : .rnnRelu)
    }
    public override func makeCopy() -> Module {
        RNNCell(inputSize, hiddenSize, bias: bias, nonlinearity: mode == .rnnTanh ? "tanh" : "relu")
    }
    public func callAsFunction(_ input: Tensor, _ hx: Tensor? = nil) -> Tensor { step(input, h: hx ?? zeros(input), c: nil).0 }
    public override func forward(_ input: Tensor) -> Tensor { self(input, nil) }
}

public final class GRUCell: RNNCellBase {
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true) {
        super.init(inputSize, hiddenSize, bias: bias, gates: 3, mode: .gru)
    }
    public override func makeCopy() -> Module { GRUCell(inputSize, hiddenSize, bias: bias) }
    public func callAsFunction(_ input: Tensor, _ hx: Tensor? = nil) -> Tensor { step(input, h: hx ?? zeros(input), c: nil).0 }
    public override func forward(_ input: Tensor) -> Tensor { self(input, nil) }
}

public final class LSTMCell: RNNCellBase {
    public init(_ inputSize: Int, _ hiddenSize: Int, bias: Bool = true) {
        super.init(inputSize, hiddenSize, bias: bias, gates: 4, mode: .lstm)
    }
    public override func makeCopy() -> Module { LSTMCell(inputSize, hiddenSize, bias: bias) }
    /// (h', c').
    public func callAsFunction(_ input: Tensor, _ state: (h: Tensor, c: Tensor)? = nil) -> (h: Tensor, c: Tensor) {
        let (h, c) = step(input, h: state?.h ?? zeros(input), c: state?.c ?? zeros(input))
        return (h, c!)
    }
    public override func forward(_ input: Tensor) -> Tensor { self(input, nil).h }
}
