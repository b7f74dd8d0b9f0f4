import TensorCore

/// A per-spatial-dim value as torch's `_pair`: one int repeats, a tuple must have `count` entries.
func expandTuple(_ v: IntOrTuple, _ count: Int, _ name: String) -> [Int] {
    if v.values.count == 1 { return Array(repeating: v.values[0], count: count) }
    torchCheck(v.values.count == count,
               "expected \(name) to be a single integer value or a list of \(count) values to match the convolution dimensions, but got \(name)=[\(v.values.map(String.init).joined(separator: ", "))]")
    return v.values
}

extension F {
    /// `F.pad(input, pad, mode, value)`; pad lists (left, right) pairs from the last dim backwards.
    public static func pad(_ input: Tensor, _ pad: [Int], mode: String = "constant", value: Scalar? = nil) -> Tensor {
        NNOps.pad(input, pad: pad, mode: mode, value: value)
    }

    /// `torch.convolution` recorded with `convolution_backward` (explicit symmetric padding).
    static func convolution(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: [Int], padding: [Int], dilation: [Int],
        transposed: Bool, outputPadding: [Int], groups: Int
    ) -> Tensor {
        NNOps.convolution(
            input, weight, bias, stride: stride, padding: padding, dilation: dilation, transposed: transposed,
            outputPadding: outputPadding, groups: groups)
    }

    static func convNd(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: IntOrTuple, padding: ConvPadding, dilation: IntOrTuple,
        groups: Int, spatial: Int
    ) -> Tensor {
        let d = input.ndim
        torchCheck(d == spatial + 1 || d == spatial + 2,
                   "Expected \(spatial + 1)D (unbatched) or \(spatial + 2)D (batched) input to conv\(spatial)d, but got input of size: [\(input.sizes.map(String.init).joined(separator: ", "))]")
        let batched = d == spatial + 2
        var x = batched ? input : input.unsqueeze(0)
        let strides = expandTuple(stride, spatial, "stride"), dilations = expandTuple(dilation, spatial, "dilation")
        var pads: [Int]
        switch padding {
        case .explicit(let p): pads = expandTuple(IntOrTuple(p), spatial, "padding")
        case .valid: pads = Array(repeating: 0, count: spatial)
        case .same:
            torchCheck(strides.allSatisfy { $0 == 1 }, "padding='same' is not supported for strided convolutions")
            // Total d·(k − 1); an odd total puts the extra element on the right, as torch does.
            let totals = (0..<spatial).map { dilations[$0] * (weight.size(2 + $0) - 1) }
            pads = totals.map { $0 / 2 }
            if totals.contains(where: { $0 % 2 == 1 }) {
                x = pad(x, totals.reversed().flatMap { [0, $0 % 2] })
            }
        }
        let y = convolution(x, weight, bias, stride: strides, padding: pads, dilation: dilations, transposed: false,
                            outputPadding: Array(repeating: 0, count: spatial), groups: groups)
        return batched ? y : y.squeeze(dim: 0)
    }

    public static func conv1d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1, padding: ConvPadding = 0,
        dilation: IntOrTuple = 1, groups: Int = 1
    ) -> Tensor {
        convNd(input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups, spatial: 1)
    }

    public static func conv2d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1, padding: ConvPadding = 0,
        dilation: IntOrTuple = 1, groups: Int = 1
    ) -> Tensor {
        convNd(input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups, spatial: 2)
    }

    public static func convTranspose2d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1, padding: IntOrTuple = 0,
        outputPadding: IntOrTuple = 0, groups: Int = 1, dilation: IntOrTuple = 1
    ) -> Tensor {
        convTransposeNd(input, weight, bias, stride, padding, outputPadding, groups, dilation, spatial: 2)
    }

    /// `torch.nn.functional.conv_transpose1d`: input [N, C_in, L] or unbatched [C_in, L], weight
    /// [C_in, C_out / groups, k].
    public static func convTranspose1d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1, padding: IntOrTuple = 0,
        outputPadding: IntOrTuple = 0, groups: Int = 1, dilation: IntOrTuple = 1
    ) -> Tensor {
        convTransposeNd(input, weight, bias, stride, padding, outputPadding, groups, dilation, spatial: 1)
    }

    private static func convTransposeNd(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, _ stride: IntOrTuple, _ padding: IntOrTuple,
        _ outputPadding: IntOrTuple, _ groups: Int, _ dilation: IntOrTuple, spatial: Int
    ) -> Tensor {
        let d = input.ndim
        torchCheck(d == spatial + 1 || d == spatial + 2,
                   "Expected \(spatial + 1)D (unbatched) or \(spatial + 2)D (batched) input to conv_transpose\(spatial)d, but got input of size: [\(input.sizes.map(String.init).joined(separator: ", "))]")
        let x = d == spatial + 2 ? input : input.unsqueeze(0)
        let y = convolution(
            x, weight, bias, stride: expandTuple(stride, spatial, "stride"), padding: expandTuple(padding, spatial, "padding"),
            dilation: expandTuple(dilation, spatial, "dilation"), transposed: true,
            outputPadding: expandTuple(outputPadding, spatial, "output_padding"), groups: groups)
        return d == spatial + 2 ? y : y.squeeze(dim: 0)
    }
}
