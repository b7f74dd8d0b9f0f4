/// `native_dropout` / `native_dropout_backward`, `dropout`, and feature dropout (`dropout1d/2d`), drawing
/// their keep-masks with `bernoulli_(1 − p)` from TensorCore's generator exactly as torch does, so a
/// seeded run reproduces torch's masks.
extension NNOps {
    /// (output, mask): mask is bool, true where kept; output = input · mask / (1 − p). In eval both are
    /// the input itself and an all-true mask.
    package static func nativeDropout(
        _ input: Tensor, p: Double, train: Bool = true, generator: Generator? = nil
    ) -> (output: Tensor, mask: Tensor) {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
        if !train || p == 0 {
            return (train ? input.clone() : input, Tensor.ones(input.sizes, dtype: .bool))
        }
        if p == 1 { return (Tensor.zerosLike(input), Tensor.zeros(input.sizes, dtype: .bool)) }
        let keep = Tensor.emptyLike(input).bernoulli_(1 - p, generator: generator)
        let out = DropoutKernel(input: input, mask: keep, scale: 1 / (1 - p)).dispatchRounding(
            input.dtype, "native_dropout")
        let mask = keep.to(.bool)
        return (out.recorded(.nativeDropout(p: p, mask: mask), input), mask)
    }

    /// grad · mask · scale (scale = 1 / (1 − p)).
    package static func nativeDropoutBackward(_ gradOutput: Tensor, mask: Tensor, scale: Double) -> Tensor {
        torchCheck(mask.dtype == .bool, "Mask should be Bool Scalar Type\(mask.dtype.scalarTypeName)")
        let m = nnExpand(mask, gradOutput)
        return DropoutKernel(input: gradOutput, mask: m, scale: scale).dispatchRounding(
            gradOutput.dtype, "native_dropout_backward")
    }

    /// `F.dropout` on CPU (torch's `_dropout_impl`): input · (noise / (1 − p)), noise = bernoulli(1 − p)
    /// drawn in the input's memory order (`empty_like` keeps a permuted input's layout). A contiguous
    /// floating input takes one fused pass (same numbers as torch's div_ then mul, grad_fn MulBackward0);
    /// others run torch's ops, so a permuted output keeps its layout and integer inputs get div_'s error.
    package static func dropout(_ input: Tensor, p: Double = 0.5, training: Bool = true, generator: Generator? = nil)
        -> Tensor
    {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
        if !training || p == 0 { return input }
        if p == 1 { return input * Tensor.zeros([], dtype: input.dtype) }
        let noise = emptyPreservingLayout(input).bernoulli_(1 - p, generator: generator)
        guard input.isContiguous && input.dtype.isFloatingPoint else { return input * noise.div_(Scalar.double(1 - p)) }
        return DropoutKernel(input: input, mask: noise, scale: 1, divisor: 1 - p).dispatchRounding(
            input.dtype, "dropout"
        )
        .recorded(.dropoutMask(mask: noise, scale: 1, divisor: 1 - p), input)
    }

    /// `torch.empty_like` (memory_format=preserve): a non-overlapping, dense input (a transpose, a
    /// permute) keeps its strides, so random fills land in memory order as in torch; others are contiguous.
    static func emptyPreservingLayout(_ input: Tensor) -> Tensor {
        guard !input.isContiguous else { return Tensor.emptyLike(input) }
        let dims = (0..<input.ndim).filter { input.sizes[$0] != 1 }.sorted { input.strides[$0] < input.strides[$1] }
        var expected = 1
        for d in dims {
            guard input.strides[d] == expected else { return Tensor.emptyLike(input) }
            expected *= input.sizes[d]
        }
        return Tensor.empty([input.numel], dtype: input.dtype).asStrided(input.sizes, input.strides, offset: 0)
    }

    /// input · mask / (1 − p) with a given keep-mask (bool or 0/1, broadcastable): dropout with the
    /// randomness supplied, e.g. to replay a mask.
    package static func dropout(_ input: Tensor, mask: Tensor, p: Double) -> Tensor {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
        let m = nnExpand(mask, input)
        let scale = p == 1 ? 0 : 1 / (1 - p)
        return DropoutKernel(input: input, mask: m, scale: scale).dispatchRounding(input.dtype, "dropout")
            .recorded(.dropoutMask(mask: m, scale: scale, divisor: nil), input)
    }

    /// The gradient of `dropout`'s multiply by a mask: grad · mask · scale, or grad · (mask / divisor).
    package static func dropoutMaskBackward(_ gradOutput: Tensor, mask: Tensor, scale: Double, divisor: Double?)
        -> Tensor
    {
        DropoutKernel(input: gradOutput, mask: mask, scale: scale, divisor: divisor).dispatchRounding(
            gradOutput.dtype, "dropout")
    }

    /// `F.dropout1d/2d/3d` (feature dropout): one keep decision per (sample, channel), broadcast over the
    /// spatial dims; returns the output and the [N, C, 1, ...] float mask already scaled by 1 / (1 − p),
    /// which is also the backward's multiplier.
    package static func featureDropout(
        _ input: Tensor, p: Double = 0.5, training: Bool = true, generator: Generator? = nil
    ) -> (output: Tensor, mask: Tensor) {
        torchCheck(p >= 0 && p <= 1, "dropout probability has to be between 0 and 1, but got \(p)")
        torchCheck(input.ndim >= 2, "Feature dropout requires at least 2 dimensions in the input")
        if !training || p == 0 { return (input, Tensor.ones([1], dtype: input.dtype)) }
        let noiseShape = [input.size(0), input.size(1)] + [Int](repeating: 1, count: input.ndim - 2)
        // torch multiplies by zeros without drawing; a tracked input takes torch's recorded multiply.
        if p == 1 {
            let zeros = Tensor.zeros(noiseShape, dtype: input.dtype)
            return (input * zeros, zeros)
        }
        let noise = Tensor.empty(noiseShape, dtype: input.dtype).bernoulli_(1 - p, generator: generator)
        let scaled = DropoutKernel(input: noise, mask: Tensor.onesLike(noise), scale: 1, divisor: 1 - p)
            .dispatchRounding(input.dtype, "feature_dropout")
        if input.requiresGradient { return (input * scaled, scaled) }
        let out = DropoutKernel(input: input, mask: nnExpand(scaled, input), scale: 1).dispatchRounding(
            input.dtype, "feature_dropout")
        return (out, scaled)
    }
}

/// input · mask · scale, or input · (mask / divisor) when a divisor is given (both as torch rounds them),
/// over a contiguous copy; `mask` already has the input's shape.
struct DropoutKernel: NNKernel {
    let input: Tensor, mask: Tensor, scale: Double
    var divisor: Double? = nil
    func run<T: NNFloat>(_: T.Type) -> Tensor {
        let x = input.contiguous()
        let m = mask.dtype == x.dtype ? mask.contiguous() : mask.to(x.dtype).contiguous()
        let out = Tensor(uninitializedShape: x.sizes, dtype: x.dtype)
        let p = x.pointer(T.self), mp = m.pointer(T.self), q = out.mutablePointer(T.self), s = T(scale)
        if let divisor {
            let d = T(divisor)
            parallelFor(x.numel) { range in
                for i in range { q[i] = p[i] * (mp[i] / d) }
            }
        } else {
            parallelFor(x.numel) { range in
                for i in range { q[i] = p[i] * mp[i] * s }
            }
        }
        return out
    }

    /// `dispatch`, with float16/bfloat16 rounded where torch rounds them: `input · mask` is exact and
    /// `· scale` rounds once; with a divisor the mask is divided (and rounded) first, then multiplied.
    func dispatchRounding(_ dtype: DType, _ name: String) -> Tensor {
        guard dtype.isReducedFloat else { return dispatch(dtype, name) }
        let x = input.untrackedView(), m = mask.untrackedView().to(dtype)
        if let divisor { return x.mul(m.div(.double(divisor))) }
        return x.mul(m).mul(.double(scale))
    }
}
