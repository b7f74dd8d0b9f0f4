import TensorCore
import Autodiff

extension F {
    /// Records a normalization kernel over [input, weight?, bias?]; `backward` gets the mask of wanted
    /// gradients (input, weight, bias) and returns them in that order.
    static func recordedAffine(
        _ input: Tensor, _ weight: Tensor?, _ bias: Tensor?,
        forward: @escaping (FunctionContext, Tensor) -> Tensor,
        backward: @escaping (FunctionContext, Tensor, Tensor, [Bool]) -> (Tensor?, Tensor?, Tensor?)
    ) -> Tensor {
        var inputs = [input]
        if let weight { inputs.append(weight) }
        if let bias { inputs.append(bias) }
        let hasWeight = weight != nil, hasBias = bias != nil
        return recordKernel(
            inputs,
            forward: { ctx, _ in [forward(ctx, input)] },
            backward: { ctx, grads in
                let need = ctx.needsInputGrad
                let mask = [need[0], hasWeight && need[1], hasBias && need[hasWeight ? 2 : 1]]
                let (gi, gw, gb) = backward(ctx, grads[0]!, input, mask)
                var out: [Tensor?] = [mask[0] ? gi : nil]
                if hasWeight { out.append(mask[1] ? gw : nil) }
                if hasBias { out.append(mask[2] ? gb : nil) }
                return out
            })[0]
    }

    public static func layerNorm(
        _ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5
    ) -> Tensor {
        recordedAffine(
            input, weight, bias,
            forward: { ctx, x in
                let (y, mean, rstd) = NNOps.layerNorm(x, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
                ctx.saveForBackward(mean, rstd)
                return y
            },
            backward: { ctx, g, x, mask in
                let s = ctx.savedTensors
                let r = NNOps.layerNormBackward(g, x, normalizedShape: normalizedShape, mean: s[0], rstd: s[1], weight: weight, bias: bias, outputMask: mask)
                return (r.gradInput, r.gradWeight, r.gradBias)
            })
    }

    public static func groupNorm(_ input: Tensor, numGroups: Int, weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5) -> Tensor {
        recordedAffine(
            input, weight, bias,
            forward: { ctx, x in
                let (y, mean, rstd) = NNOps.groupNorm(x, numGroups: numGroups, weight: weight, bias: bias, eps: eps)
                ctx.saveForBackward(mean, rstd)
                return y
            },
            backward: { ctx, g, x, mask in
                let s = ctx.savedTensors
                let r = NNOps.groupNormBackward(g, x, mean: s[0], rstd: s[1], weight: weight, numGroups: numGroups, outputMask: mask)
                return (r.gradInput, r.gradWeight, r.gradBias)
            })
    }

    /// `F.batch_norm`: batch statistics in training (running stats updated in place, counter too when
    /// given), running statistics in eval.
    public static func batchNorm(
        _ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil, bias: Tensor? = nil,
        training: Bool = false, momentum: Double? = 0.1, eps: Double = 1e-5, numBatchesTracked: Tensor? = nil
    ) -> Tensor {
        recordedAffine(
            input, weight, bias,
            forward: { ctx, x in
                let (y, mean, invstd) = NNOps.batchNorm(
                    x, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias, training: training,
                    momentum: momentum, eps: eps, numBatchesTracked: numBatchesTracked)
                ctx.saveForBackward(mean, invstd)
                return y
            },
            backward: { ctx, g, x, mask in
                let s = ctx.savedTensors
                let r = NNOps.batchNormBackward(
                    g, x, weight: weight, runningMean: runningMean, runningVar: runningVar, saveMean: s[0], saveInvstd: s[1],
                    training: training, eps: eps, outputMask: mask)
                return (r.gradInput, r.gradWeight, r.gradBias)
            })
    }

    public static func instanceNorm(
        _ input: Tensor, runningMean: Tensor? = nil, runningVar: Tensor? = nil, weight: Tensor? = nil, bias: Tensor? = nil,
        useInputStats: Bool = true, momentum: Double = 0.1, eps: Double = 1e-5
    ) -> Tensor {
        recordedAffine(
            input, weight, bias,
            forward: { ctx, x in
                let (y, mean, invstd) = NNOps.instanceNorm(
                    x, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
                    useInputStats: useInputStats, momentum: momentum, eps: eps)
                ctx.saveForBackward(mean, invstd)
                return y
            },
            backward: { ctx, g, x, mask in
                let s = ctx.savedTensors
                let r = NNOps.instanceNormBackward(
                    g, x, weight: weight, runningMean: runningMean, runningVar: runningVar, saveMean: s[0], saveInvstd: s[1],
                    useInputStats: useInputStats, eps: eps, outputMask: mask)
                return (r.gradInput, r.gradWeight, r.gradBias)
            })
    }

    /// `F.embedding(input, weight, padding_idx, max_norm)`: rows of `weight`; the padding row gets no
    /// gradient; with `maxNorm` the looked-up rows are renormalized in place first (as torch).
    public static func embedding(
        _ input: Tensor, _ weight: Tensor, paddingIdx: Int? = nil, maxNorm: Double? = nil, normType: Double = 2,
        scaleGradByFreq: Bool = false
    ) -> Tensor {
        var padding = paddingIdx
        if let p = paddingIdx {
            let n = weight.size(0)
            torchCheck(p < n && p >= -n, "Padding_idx must be within num_embeddings")
            padding = p < 0 ? p + n : p
        }
        if let maxNorm { noGrad { _ = NNOps.embeddingRenorm_(weight, input, maxNorm: maxNorm, normType: normType) } }
        let rows = weight.size(0)
        return recordKernel(
            [weight],
            forward: { _, w in [NNOps.embedding(w[0], input, paddingIdx: padding)] },
            backward: { _, g in
                [NNOps.embeddingBackward(g[0]!, input, numWeights: rows, paddingIdx: padding, scaleGradByFreq: scaleGradByFreq)]
            })[0]
    }

    /// `F.one_hot(tensor, num_classes=-1)` (int64).
    public static func oneHot(_ input: Tensor, numClasses: Int = -1) -> Tensor { NNOps.oneHot(input, numClasses: numClasses) }
}
