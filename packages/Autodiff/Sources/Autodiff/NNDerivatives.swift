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
            return optionalReferenceVJP(c, g) { groupNormReference($0[0]!, $0[1], $0[2], groups: groups, eps: eps) }
        }
        let r = NNOps.groupNormBackward(
            g, c.input(0), mean: c.output(1), rstd: c.output(2), weight: c.optionalInput(1), numGroups: groups,
            outputMask: [c.needs(0), c.needs(1), c.needs(2)])
        return [r.gradInput, r.gradWeight, r.gradBias]
    case .embeddingBag(let a):
        let r = NNOps.embeddingBagBackward(
            g, c.input(0), a.indices, offsets: a.offsets, mode: a.mode, perSampleWeights: c.optionalInput(1),
            includeLastOffset: a.includeLastOffset, paddingIdx: a.paddingIdx, maxIndices: a.maxIndices)
        return [r.gradWeight, r.gradPerSampleWeights]
    default:
        preconditionFailure("not an NN op with its own formula: \(op)")
    }
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

/// Per-channel affine parameters broadcast against [N, C, spatial...].
func channelAffine(_ y: Tensor, _ weight: Tensor?, _ bias: Tensor?) -> Tensor {
    let shape = [1, y.size(1)] + [Int](repeating: 1, count: y.ndim - 2)
    var out = y
    if let weight { out = out * weight.reshape(shape) }
    if let bias { out = out + bias.reshape(shape) }
    return out
}

func groupNormReference(_ x: Tensor, _ weight: Tensor?, _ bias: Tensor?, groups: Int, eps: Double) -> Tensor {
    let rows = x.reshape([x.size(0), groups, -1])
    let centered = rows - rows.mean(dims: [2], keepdim: true)
    let rstd = (rows.var(dims: [2], correction: 0, keepdim: true) + eps).rsqrt()
    return channelAffine((centered * rstd).reshape(x.sizes), weight, bias)
}
