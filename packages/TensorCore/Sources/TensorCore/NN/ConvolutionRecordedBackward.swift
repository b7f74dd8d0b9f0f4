/// `convolution_backward` written with recorded convolutions, for a recorded backward (create_graph: a
/// gradient penalty through a conv net). The input gradient of a convolution is the transposed
/// convolution of the output gradient (and vice versa); the weight gradient correlates input and output
/// gradient, which is itself a convolution with batch and channels swapped and stride and dilation
/// exchanged. Everything here records, so every order of gradient follows.
extension NNOps {
    package static func convolutionBackwardRecorded(
        _ grad: Tensor, _ input: Tensor, _ weight: Tensor, hasBias: Bool, stride: [Int], padding: [Int], dilation: [Int],
        transposed: Bool, groups: Int
    ) -> [Tensor?] {
        let spatial = weight.ndim - 2
        let zeros = [Int](repeating: 0, count: spatial)
        let gradBias: Tensor? = hasBias ? grad.sum(dims: [0] + Array(2..<grad.ndim)) : nil
        // y = convᵀ(x, w) is the adjoint of z ↦ conv(z, w): its input gradient is conv(g, w) and its weight
        // gradient correlates g with x. For y = conv(x, w) the input gradient is convᵀ(g, w), with the output
        // padding that restores the input's size.
        let outputPadding = transposed ? zeros : (0..<spatial).map { d in
            input.size(2 + d) - ((grad.size(2 + d) - 1) * stride[d] - 2 * padding[d] + dilation[d] * (weight.size(2 + d) - 1) + 1)
        }
        let gradInput = convolution(
            grad, weight, nil, stride: stride, padding: padding, dilation: dilation, transposed: !transposed,
            outputPadding: outputPadding, groups: groups)
        let gradWeight = transposed
            ? correlateForWeight(grad, input, weight.sizes, stride: stride, padding: padding, dilation: dilation, groups: groups)
            : correlateForWeight(input, grad, weight.sizes, stride: stride, padding: padding, dilation: dilation, groups: groups)
        return [gradInput, gradWeight, gradBias]
    }

    /// w[o, i, k] = Σₙ,ₚ out[n, o, p] · x[n, i, p·stride + k·dilation − padding], per group: the convolution
    /// of xᵀ (channels as batch) with outᵀ as the kernel, stride and dilation exchanged, cut to the kernel.
    private static func correlateForWeight(
        _ x: Tensor, _ out: Tensor, _ weightSizes: [Int], stride: [Int], padding: [Int], dilation: [Int], groups: Int
    ) -> Tensor {
        let spatial = weightSizes.count - 2
        let inPerGroup = x.size(1) / groups, outPerGroup = out.size(1) / groups
        var parts: [Tensor] = []
        for g in 0..<groups {
            let xg = groups == 1 ? x : x.narrow(dim: 1, start: g * inPerGroup, length: inPerGroup)
            let og = groups == 1 ? out : out.narrow(dim: 1, start: g * outPerGroup, length: outPerGroup)
            var r = convolution(
                xg.transpose(0, 1), og.transpose(0, 1), nil, stride: dilation, padding: padding, dilation: stride,
                transposed: false, outputPadding: [Int](repeating: 0, count: spatial), groups: 1)
            for d in 0..<spatial where r.size(2 + d) > weightSizes[2 + d] {
                r = r.narrow(dim: 2 + d, start: 0, length: weightSizes[2 + d])
            }
            parts.append(r.transpose(0, 1))
        }
        return groups == 1 ? parts[0] : Tensor.cat(parts, dim: 0)
    }
}
