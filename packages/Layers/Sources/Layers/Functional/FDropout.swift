import TensorCore
import Autodiff

extension F {
    /// `F.dropout` as torch runs it on the CPU: input · bernoulli(1 − p) / (1 − p), the mask drawn with
    /// `bernoulli_` from the (default) generator, so seeded runs give torch's masks.
    public static func dropout(_ input: Tensor, p: Double = 0.5, training: Bool = true, generator: Generator? = nil) -> Tensor {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
        if !training || p == 0 { return input }
        if p == 1 { return input * Tensor.zerosLike(input) }
        let noise = emptyPreservingLayout(input).bernoulli_(1 - p, generator: generator)
        noise.div_(Scalar.double(1 - p))
        return input * noise
    }

    /// `torch.empty_like` (memory_format=preserve): a non-overlapping, dense input (a transpose, a
    /// permute) keeps its strides, so random fills land in memory order as in torch; others are contiguous.
    static func emptyPreservingLayout(_ input: Tensor) -> Tensor {
        guard !input.isContiguous else { return Tensor.emptyLike(input) }
        let dims = (0..<input.ndim).filter { input.sizes[$0] != 1 }.sorted { input.strides[$0] < input.strides[$1] }
        var expected = 1
        for d in dims {
            guard input.strides[d] == expected else { return Tensor.emptyLike(input) }
            expected *= input.sizes[d]
        }
        return Tensor.empty([input.numel], dtype: input.dtype).asStrided(input.sizes, input.strides, offset: 0)
    }

    /// `F.dropout2d` / feature dropout: whole channels (dims ≥ 2 of [N, C, ...]) dropped together.
    public static func dropout2d(_ input: Tensor, p: Double = 0.5, training: Bool = true, generator: Generator? = nil) -> Tensor {
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
public final class Dropout: Module {
    public override func makeCopy() -> Module { Dropout(p, inplace: inplace) }
    public let p: Double
    public let inplace: Bool
    public init(_ p: Double, inplace: Bool) {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(pyFloat(p))")
        self.p = p
        self.inplace = inplace
        super.init()
    }
    public convenience init(_ p: Double = 0.5) { self.init(p, inplace: false) }
    public convenience init(p: Double) { self.init(p, inplace: false) }
    public convenience init(p: Double, inplace: Bool) { self.init(p, inplace: inplace) }
    public override func forward(_ input: Tensor) -> Tensor { F.dropout(input, p: p, training: training) }
    public override var extraRepr: String { "p=\(pyFloat(p)), inplace=\(pyBool(inplace))" }
}

/// `nn.Dropout2d(p=0.5)`: zeroes whole channels in training mode.
public final class Dropout2d: Module {
    public override func makeCopy() -> Module { Dropout2d(p) }
    public let p: Double
    public init(_ p: Double = 0.5) {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(pyFloat(p))")
        self.p = p
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor { F.dropout2d(input, p: p, training: training) }
    public override var extraRepr: String { "p=\(pyFloat(p)), inplace=False" }
}
