import Autodiff
import TensorCore

extension F {
    /// `F.dropout` as torch runs it on the CPU: input · bernoulli(1 − p) / (1 − p), the mask drawn with
    /// `bernoulli_` from the (default) generator, so seeded runs give torch's masks.
    /// PyTorch: `torch.nn.functional.dropout`; no `inplace`, and `generator` is this port's addition.
    public static func dropout(_ input: Tensor, p: Double = 0.5, training: Bool = true, generator: Generator? = nil)
        -> Tensor
    {
        NNOps.dropout(input, p: p, training: training, generator: generator)
    }

    /// `F.dropout2d` / feature dropout: whole channels (dims ≥ 2 of [N, C, ...]) dropped together.
    /// PyTorch: `torch.nn.functional.dropout2d`; no `inplace`, and `generator` is this port's addition.
    public static func dropout2d(_ input: Tensor, p: Double = 0.5, training: Bool = true, generator: Generator? = nil)
        -> Tensor
    {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
        if !training || p == 0 { return input }
        torchCheck(input.ndim >= 2, "Feature dropout requires at least 2 dimensions in the input")
        let noiseShape = Array(input.sizes.prefix(2)) + Array(repeating: 1, count: input.ndim - 2)
        if p == 1 { return input * Tensor.zeros(noiseShape, dtype: input.dtype) }
        let noise = Tensor.empty(noiseShape, dtype: input.dtype).bernoulli_(1 - p, generator: generator)
        noise.div_(Scalar.double(1 - p))
        return input * noise
    }
}

/// `nn.Dropout(p=0.5, inplace=False)`: active only in training mode. `inplace` shows in the repr; the
/// result is computed out of place, with the mask torch draws.
/// PyTorch: `torch.nn.Dropout`.
public final class Dropout: Module {
    /// No PyTorch counterpart: the fresh `Dropout` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Dropout(p, inplace: inplace) }
    /// The probability of zeroing an element (PyTorch: `torch.nn.Dropout.p`).
    public let p: Double
    /// Shown in the repr only; the result is always computed out of place (PyTorch: `torch.nn.Dropout.inplace`).
    public let inplace: Bool
    /// PyTorch: `torch.nn.Dropout(p, inplace)`.
    public init(_ p: Double, inplace: Bool) {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(pyFloat(p))")
        self.p = p
        self.inplace = inplace
        super.init()
    }
    /// PyTorch: `torch.nn.Dropout(p=0.5)`.
    public convenience init(_ p: Double = 0.5) { self.init(p, inplace: false) }
    /// PyTorch: `torch.nn.Dropout(p=...)`, labelled.
    public convenience init(p: Double) { self.init(p, inplace: false) }
    /// PyTorch: `torch.nn.Dropout(p=..., inplace=...)`, labelled.
    public convenience init(p: Double, inplace: Bool) { self.init(p, inplace: inplace) }
    /// `F.dropout` in training mode, the identity in eval mode (PyTorch: `torch.nn.Dropout.forward`).
    public override func forward(_ input: Tensor) -> Tensor { F.dropout(input, p: p, training: training) }
    /// PyTorch: `torch.nn.Dropout.extra_repr`.
    public override var extraRepr: String { "p=\(pyFloat(p)), inplace=\(pyBool(inplace))" }
}

/// `nn.Dropout2d(p=0.5)`: zeroes whole channels in training mode.
/// PyTorch: `torch.nn.Dropout2d`.
public final class Dropout2d: Module {
    /// No PyTorch counterpart: the fresh `Dropout2d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Dropout2d(p) }
    /// The probability of zeroing a channel (PyTorch: `torch.nn.Dropout2d.p`).
    public let p: Double
    /// PyTorch: `torch.nn.Dropout2d(p=0.5)`; no `inplace` (the repr prints torch's `inplace=False`).
    public init(_ p: Double = 0.5) {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(pyFloat(p))")
        self.p = p
        super.init()
    }
    /// `F.dropout2d` in training mode, the identity in eval mode (PyTorch: `torch.nn.Dropout2d.forward`).
    public override func forward(_ input: Tensor) -> Tensor { F.dropout2d(input, p: p, training: training) }
    /// PyTorch: `torch.nn.Dropout2d.extra_repr`.
    public override var extraRepr: String { "p=\(pyFloat(p)), inplace=False" }
}
