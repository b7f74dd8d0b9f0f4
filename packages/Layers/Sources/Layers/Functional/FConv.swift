import TensorCore

extension F {
    /// `F.pad(input, pad, mode, value)`; pad lists (left, right) pairs from the last dim backwards.
    /// PyTorch: `torch.nn.functional.pad`; modes `"constant"`, `"reflect"`, `"replicate"`, `"circular"`.
    public static func pad(_ input: Tensor, _ pad: [Int], mode: String = "constant", value: Scalar? = nil) -> Tensor {
        NNOps.pad(input, pad: pad, mode: mode, value: value)
    }

    /// PyTorch: `torch.nn.functional.conv1d`; input `(N, C, L)` or unbatched `(C, L)`, weight `(out, C / groups, k)`.
    public static func conv1d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1, padding: ConvPadding = 0,
        dilation: IntOrTuple = 1, groups: Int = 1
    ) -> Tensor {
        NNOps.convNd(
            input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups, spatial: 1)
    }

    /// PyTorch: `torch.nn.functional.conv2d`; input `(N, C, H, W)` or unbatched `(C, H, W)`, weight `(out, C / groups, kH, kW)`.
    public static func conv2d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1, padding: ConvPadding = 0,
        dilation: IntOrTuple = 1, groups: Int = 1
    ) -> Tensor {
        NNOps.convNd(
            input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups, spatial: 2)
    }

    /// PyTorch: `torch.nn.functional.conv_transpose2d`; input `(N, C, H, W)` or unbatched, weight `(C, out / groups, kH, kW)`.
    public static func convTranspose2d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1, padding: IntOrTuple = 0,
        outputPadding: IntOrTuple = 0, groups: Int = 1, dilation: IntOrTuple = 1
    ) -> Tensor {
        NNOps.convTransposeNd(input, weight, bias, stride, padding, outputPadding, groups, dilation, spatial: 2)
    }

    /// The transposed 1-D convolution ("deconvolution"): input `(N, C, L)` or unbatched `(C, L)`, weight
    /// `(C, out / groups, k)` (PyTorch: `torch.nn.functional.conv_transpose1d`).
    public static func convTranspose1d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1, padding: IntOrTuple = 0,
        outputPadding: IntOrTuple = 0, groups: Int = 1, dilation: IntOrTuple = 1
    ) -> Tensor {
        NNOps.convTransposeNd(input, weight, bias, stride, padding, outputPadding, groups, dilation, spatial: 1)
    }
}
