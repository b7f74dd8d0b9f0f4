import Autodiff
import TensorCore

/// The 3-D functional ops: `F.conv3d`, `F.max_pool3d`, `F.avg_pool3d`, `F.adaptive_avg_pool3d`.
extension F {
    /// `F.conv3d(input, weight, bias, stride, padding, dilation, groups)`; input [N, C, D, H, W] or unbatched.
    /// PyTorch: `torch.nn.functional.conv3d`.
    public static func conv3d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1, padding: ConvPadding = 0,
        dilation: IntOrTuple = 1, groups: Int = 1
    ) -> Tensor {
        NNOps.convNd(
            input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups, spatial: 3)
    }

    /// The maximum over each sliding 3-D window (PyTorch: `torch.nn.functional.max_pool3d`).
    public static func maxPool3d(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        dilation: IntOrTuple = 1,
        ceilMode: Bool = false
    ) -> Tensor {
        maxPool3dWithIndices(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode
        ).output
    }

    /// `F.max_pool3d(..., return_indices=True)`: indices are flat positions in each input volume.
    /// PyTorch: `torch.nn.functional.max_pool3d_with_indices`.
    public static func maxPool3dWithIndices(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        dilation: IntOrTuple = 1,
        ceilMode: Bool = false
    ) -> (output: Tensor, indices: Tensor) {
        NNOps.maxPool3dWithIndices(
            input, kernelSize: kernelSize.values, stride: (stride ?? kernelSize).values,
            padding: padding.values, dilation: dilation.values, ceilMode: ceilMode)
    }

    /// The mean over each sliding 3-D window (PyTorch: `torch.nn.functional.avg_pool3d`).
    public static func avgPool3d(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        ceilMode: Bool = false,
        countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) -> Tensor {
        NNOps.avgPool3d(
            input, kernelSize: kernelSize.values, stride: (stride ?? kernelSize).values, padding: padding.values,
            ceilMode: ceilMode, countIncludePad: countIncludePad, divisorOverride: divisorOverride)
    }

    /// Mean pooling to a fixed `(D, H, W)`, whatever the input size (PyTorch: `torch.nn.functional.adaptive_avg_pool3d`).
    public static func adaptiveAvgPool3d(_ input: Tensor, outputSize: AdaptiveOutputSize) -> Tensor {
        NNOps.adaptiveAvgPool3d(input, outputSize: outputSize)
    }
}
