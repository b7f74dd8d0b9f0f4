import TensorCore

/// `nn.MaxPool3d(kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False)`.
public final class MaxPool3d: Module {
    public override func makeCopy() -> Module { MaxPool3d(kernelSize, stride: stride, padding: padding, dilation: dilation, returnIndices: returnIndices, ceilMode: ceilMode) }
    public let kernelSize: IntOrTuple, stride: IntOrTuple, padding: IntOrTuple, dilation: IntOrTuple
    public let ceilMode: Bool, returnIndices: Bool
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, dilation: IntOrTuple = 1,
                returnIndices: Bool = false, ceilMode: Bool = false) {
        (self.kernelSize, self.stride, self.padding, self.dilation) = (kernelSize, stride ?? kernelSize, padding, dilation)
        (self.returnIndices, self.ceilMode) = (returnIndices, ceilMode)
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor {
        F.maxPool3d(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    /// `return_indices=True`: (output, indices).
    public func forwardWithIndices(_ input: Tensor) -> (output: Tensor, indices: Tensor) {
        F.maxPool3dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    public override var extraRepr: String {
        "kernel_size=\(pyIntOrTuple(kernelSize)), stride=\(pyIntOrTuple(stride)), padding=\(pyIntOrTuple(padding)), dilation=\(pyIntOrTuple(dilation)), ceil_mode=\(pyBool(ceilMode))"
    }
}

/// `nn.AvgPool3d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)`.
public final class AvgPool3d: Module {
    public override func makeCopy() -> Module { AvgPool3d(kernelSize, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad, divisorOverride: divisorOverride) }
    public let kernelSize: IntOrTuple, stride: IntOrTuple, padding: IntOrTuple, ceilMode: Bool, countIncludePad: Bool
    public let divisorOverride: Int?
    public init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, ceilMode: Bool = false,
                countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        (self.kernelSize, self.stride, self.padding) = (kernelSize, stride ?? kernelSize, padding)
        (self.ceilMode, self.countIncludePad, self.divisorOverride) = (ceilMode, countIncludePad, divisorOverride)
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor {
        F.avgPool3d(input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                    countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }
    public override var extraRepr: String {
        "kernel_size=\(pyIntOrTuple(kernelSize)), stride=\(pyIntOrTuple(stride)), padding=\(pyIntOrTuple(padding))"
    }
}

/// `nn.AdaptiveAvgPool3d(output_size)`.
public final class AdaptiveAvgPool3d: Module {
    public override func makeCopy() -> Module { AdaptiveAvgPool3d(outputSize) }
    public let outputSize: AdaptiveOutputSize
    public init(_ outputSize: AdaptiveOutputSize) {
        self.outputSize = outputSize
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor { F.adaptiveAvgPool3d(input, outputSize: outputSize) }
    public override var extraRepr: String { "output_size=\(outputSize)" }
}
