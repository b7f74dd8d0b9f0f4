import TensorCore

extension F {
    /// `F.max_pool2d(..., return_indices=True)`: (output, int64 indices into each input plane).
    /// PyTorch: `torch.nn.functional.max_pool2d_with_indices`.
    public static func maxPool2dWithIndices(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        dilation: IntOrTuple = 1, ceilMode: Bool = false
    ) -> (output: Tensor, indices: Tensor) {
        NNOps.maxPool2dWithIndices(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }

    /// The maximum over each sliding 2-D window of `(N, C, H, W)` or `(C, H, W)` input (PyTorch: `torch.nn.functional.max_pool2d`).
    public static func maxPool2d(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        dilation: IntOrTuple = 1, ceilMode: Bool = false
    ) -> Tensor {
        maxPool2dWithIndices(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode
        ).output
    }

    /// The pooled output and the argmax positions along `L` (PyTorch: `torch.nn.functional.max_pool1d_with_indices`).
    public static func maxPool1dWithIndices(
        _ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
        ceilMode: Bool = false
    ) -> (output: Tensor, indices: Tensor) {
        NNOps.maxPool1dWithIndices(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }

    /// The maximum over each sliding window of `(N, C, L)` or `(C, L)` input (PyTorch: `torch.nn.functional.max_pool1d`).
    public static func maxPool1d(
        _ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
        ceilMode: Bool = false
    ) -> Tensor {
        NNOps.maxPool1d(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }

    /// The mean over each sliding 2-D window (PyTorch: `torch.nn.functional.avg_pool2d`).
    public static func avgPool2d(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) -> Tensor {
        NNOps.avgPool2d(
            input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
            countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }

    /// Mean pooling to a fixed `(H, W)`, whatever the input size (PyTorch: `torch.nn.functional.adaptive_avg_pool2d`).
    public static func adaptiveAvgPool2d(_ input: Tensor, outputSize: AdaptiveOutputSize) -> Tensor {
        NNOps.adaptiveAvgPool2d(input, outputSize: outputSize)
    }

    /// The pooled output and int64 indices, flat within each input plane (PyTorch: `torch.nn.functional.adaptive_max_pool2d_with_indices`).
    public static func adaptiveMaxPool2dWithIndices(_ input: Tensor, outputSize: AdaptiveOutputSize) -> (
        output: Tensor, indices: Tensor
    ) {
        NNOps.adaptiveMaxPool2d(input, outputSize: outputSize)
    }

    /// Max pooling to a fixed `(H, W)`, whatever the input size (PyTorch: `torch.nn.functional.adaptive_max_pool2d`).
    public static func adaptiveMaxPool2d(_ input: Tensor, outputSize: AdaptiveOutputSize) -> Tensor {
        adaptiveMaxPool2dWithIndices(input, outputSize: outputSize).output
    }

    /// The mean over each sliding window of a sequence: input `(N, C, L)` or unbatched `(C, L)`
    /// (PyTorch: `torch.nn.functional.avg_pool1d`).
    public static func avgPool1d(
        _ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false,
        countIncludePad: Bool = true
    ) -> Tensor {
        NNOps.avgPool1d(
            input, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
            countIncludePad: countIncludePad)
    }

    /// The mean over `outputSize` adaptive windows of a sequence (PyTorch:
    /// `torch.nn.functional.adaptive_avg_pool1d`).
    public static func adaptiveAvgPool1d(_ input: Tensor, outputSize: Int) -> Tensor {
        NNOps.adaptiveAvgPool1d(input, outputSize: outputSize)
    }

    /// The maximum over `outputSize` adaptive windows of a sequence, with the int64 position of each
    /// (PyTorch: `torch.nn.functional.adaptive_max_pool1d(..., return_indices=True)`).
    public static func adaptiveMaxPool1dWithIndices(_ input: Tensor, outputSize: Int) -> (
        output: Tensor, indices: Tensor
    ) {
        NNOps.adaptiveMaxPool1d(input, outputSize: outputSize)
    }

    /// The maximum over `outputSize` adaptive windows of a sequence (PyTorch:
    /// `torch.nn.functional.adaptive_max_pool1d`).
    public static func adaptiveMaxPool1d(_ input: Tensor, outputSize: Int) -> Tensor {
        adaptiveMaxPool1dWithIndices(input, outputSize: outputSize).output
    }

    /// `F.interpolate`: "nearest" on [N, C, L], [N, C, H, W] and [N, C, D, H, W] input, "linear" on [N, C, L],
    /// "bilinear" on [N, C, H, W], "trilinear" on [N, C, D, H, W]; output size from `size` or floor(in · scale),
    /// the scale passed on to the kernel as torch does.
    /// PyTorch: `torch.nn.functional.interpolate`; no `recompute_scale_factor` or `antialias`.
    public static func interpolate(
        _ input: Tensor, size: [Int]? = nil, scaleFactor: [Double]? = nil, mode: String = "nearest",
        alignCorners: Bool? = nil
    ) -> Tensor {
        NNOps.interpolate(input, size: size, scaleFactor: scaleFactor, mode: mode, alignCorners: alignCorners)
    }
}
