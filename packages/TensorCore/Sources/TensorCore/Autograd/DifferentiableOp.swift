/// The tag a differentiable op hands to Autodiff's recorder (ARCHITECTURE.md §3): which op ran, with its
/// non-tensor arguments. Autodiff keys its derivative table on it; an exhaustive switch there makes a new
/// case without a derivative a compile error. TensorCore itself never interprets these.
package enum DifferentiableOp: Sendable {
    // Core: copies, casts and the one view primitive (every view reaches storage through asStrided).
    case clone, cast, asStrided
    /// A basic-indexing view `t[1, 2:]` (an as_strided view) named after its last step as torch does:
    /// "Select", "Slice", "Unsqueeze" or "Alias".
    case subscriptView(last: String)
    /// `fill_` / `zero_` on a tracked tensor: the result no longer depends on the old value.
    case fill(zero: Bool)
    /// Ops torch records without a derivative (`scatter` with `reduce`, `remainder(number, tensor)`):
    /// the result requires grad and its backward fails with torch's message naming `aten::<name>`.
    case notImplemented(String)

    // Elementwise, unary (input 0 is `self`).
    case neg, abs, sign, exp, exp2, expm1, log, log2, log10, log1p, sqrt, rsqrt, reciprocal
    case sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh
    case sigmoid, logit(eps: Double?), erf, erfc, erfinv, relu, silu, gelu(approximate: String)
    case lgamma, digamma, polygamma(n: Int)
    case softplus(beta: Double, threshold: Double)
    /// floor, ceil, trunc, round, sign-like steps: zero gradient almost everywhere.
    case stepFunction(name: String)
    case frac, nanToNum

    // Elementwise, binary and ternary. A nil input is a Scalar operand.
    case add(alpha: Scalar), sub(alpha: Scalar), mul, div, divRounding
    case remainder, fmod, pow, atan2, maximum, minimum, fmax, fmin
    case hypot, logaddexp, logaddexp2, copysign, xlogy, xlogyScalar(Scalar)
    case mulScalar(Scalar), divScalar(Scalar), powScalar(Scalar), powScalarBase(Scalar)
    /// number - tensor, number / tensor (input 0 is the tensor).
    case rsub, rdiv(Scalar)
    case addcmul(value: Scalar), addcdiv(value: Scalar), lerp(weight: Scalar?)
    case clamp(min: Scalar?, max: Scalar?)
    /// inputs: condition, a, b.
    case `where`

    // Reductions. `dims == nil` reduces everything.
    case sum(dims: [Int]?, keepdim: Bool), nansum(dims: [Int]?, keepdim: Bool)
    case mean(dims: [Int]?, keepdim: Bool), nanmean(dims: [Int]?, keepdim: Bool)
    case prod(dims: [Int]?, keepdim: Bool)
    /// max()/min()/amax/amin: the gradient is shared evenly among the tied extremes.
    case extremum(dims: [Int]?, keepdim: Bool, name: String)
    /// median()/nanmedian() of all elements: the gradient goes to the first element equal to the result.
    case medianAll(name: String)
    /// Ops returning (values, indices) along `dim`: the gradient is scattered back through the indices.
    case alongIndices(dim: Int, keepdim: Bool, name: String)
    case variance(dims: [Int]?, correction: Double, keepdim: Bool)
    case standardDeviation(dims: [Int]?, correction: Double, keepdim: Bool)
    case logsumexp(dims: [Int], keepdim: Bool)
    case softmax(dim: Int), logSoftmax(dim: Int)
    case cumsum(dim: Int), cumprod(dim: Int)

    // Shape.
    case view, reshape, squeeze, unsqueeze
    case expand, transpose(Int, Int), permute([Int])
    case narrow(dim: Int, start: Int), select(dim: Int, index: Int)
    case diagonal(offset: Int, dim1: Int, dim2: Int), diagEmbed(offset: Int, dim1: Int, dim2: Int)
    case unfold(dimension: Int, size: Int, step: Int)
    case cat(dim: Int), stack(dim: Int), flip([Int]), roll(shifts: [Int], dims: [Int])
    case `repeat`([Int]), tril(Int), triu(Int)

    // Indexing (index tensors are arguments, not differentiable inputs).
    case index([Tensor?]), indexPut([Tensor?], accumulate: Bool)
    case gather(dim: Int, index: Tensor), scatter(dim: Int, index: Tensor), scatterAdd(dim: Int, index: Tensor)
    case scatterReduce(dim: Int, index: Tensor, reduce: String, includeSelf: Bool)
    case indexSelect(dim: Int, index: Tensor), indexAdd(dim: Int, index: Tensor, alpha: Scalar)
    case indexCopy(dim: Int, index: Tensor), indexFill(dim: Int, index: Tensor)
    case maskedFill(mask: Tensor), maskedSelect(mask: Tensor), maskedScatter(mask: Tensor)
    case take(index: Tensor), put(index: Tensor, accumulate: Bool)

    // Linear algebra.
    case matmul, mm, bmm, mv, dot, vdot, outer
    case addmm(beta: Scalar, alpha: Scalar), addmv(beta: Scalar, alpha: Scalar), baddbmm(beta: Scalar, alpha: Scalar)
    case inv, solve(left: Bool), det, slogdet, cholesky(upper: Bool), qr(mode: String)
    case svd(fullMatrices: Bool), svdvals, eigh, eigvalsh, pinv, lstsq
    case vectorNorm(ord: Double, dims: [Int]?, keepdim: Bool), matrixNorm(ord: NormOrder, dims: [Int], keepdim: Bool)
    case trace, einsum(String)

    // NN ops whose formulas live in Autodiff (fast backward kernels; composed of recorded ops when the
    // backward itself is recorded, for higher-order gradients).
    /// Linear in their input (pooling, upsampling): see LinearNNMap.
    case linear(LinearNNMap), linearTransposed(LinearNNMap)
    /// native_group_norm: inputs (input, weight?, bias?), outputs (output, mean, rstd).
    case groupNorm(numGroups: Int, eps: Double)
    /// embedding_bag: inputs (weight, perSampleWeights?); the bags are arguments.
    case embeddingBag(EmbeddingBagArguments)

    // NN ops with fused forward kernels and backward kernels (NNOps' `*Backward` functions): each a named
    // tag with its arguments, so the tracer and autocast see it; its formula is Autodiff's
    // (NNKernelDerivatives.swift). Tensors that are not differentiated (targets, indices, masks,
    // statistics) are arguments.
    /// `torch.convolution` (1-, 2- and 3-D, transposed or not): inputs (input, weight, bias?).
    case convolution(
        stride: [Int], padding: [Int], dilation: [Int], transposed: Bool, outputPadding: [Int], groups: Int)
    /// Elementwise losses: inputs (input, target).
    case mseLoss(reduction: LossReduction), l1Loss(reduction: LossReduction)
    case smoothL1Loss(reduction: LossReduction, beta: Double), huberLoss(reduction: LossReduction, delta: Double)
    case binaryCrossEntropy(weight: Tensor?, reduction: LossReduction)
    case binaryCrossEntropyWithLogits(weight: Tensor?, posWeight: Tensor?, reduction: LossReduction)
    /// Class-index losses: input only.
    case nllLoss(target: Tensor, weight: Tensor?, reduction: LossReduction, ignoreIndex: Int, totalWeight: Tensor)
    case crossEntropyLoss(
        target: Tensor, weight: Tensor?, reduction: LossReduction, ignoreIndex: Int, labelSmoothing: Double)
    /// 3-D pooling: input only; max pooling's indices are its second output.
    case maxPool3dWithIndices(kernelSize: [Int], stride: [Int], padding: [Int], dilation: [Int], ceilMode: Bool)
    case avgPool3d(
        kernelSize: [Int], stride: [Int]?, padding: [Int], ceilMode: Bool, countIncludePad: Bool, divisorOverride: Int?)
    case adaptiveAvgPool3d(outputSize: [Int])
    /// native_batch_norm: inputs (input, weight?, bias?); output 0 only.
    case nativeBatchNorm(training: Bool, momentum: Double?, eps: Double, statistics: BatchNormStatistics)
    /// native_layer_norm: inputs (input, weight?, bias?), outputs (output, mean, rstd).
    case nativeLayerNorm(normalizedShape: [Int], eps: Double)
    /// embedding: input weight.
    case embedding(indices: Tensor, paddingIdx: Int?, scaleGradByFreq: Bool)
    /// native_dropout's output (mask: true where kept).
    case nativeDropout(p: Double, mask: Tensor)
    /// `F.dropout`'s input · mask · scale / divisor, which torch records as a multiply (MulBackward0).
    case dropoutMask(mask: Tensor, scale: Double, divisor: Double?)

    // Fused recurrent cells and layers (NN/RNNCells.swift, NN/RNNLayer.swift): the workspace holds the
    // activations their backward kernels read.
    /// inputs: input gates, hidden gates, c; outputs: h', c'.
    case lstmCell(workspace: Tensor)
    /// inputs: input gates, hidden gates, h; output: h'.
    case gruCell(workspace: Tensor)
    /// inputs: input gates, h0, c0, W_hh, b_hh, W_hr (nil where absent); outputs: output, h_n (, c_n).
    case rnnLayer(RNNLayerSaved)
}

/// The statistics `native_batch_norm` ran with: the running ones (eval, and updated in training) and
/// the batch's saved mean and inverse std (training; empty in eval).
package struct BatchNormStatistics: Sendable {
    package let runningMean: Tensor?, runningVar: Tensor?
    package let saveMean: Tensor, saveInvstd: Tensor
}

/// The non-differentiable arguments of `embedding_bag`, kept for its backward.
package struct EmbeddingBagArguments: Sendable {
    package let indices: Tensor, offsets: Tensor?
    package let mode: EmbeddingBagMode
    package let includeLastOffset: Bool, paddingIdx: Int?
    package let maxIndices: Tensor?
}
