import TensorCore

/// `nn.Conv3d(in, out, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True, padding_mode='zeros')`.
/// PyTorch: `torch.nn.Conv3d`.
public final class Conv3d: ConvNd {
    /// No PyTorch counterpart: the fresh `Conv3d` with this configuration that `deepCopy()` fills.
    public override func makeCopy() -> Module {
        Conv3d(
            inChannels, outChannels, kernelSize: IntOrTuple(kernelSize), stride: IntOrTuple(stride), padding: padding,
            dilation: IntOrTuple(dilation), groups: groups, bias: bias != nil, paddingMode: paddingMode)
    }
    /// PyTorch: `torch.nn.Conv3d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
    /// padding_mode='zeros')`.
    public init(
        _ inChannels: Int, _ outChannels: Int, kernelSize: IntOrTuple, stride: IntOrTuple = 1, padding: ConvPadding = 0,
        dilation: IntOrTuple = 1, groups: Int = 1, bias: Bool = true, paddingMode: String = "zeros"
    ) {
        super.init(
            inChannels, outChannels, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
            transposed: false, outputPadding: 0, groups: groups, bias: bias, paddingMode: paddingMode, spatial: 3)
    }

    /// `(N, inChannels, D, H, W)` or unbatched to `(N, outChannels, D_out, H_out, W_out)` (PyTorch: `torch.nn.Conv3d.forward`).
    public override func forward(_ input: Tensor) -> Tensor {
        if paddingMode != "zeros" {
            return F.conv3d(
                F.pad(input, reversedPaddingRepeatedTwice, mode: paddingMode), weight, bias, stride: IntOrTuple(stride),
                padding: 0, dilation: IntOrTuple(dilation), groups: groups)
        }
        return F.conv3d(
            input, weight, bias, stride: IntOrTuple(stride), padding: padding, dilation: IntOrTuple(dilation),
            groups: groups)
    }
}
