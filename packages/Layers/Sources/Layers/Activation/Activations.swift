import TensorCore

/// Python's `repr` of a float (`1.0`, `0.01`, `1e-05`).
func pyFloat(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e16 { return String(format: "%.1f", x) }
    return "\(x)"
}

func pyBool(_ b: Bool) -> String { b ? "True" : "False" }

public final class ReLU: Module {
    public override func makeCopy() -> Module { ReLU(inplace: inplace) }
    public let inplace: Bool
    public init(inplace: Bool = false) { self.inplace = inplace; super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.relu(input, inplace: inplace) }
    public override var extraRepr: String { inplace ? "inplace=True" : "" }
}

public class Hardtanh: Module {
    public override func makeCopy() -> Module { Hardtanh(minVal: minVal, maxVal: maxVal) }
    public let minVal: Double, maxVal: Double
    public init(minVal: Double = -1, maxVal: Double = 1) {
        torchCheck(maxVal > minVal, "max_val must be greater than min_val")
        self.minVal = minVal
        self.maxVal = maxVal
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor { F.hardtanh(input, minVal: minVal, maxVal: maxVal) }
    public override var extraRepr: String { "min_val=\(pyFloat(minVal)), max_val=\(pyFloat(maxVal))" }
}

/// `nn.ReLU6(inplace=False)`. `inplace` is kept for the repr (torchvision's blocks print `ReLU6(inplace=True)`);
/// the result is computed out of place, with torch's values and gradients.
public final class ReLU6: Hardtanh {
    public override func makeCopy() -> Module { ReLU6(inplace: inplace) }
    public let inplace: Bool
    public init(inplace: Bool) { self.inplace = inplace; super.init(minVal: 0, maxVal: 6) }
    public convenience init() { self.init(inplace: false) }
    public override var extraRepr: String { inplace ? "inplace=True" : "" }
}

public final class LeakyReLU: Module {
    public override func makeCopy() -> Module { LeakyReLU(negativeSlope: negativeSlope) }
    public let negativeSlope: Double
    public init(negativeSlope: Double = 0.01) { self.negativeSlope = negativeSlope; super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.leakyRelu(input, negativeSlope: negativeSlope) }
    public override var extraRepr: String { "negative_slope=\(pyFloat(negativeSlope))" }
}

/// `nn.PReLU(num_parameters=1, init=0.25)`: a learnable negative slope (one, or one per channel).
public final class PReLU: Module {
    public override func makeCopy() -> Module { PReLU(numParameters: numParameters) }
    public let numParameters: Int
    @Parameter public var weight: Tensor
    public init(numParameters: Int = 1, initialValue: Double = 0.25) {
        self.numParameters = numParameters
        self.weight = Tensor.full([numParameters], .double(initialValue))
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor { F.prelu(input, weight) }
    public override var extraRepr: String { "num_parameters=\(numParameters)" }
}

public final class ELU: Module {
    public override func makeCopy() -> Module { ELU(alpha: alpha) }
    public let alpha: Double
    public init(alpha: Double = 1) { self.alpha = alpha; super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.elu(input, alpha: alpha) }
    public override var extraRepr: String { "alpha=\(pyFloat(alpha))" }
}

public final class SELU: Module {
    public override func makeCopy() -> Module { SELU() }
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.selu(input) }
}

public final class GELU: Module {
    public override func makeCopy() -> Module { GELU(approximate: approximate) }
    public let approximate: String
    public init(approximate: String = "none") { self.approximate = approximate; super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.gelu(input, approximate: approximate) }
    public override var extraRepr: String { "approximate='\(approximate)'" }
}

/// `nn.SiLU(inplace=False)`; `inplace` only shows in the repr (computed out of place, as `ReLU6`).
public final class SiLU: Module {
    public override func makeCopy() -> Module { SiLU(inplace: inplace) }
    public let inplace: Bool
    public init(inplace: Bool) { self.inplace = inplace; super.init() }
    public convenience override init() { self.init(inplace: false) }
    public override func forward(_ input: Tensor) -> Tensor { F.silu(input) }
    public override var extraRepr: String { inplace ? "inplace=True" : "" }
}

public final class Mish: Module {
    public override func makeCopy() -> Module { Mish() }
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.mish(input) }
}

public final class Sigmoid: Module {
    public override func makeCopy() -> Module { Sigmoid() }
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.sigmoid() }
}

public final class Tanh: Module {
    public override func makeCopy() -> Module { Tanh() }
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.tanh() }
}

/// `nn.Hardswish(inplace=False)`; torch's repr never shows `inplace` (computed out of place, as `ReLU6`).
public final class Hardswish: Module {
    public override func makeCopy() -> Module { Hardswish(inplace: inplace) }
    public let inplace: Bool
    public init(inplace: Bool) { self.inplace = inplace; super.init() }
    public convenience override init() { self.init(inplace: false) }
    public override func forward(_ input: Tensor) -> Tensor { F.hardswish(input) }
}

public final class Hardsigmoid: Module {
    public override func makeCopy() -> Module { Hardsigmoid() }
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.hardsigmoid(input) }
}

public final class Softplus: Module {
    public override func makeCopy() -> Module { Softplus(beta: beta, threshold: threshold) }
    public let beta: Double, threshold: Double
    public init(beta: Double = 1, threshold: Double = 20) {
        self.beta = beta
        self.threshold = threshold
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor { F.softplus(input, beta: beta, threshold: threshold) }
    public override var extraRepr: String { "beta=\(pyFloat(beta)), threshold=\(pyFloat(threshold))" }
}

public final class Softmax: Module {
    public override func makeCopy() -> Module { Softmax(dim: dim) }
    public let dim: Int
    public init(dim: Int) { self.dim = dim; super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.softmax(dim: dim) }
    public override var extraRepr: String { "dim=\(dim)" }
}

public final class LogSoftmax: Module {
    public override func makeCopy() -> Module { LogSoftmax(dim: dim) }
    public let dim: Int
    public init(dim: Int) { self.dim = dim; super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input.logSoftmax(dim: dim) }
    public override var extraRepr: String { "dim=\(dim)" }
}

public final class Tanhshrink: Module {
    public override func makeCopy() -> Module { Tanhshrink() }
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.tanhshrink(input) }
}

public final class Softsign: Module {
    public override func makeCopy() -> Module { Softsign() }
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.softsign(input) }
}

public final class LogSigmoid: Module {
    public override func makeCopy() -> Module { LogSigmoid() }
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.logsigmoid(input) }
}
