import TensorCore

// Formulas of the NN ops that have fused backward kernels in TensorCore (convolution, losses, 3-D pooling,
// batch and layer norm, embedding, dropout). First order they call the kernels; for a recorded backward
// (create_graph), or an input the kernel does not cover, they use a formula written with recorded ops or
// the vjp of the op recomposed from recorded ops (NNOps' `*Reference`), so higher orders stay right.

/// The NN ops with a fused backward kernel: the tags `nnKernelBackward` knows.
func isFusedNNKernel(_ op: DifferentiableOp) -> Bool {
    switch op {
    case .convolution, .mseLoss, .l1Loss, .smoothL1Loss, .huberLoss, .binaryCrossEntropy, .binaryCrossEntropyWithLogits,
        .nllLoss, .crossEntropyLoss, .maxPool3dWithIndices, .avgPool3d, .adaptiveAvgPool3d, .nativeBatchNorm,
        .nativeLayerNorm, .embedding, .nativeDropout, .dropoutMask:
        true
    default: false
    }
}

/// How a fused NN kernel differentiates. `apply` maps (output gradient, saved inputs, saved side outputs;
/// output 0 is not kept) to the inputs' gradients with the fast backward kernels, which are not recorded;
/// a nil where a gradient is needed means the kernel has no formula for that input. `recorded` writes the
/// gradients with recorded ops; `reference` recomposes the op (output 0) from recorded ops. With neither,
/// the op is first order only.
struct KernelBackward {
    typealias Gradients = (_ grad: Tensor, _ inputs: [Tensor?], _ outputs: [Tensor?]) -> [Tensor?]
    let apply: Gradients
    let recorded: Gradients?
    let reference: ((_ inputs: [Tensor?]) -> Tensor)?

    init(reference: ((_ inputs: [Tensor?]) -> Tensor)? = nil, recorded: Gradients? = nil, _ apply: @escaping Gradients)
    {
        self.apply = apply
        self.recorded = recorded
        self.reference = reference
    }
}

/// An elementwise loss's gradients: the kernel's for the input, its negation for a tracked target.
private func pointwiseLoss(
    reference: @escaping (Tensor, Tensor) -> Tensor, _ kernel: @escaping (Tensor, Tensor, Tensor) -> Tensor
) -> KernelBackward {
    KernelBackward(reference: { reference($0[0]!, $0[1]!) }) { g, x, _ in
        let gi = kernel(g, x[0]!, x[1]!)
        return [gi, x[1]!.requiresGradient ? -gi : nil]
    }
}

func nnKernelBackward(_ op: DifferentiableOp) -> KernelBackward {
    switch op {
    case .convolution(let stride, let padding, let dilation, let transposed, let outputPadding, let groups):
        return KernelBackward(recorded: { g, x, _ in
            convolutionBackwardRecorded(
                g, x[0]!, x[1]!, hasBias: x[2] != nil, stride: stride, padding: padding, dilation: dilation,
                transposed: transposed, groups: groups)
        }) { g, x, _ in
            if x[1]!.ndim == 5 && !transposed {  // conv3d: vol2col's own backward
                let r = NNOps.conv3dBackward(
                    g, x[0]!, x[1]!, hasBias: x[2] != nil, stride: stride, padding: padding, dilation: dilation,
                    groups: groups)
                return [r.gradInput, r.gradWeight, r.gradBias]
            }
            let r = NNOps.convolutionBackward(
                g, x[0]!, x[1]!, biasSizes: x[2]?.sizes, stride: stride, padding: padding, dilation: dilation,
                transposed: transposed, outputPadding: outputPadding, groups: groups,
                outputMask: [true, true, x[2] != nil])
            return [r.gradInput, r.gradWeight, r.gradBias]
        }
    case .mseLoss(let reduction):
        return pointwiseLoss(reference: { NNOps.mseReference($0, $1, reduction) }) {
            NNOps.mseLossBackward($0, $1, $2, reduction: reduction)
        }
    case .l1Loss(let reduction):
        return pointwiseLoss(reference: { NNOps.l1Reference($0, $1, reduction) }) {
            NNOps.l1LossBackward($0, $1, $2, reduction: reduction)
        }
    case .smoothL1Loss(let reduction, let beta):
        return pointwiseLoss(reference: { NNOps.smoothL1Reference($0, $1, reduction, beta, huber: false) }) {
            NNOps.smoothL1LossBackward($0, $1, $2, reduction: reduction, beta: beta)
        }
    case .huberLoss(let reduction, let delta):
        return pointwiseLoss(reference: { NNOps.smoothL1Reference($0, $1, reduction, delta, huber: true) }) {
            NNOps.huberLossBackward($0, $1, $2, reduction: reduction, delta: delta)
        }
    case .binaryCrossEntropy(let weight, let reduction):
        return KernelBackward(reference: { NNOps.bceReference($0[0]!, $0[1]!, weight, reduction) }) { g, x, _ in
            [NNOps.binaryCrossEntropyBackward(g, x[0]!, x[1]!, weight: weight, reduction: reduction), nil]
        }
    case .binaryCrossEntropyWithLogits(let weight, let posWeight, let reduction):
        return KernelBackward(reference: { NNOps.bceWithLogitsReference($0[0]!, $0[1]!, weight, posWeight, reduction) })
        { g, x, _ in
            [
                NNOps.binaryCrossEntropyWithLogitsBackward(
                    g, x[0]!, x[1]!, weight: weight, posWeight: posWeight, reduction: reduction), nil,
            ]
        }
    case .nllLoss(let target, let weight, let reduction, let ignoreIndex, let totalWeight):
        return KernelBackward(reference: { NNOps.nllReference($0[0]!, target, weight, reduction, ignoreIndex) }) {
            g, x, _ in
            [
                NNOps.nllLossBackward(
                    g, x[0]!, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex,
                    totalWeight: totalWeight)
            ]
        }
    case .crossEntropyLoss(let target, let weight, let reduction, let ignoreIndex, let smoothing):
        return KernelBackward(reference: {
            NNOps.crossEntropyReference($0[0]!, target, weight, ignoreIndex, reduction, smoothing)
        }) { g, x, _ in
            [
                NNOps.crossEntropyBackward(
                    g, x[0]!, target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction,
                    labelSmoothing: smoothing)
            ]
        }
    case .maxPool3dWithIndices:
        return KernelBackward { g, x, out in [NNOps.maxPool3dWithIndicesBackward(g, x[0]!, indices: out[1]!)] }
    case .avgPool3d(let kernelSize, let stride, let padding, let ceilMode, let countIncludePad, let divisorOverride):
        return KernelBackward { g, x, _ in
            [
                NNOps.avgPool3dBackward(
                    g, x[0]!, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                    countIncludePad: countIncludePad, divisorOverride: divisorOverride)
            ]
        }
    case .adaptiveAvgPool3d:
        return KernelBackward { g, x, _ in [NNOps.adaptiveAvgPool3dBackward(g, x[0]!)] }
    case .nativeBatchNorm(let training, _, let eps, let s):
        return KernelBackward(reference: {
            NNOps.batchNormReference(
                $0[0]!, $0[1], $0[2], runningMean: s.runningMean, runningVar: s.runningVar, training: training, eps: eps
            )
        }) { g, x, _ in
            let b = NNOps.batchNormBackward(
                g, x[0]!, weight: x[1], runningMean: s.runningMean, runningVar: s.runningVar, saveMean: s.saveMean,
                saveInvstd: s.saveInvstd, training: training, eps: eps, outputMask: [true, x[1] != nil, x[2] != nil])
            return [b.gradInput, b.gradWeight, b.gradBias]
        }
    case .nativeLayerNorm(let normalizedShape, let eps):
        return KernelBackward(reference: {
            NNOps.layerNormReference($0[0]!, $0[1], $0[2], normalizedShape: normalizedShape, eps: eps)
        }) { g, x, out in
            let b = NNOps.layerNormBackward(
                g, x[0]!, normalizedShape: normalizedShape, mean: out[1]!, rstd: out[2]!, weight: x[1], bias: x[2],
                outputMask: [true, x[1] != nil, x[2] != nil])
            return [b.gradInput, b.gradWeight, b.gradBias]
        }
    case .embedding(let indices, let paddingIdx, let scaleGradByFreq):
        return KernelBackward(recorded: { g, x, _ in
            [
                embeddingBackwardRecorded(
                    g, indices, numWeights: x[0]!.size(0), paddingIdx: paddingIdx, scaleGradByFreq: scaleGradByFreq)
            ]
        }) { g, x, _ in
            [
                NNOps.embeddingBackward(
                    g, indices, numWeights: x[0]!.size(0), paddingIdx: paddingIdx, scaleGradByFreq: scaleGradByFreq)
            ]
        }
    case .nativeDropout(let p, let mask):
        return KernelBackward(recorded: { g, _, _ in [g * mask.to(g.dtype) * (1 / (1 - p))] }) { g, _, _ in
            [NNOps.nativeDropoutBackward(g, mask: mask, scale: 1 / (1 - p))]
        }
    case .dropoutMask(let mask, let scale, let divisor):
        return KernelBackward(recorded: { g, _, _ in
            [divisor.map { g * (mask / $0) } ?? g * mask.to(g.dtype) * scale]
        }) { g, _, _ in
            [NNOps.dropoutMaskBackward(g, mask: mask, scale: scale, divisor: divisor)]
        }
    default:
        preconditionFailure("not an NN op with a fused backward kernel: \(op)")
    }
}
