/// `native_layer_norm` / `native_layer_norm_backward` and `native_group_norm` / `native_group_norm_backward`.
/// Both normalize contiguous rows (layer norm: the trailing normalized dims; group norm: one group of
/// channels of one sample) and share the row kernels below; statistics accumulate in Double.
extension NNOps {
    /// Returns (output, mean, rstd); mean and rstd have the input's leading dims and 1 for each normalized dim.
    public static func layerNorm(
        _ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5
    ) -> (output: Tensor, mean: Tensor, rstd: Tensor) {
        let (rows, width, statShape) = layerNormShapes(input, normalizedShape, weight, bias)
        let r = NormRows(input: input, rows: rows, width: width, channelsPerRow: 1, plane: width, weight: weight, bias: bias, eps: eps)
            .dispatch(input.dtype, "layer_norm")
        return (r.0, r.1.view(statShape), r.2.view(statShape))
    }

    public static func layerNormBackward(
        _ gradOutput: Tensor, _ input: Tensor, normalizedShape: [Int], mean: Tensor, rstd: Tensor, weight: Tensor?,
        bias: Tensor?, outputMask: [Bool] = [true, true, true]
    ) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?) {
        let (rows, width, _) = layerNormShapes(input, normalizedShape, weight, bias)
        torchCheck(gradOutput.sizes == input.sizes, "layer_norm_backward: grad_output size \(shapeString(gradOutput.sizes)) does not match input size \(shapeString(input.sizes))")
        let r = NormRowsBackward(
            grad: gradOutput, input: input, mean: mean, rstd: rstd, weight: weight, rows: rows, width: width, channels: width,
            plane: 1, groups: 1, mask: outputMask
        ).dispatch(input.dtype, "layer_norm_backward")
        return (r.0, r.1?.view(normalizedShape), r.2?.view(normalizedShape))
    }

    /// Returns (output, mean [N, G], rstd [N, G]).
    public static func groupNorm(
        _ input: Tensor, numGroups: Int, weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5
    ) -> (output: Tensor, mean: Tensor, rstd: Tensor) {
        let (n, c, plane) = groupNormShapes(input, numGroups, weight, bias)
        let r = NormRows(
            input: input, rows: n * numGroups, width: (c / numGroups) * plane, channelsPerRow: c / numGroups, plane: plane,
            weight: weight, bias: bias, eps: eps
        ).dispatch(input.dtype, "group_norm")
        return (r.0, r.1.view([n, numGroups]), r.2.view([n, numGroups]))
    }

    public static func groupNormBackward(
        _ gradOutput: Tensor, _ input: Tensor, mean: Tensor, rstd: Tensor, weight: Tensor?, numGroups: Int,
        outputMask: [Bool] = [true, true, true]
    ) -> (gradInput: Tensor?, gradWeight: Tensor?, gradBias: Tensor?) {
        let (n, c, plane) = groupNormShapes(input, numGroups, weight, nil)
        torchCheck(gradOutput.sizes == input.sizes, "group_norm_backward: grad_output size \(shapeString(gradOutput.sizes)) does not match input size \(shapeString(input.sizes))")
        return NormRowsBackward(
            grad: gradOutput, input: input, mean: mean, rstd: rstd, weight: weight, rows: n * numGroups,
            width: (c / numGroups) * plane, channels: c, plane: plane, groups: numGroups, mask: outputMask
        ).dispatch(input.dtype, "group_norm_backward")
    }

    private static func layerNormShapes(_ input: Tensor, _ shape: [Int], _ weight: Tensor?, _ bias: Tensor?) -> (Int, Int, [Int]) {
        let k = shape.count
        torchCheck(k >= 1, "Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = \(shapeString(shape))")
        for (t, name) in [(weight, "weight"), (bias, "bias")] {
            if let t {
                torchCheck(t.sizes == shape, "Expected \(name) to be of same shape as normalized_shape, but got \(name) of shape \(shapeString(t.sizes)) and normalized_shape = \(shapeString(shape))")
                nnCheckSameDType(input, t)
            }
        }
        torchCheck(
            input.ndim >= k && Array(input.sizes.suffix(k)) == shape,
            "Given normalized_shape=\(shapeString(shape)), expected input with shape [*, \(shape.map(String.init).joined(separator: ", "))], but got input of size\(shapeString(input.sizes))")
        let width = shape.reduce(1, *)
        let lead = Array(input.sizes.dropLast(k))
        return (lead.reduce(1, *), width, lead + [Int](repeating: 1, count: k))
    }

    private static func groupNormShapes(_ input: Tensor, _ groups: Int, _ weight: Tensor?, _ bias: Tensor?) -> (Int, Int, Int) {
        torchCheck(input.ndim >= 2, "Expected at least 2 dimensions for input tensor but received \(input.ndim)")
        let c = input.size(1)
        torchCheck(
            groups > 0 && c % groups == 0,
            "Expected number of channels in input to be divisible by num_groups, but got input of shape \(shapeString(input.sizes)) and num_groups=\(groups)")
        for (t, name) in [(weight, "weight"), (bias, "bias")] {
            if let t {
                torchCheck(
                    t.ndim == 1 && t.numel == c,
                    "Expected \(name) to be a vector of size equal to the number of channels in input, but got \(name) of shape \(shapeString(t.sizes)) and input of shape \(shapeString(input.sizes))")
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
                var s = 0.0
                for j in 0..<width { s += Double(p[j]) }
                let m = width > 0 ? s / Double(width) : 0
                var sq = 0.0
                for j in 0..<width { let d = Double(p[j]) - m; sq += d * d }
                let inv = 1 / ((width > 0 ? sq / Double(width) : 0) + eps).squareRoot()
                mp[r] = T(m)
                rp[r] = T(inv)
                let tm = T(m), ti = T(inv)
                if plane == width {
                    // Layer norm: per-element affine.
                    for j in 0..<width {
                        var y = (p[j] - tm) * ti
                        if let wp { y *= wp[j] }
                        if let bp { y += bp[j] }
                        q[j] = y
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
/// passes channels = width, plane = 1, groups = 1; group norm passes C, spatial size and G.
private struct NormRowsBackward: NNKernel {
    let grad: Tensor, input: Tensor, mean: Tensor, rstd: Tensor, weight: Tensor?
    let rows: Int, width: Int, channels: Int, plane: Int, groups: Int
    let mask: [Bool]

    func run<T: NNFloat>(_: T.Type) -> (Tensor?, Tensor?, Tensor?) {
        let x = input.contiguous(), g = grad.contiguous()
        let m = mean.to(.float64).contiguous(), rs = rstd.to(.float64).contiguous()
        let w = weight?.to(.float64).contiguous()
        let gi = mask[0] ? Tensor(uninitializedShape: x.sizes, dtype: x.dtype) : nil
        let src = x.pointer(T.self), dy = g.pointer(T.self)
        let mp = m.pointer(Double.self), rp = rs.pointer(Double.self), wp = w?.pointer(Double.self)
        let width = width, plane = plane, channels = channels
        let cpr = width / plane  // parameters touched by one row
        let rowsPerSample = rows > 0 ? groups : 1
        if let gip = gi?.mutablePointer(T.self) {
            parallelFor(rows, grain: Swift.max(1, Threads.grainSize / Swift.max(width, 1))) { range in
                for r in range {
                    let p = src + r * width, d = dy + r * width, o = gip + r * width
                    let mu = mp[r], inv = rp[r]
                    let base = (r % rowsPerSample) * cpr
                    var sumDyw = 0.0, sumDywX = 0.0
                    for j in 0..<width {
                        let dyw = Double(d[j]) * (wp?[base + j / plane] ?? 1)
                        sumDyw += dyw
                        sumDywX += dyw * (Double(p[j]) - mu) * inv
                    }
                    let a = sumDyw / Double(width), b = sumDywX / Double(width)
                    for j in 0..<width {
                        let dyw = Double(d[j]) * (wp?[base + j / plane] ?? 1)
                        let xhat = (Double(p[j]) - mu) * inv
                        o[j] = T(inv * (dyw - a - xhat * b))
                    }
                }
            }
        }
        var gw: Tensor?, gb: Tensor?
        if mask[1] || mask[2] {
            // Parameter k collects every row element mapped to it; accumulate per parameter in parallel.
            let gwT = Tensor(uninitializedShape: [channels], dtype: x.dtype)
            let gbT = Tensor(uninitializedShape: [channels], dtype: x.dtype)
            let gwp = gwT.mutablePointer(T.self), gbp = gbT.mutablePointer(T.self)
            let rowsPerParam = rows / rowsPerSample
            parallelFor(channels, grain: Swift.max(1, Threads.grainSize / Swift.max(rows * plane, 1))) { range in
                for k in range {
                    let group = k / cpr, within = k % cpr
                    var sw = 0.0, sb = 0.0
                    for s in 0..<rowsPerParam {
                        let r = s * rowsPerSample + group
                        let mu = mp[r], inv = rp[r]
                        let off = r * width + within * plane
                        for j in 0..<plane {
                            let d = Double(dy[off + j])
                            sb += d
                            sw += d * (Double(src[off + j]) - mu) * inv
                        }
                    }
                    gwp[k] = T(sw)
                    gbp[k] = T(sb)
                }
            }
            gw = mask[1] ? gwT : nil
            gb = mask[2] ? gbT : nil
        }
        return (gi, gw, gb)
    }
}
