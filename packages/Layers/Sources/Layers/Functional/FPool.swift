import TensorCore
import Autodiff

extension F {
    /// `F.max_pool2d(..., return_indices=True)`: (output, int64 indices into each input plane).
    public static func maxPool2dWithIndices(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        dilation: IntOrTuple = 1, ceilMode: Bool = false
    ) -> (output: Tensor, indices: Tensor) {
        let r = recordKernel(
            [input],
            forward: { ctx, x in
                let (y, idx) = NNOps.maxPool2dWithIndices(x[0], kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
                ctx.markNonDifferentiable(idx)
                ctx.saveForBackward(idx)
                return [y, idx]
            },
            backward: { ctx, g in [NNOps.maxPool2dWithIndicesBackward(g[0]!, input, indices: ctx.savedTensors[0])] })
        return (r[0], r[1])
    }

    public static func maxPool2d(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        dilation: IntOrTuple = 1, ceilMode: Bool = false
    ) -> Tensor {
        maxPool2dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode).output
    }

    public static func maxPool1dWithIndices(
        _ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1, ceilMode: Bool = false
    ) -> (output: Tensor, indices: Tensor) {
        let r = recordKernel(
            [input],
            forward: { ctx, x in
                let (y, idx) = NNOps.maxPool1dWithIndices(x[0], kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
                ctx.markNonDifferentiable(idx)
                ctx.saveForBackward(idx)
                return [y, idx]
            },
            backward: { ctx, g in [NNOps.maxPool1dWithIndicesBackward(g[0]!, input, indices: ctx.savedTensors[0])] })
        return (r[0], r[1])
    }

    public static func maxPool1d(
        _ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1, ceilMode: Bool = false
    ) -> Tensor {
        maxPool1dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode).output
    }

    public static func avgPool2d(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) -> Tensor {
        recordKernel(
            [input],
            forward: { _, x in
                [NNOps.avgPool2d(x[0], kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                                 countIncludePad: countIncludePad, divisorOverride: divisorOverride)]
            },
            backward: { _, g in
                [NNOps.avgPool2dBackward(g[0]!, input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                                         countIncludePad: countIncludePad, divisorOverride: divisorOverride)]
            })[0]
    }

    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: IntOrTuple) -> Tensor {
        recordKernel(
            [input],
            forward: { _, x in [NNOps.adaptiveAvgPool2d(x[0], outputSize: outputSize)] },
            backward: { _, g in [NNOps.adaptiveAvgPool2dBackward(g[0]!, input)] })[0]
    }

    public static func adaptiveMaxPool2dWithIndices(_ input: Tensor, outputSize: IntOrTuple) -> (output: Tensor, indices: Tensor) {
        let r = recordKernel(
            [input],
            forward: { ctx, x in
                let (y, idx) = NNOps.adaptiveMaxPool2d(x[0], outputSize: outputSize)
                ctx.markNonDifferentiable(idx)
                ctx.saveForBackward(idx)
                return [y, idx]
            },
            backward: { ctx, g in [NNOps.adaptiveMaxPool2dBackward(g[0]!, input, indices: ctx.savedTensors[0])] })
        return (r[0], r[1])
    }

    public static func adaptiveMaxPool2d(_ input: Tensor, outputSize: IntOrTuple) -> Tensor {
        adaptiveMaxPool2dWithIndices(input, outputSize: outputSize).output
    }

    /// `F.interpolate` for [N, C, H, W] input, modes "nearest" and "bilinear": output size from `size`
    /// or floor(in · scale), the scale passed on to the kernel as torch does.
    public static func interpolate(
        _ input: Tensor, size: [Int]? = nil, scaleFactor: [Double]? = nil, mode: String = "nearest", alignCorners: Bool? = nil
    ) -> Tensor {
        torchCheck(input.ndim == 4, "Input Error: Only 4D input Tensors are supported here (got \(input.ndim)D) for the modes: nearest | bilinear")
        torchCheck((size == nil) != (scaleFactor == nil), "only one of size or scale_factor should be defined")
        torchCheck(mode == "nearest" || mode == "bilinear", "interpolate: mode '\(mode)' is not supported here")
        if mode == "nearest" { torchCheck(alignCorners == nil, "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear") }
        let inSize = [input.size(2), input.size(3)]
        let factors = scaleFactor.map { $0.count == 1 ? [$0[0], $0[0]] : $0 }
        let outSize = size.map { $0.count == 1 ? [$0[0], $0[0]] : $0 } ?? (0..<2).map { Int((Double(inSize[$0]) * factors![$0]).rounded(.down)) }
        let scales: [Double?] = factors.map { [$0[0], $0[1]] } ?? [nil, nil]
        let fullIn = input.sizes
        let align = alignCorners ?? false
        return recordKernel(
            [input],
            forward: { _, x in
                [mode == "nearest" ? NNOps.upsampleNearest2d(x[0], outputSize: outSize, scales: scales)
                    : NNOps.upsampleBilinear2d(x[0], outputSize: outSize, alignCorners: align, scales: scales)]
            },
            backward: { _, g in
                [mode == "nearest" ? NNOps.upsampleNearest2dBackward(g[0]!, outputSize: outSize, inputSize: fullIn, scales: scales)
                    : NNOps.upsampleBilinear2dBackward(g[0]!, outputSize: outSize, inputSize: fullIn, alignCorners: align, scales: scales)]
            })[0]
    }
}
