/// `native_batch_norm` / `native_batch_norm_backward`: per-channel statistics over (N, spatial...),
/// accumulated in Double, channels in parallel.
extension NNOps {
    /// Returns (output, saveMean, saveInvstd); in training the running stats (when given) are updated in
    /// place with the unbiased variance, as torch does. `momentum: nil` means a cumulative average, which
    /// needs `numBatchesTracked` (incremented in place here when training, as BatchNorm modules do);
    /// with a momentum and a counter, the counter is incremented too. In eval the saved stats are empty.
    package static func batchNorm(
        _ input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor? = nil, bias: Tensor? = nil,
        training: Bool, momentum: Double? = 0.1, eps: Double = 1e-5, numBatchesTracked: Tensor? = nil
    ) -> (output: Tensor, saveMean: Tensor, saveInvstd: Tensor) {
        if nnAnyReduced(input, runningMean, runningVar, weight, bias) {
            let stats = nnNormParametersDType(input, [runningMean, runningVar, weight, bias])
            let (mean, variance) = (runningMean?.opmath, runningVar?.opmath)
            let r = batchNorm(
                input.opmath, runningMean: mean, runningVar: variance, weight: weight?.opmath, bias: bias?.opmath,
                training: training, momentum: momentum, eps: eps, numBatchesTracked: numBatchesTracked)
            // Half-precision running stats were updated in their float32 copies: round them back in place.
            for (stat, updated) in [(runningMean, mean), (runningVar, variance)] {
                if training, let stat, let updated, stat !== updated { stat.copy_(updated) }
            }
            return (r.output.to(input.dtype), r.saveMean.to(stats), r.saveInvstd.to(stats))
        }
        torchCheck(input.ndim >= 2, "batch_norm: expected input with at least 2 dims, but got \(input.ndim)")
        let channels = input.size(1)
        if training {
            let perChannel = input.numel / Swift.max(channels, 1)
            torchCheck(
                perChannel > 1, "Expected more than 1 value per channel when training, got input size \(input.shape)")
        }
        for (t, name) in [
            (runningMean, "running_mean"), (runningVar, "running_var"), (weight, "weight"), (bias, "bias"),
        ] {
            if let t {
                torchCheck(t.numel == channels, "\(name) should contain \(channels) elements not \(t.numel)")
                nnCheckSameDType(input, t)
            }
        }
        torchCheck(
            training || (runningMean != nil && runningVar != nil),
            "running_mean and running_var must be defined in evaluation mode")
        var factor = momentum ?? 0
        if training, let counter = numBatchesTracked {
            counter.fill_(.int(counter.item(Int64.self) + 1))
            if momentum == nil { factor = 1.0 / Double(counter.item(Int64.self)) }
        }
        let r = BatchNormForward(
            input: input, runningMean: runningMean, runningVar: runningVar, weight: weight, bias: bias,
            training: training, momentum: factor, eps: eps
        ).dispatch(input.dtype, "batch_norm")
        let (saveMean, saveInvstd) = (r.saveMean, r.saveInvstd)
        _ = recordedMany(
            [r.output],
            .nativeBatchNorm(
                training: training, momentum: momentum, eps: eps,
                statistics: BatchNormStatistics(
                    runningMean: runningMean, runningVar: runningVar, saveMean: saveMean, saveInvstd: saveInvstd)),
            [input, weight, bias])
        return r
    }

    /// Gradients w.r.t. (input, weight, bias) selected by `outputMask`; uses the saved stats in training
    /// and the running stats in eval.
    package static func batchNormBackward(
        _ gradOutput: Tensor, _ input: Tensor, weight: Tensor?, runningMean: Tensor?, runningVar: Tensor?,
        saveMean: Tensor?, saveInvstd: Tensor?, training: Bool, eps: Double = 1e-5,
        outputMask: [Bool] = [true, true, true]
    ) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?) {
        if nnAnyReduced(gradOutput, input, weight, runningMean, runningVar, saveMean, saveInvstd) {
            let r = batchNormBackward(
                gradOutput.opmath, input.opmath, weight: weight?.opmath, runningMean: runningMean?.opmath,
                runningVar: runningVar?.opmath, saveMean: saveMean?.opmath, saveInvstd: saveInvstd?.opmath,
                training: training,
                eps: eps, outputMask: outputMask)
            return nnNormGradients(r, input: input, weight: weight, bias: nil)
        }
        torchCheck(
            gradOutput.sizes == input.sizes,
            "batch_norm_backward: grad_output size \(shapeString(gradOutput.sizes)) does not match input size \(shapeString(input.sizes))"
        )
        let (mean, invstd): (Tensor, Tensor)
        if training {
            mean = saveMean!
            invstd = saveInvstd!
        } else {
            mean = runningMean!
            invstd = runningVar!.to(.float64).contiguous()  // inverted in the kernel
        }
        return BatchNormBackward(
            grad: gradOutput, input: input, weight: weight, mean: mean, invstdOrVar: invstd, training: training,
            eps: eps,
            mask: outputMask
        ).dispatch(input.dtype, "batch_norm_backward")
    }
}

private struct BatchNormForward: NNKernel {
    let input: Tensor, runningMean: Tensor?, runningVar: Tensor?, weight: Tensor?, bias: Tensor?
    let training: Bool, momentum: Double, eps: Double

    func run<T: NNFloat>(_: T.Type) -> (output: Tensor, saveMean: Tensor, saveInvstd: Tensor) {
        let x = input.contiguous()
        let n = x.size(0), channels = x.size(1)
        let plane = x.sizes.dropFirst(2).reduce(1, *)
        let count = n * plane
        let out = Tensor(uninitializedShape: x.sizes, dtype: x.dtype)
        let saveMean = Tensor(uninitializedShape: training ? [channels] : [0], dtype: x.dtype)
        let saveInvstd = Tensor(uninitializedShape: training ? [channels] : [0], dtype: x.dtype)
        let w = weight?.contiguous(), b = bias?.contiguous()
        let rm = runningMean, rv = runningVar
        let rmC = rm?.contiguous(), rvC = rv?.contiguous()
        let src = x.pointer(T.self), dst = out.mutablePointer(T.self)
        let wp = w?.pointer(T.self), bp = b?.pointer(T.self)
        let smp = training ? saveMean.mutablePointer(T.self) : nil
        let sip = training ? saveInvstd.mutablePointer(T.self) : nil
        let rmp = rmC?.mutablePointer(T.self), rvp = rvC?.mutablePointer(T.self)
        let training = training, momentum = momentum, eps = eps
        // [N, C] input: statistics and output row by row (BatchNormRows.swift); per channel only the scalars.
        let rowStats = plane == 1 && training ? BatchNormRows.statistics(src, rows: n, channels: channels) : nil
        let alphas = rowStats == nil ? nil : UnsafeMutablePointer<T>.allocate(capacity: 2 * channels)
        defer { alphas?.deallocate() }
        let betas = alphas.map { $0 + channels }
        parallelFor(channels, grain: Swift.max(1, Threads.grainSize / Swift.max(count, 1))) { range in
            for c in range {
                var mean: Double, invstd: Double
                if training {
                    var s = 0.0, sq = 0.0
                    if let rowStats {
                        mean = rowStats.mean[c]
                        sq = rowStats.squares[c]
                    } else {
                        for i in 0..<n { s += nnSum(src + (i * channels + c) * plane, plane) }
                        mean = count > 0 ? s / Double(count) : 0
                        for i in 0..<n { sq += nnSumSquaredDeviation(src + (i * channels + c) * plane, plane, mean) }
                    }
                    let variance = count > 0 ? sq / Double(count) : 0
                    invstd = 1 / (variance + eps).squareRoot()
                    smp![c] = T(mean)
                    sip![c] = T(invstd)
                    if let rmp { rmp[c] = T(momentum * mean + (1 - momentum) * Double(rmp[c])) }
                    if let rvp {
                        let unbiased = count > 1 ? sq / Double(count - 1) : Double.nan
                        rvp[c] = T(momentum * unbiased + (1 - momentum) * Double(rvp[c]))
                    }
                } else {
                    mean = Double(rmp![c])
                    invstd = 1 / (Double(rvp![c]) + eps).squareRoot()
                }
                // y = x * alpha + beta
                let wc = wp.map { Double($0[c]) } ?? 1
                let alpha = T(invstd * wc)
                let beta = T((bp.map { Double($0[c]) } ?? 0) - mean * invstd * wc)
                if rowStats != nil {
                    alphas![c] = alpha
                    betas![c] = beta
                    continue
                }
                for i in 0..<n {
                    let off = (i * channels + c) * plane
                    nnScaleShift(src + off, dst + off, plane, alpha, beta)
                }
            }
        }
        if let alphas, let betas {
            BatchNormRows.affine(src, dst, rows: n, channels: channels, alpha: alphas, beta: betas)
        }
        // Running stats live in the caller's tensors; write back if they were not contiguous.
        if training {
            if let rm, let rmC, rm !== rmC { rm.copy_(rmC) } else { rm?.bumpVersion() }
            if let rv, let rvC, rv !== rvC { rv.copy_(rvC) } else { rv?.bumpVersion() }
        }
        return (out, saveMean, saveInvstd)
    }
}

private struct BatchNormBackward: NNKernel {
    let grad: Tensor, input: Tensor, weight: Tensor?, mean: Tensor, invstdOrVar: Tensor
    let training: Bool, eps: Double
    let mask: [Bool]

    func run<T: NNFloat>(_: T.Type) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?) {
        let x = input.contiguous(), g = grad.contiguous()
        let n = x.size(0), channels = x.size(1)
        let plane = x.sizes.dropFirst(2).reduce(1, *)
        let count = n * plane
        let gi = mask[0] ? Tensor(uninitializedShape: x.sizes, dtype: x.dtype) : nil
        let gw = mask[1] ? Tensor(uninitializedShape: [channels], dtype: x.dtype) : nil
        let gb = mask[2] ? Tensor(uninitializedShape: [channels], dtype: x.dtype) : nil
        let meanD = mean.to(.float64).contiguous(), statD = invstdOrVar.to(.float64).contiguous()
        let mp = meanD.pointer(Double.self), sp = statD.pointer(Double.self)
        let w = weight?.to(.float64).contiguous()
        let wp = w?.pointer(Double.self)
        let src = x.pointer(T.self), dy = g.pointer(T.self)
        let gip = gi?.mutablePointer(T.self), gwp = gw?.mutablePointer(T.self), gbp = gb?.mutablePointer(T.self)
        let training = training, eps = eps
        // [N, C] input in training: sums and input gradient row by row (BatchNormRows.swift).
        let rowSums =
            plane == 1 && training ? BatchNormRows.gradientSums(dy, src, mean: mp, rows: n, channels: channels) : nil
        let coefficients = rowSums != nil && gip != nil ? UnsafeMutablePointer<T>.allocate(capacity: 3 * channels) : nil
        defer { coefficients?.deallocate() }
        parallelFor(channels, grain: Swift.max(1, Threads.grainSize / Swift.max(count, 1))) { range in
            for c in range {
                let mean = mp[c]
                let invstd = training ? sp[c] : 1 / (sp[c] + eps).squareRoot()
                var sumDy = 0.0, dot = 0.0
                if let rowSums {
                    sumDy = rowSums.sumDy[c]
                    dot = rowSums.dot[c]
                } else {
                    for i in 0..<n {
                        let off = (i * channels + c) * plane
                        sumDy += nnSum(dy + off, plane)
                        dot += nnDotDeviation(dy + off, src + off, plane, mean)
                    }
                }
                gwp?[c] = T(dot * invstd)
                gbp?[c] = T(sumDy)
                guard let gip else { continue }
                let wc = wp?[c] ?? 1
                if training {
                    let k = count > 0 ? dot * invstd * invstd / Double(count) : 0
                    let gradMean = count > 0 ? sumDy / Double(count) : 0
                    // gx = (dy − (x − mean)·k − gradMean)·invstd·w, folded into gx = dy·a + x·b + c in T.
                    let a = T(invstd * wc), b = T(-k * invstd * wc), cst = T((mean * k - gradMean) * invstd * wc)
                    if let coefficients {
                        (coefficients[c], coefficients[channels + c], coefficients[2 * channels + c]) = (a, b, cst)
                        continue
                    }
                    for i in 0..<n {
                        let off = (i * channels + c) * plane
                        nnScale2Shift(dy + off, src + off, gip + off, plane, a, b, cst)
                    }
                } else {
                    let scale = T(invstd * wc)
                    for i in 0..<n {
                        let off = (i * channels + c) * plane
                        for j in 0..<plane { gip[off + j] = dy[off + j] * scale }
                    }
                }
            }
        }
        if let coefficients, let gip {
            BatchNormRows.inputGradient(dy, src, gip, rows: n, channels: channels, coefficients: coefficients)
        }
        return (gi, gw, gb)
    }
}
