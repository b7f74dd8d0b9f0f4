import TensorCore

/// `nn.Identity()`: returns its input.
/// PyTorch: `torch.nn.Identity`.
public final class Identity: Module {
    /// No PyTorch counterpart: the fresh `Identity` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Identity() }
    /// PyTorch: `torch.nn.Identity()`; torch's ignored arguments are not taken.
    public override init() { super.init() }
    /// PyTorch: `torch.nn.Identity.forward`.
    public override func forward(_ input: Tensor) -> Tensor { input }
}

/// `nn.Flatten(start_dim=1, end_dim=-1)`.
/// Merges dimensions `startDim...endDim` into one, e.g. `(N, C, H, W)` to `(N, C·H·W)` (PyTorch: `torch.nn.Flatten`).
public final class Flatten: Module {
    /// No PyTorch counterpart: the fresh `Flatten` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Flatten(startDim: startDim, endDim: endDim) }
    /// The first and last dimension merged, negative counting from the end (PyTorch: `torch.nn.Flatten.start_dim`, `end_dim`).
    public let startDim: Int, endDim: Int
    /// PyTorch: `torch.nn.Flatten(start_dim=1, end_dim=-1)`.
    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
        super.init()
    }
    /// PyTorch: `torch.nn.Flatten.forward`.
    public override func forward(_ input: Tensor) -> Tensor { input.flatten(startDim: startDim, endDim: endDim) }
    /// PyTorch: `torch.nn.Flatten.extra_repr`.
    public override var extraRepr: String { "start_dim=\(startDim), end_dim=\(endDim)" }
}

/// `nn.Unflatten(dim, unflattened_size)`.
/// Splits dimension `dim` into `unflattenedSize` (PyTorch: `torch.nn.Unflatten`).
public final class Unflatten: Module {
    /// No PyTorch counterpart: the fresh `Unflatten` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Unflatten(dim: dim, unflattenedSize: unflattenedSize) }
    /// The dimension split and the sizes it becomes (PyTorch: `torch.nn.Unflatten.dim`, `unflattened_size`).
    public let dim: Int, unflattenedSize: [Int]
    /// PyTorch: `torch.nn.Unflatten(dim, unflattened_size)`.
    public init(dim: Int, unflattenedSize: [Int]) {
        self.dim = dim
        self.unflattenedSize = unflattenedSize
        super.init()
    }
    /// PyTorch: `torch.nn.Unflatten.forward`.
    public override func forward(_ input: Tensor) -> Tensor { input.unflatten(dim: dim, sizes: unflattenedSize) }
    /// PyTorch: `torch.nn.Unflatten.extra_repr`.
    public override var extraRepr: String {
        "dim=\(dim), unflattened_size=(" + unflattenedSize.map(String.init).joined(separator: ", ")
            + (unflattenedSize.count == 1 ? ",)" : ")")
    }
}

/// `nn.Bilinear(in1_features, in2_features, out_features, bias=True)`, weight [out, in1, in2],
/// initialized U(±1/√in1) (weight then bias), as torch.
public final class Bilinear: Module {
    /// No PyTorch counterpart: the fresh `Bilinear` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { Bilinear(in1Features, in2Features, outFeatures, bias: bias != nil) }
    /// PyTorch: `torch.nn.Bilinear.in1_features`, `in2_features`, `out_features`.
    public let in1Features: Int, in2Features: Int, outFeatures: Int
    /// The bilinear form per output, shape `(outFeatures, in1Features, in2Features)` (PyTorch: `torch.nn.Bilinear.weight`).
    @Parameter public var weight: Tensor
    /// Shape `(outFeatures)`; nil without `bias` (PyTorch: `torch.nn.Bilinear.bias`).
    @Parameter public var bias: Tensor?

    /// PyTorch: `torch.nn.Bilinear(in1_features, in2_features, out_features, bias=True)`.
    public init(_ in1Features: Int, _ in2Features: Int, _ outFeatures: Int, bias: Bool = true) {
        self.in1Features = in1Features
        self.in2Features = in2Features
        self.outFeatures = outFeatures
        self.weight = Tensor.empty([outFeatures, in1Features, in2Features])
        self.bias = bias ? Tensor.empty([outFeatures]) : nil
        super.init()
        let bound = 1 / Double(in1Features).squareRoot()
        Init.uniform_(weight, a: -bound, b: bound)
        if let b = self.bias { Init.uniform_(b, a: -bound, b: bound) }
    }

    /// `y = x₁ᵀ A x₂ + b` per output feature, for `(*, in1Features)` and `(*, in2Features)` inputs (PyTorch: `torch.nn.Bilinear.forward`).
    public func callAsFunction(_ input1: Tensor, _ input2: Tensor) -> Tensor {
        F.bilinear(input1, input2, weight, bias)
    }

    /// PyTorch: `torch.nn.Bilinear.extra_repr`.
    public override var extraRepr: String {
        "in1_features=\(in1Features), in2_features=\(in2Features), out_features=\(outFeatures), bias=\(pyBool(bias != nil))"
    }
}
