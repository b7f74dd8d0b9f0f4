/// `torch.nn.functional.conv3d` (explicit symmetric padding, batched input) and its backward, through
/// vol2col + GEMM (`Conv3dEngine`). Recorded as `ConvolutionBackward0`, like the 1-D and 2-D convolutions.
extension NNOps {
    /// input [N, C, D, H, W], weight [out, C/groups, kD, kH, kW] → [N, out, oD, oH, oW].
    package static func conv3d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: [Int], padding: [Int], dilation: [Int],
        groups: Int
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.lowerPrecision, [input, weight, bias]) { c in
                conv3d(c[0]!, c[1]!, c[2], stride: stride, padding: padding, dilation: dilation, groups: groups)
            }
        }
        let params = Conv3dParams(stride: stride, padding: padding, dilation: dilation, groups: groups)
        params.check(input, weight, bias)
        if input.dtype.isIntegral {
            return integerConvolution(
                input, weight, bias, stride: params.stride, padding: params.padding, dilation: params.dilation,
                groups: params.groups, outputSize: params.outputSize(input.sizes, weight.sizes))
        }
        if nnAnyReduced(input, weight, bias) {
            return conv3d(
                input.opmath, weight.opmath, bias?.opmath, stride: stride, padding: padding, dilation: dilation,
                groups: groups
            )
            .to(input.dtype)
        }
        return Conv3dForward(input: input, weight: weight, bias: bias, params: params)
            .dispatch(input.dtype, "compute_columns3d")
            .recorded(
                .convolution(
                    stride: params.stride, padding: params.padding, dilation: params.dilation, transposed: false,
                    outputPadding: [0, 0, 0], groups: groups),
                input, weight, bias)
    }

    /// Gradients of `conv3d` w.r.t. input, weight and (when `hasBias`) bias.
    package static func conv3dBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ weight: Tensor, hasBias: Bool, stride: [Int], padding: [Int],
        dilation: [Int], groups: Int
    ) -> (gradInput: Tensor, gradWeight: Tensor, gradBias: Tensor?) {
        let params = Conv3dParams(stride: stride, padding: padding, dilation: dilation, groups: groups)
        params.check(input, weight, nil)
        let expected = params.outputSize(input.sizes, weight.sizes)
        torchCheck(
            gradOutput.sizes == expected,
            "Expected grad_output of size \(shapeString(expected)) but got \(shapeString(gradOutput.sizes))")
        nnCheckSameDType(input, gradOutput)
        if nnAnyReduced(input, weight) {
            let r = conv3dBackward(
                gradOutput.opmath, input.opmath, weight.opmath, hasBias: hasBias, stride: stride, padding: padding,
                dilation: dilation, groups: groups)
            return (r.gradInput.to(input.dtype), r.gradWeight.to(weight.dtype), r.gradBias?.to(weight.dtype))
        }
        return Conv3dBackward(gradOutput: gradOutput, input: input, weight: weight, params: params, hasBias: hasBias)
            .dispatch(input.dtype, "convolution_backward")
    }
}

/// Stride, padding, dilation and groups of a 3-D convolution, validated with torch's messages.
struct Conv3dParams {
    let stride: [Int], padding: [Int], dilation: [Int], groups: Int

    init(stride: [Int], padding: [Int], dilation: [Int], groups: Int) {
        self.stride = stride.expanded(to: 3, "stride")
        self.padding = padding.expanded(to: 3, "padding")
        self.dilation = dilation.expanded(to: 3, "dilation")
        self.groups = groups
        torchCheck(!self.stride.contains { $0 <= 0 }, "non-positive stride is not supported")
        torchCheck(!self.padding.contains { $0 < 0 }, "negative padding is not supported")
        torchCheck(
            !self.dilation.contains { $0 <= 0 },
            "dilation should be greater than zero, but got \(shapeString(self.dilation))")
        torchCheck(groups > 0, "non-positive groups is not supported")
    }

    func check(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?) {
        let ws = shapeString(weight.sizes)
        torchCheck(
            weight.ndim == 5,
            "Expected 5-dimensional weight for conv3d, but got \(weight.ndim)-dimensional weight of size \(ws)")
        torchCheck(
            input.ndim == 5,
            "Expected 5-dimensional input for 5-dimensional weight \(ws), but got \(input.ndim)-dimensional input of size \(shapeString(input.sizes)) instead"
        )
        nnCheckSameDType(input, weight)
        torchCheck(
            weight.size(0) % groups == 0,
            "Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size [\(ws)] instead"
        )
        torchCheck(
            input.size(1) == weight.size(1) * groups,
            "Given groups=\(groups), weight of size \(ws), expected input\(shapeString(input.sizes)) to have \(weight.size(1) * groups) channels, but got \(input.size(1)) channels instead"
        )
        if let bias {
            torchCheck(
                bias.ndim == 1 && bias.size(0) == weight.size(0),
                "Given weight of size \(ws), expected bias to be 1-dimensional with \(weight.size(0)) elements, but got bias of size \(shapeString(bias.sizes)) instead"
            )
            nnCheckSameDType(input, bias)
        }
        let padded = (0..<3).map { input.size(2 + $0) + 2 * padding[$0] }
        let kernel = (0..<3).map { dilation[$0] * (weight.size(2 + $0) - 1) + 1 }
        torchCheck(
            zip(padded, kernel).allSatisfy { $0 >= $1 },
            "Calculated padded input size per channel: (\(padded.map(String.init).joined(separator: " x "))). Kernel size: (\(kernel.map(String.init).joined(separator: " x "))). Kernel size can't be greater than actual input size"
        )
        let out = outputSize(input.sizes, weight.sizes)
        torchCheck(
            out.dropFirst(2).allSatisfy { $0 > 0 },
            "Given input size: (\(input.sizes.dropFirst().map(String.init).joined(separator: "x"))). Calculated output size: (\(out.dropFirst().map(String.init).joined(separator: "x"))). Output size is too small"
        )
    }

    func outputSize(_ input: [Int], _ weight: [Int]) -> [Int] {
        [input[0], weight[0]]
            + (0..<3).map { i in (input[2 + i] + 2 * padding[i] - dilation[i] * (weight[2 + i] - 1) - 1) / stride[i] + 1
            }
    }

    func engine<T: NNFloat>(_: T.Type, input: [Int], weight: [Int]) -> Conv3dEngine<T> {
        let out = outputSize(input, weight)
        let geometry = Conv3dGeometry(
            channels: input[1] / groups, inD: input[2], inH: input[3], inW: input[4], outD: out[2], outH: out[3],
            outW: out[4],
            k: (weight[2], weight[3], weight[4]), s: (stride[0], stride[1], stride[2]),
            p: (padding[0], padding[1], padding[2]), d: (dilation[0], dilation[1], dilation[2]))
        return Conv3dEngine<T>(geometry: geometry, groups: groups, outPerGroup: out[1] / groups, batch: input[0])
    }
}

private struct Conv3dForward: NNKernel {
    let input: Tensor, weight: Tensor, bias: Tensor?
    let params: Conv3dParams

    func run<T: NNFloat>(_: T.Type) -> Tensor {
        let x = input.contiguous(), w = weight.contiguous()
        let shape = params.outputSize(x.sizes, w.sizes)
        let out = Tensor(uninitializedShape: shape, dtype: x.dtype)
        if out.numel == 0 { return out }
        if x.numel == 0 {
            out.zero_()
        } else {
            params.engine(T.self, input: x.sizes, weight: w.sizes)
                .gather(input: x.pointer(T.self), weight: w.pointer(T.self), out: out.mutablePointer(T.self))
        }
        if let bias {
            let b = bias.contiguous()
            nnAddBias(
                out.mutablePointer(T.self), b.pointer(T.self), batch: shape[0], channels: shape[1],
                plane: shape.dropFirst(2).reduce(1, *))
        }
        return out
    }
}

private struct Conv3dBackward: NNKernel {
    let gradOutput: Tensor, input: Tensor, weight: Tensor
    let params: Conv3dParams
    let hasBias: Bool

    func run<T: NNFloat>(_: T.Type) -> (gradInput: Tensor, gradWeight: Tensor, gradBias: Tensor?) {
        let gy = gradOutput.contiguous(), x = input.contiguous(), w = weight.contiguous()
        let gi = Tensor(uninitializedShape: x.sizes, dtype: x.dtype)
        let gw = Tensor(uninitializedShape: w.sizes, dtype: w.dtype)
        if x.numel == 0 || gy.numel == 0 {
            gi.zero_()
            gw.zero_()
        } else {
            let engine = params.engine(T.self, input: x.sizes, weight: w.sizes)
            engine.scatter(
                gradOutput: gy.pointer(T.self), weight: w.pointer(T.self), gradInput: gi.mutablePointer(T.self))
            engine.weightGradient(
                gradOutput: gy.pointer(T.self), input: x.pointer(T.self), out: gw.mutablePointer(T.self))
        }
        var gb: Tensor?
        if hasBias {
            let channels = gy.size(1)
            let b = Tensor(uninitializedShape: [channels], dtype: gy.dtype)
            nnSumPerChannel(
                gy.pointer(T.self), b.mutablePointer(T.self), batch: gy.size(0), channels: channels,
                plane: gy.sizes.dropFirst(2).reduce(1, *))
            gb = b
        }
        return (gi, gw, gb)
    }
}
