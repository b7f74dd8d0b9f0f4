import TensorCore

/// Python's `repr` of a float (`1.0`, `0.01`, `1e-05`).
func pyFloat(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e16 { return String(format: "%.1f", x) }
    return "\(x)"
}

func pyBool(_ b: Bool) -> String { b ? "True" : "False" }

/// `max(0, x)`, elementwise (PyTorch: `torch.nn.ReLU`).
public final class ReLU: Module {
    /// No PyTorch counterpart: the fresh `ReLU` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { ReLU(inplace: inplace) }
    /// Whether the input is overwritten with the result (PyTorch: `torch.nn.ReLU.inplace`).
    public let inplace: Bool
    /// PyTorch: `torch.nn.ReLU(inplace=False)`.
    public init(inplace: Bool = false) {
        self.inplace = inplace
        super.init()
    }
    /// PyTorch: `torch.nn.ReLU.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.relu(input, inplace: inplace) }
    /// PyTorch: `torch.nn.ReLU.extra_repr`.
    public override var extraRepr: String { inplace ? "inplace=True" : "" }
}

/// `x` clamped to `[minVal, maxVal]`; `ReLU6` is this with the bounds fixed (PyTorch: `torch.nn.Hardtanh`).
public class Hardtanh: Module {
    /// No PyTorch counterpart: the fresh `Hardtanh` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Hardtanh(minVal: minVal, maxVal: maxVal) }
    /// The clamp's bounds (PyTorch: `torch.nn.Hardtanh.min_val`, `max_val`).
    public let minVal: Double, maxVal: Double
    /// PyTorch: `torch.nn.Hardtanh(min_val=-1.0, max_val=1.0)`; `inplace` is not offered.
    public init(minVal: Double = -1, maxVal: Double = 1) {
        torchCheck(maxVal > minVal, "max_val must be greater than min_val")
        self.minVal = minVal
        self.maxVal = maxVal
        super.init()
    }
    /// PyTorch: `torch.nn.Hardtanh.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.hardtanh(input, minVal: minVal, maxVal: maxVal) }
    /// PyTorch: `torch.nn.Hardtanh.extra_repr`.
    public override var extraRepr: String { "min_val=\(pyFloat(minVal)), max_val=\(pyFloat(maxVal))" }
}

/// `nn.ReLU6(inplace=False)`. `inplace` is kept for the repr (torchvision's blocks print `ReLU6(inplace=True)`);
/// the result is computed out of place, with torch's values and gradients.
public final class ReLU6: Hardtanh {
    /// No PyTorch counterpart: the fresh `ReLU6` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { ReLU6(inplace: inplace) }
    /// Shown in the repr only; the result is always computed out of place (PyTorch: `torch.nn.ReLU6.inplace`).
    public let inplace: Bool
    /// PyTorch: `torch.nn.ReLU6(inplace)`.
    public init(inplace: Bool) {
        self.inplace = inplace
        super.init(minVal: 0, maxVal: 6)
    }
    /// PyTorch: `torch.nn.ReLU6()`.
    public convenience init() { self.init(inplace: false) }
    /// PyTorch: `torch.nn.ReLU6.extra_repr`.
    public override var extraRepr: String { inplace ? "inplace=True" : "" }
}

/// `x` for positive inputs, `negativeSlope · x` for negative ones (PyTorch: `torch.nn.LeakyReLU`).
public final class LeakyReLU: Module {
    /// No PyTorch counterpart: the fresh `LeakyReLU` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { LeakyReLU(negativeSlope: negativeSlope) }
    /// The slope for negative inputs (PyTorch: `torch.nn.LeakyReLU.negative_slope`).
    public let negativeSlope: Double
    /// PyTorch: `torch.nn.LeakyReLU(negative_slope=0.01)`; `inplace` is not offered.
    public init(negativeSlope: Double = 0.01) {
        self.negativeSlope = negativeSlope
        super.init()
    }
    /// PyTorch: `torch.nn.LeakyReLU.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.leakyRelu(input, negativeSlope: negativeSlope) }
    /// PyTorch: `torch.nn.LeakyReLU.extra_repr`.
    public override var extraRepr: String { "negative_slope=\(pyFloat(negativeSlope))" }
}

/// `nn.PReLU(num_parameters=1, init=0.25)`: a learnable negative slope (one, or one per channel).
/// PyTorch: `torch.nn.PReLU`.
public final class PReLU: Module {
    /// No PyTorch counterpart: the fresh `PReLU` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { PReLU(numParameters: numParameters) }
    /// How many slopes `weight` holds: 1, or the channel count (PyTorch: `torch.nn.PReLU.num_parameters`).
    public let numParameters: Int
    /// The learnable slopes, shape `(numParameters)` (PyTorch: `torch.nn.PReLU.weight`).
    @Parameter public var weight: Tensor
    /// PyTorch: `torch.nn.PReLU(num_parameters=1, init=0.25)`; `initialValue` is torch's `init`.
    public init(numParameters: Int = 1, initialValue: Double = 0.25) {
        self.numParameters = numParameters
        self.weight = Tensor.full([numParameters], .double(initialValue))
        super.init()
    }
    /// PyTorch: `torch.nn.PReLU.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.prelu(input, weight) }
    /// PyTorch: `torch.nn.PReLU.extra_repr`.
    public override var extraRepr: String { "num_parameters=\(numParameters)" }
}

/// `x` for positive inputs, `alpha · (exp(x) − 1)` for negative ones (PyTorch: `torch.nn.ELU`).
public final class ELU: Module {
    /// No PyTorch counterpart: the fresh `ELU` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { ELU(alpha: alpha) }
    /// The saturation value for negative inputs (PyTorch: `torch.nn.ELU.alpha`).
    public let alpha: Double
    /// PyTorch: `torch.nn.ELU(alpha=1.0)`; `inplace` is not offered.
    public init(alpha: Double = 1) {
        self.alpha = alpha
        super.init()
    }
    /// PyTorch: `torch.nn.ELU.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.elu(input, alpha: alpha) }
    /// PyTorch: `torch.nn.ELU.extra_repr`.
    public override var extraRepr: String { "alpha=\(pyFloat(alpha))" }
}

/// ELU scaled by torch's fixed constants, self-normalizing (PyTorch: `torch.nn.SELU`).
public final class SELU: Module {
    /// No PyTorch counterpart: the fresh `SELU` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { SELU() }
    /// PyTorch: `torch.nn.SELU()`; `inplace` is not offered.
    public override init() { super.init() }
    /// PyTorch: `torch.nn.SELU.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.selu(input) }
}

/// `x · Φ(x)`, exact or with the tanh approximation (PyTorch: `torch.nn.GELU`).
public final class GELU: Module {
    /// No PyTorch counterpart: the fresh `GELU` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { GELU(approximate: approximate) }
    /// `"none"` (the exact erf form) or `"tanh"` (PyTorch: `torch.nn.GELU.approximate`).
    public let approximate: String
    /// PyTorch: `torch.nn.GELU(approximate='none')`.
    public init(approximate: String = "none") {
        self.approximate = approximate
        super.init()
    }
    /// PyTorch: `torch.nn.GELU.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.gelu(input, approximate: approximate) }
    /// PyTorch: `torch.nn.GELU.extra_repr`.
    public override var extraRepr: String { "approximate='\(approximate)'" }
}

/// `nn.SiLU(inplace=False)`; `inplace` only shows in the repr (computed out of place, as `ReLU6`).
/// PyTorch: `torch.nn.SiLU`.
public final class SiLU: Module {
    /// No PyTorch counterpart: the fresh `SiLU` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { SiLU(inplace: inplace) }
    /// Shown in the repr only; the result is always computed out of place (PyTorch: `torch.nn.SiLU.inplace`).
    public let inplace: Bool
    /// PyTorch: `torch.nn.SiLU(inplace)`.
    public init(inplace: Bool) {
        self.inplace = inplace
        super.init()
    }
    /// PyTorch: `torch.nn.SiLU()`.
    public convenience override init() { self.init(inplace: false) }
    /// PyTorch: `torch.nn.SiLU.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.silu(input) }
    /// PyTorch: `torch.nn.SiLU.extra_repr`.
    public override var extraRepr: String { inplace ? "inplace=True" : "" }
}

/// `x · tanh(softplus(x))` (PyTorch: `torch.nn.Mish`).
public final class Mish: Module {
    /// No PyTorch counterpart: the fresh `Mish` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Mish() }
    /// PyTorch: `torch.nn.Mish()`; `inplace` is not offered.
    public override init() { super.init() }
    /// PyTorch: `torch.nn.Mish.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.mish(input) }
}

/// `1 / (1 + exp(−x))`, elementwise (PyTorch: `torch.nn.Sigmoid`).
public final class Sigmoid: Module {
    /// No PyTorch counterpart: the fresh `Sigmoid` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Sigmoid() }
    /// PyTorch: `torch.nn.Sigmoid()`.
    public override init() { super.init() }
    /// PyTorch: `torch.nn.Sigmoid.forward`.
    public override func forward(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// Hyperbolic tangent, elementwise (PyTorch: `torch.nn.Tanh`).
public final class Tanh: Module {
    /// No PyTorch counterpart: the fresh `Tanh` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Tanh() }
    /// PyTorch: `torch.nn.Tanh()`.
    public override init() { super.init() }
    /// PyTorch: `torch.nn.Tanh.forward`.
    public override func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// `nn.Hardswish(inplace=False)`; torch's repr never shows `inplace` (computed out of place, as `ReLU6`).
public final class Hardswish: Module {
    /// No PyTorch counterpart: the fresh `Hardswish` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Hardswish(inplace: inplace) }
    /// Kept for callers; torch's repr never shows it and the result is computed out of place
    /// (PyTorch: `torch.nn.Hardswish.inplace`).
    public let inplace: Bool
    /// PyTorch: `torch.nn.Hardswish(inplace)`.
    public init(inplace: Bool) {
        self.inplace = inplace
        super.init()
    }
    /// PyTorch: `torch.nn.Hardswish()`.
    public convenience override init() { self.init(inplace: false) }
    /// PyTorch: `torch.nn.Hardswish.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.hardswish(input) }
}

/// `relu6(x + 3) / 6`, a piecewise-linear sigmoid (PyTorch: `torch.nn.Hardsigmoid`).
public final class Hardsigmoid: Module {
    /// No PyTorch counterpart: the fresh `Hardsigmoid` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Hardsigmoid() }
    /// PyTorch: `torch.nn.Hardsigmoid()`; `inplace` is not offered.
    public override init() { super.init() }
    /// PyTorch: `torch.nn.Hardsigmoid.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.hardsigmoid(input) }
}

/// `log(1 + exp(beta · x)) / beta`, linear above `threshold` for stability (PyTorch: `torch.nn.Softplus`).
public final class Softplus: Module {
    /// No PyTorch counterpart: the fresh `Softplus` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Softplus(beta: beta, threshold: threshold) }
    /// The sharpness, and the `beta · x` above which the result is `x` (PyTorch: `torch.nn.Softplus.beta`, `threshold`).
    public let beta: Double, threshold: Double
    /// PyTorch: `torch.nn.Softplus(beta=1.0, threshold=20.0)`.
    public init(beta: Double = 1, threshold: Double = 20) {
        self.beta = beta
        self.threshold = threshold
        super.init()
    }
    /// PyTorch: `torch.nn.Softplus.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.softplus(input, beta: beta, threshold: threshold) }
    /// PyTorch: `torch.nn.Softplus.extra_repr`.
    public override var extraRepr: String { "beta=\(pyFloat(beta)), threshold=\(pyFloat(threshold))" }
}

/// Exponentials normalized to sum to 1 along `dim` (PyTorch: `torch.nn.Softmax`).
public final class Softmax: Module {
    /// No PyTorch counterpart: the fresh `Softmax` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Softmax(dim: dim) }
    /// The dimension normalized over (PyTorch: `torch.nn.Softmax.dim`).
    public let dim: Int
    /// PyTorch: `torch.nn.Softmax(dim)`; `dim` is required (torch's `None` picks one implicitly, with a warning).
    public init(dim: Int) {
        self.dim = dim
        super.init()
    }
    /// PyTorch: `torch.nn.Softmax.forward`.
    public override func forward(_ input: Tensor) -> Tensor { input.softmax(dim: dim) }
    /// PyTorch: `torch.nn.Softmax.extra_repr`.
    public override var extraRepr: String { "dim=\(dim)" }
}

/// `log(softmax(x))` along `dim`, computed stably (PyTorch: `torch.nn.LogSoftmax`).
public final class LogSoftmax: Module {
    /// No PyTorch counterpart: the fresh `LogSoftmax` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { LogSoftmax(dim: dim) }
    /// The dimension normalized over (PyTorch: `torch.nn.LogSoftmax.dim`).
    public let dim: Int
    /// PyTorch: `torch.nn.LogSoftmax(dim)`; `dim` is required.
    public init(dim: Int) {
        self.dim = dim
        super.init()
    }
    /// PyTorch: `torch.nn.LogSoftmax.forward`.
    public override func forward(_ input: Tensor) -> Tensor { input.logSoftmax(dim: dim) }
    /// PyTorch: `torch.nn.LogSoftmax.extra_repr`.
    public override var extraRepr: String { "dim=\(dim)" }
}

/// `x − tanh(x)` (PyTorch: `torch.nn.Tanhshrink`).
public final class Tanhshrink: Module {
    /// No PyTorch counterpart: the fresh `Tanhshrink` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Tanhshrink() }
    /// PyTorch: `torch.nn.Tanhshrink()`.
    public override init() { super.init() }
    /// PyTorch: `torch.nn.Tanhshrink.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.tanhshrink(input) }
}

/// `x / (1 + |x|)` (PyTorch: `torch.nn.Softsign`).
public final class Softsign: Module {
    /// No PyTorch counterpart: the fresh `Softsign` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Softsign() }
    /// PyTorch: `torch.nn.Softsign()`.
    public override init() { super.init() }
    /// PyTorch: `torch.nn.Softsign.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.softsign(input) }
}

/// `log(sigmoid(x))`, computed stably (PyTorch: `torch.nn.LogSigmoid`).
public final class LogSigmoid: Module {
    /// No PyTorch counterpart: the fresh `LogSigmoid` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { LogSigmoid() }
    /// PyTorch: `torch.nn.LogSigmoid()`.
    public override init() { super.init() }
    /// PyTorch: `torch.nn.LogSigmoid.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.logsigmoid(input) }
}
