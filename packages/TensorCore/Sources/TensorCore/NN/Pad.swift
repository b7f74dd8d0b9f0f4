/// `torch.nn.functional.pad`: constant padding on any trailing dims (negative pads crop), and
/// reflect / replicate / circular padding on the last 1-3 dims, plus the backward of each.
extension NNOps {
    /// `pad` lists (left, right) pairs starting from the last dim, as in torch.
    package static func pad(_ input: Tensor, pad: [Int], mode: String = "constant", value: Scalar? = nil) -> Tensor {
        let map = LinearNNMap.pad(inputSize: input.sizes, pad: pad, mode: mode)
        return padKernel(input.requiresGradient ? input.untrackedView() : input, pad: pad, mode: mode, value: value)
            .recorded(.linear(map), input)
    }

    static func padKernel(_ input: Tensor, pad: [Int], mode: String, value: Scalar?) -> Tensor {
        torchCheck(pad.count % 2 == 0, "Padding length must be divisible by 2")
        torchCheck(
            pad.count / 2 <= input.ndim,
            "Padding length should be less than or equal to two times the input dimension but got padding length \(pad.count) and input of dimension \(input.ndim)"
        )
        if mode == "constant" { return constantPad(input, pad, value ?? 0) }
        torchCheck(value == nil || value == 0, "Padding mode \"\(mode)\" doesn't take in value argument")
        if input.dtype == .bool && mode != "circular" {
            torchFail(
                "\"\(mode == "reflect" ? "reflection" : "replication")_pad\(pad.count / 2)d\" not implemented for 'Bool'"
            )
        }
        let maps = PadMaps(input.sizes, pad, mode)
        let out = Tensor(uninitializedShape: maps.outputShape, dtype: input.dtype)
        out.dtype.visit(PadGather(input: input, out: out, maps: maps))
        return out
    }

    /// The gradient of `pad` w.r.t. its input, given the input's shape.
    package static func padBackward(_ gradOutput: Tensor, inputSizes: [Int], pad: [Int], mode: String = "constant")
        -> Tensor
    {
        if mode == "constant" {
            var slice = gradOutput
            let result = Tensor.zeros(inputSizes, dtype: gradOutput.dtype)
            var dst = result
            for i in 0..<(pad.count / 2) {
                let dim = inputSizes.count - 1 - i
                let (l, r) = (pad[2 * i], pad[2 * i + 1])
                let kept = inputSizes[dim] + Swift.min(l, 0) + Swift.min(r, 0)
                if kept <= 0 { return result }
                slice = slice.narrow(dim: dim, start: Swift.max(l, 0), length: kept)
                dst = dst.narrow(dim: dim, start: Swift.max(-l, 0), length: kept)
            }
            dst.copy_(slice)
            return result
        }
        let maps = PadMaps(inputSizes, pad, mode)
        torchCheck(
            gradOutput.sizes == maps.outputShape,
            "Expected grad_output of size \(shapeString(maps.outputShape)) but got \(shapeString(gradOutput.sizes))")
        // float16/bfloat16 gradients accumulate in float32 and are rounded once.
        let accumulation = gradOutput.dtype.isReducedFloat ? DType.float32 : gradOutput.dtype
        let result = Tensor.zeros(inputSizes, dtype: accumulation)
        PadScatter(grad: gradOutput.kernelOpmath, result: result, maps: maps).dispatch(
            accumulation, "\(mode)_pad_backward")
        return result.to(gradOutput.dtype)
    }

    private static func constantPad(_ input: Tensor, _ pad: [Int], _ value: Scalar) -> Tensor {
        var shape = input.sizes
        for i in 0..<(pad.count / 2) {
            let dim = shape.count - 1 - i
            let size = shape[dim] + pad[2 * i] + pad[2 * i + 1]
            torchCheck(
                size >= 0,
                "The input size \(shape[dim]), plus negative padding \(pad[2 * i]) and \(pad[2 * i + 1]) resulted in a negative output size, which is invalid. Check dimension \(dim) of your input."
            )
            shape[dim] = size
        }
        let out = Tensor.full(shape, value, dtype: input.dtype)
        var src = input, dst = out
        for i in 0..<(pad.count / 2) {
            let dim = shape.count - 1 - i
            let (l, r) = (pad[2 * i], pad[2 * i + 1])
            let kept = input.size(dim) + Swift.min(l, 0) + Swift.min(r, 0)
            if kept <= 0 { return out }
            src = src.narrow(dim: dim, start: Swift.max(-l, 0), length: kept)
            dst = dst.narrow(dim: dim, start: Swift.max(l, 0), length: kept)
        }
        dst.copy_(src)
        return out
    }
}

/// Source index along each padded dim for every output index; the leading dims pass through.
private struct PadMaps {
    var outputShape: [Int]
    var leading: Int
    var padded: Int
    /// Three maps (outer to inner), identity-padded when fewer dims are padded.
    var maps: [[Int]]

    init(_ sizes: [Int], _ pad: [Int], _ mode: String) {
        let k = pad.count / 2
        padded = k
        torchCheck(["reflect", "replicate", "circular"].contains(mode), "Unrecognised padding mode \(mode)")
        torchCheck(
            k >= 1 && k <= 3 && (sizes.count == k + 1 || sizes.count == k + 2),
            "Padding size \(pad.count) is not supported for \(sizes.count)D input tensor.")
        outputShape = sizes
        maps = []
        for j in 0..<k {
            let dim = sizes.count - k + j  // outer to inner
            let i = sizes.count - 1 - dim  // pad pair index
            let (l, r) = (pad[2 * i], pad[2 * i + 1])
            let n = sizes[dim]
            switch mode {
            case "reflect":
                torchCheck(
                    l < n && r < n,
                    "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding (\(l), \(r)) at dimension \(dim) of input \(shapeString(sizes))"
                )
            case "circular":
                torchCheck(l <= n && r <= n, "Padding value causes wrapping around more than once.")
            default:
                torchCheck(
                    n > 0 || (l <= 0 && r <= 0),
                    "input tensor must not be empty at dimension \(dim) for replicate padding")
            }
            let outSize = n + l + r
            torchCheck(outSize > 0, "input (H: \(n)) is too small. Calculated output H: \(outSize)")
            var map = [Int](repeating: 0, count: outSize)
            for o in 0..<outSize {
                let s = o - l
                switch mode {
                case "reflect": map[o] = s < 0 ? -s : (s >= n ? 2 * (n - 1) - s : s)
                case "replicate": map[o] = Swift.min(Swift.max(s, 0), n - 1)
                default:
                    // Negative pads crop first; positive ones wrap around the cropped centre, as torch does.
                    let cropL = Swift.max(-l, 0), m = n - cropL - Swift.max(-r, 0)
                    var c = o - Swift.max(l, 0)
                    if c < 0 { c += m } else if c >= m { c -= m }
                    map[o] = c + cropL
                }
            }
            outputShape[dim] = outSize
            maps.append(map)
        }
        while maps.count < 3 { maps.insert([0], at: 0) }
        leading = sizes.dropLast(k).reduce(1, *)
    }
}

/// Strides of the input for (leading-flattened, d0, d1, d2) with absent dims as stride 0.
private func padStrides(_ t: Tensor, _ k: Int) -> (lead: [Int], leadSizes: [Int], inner: [Int]) {
    let n = t.ndim
    var inner = [0, 0, 0]
    for j in 0..<k { inner[3 - k + j] = t.strideValues[n - k + j] }
    return (Array(t.strideValues.prefix(n - k)), Array(t.sizes.prefix(n - k)), inner)
}

@inline(__always) private func leadOffset(_ index: Int, _ sizes: [Int], _ strides: [Int]) -> Int {
    var rest = index, off = 0
    var d = sizes.count - 1
    while d >= 0 {
        off += (rest % sizes[d]) * strides[d]
        rest /= sizes[d]
        d -= 1
    }
    return off
}

private struct PadGather: ElementVisitor {
    let input: Tensor, out: Tensor
    let maps: PadMaps
    func visit<T: TensorElement>(_: T.Type) {
        let kDims = maps.padded
        let (lead, leadSizes, inner) = padStrides(input, kDims)
        let src = input.pointer(T.self)
        let dst = out.mutablePointer(T.self)
        let (m0, m1, m2) = (maps.maps[0], maps.maps[1], maps.maps[2])
        let block = m0.count * m1.count * m2.count
        parallelFor(maps.leading, grain: Swift.max(1, Threads.grainSize / Swift.max(block, 1))) { range in
            for b in range {
                let base = src + leadOffset(b, leadSizes, lead)
                var o = dst + b * block
                for a in m0 {
                    for c in m1 {
                        let row = base + a * inner[0] + c * inner[1]
                        for e in m2 {
                            o.pointee = row[e * inner[2]]
                            o += 1
                        }
                    }
                }
            }
        }
    }
}

private struct PadScatter: NNKernel {
    let grad: Tensor, result: Tensor
    let maps: PadMaps
    func run<T: NNFloat>(_: T.Type) {
        let g = grad.contiguous()
        let kDims = maps.padded
        let (lead, leadSizes, inner) = padStrides(result, kDims)
        let src = g.pointer(T.self)
        let dst = result.mutablePointer(T.self)
        let (m0, m1, m2) = (maps.maps[0], maps.maps[1], maps.maps[2])
        let block = m0.count * m1.count * m2.count
        parallelFor(maps.leading, grain: Swift.max(1, Threads.grainSize / Swift.max(block, 1))) { range in
            for b in range {
                let base = dst + leadOffset(b, leadSizes, lead)
                var o = src + b * block
                for a in m0 {
                    for c in m1 {
                        let row = base + a * inner[0] + c * inner[1]
                        for e in m2 {
                            row[e * inner[2]] += o.pointee
                            o += 1
                        }
                    }
                }
            }
        }
    }
}
