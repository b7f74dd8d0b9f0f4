import TensorCore

/// `nn.Identity()`: returns its input.
public final class Identity: Module {
    public override func makeCopy() -> Module { Identity() }
    public override init() { super.init() }
    public override func forward(_ input: Tensor) -> Tensor { input }
}

/// `nn.Flatten(start_dim=1, end_dim=-1)`.
public final class Flatten: Module {
    public override func makeCopy() -> Module { Flatten(startDim: startDim, endDim: endDim) }
    public let startDim: Int, endDim: Int
    public init(startDim: Int = 1, endDim: Int = -1) {
        self.startDim = startDim
        self.endDim = endDim
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor { input.flatten(startDim: startDim, endDim: endDim) }
    public override var extraRepr: String { "start_dim=\(startDim), end_dim=\(endDim)" }
}

/// `nn.Unflatten(dim, unflattened_size)`.
public final class Unflatten: Module {
    public override func makeCopy() -> Module { Unflatten(dim: dim, unflattenedSize: unflattenedSize) }
    public let dim: Int, unflattenedSize: [Int]
    public init(dim: Int, unflattenedSize: [Int]) {
        self.dim = dim
        self.unflattenedSize = unflattenedSize
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor { input.unflatten(dim: dim, sizes: unflattenedSize) }
    public override var extraRepr: String {
        "dim=\(dim), unflattened_size=(" + unflattenedSize.map(String.init).joined(separator: ", ")
            + (unflattenedSize.count == 1 ? ",)" : ")")
    }
}

/// `nn.Bilinear(in1_features, in2_features, out_features, bias=True)`, weight [out, in1, in2],
/// initialized U(±1/√in1) (weight then bias), as torch.
public final class Bilinear: Module {
    public override func makeCopy() -> Module { Bilinear(in1Features, in2Features, outFeatures, bias: bias != nil) }
    public let in1Features: Int, in2Features: Int, outFeatures: Int
    @Parameter public var weight: Tensor
    @Parameter public var bias: Tensor?

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

    public func callAsFunction(_ input1: Tensor, _ input2: Tensor) -> Tensor { F.bilinear(input1, input2, weight, bias) }

    public override var extraRepr: String {
        "in1_features=\(in1Features), in2_features=\(in2Features), out_features=\(outFeatures), bias=\(pyBool(bias != nil))"
    }
}
