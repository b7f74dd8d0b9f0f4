/// `instance_norm` as torch composes it: batch norm over the [1, N·C, spatial...] view with the affine
/// parameters and running stats repeated per sample; running stats then take the mean over samples.
extension NNOps {
    package static func instanceNorm(
        _ input: Tensor, runningMean: Tensor? = nil, runningVar: Tensor? = nil, weight: Tensor? = nil,
        bias: Tensor? = nil, useInputStats: Bool = true, momentum: Double = 0.1, eps: Double = 1e-5
    ) -> (output: Tensor, saveMean: Tensor, saveInvstd: Tensor) {
        torchCheck(
            input.ndim >= 3,
            "instance_norm: expected input with at least 3 dims (N, C, spatial...), but got \(input.ndim)")
        if useInputStats {
            torchCheck(
                input.sizes.dropFirst(2).reduce(1, *) > 1,
                "Expected more than 1 spatial element when training, got input size \(input.shape)")
        }
        let (n, c) = (input.size(0), input.size(1))
        let flat = input.contiguous().view([1, n * c] + Array(input.sizes.dropFirst(2)))
        let rm = runningMean.map { instanceRepeat($0, n) }, rv = runningVar.map { instanceRepeat($0, n) }
        let r = batchNorm(
            flat, runningMean: rm, runningVar: rv, weight: weight.map { instanceRepeat($0, n) },
            bias: bias.map { instanceRepeat($0, n) }, training: useInputStats, momentum: momentum, eps: eps)
        if useInputStats {
            if let runningMean, let rm { runningMean.copy_(instanceSampleMean(rm, n, c)) }
            if let runningVar, let rv { runningVar.copy_(instanceSampleMean(rv, n, c)) }
        }
        return (r.output.view(input.sizes), r.saveMean, r.saveInvstd)
    }

    /// Gradients of `instanceNorm` w.r.t. (input, weight, bias); weight/bias gradients sum over samples.
    package static func instanceNormBackward(
        _ gradOutput: Tensor, _ input: Tensor, weight: Tensor?, runningMean: Tensor?, runningVar: Tensor?,
        saveMean: Tensor?, saveInvstd: Tensor?, useInputStats: Bool = true, eps: Double = 1e-5,
        outputMask: [Bool] = [true, true, true]
    ) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?) {
        let (n, c) = (input.size(0), input.size(1))
        let shape = [1, n * c] + Array(input.sizes.dropFirst(2))
        let g = batchNormBackward(
            gradOutput.contiguous().view(shape), input.contiguous().view(shape),
            weight: weight.map { instanceRepeat($0, n) },
            runningMean: runningMean.map { instanceRepeat($0, n) },
            runningVar: runningVar.map { instanceRepeat($0, n) },
            saveMean: saveMean, saveInvstd: saveInvstd, training: useInputStats, eps: eps, outputMask: outputMask)
        func sumSamples(_ t: Tensor?) -> Tensor? {
            guard let t else { return nil }
            return nnScale(instanceSampleMean(t, n, c), Double(n))
        }
        return (g.gradInput?.view(input.sizes), sumSamples(g.gradWeight), sumSamples(g.gradBias))
    }

    /// [C] → [N·C]: the vector repeated once per sample.
    private static func instanceRepeat(_ t: Tensor, _ n: Int) -> Tensor { t.contiguous().repeat([n]) }

    /// [N·C] → [C]: the mean over samples.
    private static func instanceSampleMean(_ t: Tensor, _ n: Int, _ c: Int) -> Tensor {
        let d = t.to(.float64).contiguous().toArray(Double.self)
        var out = [Double](repeating: 0, count: c)
        for i in 0..<n { for j in 0..<c { out[j] += d[i * c + j] } }
        return Tensor(copying: out.map { $0 / Double(n) }, shape: [c]).to(t.dtype)
    }
}
