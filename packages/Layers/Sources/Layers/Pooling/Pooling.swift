import TensorCore

/// An int or tuple as torch stores and prints it (`2` or `(2, 3)`).
func pyIntOrTuple(_ v: IntOrTuple) -> String { v.values.count == 1 ? String(v.values[0]) : pyTuple(v.values) }

public final class MaxPool2d: Module {
    public override func makeCopy() -> Module { MaxPool2d(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, returnIndices: returnIndices, ceilMode: ceilMode) }
    public let kernelSize: IntOrTuple, stride: IntOrTuple, padding: IntOrTuple, dilation: IntOrTuple
    public let ceilMode: Bool, returnIndices: Bool
    public init(kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, dilation: IntOrTuple = 1,
                returnIndices: Bool = false, ceilMode: Bool = false) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.returnIndices = returnIndices
        self.ceilMode = ceilMode
        super.init()
    }
    public convenience init(_ kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0) {
        self.init(kernelSize: kernelSize, stride: stride, padding: padding)
    }
    public override func forward(_ input: Tensor) -> Tensor {
        F.maxPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    /// `return_indices=True`: (output, indices).
    public func forwardWithIndices(_ input: Tensor) -> (output: Tensor, indices: Tensor) {
        F.maxPool2dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    public override var extraRepr: String {
        "kernel_size=\(pyIntOrTuple(kernelSize)), stride=\(pyIntOrTuple(stride)), padding=\(pyIntOrTuple(padding)), dilation=\(pyIntOrTuple(dilation)), ceil_mode=\(pyBool(ceilMode))"
    }
}

public final class MaxPool1d: Module {
    public override func makeCopy() -> Module { MaxPool1d(kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, returnIndices: returnIndices, ceilMode: ceilMode) }
    public let kernelSize: Int, stride: Int, padding: Int, dilation: Int, ceilMode: Bool, returnIndices: Bool
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1, returnIndices: Bool = false, ceilMode: Bool = false) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.dilation = dilation
        self.returnIndices = returnIndices
        self.ceilMode = ceilMode
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor {
        F.maxPool1d(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    public func forwardWithIndices(_ input: Tensor) -> (output: Tensor, indices: Tensor) {
        F.maxPool1dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }
    public override var extraRepr: String {
        "kernel_size=\(kernelSize), stride=\(stride), padding=\(padding), dilation=\(dilation), ceil_mode=\(pyBool(ceilMode))"
    }
}

public final class AvgPool2d: Module {
    public override func makeCopy() -> Module { AvgPool2d(kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode, countIncludePad: countIncludePad, divisorOverride: divisorOverride) }
    public let kernelSize: IntOrTuple, stride: IntOrTuple, padding: IntOrTuple, ceilMode: Bool, countIncludePad: Bool
    public let divisorOverride: Int?
    public init(kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0, ceilMode: Bool = false,
                countIncludePad: Bool = true, divisorOverride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
        self.padding = padding
        self.ceilMode = ceilMode
        self.countIncludePad = countIncludePad
        self.divisorOverride = divisorOverride
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor {
        F.avgPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                    countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }
    public override var extraRepr: String {
        "kernel_size=\(pyIntOrTuple(kernelSize)), stride=\(pyIntOrTuple(stride)), padding=\(pyIntOrTuple(padding))"
    }
}

public final class AdaptiveAvgPool2d: Module {
    public override func makeCopy() -> Module { AdaptiveAvgPool2d(outputSize) }
    public let outputSize: AdaptiveOutputSize
    public init(_ outputSize: AdaptiveOutputSize) { self.outputSize = outputSize; super.init() }
    public override func forward(_ input: Tensor) -> Tensor { F.adaptiveAvgPool2d(input, outputSize: outputSize) }
    public override var extraRepr: String { "output_size=\(outputSize)" }
}

public final class AdaptiveMaxPool2d: Module {
    public override func makeCopy() -> Module { AdaptiveMaxPool2d(outputSize, returnIndices: returnIndices) }
    public let outputSize: AdaptiveOutputSize, returnIndices: Bool
    public init(_ outputSize: AdaptiveOutputSize, returnIndices: Bool = false) {
        self.outputSize = outputSize
        self.returnIndices = returnIndices
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor { F.adaptiveMaxPool2d(input, outputSize: outputSize) }
    public func forwardWithIndices(_ input: Tensor) -> (output: Tensor, indices: Tensor) {
        F.adaptiveMaxPool2dWithIndices(input, outputSize: outputSize)
    }
    public override var extraRepr: String { "output_size=\(outputSize)" }
}

/// `nn.Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None)` for 4-D input.
public final class Upsample: Module {
    public override func makeCopy() -> Module { Upsample(size: size, scaleFactor: scaleFactor, mode: mode, alignCorners: alignCorners) }
    public let size: [Int]?, scaleFactor: Double?, mode: String, alignCorners: Bool?
    public init(size: [Int]? = nil, scaleFactor: Double? = nil, mode: String = "nearest", alignCorners: Bool? = nil) {
        self.size = size
        self.scaleFactor = scaleFactor
        self.mode = mode
        self.alignCorners = alignCorners
        super.init()
    }
    public override func forward(_ input: Tensor) -> Tensor {
        F.interpolate(input, size: size, scaleFactor: scaleFactor.map { [$0] }, mode: mode, alignCorners: alignCorners)
    }
    public override var extraRepr: String {
        (scaleFactor.map { "scale_factor=\(pyFloat($0))" } ?? "size=\(size.map { $0.count == 1 ? String($0[0]) : pyTuple($0) } ?? "None")")
            + ", mode='\(mode)'"
    }
}
