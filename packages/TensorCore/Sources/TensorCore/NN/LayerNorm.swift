/// `native_layer_norm` / `native_layer_norm_backward` and `native_group_norm` / `native_group_norm_backward`.
/// Both normalize contiguous rows (layer norm: the trailing normalized dims; group norm: one group of
/// channels of one sample) and share the row kernels below; statistics accumulate in Double.
extension NNOps {
    /// Returns (output, mean, rstd); mean and rstd have the input's leading dims and 1 for each normalized dim.
    package static func layerNorm(
        _ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5
    ) -> (output: Tensor, mean: Tensor, rstd: Tensor) {
        if nnAnyReduced(input, weight, bias) {
            if let weight, let bias { nnCheckSameDType(weight, bias) }  // torch's first check for layer and group norm
            let stats = nnNormParametersDType(input, [weight, bias])
            let r = layerNorm(
                input.opmath, normalizedShape: normalizedShape, weight: weight?.opmath, bias: bias?.opmath, eps: eps)
            return (r.output.to(input.dtype), r.mean.to(stats), r.rstd.to(stats))
        }
        let (rows, width, statShape) = layerNormShapes(input, normalizedShape, weight, bias)
        let r = NormRows(
            input: input, rows: rows, width: width, channelsPerRow: 1, plane: width, weight: weight, bias: bias,
            eps: eps
        )
        .dispatch(input.dtype, "LayerNormKernelImpl")
        let (mean, rstd) = (r.1.view(statShape), r.2.view(statShape))
        _ = recordedMany(
            [r.0, mean, rstd],
            .nativeLayerNorm(normalizedShape: normalizedShape, eps: eps), [input, weight, bias])
        return (r.0, mean, rstd)
    }

    package static func layerNormBackward(
        _ gradOutput: Tensor, _ input: Tensor, normalizedShape: [Int], mean: Tensor, rstd: Tensor, weight: Tensor?,
        bias: Tensor?, outputMask: [Bool] = [true, true, true]
    ) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?) {
        if nnAnyReduced(gradOutput, input, weight, bias) {
            let r = layerNormBackward(
                gradOutput.opmath, input.opmath, normalizedShape: normalizedShape, mean: mean.opmath, rstd: rstd.opmath,
                weight: weight?.opmath, bias: bias?.opmath, outputMask: outputMask)
            return nnNormGradients(r, input: input, weight: weight, bias: bias)
        }
        let (rows, width, _) = layerNormShapes(input, normalizedShape, weight, bias)
        torchCheck(
            gradOutput.sizes == input.sizes,
            "layer_norm_backward: grad_output size \(shapeString(gradOutput.sizes)) does not match input size \(shapeString(input.sizes))"
        )
        let r = NormRowsBackward(
            grad: gradOutput, input: input, mean: mean, rstd: rstd, weight: weight, rows: rows, width: width,
            channels: width,
            plane: 1, groups: 1, mask: outputMask
        ).dispatch(input.dtype, "layer_norm_backward")
        return (r.0, r.1?.view(normalizedShape), r.2?.view(normalizedShape))
    }

    /// Returns (output, mean [N, G], rstd [N, G]).
    package static func groupNorm(
        _ input: Tensor, numGroups: Int, weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5
    ) -> (output: Tensor, mean: Tensor, rstd: Tensor) {
        if nnAnyReduced(input, weight, bias) {
            if let weight, let bias { nnCheckSameDType(weight, bias) }  // torch's first check for layer and group norm
            let stats = nnNormParametersDType(input, [weight, bias])
            let r = groupNorm(input.opmath, numGroups: numGroups, weight: weight?.opmath, bias: bias?.opmath, eps: eps)
            return (r.output.to(input.dtype), r.mean.to(stats), r.rstd.to(stats))
        }
        let (n, c, plane) = groupNormShapes(input, numGroups, weight, bias)
        let r = NormRows(
            input: input, rows: n * numGroups, width: (c / numGroups) * plane, channelsPerRow: c / numGroups,
            plane: plane,
            weight: weight, bias: bias, eps: eps
        ).dispatch(input.dtype, "GroupNormKernelImpl")
        let (mean, rstd) = (r.1.view([n, numGroups]), r.2.view([n, numGroups]))
        _ = recordedMany([r.0, mean, rstd], .groupNorm(numGroups: numGroups, eps: eps), [input, weight, bias])
        return (r.0, mean, rstd)
    }

    package static func groupNormBackward(
        _ gradOutput: Tensor, _ input: Tensor, mean: Tensor, rstd: Tensor, weight: Tensor?, numGroups: Int,
        outputMask: [Bool] = [true, true, true]
    ) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?) {
        if nnAnyReduced(gradOutput, input, weight) {
            let r = groupNormBackward(
                gradOutput.opmath, input.opmath, mean: mean.opmath, rstd: rstd.opmath, weight: weight?.opmath,
                numGroups: numGroups, outputMask: outputMask)
            return nnNormGradients(r, input: input, weight: weight, bias: nil)
        }
        let (n, c, plane) = groupNormShapes(input, numGroups, weight, nil)
        torchCheck(
            gradOutput.sizes == input.sizes,
            "group_norm_backward: grad_output size \(shapeString(gradOutput.sizes)) does not match input size \(shapeString(input.sizes))"
        )
        return NormRowsBackward(
            grad: gradOutput, input: input, mean: mean, rstd: rstd, weight: weight, rows: n * numGroups,
            width: (c / numGroups) * plane, channels: c, plane: plane, groups: numGroups, mask: outputMask
        ).dispatch(input.dtype, "group_norm_backward")
    }

    private static func layerNormShapes(_ input: Tensor, _ shape: [Int], _ weight: Tensor?, _ bias: Tensor?) -> (
        Int, Int, [Int]
    ) {
        let k = shape.count
        torchCheck(
            k >= 1,
            "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = \(shapeString(shape))"
        )
        for (t, name) in [(weight, "weight"), (bias, "bias")] {
            if let t {
                torchCheck(
                    t.sizes == shape,
                    "Expected \(name) to be of same shape as normalized_shape, but got \(name) of shape \(shapeString(t.sizes)) and normalized_shape = \(shapeString(shape))"
                )
                nnCheckSameDType(input, t)
            }
        }
        torchCheck(
            input.ndim >= k && Array(input.sizes.suffix(k)) == shape,
            "Given normalized_shape=\(shapeString(shape)), expected input with shape [*, \(shape.map(String.init).joined(separator: ", "))], but got input of size\(shapeString(input.sizes))"
        )
        let width = shape.reduce(1, *)
        let lead = Array(input.sizes.dropLast(k))
        return (lead.reduce(1, *), width, lead + [Int](repeating: 1, count: k))
    }

    private static func groupNormShapes(_ input: Tensor, _ groups: Int, _ weight: Tensor?, _ bias: Tensor?) -> (
        Int, Int, Int
    ) {
        torchCheck(input.ndim >= 2, "Expected at least 2 dimensions for input tensor but received \(input.ndim)")
        let c = input.size(1)
        torchCheck(
            groups > 0 && c % groups == 0,
            "Expected number of channels in input to be divisible by num_groups, but got input of shape \(shapeString(input.sizes)) and num_groups=\(groups)"
        )
        for (t, name) in [(weight, "weight"), (bias, "bias")] {
            if let t {
                torchCheck(
                    t.ndim == 1 && t.numel == c,
                    "Expected \(name) to be a vector of size equal to the number of channels in input, but got \(name) of shape \(shapeString(t.sizes)) and input of shape \(shapeString(input.sizes))"
                )
                nnCheckSameDType(input, t)
            }
        }
        return (input.size(0), c, input.sizes.dropFirst(2).reduce(1, *))
    }
}

/// Normalizes `rows` contiguous rows of `width`; the affine parameter index of element j in row r is
/// ((r % groups) * channelsPerRow + j / plane) for group norm, and j for layer norm (plane == width).
private struct NormRows: NNKernel {
    let input: Tensor, rows: Int, width: Int, channelsPerRow: Int, plane: Int
    let weight: Tensor?, bias: Tensor?, eps: Double

    func run<T: NNFloat>(_: T.Type) -> (Tensor, Tensor, Tensor) {
        let x = input.contiguous()
        let out = Tensor(uninitializedShape: x.sizes, dtype: x.dtype)
        let mean = Tensor(uninitializedShape: [rows], dtype: x.dtype)
        let rstd = Tensor(uninitializedShape: [rows], dtype: x.dtype)
        let w = weight?.contiguous(), b = bias?.contiguous()
        let wp = w?.pointer(T.self), bp = b?.pointer(T.self)
        let src = x.pointer(T.self), dst = out.mutablePointer(T.self)
        let mp = mean.mutablePointer(T.self), rp = rstd.mutablePointer(T.self)
        let width = width, plane = plane, cpr = channelsPerRow, eps = eps
        let totalChannels = wp == nil && bp == nil ? 0 : (plane == width ? width : (w ?? b)!.numel)
        let groups = plane == width ? 1 : totalChannels / Swift.max(cpr, 1)
        parallelFor(rows, grain: Swift.max(1, Threads.grainSize / Swift.max(width, 1))) { range in
            for r in range {
                let p = src + r * width, q = dst + r * width
                let m = width > 0 ? nnSum(p, width) / Double(width) : 0
                let sq = nnSumSquaredDeviation(p, width, m)
                let inv = 1 / ((width > 0 ? sq / Double(width) : 0) + eps).squareRoot()
                mp[r] = T(m)
                rp[r] = T(inv)
                let tm = T(m), ti = T(inv)
                if plane == width {
                    // Layer norm: per-element affine, branch hoisted out of the loop.
                    if let wp, let bp {
                        for j in 0..<width { q[j] = (p[j] - tm) * ti * wp[j] + bp[j] }
                    } else if let wp {
                        for j in 0..<width { q[j] = (p[j] - tm) * ti * wp[j] }
                    } else if let bp {
                        for j in 0..<width { q[j] = (p[j] - tm) * ti + bp[j] }
                    } else {
                        for j in 0..<width { q[j] = (p[j] - tm) * ti }
                    }
                } else {
                    let base = groups > 0 ? (r % groups) * cpr : 0
                    for ch in 0..<cpr {
                        let a = wp.map { $0[base + ch] } ?? 1, bb = bp.map { $0[base + ch] } ?? 0
                        let scale = ti * a, shift = bb - tm * ti * a
                        let pp = p + ch * plane, qq = q + ch * plane
                        for j in 0..<plane { qq[j] = pp[j] * scale + shift }
                    }
                }
            }
        }
        return (out, mean, rstd)
    }
}

/// Backward of NormRows. `channels`/`plane`/`groups` map row elements to affine parameters: layer norm
/// passes channels = width, plane = 1, groups = 1; group norm passes C, spatial size and G. Row sums
/// accumulate in Double; elementwise work stays in T.
private struct NormRowsBackward: NNKernel {
    let grad: Tensor, input: Tensor, mean: Tensor, rstd: Tensor, weight: Tensor?
    let rows: Int, width: Int, channels: Int, plane: Int, groups: Int
    let mask: [Bool]

    func run<T: NNFloat>(_: T.Type) -> (Tensor?, Tensor?, Tensor?) {
        let x = input.contiguous(), g = grad.contiguous()
        let m = mean.to(x.dtype).contiguous(), rs = rstd.to(x.dtype).contiguous()
        // Weight expanded to one value per row element position (width), ones when absent.
        let cpr = width / Swift.max(plane, 1)
        let src = x.pointer(T.self), dy = g.pointer(T.self)
        let mp = m.pointer(T.self), rp = rs.pointer(T.self)
        let width = width, plane = plane, channels = channels, rows = rows
        let rowsPerSample = groups
        let gi = mask[0] ? Tensor(uninitializedShape: x.sizes, dtype: x.dtype) : nil
        if let gip = gi?.mutablePointer(T.self) {
            let w = weight?.contiguous()
            let wp = w?.pointer(T.self)
            parallelFor(rows, grain: Swift.max(1, Threads.grainSize / Swift.max(width, 1))) { range in
                let scratch = UnsafeMutablePointer<T>.allocate(capacity: Swift.max(width, 1))
                defer { scratch.deallocate() }
                for r in range {
                    let p = src + r * width, d = dy + r * width, o = gip + r * width
                    let mu = mp[r], inv = rp[r]
                    // scratch = dy · weight for this row.
                    if let wp {
                        if plane == 1 {
                            for j in 0..<width { scratch[j] = d[j] * wp[j] }
                        } else {
                            let base = (r % rowsPerSample) * cpr
                            for ch in 0..<cpr {
                                let a = wp[base + ch]
                                for j in 0..<plane { scratch[ch * plane + j] = d[ch * plane + j] * a }
                            }
                        }
                    } else {
                        scratch.update(from: d, count: width)
                    }
                    let sumDyw = nnSum(scratch, width)
                    let sumDywX = nnDotDeviation(scratch, p, width, Double(mu))
                    let a = T(sumDyw / Double(width)), b = T(sumDywX / Double(width)) * inv * inv
                    for j in 0..<width { o[j] = inv * (scratch[j] - a - (p[j] - mu) * b) }
                }
            }
        }
        var gw: Tensor?, gb: Tensor?
        if mask[1] || mask[2] {
            let gwT = Tensor(uninitializedShape: [channels], dtype: x.dtype)
            let gbT = Tensor(uninitializedShape: [channels], dtype: x.dtype)
            let gwp = gwT.mutablePointer(T.self), gbp = gbT.mutablePointer(T.self)
            if plane == 1 {
                // Layer norm: parameter j collects column j of every row; split columns across threads and
                // walk rows in order so reads stay contiguous.
                parallelFor(width, grain: Swift.max(16, Threads.grainSize / Swift.max(rows, 1))) { cols in
                    let n = cols.count
                    let sw = UnsafeMutablePointer<Double>.allocate(capacity: n),
                        sb = UnsafeMutablePointer<Double>.allocate(capacity: n)
                    defer {
                        sw.deallocate()
                        sb.deallocate()
                    }
                    sw.update(repeating: 0, count: n)
                    sb.update(repeating: 0, count: n)
                    for r in 0..<rows {
                        let mu = mp[r], inv = rp[r]
                        let p = src + r * width + cols.lowerBound, d = dy + r * width + cols.lowerBound
                        for j in 0..<n {
                            sb[j] += Double(d[j])
                            sw[j] += Double(d[j] * (p[j] - mu)) * Double(inv)
                        }
                    }
                    for j in 0..<n {
                        gwp[cols.lowerBound + j] = T(sw[j])
                        gbp[cols.lowerBound + j] = T(sb[j])
                    }
                }
            } else {
                // Group norm: channel k of sample s is one contiguous plane.
                let samples = rows / rowsPerSample
                parallelFor(channels, grain: Swift.max(1, Threads.grainSize / Swift.max(samples * plane, 1))) { range in
                    for k in range {
                        let group = k / cpr, within = k % cpr
                        var sw = 0.0, sb = 0.0
                        for s in 0..<samples {
                            let r = s * rowsPerSample + group
                            let mu = mp[r], inv = rp[r]
                            let off = r * width + within * plane
                            sb += nnSum(dy + off, plane)
                            sw += nnDotDeviation(dy + off, src + off, plane, Double(mu)) * Double(inv)
                        }
                        gwp[k] = T(sw)
                        gbp[k] = T(sb)
                    }
                }
            }
            gw = mask[1] ? gwT : nil
            gb = mask[2] ? gbT : nil
        }
        return (gi, gw, gb)
    }
}
