import TensorCore

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
