/// `torch.ops.aten.convolution_backward`: gradients of `NNOps.convolution` w.r.t. input, weight and bias.
extension NNOps {
    /// `outputMask` selects which of (input, weight, bias) gradients to compute; the others are nil.
    /// `biasSizes` is the bias's shape in the forward call (nil: there was no bias).
    package static func convolutionBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ weight: Tensor, biasSizes: [Int]?, stride: [Int], padding: [Int],
        dilation: [Int], transposed: Bool, outputPadding: [Int], groups: Int, outputMask: [Bool] = [true, true, true]
    ) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?) {
        if gradOutput.dtype == .bfloat16, input.ndim == gradOutput.ndim, input.ndim == weight.ndim,
            let r = bf16ConvolutionBackward(
                gradOutput, input, weight, stride: stride, padding: padding, dilation: dilation, transposed: transposed,
                outputPadding: outputPadding, groups: groups, outputMask: outputMask)
        {
            return (r.gradInput, r.gradWeight, r.gradBias.map { b in biasSizes.map { b.reshape($0) } ?? b })
        }
        if nnAnyReduced(gradOutput, input, weight) {
            let r = convolutionBackward(
                gradOutput.opmath, input.opmath, weight.opmath, biasSizes: biasSizes, stride: stride, padding: padding,
                dilation: dilation, transposed: transposed, outputPadding: outputPadding, groups: groups,
                outputMask: outputMask)
            return (r.gradInput?.to(input.dtype), r.gradWeight?.to(weight.dtype), r.gradBias?.to(weight.dtype))
        }
        let spatial = weight.ndim - 2
        let params = ConvParams(
            stride: stride, padding: padding, dilation: dilation, transposed: transposed,
            outputPadding: outputPadding, groups: groups, spatial: spatial)
        torchCheck(outputMask.count == 3, "convolution_backward: output_mask must have 3 entries")
        let batched = input.ndim == spatial + 2
        let x = batched ? input : input.unsqueeze(0)
        let gy = batched ? gradOutput : gradOutput.unsqueeze(0)
        params.checkForward(x, weight, nil)
        let expected = params.outputSize(x.sizes, weight.sizes)
        torchCheck(
            gy.sizes == expected,
            "Expected grad_output of size \(shapeString(expected)) but got \(shapeString(gy.sizes))")
        nnCheckSameDType(x, gy)
        let kernel = ConvBackward(
            gradOutput: gy, input: x, weight: weight, params: params,
            mask: outputMask)
        var (gi, gw, gb) = kernel.dispatch(x.dtype, "convolution_backward")
        if !batched { gi = gi?.squeeze(dim: 0) }
        if let gbias = gb, let biasSizes, biasSizes != gbias.sizes { gb = gbias.reshape(biasSizes) }
        return (gi, gw, gb)
    }
}

/// The AVX512_BF16 route of `convolutionBackward` (ConvBf16.swift) for batched all-bf16 operands, after
/// the float32 route's shape checks; nil where it does not apply.
private func bf16ConvolutionBackward(
    _ gy: Tensor, _ x: Tensor, _ w: Tensor, stride: [Int], padding: [Int], dilation: [Int], transposed: Bool,
    outputPadding: [Int], groups: Int, outputMask: [Bool]
) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?)? {
    guard outputMask.count == 3, w.ndim >= 3, w.ndim <= 4 else { return nil }
    let params = ConvParams(
        stride: stride, padding: padding, dilation: dilation, transposed: transposed, outputPadding: outputPadding,
        groups: groups, spatial: w.ndim - 2)
    guard Bf16Conv.applies(x, w, nil, params) else { return nil }
    params.checkForward(x, w, nil)
    let expected = params.outputSize(x.sizes, w.sizes)
    torchCheck(
        gy.sizes == expected, "Expected grad_output of size \(shapeString(expected)) but got \(shapeString(gy.sizes))")
    return Bf16Conv.backward(gy, x, w, params: params, mask: outputMask)
}

private struct ConvBackward: NNKernel {
    let gradOutput: Tensor, input: Tensor, weight: Tensor
    let params: ConvParams
    let mask: [Bool]

    func run<T: NNFloat>(_: T.Type) -> (Tensor?, Tensor?, Tensor?) {
        let gy = gradOutput.contiguous()
        let x = input.contiguous()
        let w = weight.contiguous()
        let engine = params.engine(T.self, input: x.sizes, weight: w.sizes)
        var gradInput: Tensor?
        var gradWeight: Tensor?
        var gradBias: Tensor?
        let empty = x.numel == 0 || gy.numel == 0
        if mask[0] {
            let gi = Tensor(uninitializedShape: x.sizes, dtype: x.dtype)
            if empty {
                gi.zero_()
            } else if params.transposed {
                engine.gather(big: gy.pointer(T.self), weight: w.pointer(T.self), small: gi.mutablePointer(T.self))
            } else if let direct = params.inputGradientAsConvolution(weight: w.sizes),
                nnConvInputGradientByGather(T.self, gradOutput: gy, weight: w, params: direct, into: gi)
            {
                // Unit stride: a forward convolution with the flipped weight (ConvInputGradient.swift).
            } else {
                engine.scatter(small: gy.pointer(T.self), weight: w.pointer(T.self), big: gi.mutablePointer(T.self))
            }
            gradInput = gi
        }
        if mask[1] {
            let gw = Tensor(uninitializedShape: w.sizes, dtype: w.dtype)
            if empty {
                gw.zero_()
            } else if params.transposed {
                engine.weightGradient(small: x.pointer(T.self), big: gy.pointer(T.self), out: gw.mutablePointer(T.self))
            } else {
                engine.weightGradient(small: gy.pointer(T.self), big: x.pointer(T.self), out: gw.mutablePointer(T.self))
            }
            gradWeight = gw
        }
        if mask[2] {
            let channels = gy.size(1)
            let gb = Tensor(uninitializedShape: [channels], dtype: gy.dtype)
            nnSumPerChannel(
                gy.pointer(T.self), gb.mutablePointer(T.self), batch: gy.size(0), channels: channels,
                plane: gy.sizes.dropFirst(2).reduce(1, *))
            gradBias = gb
        }
        return (gradInput, gradWeight, gradBias)
    }
}
