import Autodiff
import TensorCore

extension F {
    /// Normalizes over the trailing `normalizedShape` dimensions, then scales and shifts elementwise
    /// (PyTorch: `torch.nn.functional.layer_norm`).
    public static func layerNorm(
        _ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5
    ) -> Tensor {
        NNOps.layerNorm(input, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps).output
    }

    /// Normalizes each sample over groups of channels of `(N, C, *)` input (PyTorch: `torch.nn.functional.group_norm`).
    public static func groupNorm(
        _ input: Tensor, numGroups: Int, weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5
    ) -> Tensor {
        NNOps.groupNorm(input, numGroups: numGroups, weight: weight, bias: bias, eps: eps).output
    }

    /// `F.batch_norm`: batch statistics in training (running stats updated in place, counter too when
    /// given), running statistics in eval.
    /// PyTorch: `torch.nn.functional.batch_norm`; `numBatchesTracked` is this port's addition (torch's module counts in Python).
    public static func batchNorm(
        _ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil, bias: Tensor? = nil,
        training: Bool = false, momentum: Double? = 0.1, eps: Double = 1e-5, numBatchesTracked: Tensor? = nil
    ) -> Tensor {
        NNOps.batchNorm(
            input, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias, training: training,
            momentum: momentum, eps: eps, numBatchesTracked: numBatchesTracked
        ).output
    }

    /// Per-sample, per-channel normalization of `(N, C, *)` input; `useInputStats: false` uses the running statistics
    /// (PyTorch: `torch.nn.functional.instance_norm`, `use_input_stats`).
    public static func instanceNorm(
        _ input: Tensor, runningMean: Tensor? = nil, runningVar: Tensor? = nil, weight: Tensor? = nil,
        bias: Tensor? = nil,
        useInputStats: Bool = true, momentum: Double = 0.1, eps: Double = 1e-5
    ) -> Tensor {
        NNOps.instanceNorm(
            input, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
            useInputStats: useInputStats, momentum: momentum, eps: eps
        ).output
    }

    /// `F.embedding(input, weight, padding_idx, max_norm)`: rows of `weight`; the padding row gets no
    /// gradient; with `maxNorm` the looked-up rows are renormalized in place first (as torch).
    /// PyTorch: `torch.nn.functional.embedding`; no `sparse`.
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
        return NNOps.embedding(weight, input, paddingIdx: padding, scaleGradByFreq: scaleGradByFreq)
    }

    /// `F.one_hot(tensor, num_classes=-1)` (int64).
    /// PyTorch: `torch.nn.functional.one_hot`.
    public static func oneHot(_ input: Tensor, numClasses: Int = -1) -> Tensor {
        NNOps.oneHot(input, numClasses: numClasses)
    }
}
