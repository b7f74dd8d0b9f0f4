import TensorCore

/// `nn.MaxPool3d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`.
/// PyTorch: `torch.nn.MaxPool3d`.
public final class MaxPool3d: Module {
    /// No PyTorch counterpart: the fresh `MaxPool3d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        MaxPool3d(
            kernelSize, stride: stride, padding: padding, dilation: dilation, returnIndices: returnIndices,
            ceilMode: ceilMode)
    }
    /// The window, its step (defaults to the window), the implicit −inf padding and the spacing of window elements
    /// (PyTorch: `torch.nn.MaxPool3d.kernel_size`, `stride`, `padding`, `dilation`).
    public let kernelSize: IntOrTuple, stride: IntOrTuple, padding: IntOrTuple, dilation: IntOrTuple
    /// Whether output sizes round up, and whether indices were asked for (`forward` ignores it: use
    /// `forwardWithIndices`) (PyTorch: `torch.nn.MaxPool3d.ceil_mode`, `return_indices`).
    public let ceilMode: Bool, returnIndices: Bool
    /// PyTorch: `torch.nn.MaxPool3d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`.
    public init(
        _ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, dilation: IntOrTuple = 1,
        returnIndices: Bool = false, ceilMode: Bool = false
    ) {
        (self.kernelSize, self.stride, self.padding, self.dilation) = (
            kernelSize, stride ?? kernelSize, padding, dilation
        )
        (self.returnIndices, self.ceilMode) = (returnIndices, ceilMode)
        super.init()
    }
    /// PyTorch: `torch.nn.MaxPool3d.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        F.maxPool3d(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    /// `return_indices=True`: (output, indices).
    /// PyTorch: `torch.nn.MaxPool3d.forward` with `return_indices=True`; the indices are flat within each `(D, H, W)` volume.
    public func forwardWithIndices(_ input: Tensor) -> (output: Tensor, indices: Tensor) {
        F.maxPool3dWithIndices(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    /// PyTorch: `torch.nn.MaxPool3d.extra_repr`.
    public override var extraRepr: String {
        "kernel_size=\(pyIntOrTuple(kernelSize)), stride=\(pyIntOrTuple(stride)), padding=\(pyIntOrTuple(padding)), dilation=\(pyIntOrTuple(dilation)), ceil_mode=\(pyBool(ceilMode))"
    }
}

/// `nn.AvgPool3d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)`.
/// PyTorch: `torch.nn.AvgPool3d`.
public final class AvgPool3d: Module {
    /// No PyTorch counterpart: the fresh `AvgPool3d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        AvgPool3d(
            kernelSize, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad,
            divisorOverride: divisorOverride)
    }
    /// PyTorch: `torch.nn.AvgPool3d.kernel_size`, `stride` (defaults to the window), `padding`, `ceil_mode`, `count_include_pad`.
    public let kernelSize: IntOrTuple, stride: IntOrTuple, padding: IntOrTuple, ceilMode: Bool, countIncludePad: Bool
    /// When set, the divisor of every window sum instead of the window size (PyTorch: `torch.nn.AvgPool3d.divisor_override`).
    public let divisorOverride: Int?
    /// PyTorch: `torch.nn.AvgPool3d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)`.
    public init(
        _ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, ceilMode: Bool = false,
        countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) {
        (self.kernelSize, self.stride, self.padding) = (kernelSize, stride ?? kernelSize, padding)
        (self.ceilMode, self.countIncludePad, self.divisorOverride) = (ceilMode, countIncludePad, divisorOverride)
        super.init()
    }
    /// PyTorch: `torch.nn.AvgPool3d.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        F.avgPool3d(
            input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
            countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }
    /// PyTorch: `torch.nn.AvgPool3d.extra_repr`.
    public override var extraRepr: String {
        "kernel_size=\(pyIntOrTuple(kernelSize)), stride=\(pyIntOrTuple(stride)), padding=\(pyIntOrTuple(padding))"
    }
}

/// `nn.AdaptiveAvgPool3d(output_size)`.
/// PyTorch: `torch.nn.AdaptiveAvgPool3d`.
public final class AdaptiveAvgPool3d: Module {
    /// No PyTorch counterpart: the fresh `AdaptiveAvgPool3d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { AdaptiveAvgPool3d(outputSize) }
    /// The target `(D, H, W)`; a nil entry keeps that input size (PyTorch: `torch.nn.AdaptiveAvgPool3d.output_size`).
    public let outputSize: AdaptiveOutputSize
    /// PyTorch: `torch.nn.AdaptiveAvgPool3d(output_size)`.
    public init(_ outputSize: AdaptiveOutputSize) {
        self.outputSize = outputSize
        super.init()
    }
    /// PyTorch: `torch.nn.AdaptiveAvgPool3d.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.adaptiveAvgPool3d(input, outputSize: outputSize) }
    /// PyTorch: `torch.nn.AdaptiveAvgPool3d.extra_repr`.
    public override var extraRepr: String { "output_size=\(outputSize)" }
}
