import Autodiff
import TensorCore

/// `nn.Linear(in_features, out_features, bias=True)`: y = x Wᵀ + b with W [out, in]; initialized as
/// torch's reset_parameters (kaiming_uniform_(a=√5), bias U(±1/√in)) from the default generator.
public class Linear: Module {
    /// No PyTorch counterpart: the fresh `Linear` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Linear(inFeatures, outFeatures, bias: bias != nil, dtype: weight.dtype)
    }
    /// PyTorch: `torch.nn.Linear.in_features`.
    public let inFeatures: Int
    /// PyTorch: `torch.nn.Linear.out_features`.
    public let outFeatures: Int
    /// Shape `(outFeatures, inFeatures)` (PyTorch: `torch.nn.Linear.weight`).
    @Parameter public var weight: Tensor
    /// Shape `(outFeatures)`; nil without `bias` (PyTorch: `torch.nn.Linear.bias`).
    @Parameter public var bias: Tensor?

    /// PyTorch: `torch.nn.Linear(in_features, out_features, bias=True, dtype=None)`.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType? = nil) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        self.weight = Tensor.empty([outFeatures, inFeatures], dtype: dtype)
        self.bias = bias ? Tensor.empty([outFeatures], dtype: dtype) : nil
        super.init()
        resetParameters()
    }

    /// The same, every argument labelled (PyTorch: `torch.nn.Linear(in_features=..., out_features=...)`).
    public convenience init(inFeatures: Int, outFeatures: Int, bias: Bool = true, dtype: DType? = nil) {
        self.init(inFeatures, outFeatures, bias: bias, dtype: dtype)
    }

    /// Redraws the weight (kaiming_uniform_, a=√5) and the bias (U(±1/√inFeatures)) from the default generator
    /// (PyTorch: `torch.nn.Linear.reset_parameters`).
    public func resetParameters() {
        Init.kaimingUniform_(weight, a: 5.0.squareRoot())
        if let bias {
            let fanIn = Init.calculateFanInAndFanOut(weight).fanIn
            let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
            Init.uniform_(bias, a: -bound, b: bound)
        }
    }

    /// PyTorch: `torch.nn.Linear.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.linear(input, weight, bias) }

    /// PyTorch: `torch.nn.Linear.extra_repr`.
    public override var extraRepr: String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias != nil ? "True" : "False")"
    }
}

/// The Linear torch uses as MultiheadAttention's `out_proj` (only its name differs; it shows in reprs).
public final class NonDynamicallyQuantizableLinear: Linear {
    /// No PyTorch counterpart: the fresh `NonDynamicallyQuantizableLinear` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        NonDynamicallyQuantizableLinear(inFeatures, outFeatures, bias: bias != nil, dtype: weight.dtype)
    }
}
