/// Convolution of integer tensors, which torch's CPU computes (slow_conv2d/3d on an integer GEMM): exact
/// products summed with the type's wraparound. Here one channel contraction per kernel tap on a strided
/// window of the zero-padded input, in int64; narrowing to the type at the end wraps as the running sums
/// would have (arithmetic modulo 2^bits). Integers carry no gradient, so nothing is recorded.
extension NNOps {
    static func integerConvolution(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: [Int], padding: [Int], dilation: [Int], groups: Int,
        outputSize: [Int]
    ) -> Tensor {
        let spatial = weight.ndim - 2
        var pad: [Int] = []
        for i in (0..<spatial).reversed() { pad += [padding[i], padding[i]] }
        let x = (pad.allSatisfy { $0 == 0 } ? input.to(.int64) : NNOps.pad(input.to(.int64), pad: pad)).contiguous()
        let w = weight.to(.int64)
        let (inPerGroup, outPerGroup) = (weight.size(1), weight.size(0) / groups)
        let outSpatial = Array(outputSize.dropFirst(2))
        var taps: [[Int]] = [[]]
        for i in 0..<spatial { taps = taps.flatMap { tap in (0..<weight.size(2 + i)).map { tap + [$0] } } }
        var parts: [Tensor] = []
        for g in 0..<groups {
            var sum = Tensor.zeros([input.size(0)] + outSpatial + [outPerGroup], dtype: .int64)
            let wg = w.narrow(dim: 0, start: g * outPerGroup, length: outPerGroup)
            for tap in taps {
                // The inputs this tap meets: channels of group g, every stride-th position from its offset.
                var offset = g * inPerGroup * x.stride(1)
                for i in 0..<spatial { offset += tap[i] * dilation[i] * x.stride(2 + i) }
                let window = x.asStrided(
                    [input.size(0), inPerGroup] + outSpatial,
                    [x.stride(0), x.stride(1)] + (0..<spatial).map { stride[$0] * x.stride(2 + $0) }, offset: offset)
                var tapWeight = wg
                for i in 0..<spatial { tapWeight = tapWeight.select(dim: 2, index: tap[i]) }  // [out, in]
                sum = sum + window.movedim(1, -1).matmul(tapWeight.t())
            }
            parts.append(sum.movedim(-1, 1))
        }
        var out = groups == 1 ? parts[0] : Tensor.cat(parts, dim: 1)
        if let bias { out = out + bias.to(.int64).view([1, -1] + [Int](repeating: 1, count: spatial)) }
        return out.to(input.dtype)
    }
}

/// Transposed convolution of int64 tensors, which torch's CPU computes (slow_conv_transpose2d/3d dispatch
/// int64 among the integers; the others are refused): each input position scatters its channel contraction
/// with one kernel tap to `position · stride + tap · dilation` of the uncropped output, which `padding` then
/// crops. One contraction per tap, added into a strided view of the output; sums wrap as int64's do.
extension NNOps {
    static func integerTransposedConvolution(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: [Int], padding: [Int], dilation: [Int],
        outputPadding: [Int], groups: Int, outputSize: [Int]
    ) -> Tensor {
        let spatial = weight.ndim - 2
        let inSpatial = Array(input.sizes.dropFirst(2))
        let (inPerGroup, outPerGroup) = (weight.size(0) / groups, weight.size(1))
        let uncropped = (0..<spatial).map {
            (inSpatial[$0] - 1) * stride[$0] + dilation[$0] * (weight.size(2 + $0) - 1) + 1 + outputPadding[$0]
        }
        let x = input.to(.int64).movedim(1, -1)  // [N, spatial..., C_in]
        let w = weight.to(.int64)
        var taps: [[Int]] = [[]]
        for i in 0..<spatial { taps = taps.flatMap { tap in (0..<weight.size(2 + i)).map { tap + [$0] } } }
        var parts: [Tensor] = []
        for g in 0..<groups {
            let xg = x.narrow(dim: spatial + 1, start: g * inPerGroup, length: inPerGroup)
            let wg = w.narrow(dim: 0, start: g * inPerGroup, length: inPerGroup)
            let full = Tensor.zeros([input.size(0)] + uncropped + [outPerGroup], dtype: .int64)
            for tap in taps {
                var tapWeight = wg
                for i in 0..<spatial { tapWeight = tapWeight.select(dim: 2, index: tap[i]) }  // [in, out]
                var offset = 0
                for i in 0..<spatial { offset += tap[i] * dilation[i] * full.stride(1 + i) }
                let landing = full.asStrided(
                    [input.size(0)] + inSpatial + [outPerGroup],
                    [full.stride(0)] + (0..<spatial).map { stride[$0] * full.stride(1 + $0) } + [1], offset: offset)
                landing.add_(xg.matmul(tapWeight))
            }
            var cropped = full
            for i in 0..<spatial { cropped = cropped.narrow(dim: 1 + i, start: padding[i], length: outputSize[2 + i]) }
            parts.append(cropped.movedim(-1, 1))
        }
        var out = groups == 1 ? parts[0] : Tensor.cat(parts, dim: 1)
        if let bias { out = out + bias.to(.int64).view([1, -1] + [Int](repeating: 1, count: spatial)) }
        return out.contiguous()
    }
}
