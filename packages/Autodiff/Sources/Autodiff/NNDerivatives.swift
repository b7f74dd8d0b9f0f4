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
            return optionalReferenceVJP(c, g) { NNOps.groupNormReference($0[0]!, $0[1], $0[2], numGroups: groups, eps: eps) }
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

