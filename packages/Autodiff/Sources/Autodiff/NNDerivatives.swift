import TensorCore

// Derivatives of the NN ops with their own tags (Derivatives.swift dispatches here). Each uses the
// op's fast backward kernel; when the backward is itself being recorded (create_graph), the gradient is
// instead the vjp of a reference written with recorded ops, so higher-order gradients are right.

func nnDerivative(_ op: DifferentiableOp, _ c: BackwardContext, _ g: Tensor) -> [Tensor?] {
    switch op {
    case .linear(let map): return [map.transposed(g)]
    case .linearTransposed(let map): return [map(g)]
    case .groupNorm(let groups, let eps):
        if isGradEnabled {
            return optionalReferenceVJP(c, g) {
                NNOps.groupNormReference($0[0]!, $0[1], $0[2], numGroups: groups, eps: eps)
            }
        }
        let r = NNOps.groupNormBackward(
            g, c.input(0), mean: c.output(1), rstd: c.output(2), weight: c.optionalInput(1), numGroups: groups,
            outputMask: [c.needs(0), c.needs(1), c.needs(2)])
        return [r.gradInput, r.gradWeight, r.gradBias]
    case .embeddingBag(let a):
        if isGradEnabled { return optionalReferenceVJP(c, g) { NNOps.embeddingBagReference($0[0]!, $0[1], a) } }
        let r = NNOps.embeddingBagBackward(
            g, c.input(0), a.indices, offsets: a.offsets, mode: a.mode, perSampleWeights: c.optionalInput(1),
            includeLastOffset: a.includeLastOffset, paddingIdx: a.paddingIdx, maxIndices: a.maxIndices)
        return [r.gradWeight, r.gradPerSampleWeights]
    default:
        preconditionFailure("not an NN op with its own formula: \(op)")
    }
}

/// A fused kernel's gradients: its backward kernels, or with create_graph (or for an input the kernels
/// don't cover) its recorded formula or the vjp of its recorded reference.
func kernelDerivative(_ backward: KernelBackward, _ c: BackwardContext, _ g: Tensor) -> [Tensor?] {
    let inputs = (0..<c.inputCount).map { c.optionalInput($0) }
    let outputs = (0..<c.node.outputs.count).map { $0 == 0 ? nil : c.output($0) }
    func differentiable() -> [Tensor?]? {
        if let recorded = backward.recorded { return recorded(g, inputs, outputs) }
        if let reference = backward.reference { return optionalReferenceVJP(c, g, reference) }
        return nil
    }
    if isGradEnabled, let result = differentiable() { return result }
    let result = backward.apply(g, inputs, outputs)
    let uncovered = (0..<c.inputCount).contains { c.needs($0) && (result.count <= $0 || result[$0] == nil) }
    if uncovered, let other = differentiable() { return other }
    return result
}

/// The vjp of `reference` over the node's saved inputs, absent (nil) inputs passed through as nil.
func optionalReferenceVJP(_ c: BackwardContext, _ g: Tensor, _ reference: ([Tensor?]) -> Tensor) -> [Tensor?] {
    let present = (0..<c.inputCount).filter { c.node.inputs[$0] != nil }
    let grads = referenceVJP(present.map { c.input($0) }, g) { tensors in
        var all = [Tensor?](repeating: nil, count: c.inputCount)
        for (k, i) in present.enumerated() { all[i] = tensors[k] }
        return reference(all)
    }
    var out = [Tensor?](repeating: nil, count: c.inputCount)
    for (k, i) in present.enumerated() { out[i] = grads[k] }
    return out
}

// MARK: Gradients written with recorded ops (for a recorded backward)

/// `convolution_backward` written with recorded convolutions, for a recorded backward (create_graph: a
/// gradient penalty through a conv net). The input gradient of a convolution is the transposed
/// convolution of the output gradient (and vice versa); the weight gradient correlates input and output
/// gradient, which is itself a convolution with batch and channels swapped and stride and dilation
/// exchanged. Everything here records, so every order of gradient follows.
func convolutionBackwardRecorded(
    _ grad: Tensor, _ input: Tensor, _ weight: Tensor, hasBias: Bool, stride: [Int], padding: [Int], dilation: [Int],
    transposed: Bool, groups: Int
) -> [Tensor?] {
    let spatial = weight.ndim - 2
    let zeros = [Int](repeating: 0, count: spatial)
    let gradBias: Tensor? = hasBias ? grad.sum(dims: [0] + Array(2..<grad.ndim)) : nil
    // y = convᵀ(x, w) is the adjoint of z ↦ conv(z, w): its input gradient is conv(g, w) and its weight
    // gradient correlates g with x. For y = conv(x, w) the input gradient is convᵀ(g, w), with the output
    // padding that restores the input's size.
    let outputPadding =
        transposed
        ? zeros
        : (0..<spatial).map { d in
            input.size(2 + d)
                - ((grad.size(2 + d) - 1) * stride[d] - 2 * padding[d] + dilation[d] * (weight.size(2 + d) - 1) + 1)
        }
    let gradInput = NNOps.convolution(
        grad, weight, nil, stride: stride, padding: padding, dilation: dilation, transposed: !transposed,
        outputPadding: outputPadding, groups: groups)
    let gradWeight =
        transposed
        ? correlateForWeight(
            grad, input, weight.sizes, stride: stride, padding: padding, dilation: dilation, groups: groups)
        : correlateForWeight(
            input, grad, weight.sizes, stride: stride, padding: padding, dilation: dilation, groups: groups)
    return [gradInput, gradWeight, gradBias]
}

/// w[o, i, k] = Σₙ,ₚ out[n, o, p] · x[n, i, p·stride + k·dilation − padding], per group: the convolution
/// of xᵀ (channels as batch) with outᵀ as the kernel, stride and dilation exchanged, cut to the kernel.
private func correlateForWeight(
    _ x: Tensor, _ out: Tensor, _ weightSizes: [Int], stride: [Int], padding: [Int], dilation: [Int], groups: Int
) -> Tensor {
    let spatial = weightSizes.count - 2
    let inPerGroup = x.size(1) / groups, outPerGroup = out.size(1) / groups
    var parts: [Tensor] = []
    for g in 0..<groups {
        let xg = groups == 1 ? x : x.narrow(dim: 1, start: g * inPerGroup, length: inPerGroup)
        let og = groups == 1 ? out : out.narrow(dim: 1, start: g * outPerGroup, length: outPerGroup)
        var r = NNOps.convolution(
            xg.transpose(0, 1), og.transpose(0, 1), nil, stride: dilation, padding: padding, dilation: stride,
            transposed: false, outputPadding: [Int](repeating: 0, count: spatial), groups: 1)
        for d in 0..<spatial where r.size(2 + d) > weightSizes[2 + d] {
            r = r.narrow(dim: 2 + d, start: 0, length: weightSizes[2 + d])
        }
        parts.append(r.transpose(0, 1))
    }
    return groups == 1 ? parts[0] : Tensor.cat(parts, dim: 0)
}

/// `embedding_dense_backward` with recorded ops (index_add of the gradient rows), for a recorded
/// backward: the padding row gets nothing, `scaleGradByFreq` divides each row by its index's count.
func embeddingBackwardRecorded(
    _ grad: Tensor, _ indices: Tensor, numWeights: Int, paddingIdx: Int?, scaleGradByFreq: Bool
) -> Tensor {
    let dim = grad.size(-1)
    let flat = indices.reshape([-1]).to(.int64)
    var rows = grad.reshape([-1, dim])
    if let paddingIdx { rows = rows.maskedFill(flat.eq(.int(Int64(paddingIdx))).unsqueeze(1), 0) }
    if scaleGradByFreq {
        let counts = Tensor.zeros([numWeights], dtype: grad.dtype)
            .indexAdd(dim: 0, index: flat, source: Tensor.ones([flat.numel], dtype: grad.dtype))
        rows = rows / counts.indexSelect(dim: 0, index: flat).unsqueeze(1)
    }
    return Tensor.zeros([numWeights, dim], dtype: grad.dtype).indexAdd(dim: 0, index: flat, source: rows)
}
