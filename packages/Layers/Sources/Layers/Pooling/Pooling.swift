import TensorCore

/// An int or tuple as torch stores and prints it (`2` or `(2, 3)`).
func pyIntOrTuple(_ v: IntOrTuple) -> String { v.values.count == 1 ? String(v.values[0]) : pyTuple(v.values) }

/// The maximum over each sliding 2-D window (PyTorch: `torch.nn.MaxPool2d`).
public final class MaxPool2d: Module {
    /// No PyTorch counterpart: the fresh `MaxPool2d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        MaxPool2d(
            kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, returnIndices: returnIndices,
            ceilMode: ceilMode)
    }
    /// The window, its step (defaults to the window), the implicit −inf padding on each side and the spacing of window
    /// elements (PyTorch: `torch.nn.MaxPool2d.kernel_size`, `stride`, `padding`, `dilation`).
    public let kernelSize: IntOrTuple, stride: IntOrTuple, padding: IntOrTuple, dilation: IntOrTuple
    /// Whether output sizes round up, and whether indices were asked for (`forward` ignores it: use
    /// `forwardWithIndices`) (PyTorch: `torch.nn.MaxPool2d.ceil_mode`, `return_indices`).
    public let ceilMode: Bool, returnIndices: Bool
    /// PyTorch: `torch.nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`.
    public init(
        kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, dilation: IntOrTuple = 1,
        returnIndices: Bool = false, ceilMode: Bool = false
    ) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.returnIndices = returnIndices
        self.ceilMode = ceilMode
        super.init()
    }
    /// PyTorch: `torch.nn.MaxPool2d(kernel_size, stride=None, padding=0)`, the kernel size unlabelled.
    public convenience init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0) {
        self.init(kernelSize: kernelSize, stride: stride, padding: padding)
    }
    /// PyTorch: `torch.nn.MaxPool2d.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        F.maxPool2d(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    /// `return_indices=True`: (output, indices).
    /// PyTorch: `torch.nn.MaxPool2d.forward` with `return_indices=True`; the indices are flat within each `(H, W)` plane.
    public func forwardWithIndices(_ input: Tensor) -> (output: Tensor, indices: Tensor) {
        F.maxPool2dWithIndices(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    /// PyTorch: `torch.nn.MaxPool2d.extra_repr`.
    public override var extraRepr: String {
        "kernel_size=\(pyIntOrTuple(kernelSize)), stride=\(pyIntOrTuple(stride)), padding=\(pyIntOrTuple(padding)), dilation=\(pyIntOrTuple(dilation)), ceil_mode=\(pyBool(ceilMode))"
    }
}

/// The maximum over each sliding 1-D window (PyTorch: `torch.nn.MaxPool1d`).
public final class MaxPool1d: Module {
    /// No PyTorch counterpart: the fresh `MaxPool1d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        MaxPool1d(
            kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, returnIndices: returnIndices,
            ceilMode: ceilMode)
    }
    /// PyTorch: `torch.nn.MaxPool1d.kernel_size`, `stride`, `padding`, `dilation`, `ceil_mode`, `return_indices`
    /// (`forward` ignores the last: use `forwardWithIndices`).
    public let kernelSize: Int, stride: Int, padding: Int, dilation: Int, ceilMode: Bool, returnIndices: Bool
    /// PyTorch: `torch.nn.MaxPool1d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`.
    public init(
        kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1, returnIndices: Bool = false,
        ceilMode: Bool = false
    ) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.returnIndices = returnIndices
        self.ceilMode = ceilMode
        super.init()
    }
    /// PyTorch: `torch.nn.MaxPool1d.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        F.maxPool1d(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    /// The pooled output and the argmax positions along `L` (PyTorch: `torch.nn.MaxPool1d.forward` with `return_indices=True`).
    public func forwardWithIndices(_ input: Tensor) -> (output: Tensor, indices: Tensor) {
        F.maxPool1dWithIndices(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    /// PyTorch: `torch.nn.MaxPool1d.extra_repr`.
    public override var extraRepr: String {
        "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding), dilation=\(dilation), ceil_mode=\(pyBool(ceilMode))"
    }
}

/// The mean over each sliding 2-D window (PyTorch: `torch.nn.AvgPool2d`).
public final class AvgPool2d: Module {
    /// No PyTorch counterpart: the fresh `AvgPool2d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        AvgPool2d(
            kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
            countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }
    /// PyTorch: `torch.nn.AvgPool2d.kernel_size`, `stride` (defaults to the window), `padding`, `ceil_mode`, `count_include_pad`.
    public let kernelSize: IntOrTuple, stride: IntOrTuple, padding: IntOrTuple, ceilMode: Bool, countIncludePad: Bool
    /// When set, the divisor of every window sum instead of the window size (PyTorch: `torch.nn.AvgPool2d.divisor_override`).
    public let divisorOverride: Int?
    /// PyTorch: `torch.nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)`.
    public init(
        kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, ceilMode: Bool = false,
        countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
        self.divisorOverride = divisorOverride
        super.init()
    }
    /// PyTorch: `torch.nn.AvgPool2d.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        F.avgPool2d(
            input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
            countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }
    /// PyTorch: `torch.nn.AvgPool2d.extra_repr`.
    public override var extraRepr: String {
        "kernel_size=\(pyIntOrTuple(kernelSize)), stride=\(pyIntOrTuple(stride)), padding=\(pyIntOrTuple(padding))"
    }
}

/// Mean pooling to a fixed output size, whatever the input size (PyTorch: `torch.nn.AdaptiveAvgPool2d`).
public final class AdaptiveAvgPool2d: Module {
    /// No PyTorch counterpart: the fresh `AdaptiveAvgPool2d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { AdaptiveAvgPool2d(outputSize) }
    /// The target `(H, W)`; a nil entry keeps that input size (PyTorch: `torch.nn.AdaptiveAvgPool2d.output_size`).
    public let outputSize: AdaptiveOutputSize
    /// PyTorch: `torch.nn.AdaptiveAvgPool2d(output_size)`.
    public init(_ outputSize: AdaptiveOutputSize) {
        self.outputSize = outputSize
        super.init()
    }
    /// PyTorch: `torch.nn.AdaptiveAvgPool2d.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.adaptiveAvgPool2d(input, outputSize: outputSize) }
    /// PyTorch: `torch.nn.AdaptiveAvgPool2d.extra_repr`.
    public override var extraRepr: String { "output_size=\(outputSize)" }
}

/// Max pooling to a fixed output size, whatever the input size (PyTorch: `torch.nn.AdaptiveMaxPool2d`).
public final class AdaptiveMaxPool2d: Module {
    /// No PyTorch counterpart: the fresh `AdaptiveMaxPool2d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module { AdaptiveMaxPool2d(outputSize, returnIndices: returnIndices) }
    /// The target `(H, W)`, and whether indices were asked for (`forward` ignores it: use `forwardWithIndices`)
    /// (PyTorch: `torch.nn.AdaptiveMaxPool2d.output_size`, `return_indices`).
    public let outputSize: AdaptiveOutputSize, returnIndices: Bool
    /// PyTorch: `torch.nn.AdaptiveMaxPool2d(output_size, return_indices=False)`.
    public init(_ outputSize: AdaptiveOutputSize, returnIndices: Bool = false) {
        self.outputSize = outputSize
        self.returnIndices = returnIndices
        super.init()
    }
    /// PyTorch: `torch.nn.AdaptiveMaxPool2d.forward`.
    public override func forward(_ input: Tensor) -> Tensor { F.adaptiveMaxPool2d(input, outputSize: outputSize) }
    /// The pooled output and the argmax positions, flat within each `(H, W)` plane
    /// (PyTorch: `torch.nn.AdaptiveMaxPool2d.forward` with `return_indices=True`).
    public func forwardWithIndices(_ input: Tensor) -> (output: Tensor, indices: Tensor) {
        F.adaptiveMaxPool2dWithIndices(input, outputSize: outputSize)
    }
    /// PyTorch: `torch.nn.AdaptiveMaxPool2d.extra_repr`.
    public override var extraRepr: String { "output_size=\(outputSize)" }
}

/// `nn.Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None)` for 4-D input.
/// PyTorch: `torch.nn.Upsample`.
public final class Upsample: Module {
    /// No PyTorch counterpart: the fresh `Upsample` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Upsample(size: size, scaleFactor: scaleFactor, mode: mode, alignCorners: alignCorners)
    }
    /// The output size or the scale (one of them), the interpolation mode and corner alignment
    /// (PyTorch: `torch.nn.Upsample.size`, `scale_factor`, `mode`, `align_corners`).
    public let size: [Int]?, scaleFactor: Double?, mode: String, alignCorners: Bool?
    /// PyTorch: `torch.nn.Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None)`; one scale for both
    /// spatial dimensions, no `recompute_scale_factor`.
    public init(size: [Int]? = nil, scaleFactor: Double? = nil, mode: String = "nearest", alignCorners: Bool? = nil) {
        self.size = size
        self.scaleFactor = scaleFactor
        self.mode = mode
        self.alignCorners = alignCorners
        super.init()
    }
    /// PyTorch: `torch.nn.Upsample.forward`.
    public override func forward(_ input: Tensor) -> Tensor {
        F.interpolate(input, size: size, scaleFactor: scaleFactor.map { [$0] }, mode: mode, alignCorners: alignCorners)
    }
    /// PyTorch: `torch.nn.Upsample.extra_repr`.
    public override var extraRepr: String {
        (scaleFactor.map { "scale_factor=\(pyFloat($0))" }
            ?? "size=\(size.map { $0.count == 1 ? String($0[0]) : pyTuple($0) } ?? "None")")
            + ", mode='\(mode)'"
    }
}
