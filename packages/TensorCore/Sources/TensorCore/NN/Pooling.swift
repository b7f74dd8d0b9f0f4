import CVectorKernels

/// Max and average pooling (`max_pool1d/2d`, `max_pool2d_with_indices(_backward)`, `avg_pool1d/2d(_backward)`).
/// Kernels run per (batch, channel) plane of a contiguous copy, planes in parallel; 1-D pooling is 2-D
/// pooling over a height-1 plane.
extension NNOps {
    package static func maxPool2d(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        dilation: IntOrTuple = 1, ceilMode: Bool = false
    ) -> Tensor {
        maxPool2dWithIndices(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode
        ).output
    }

    /// `max_pool2d(..., return_indices=True)`: indices are flat positions in each input plane (int64).
    package static func maxPool2dWithIndices(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        dilation: IntOrTuple = 1, ceilMode: Bool = false
    ) -> (output: Tensor, indices: Tensor) {
        torchCheck(input.ndim == 3 || input.ndim == 4, "non-empty 3D or 4D (batch mode) tensor expected for input")
        let p = PoolParams(
            input.sizes, kernel: kernelSize.expand(2, "kernel_size"),
            stride: (stride ?? kernelSize).expand(2, "stride"),
            padding: padding.expand(2, "padding"), dilation: dilation.expand(2, "dilation"), ceil: ceilMode, max: true)
        if !input.dtype.isFloatingPoint { return maxPool2dIntegers(input, p) }
        if input.dtype.isReducedFloat {
            let r = maxPool2dWithIndices(
                input.opmath, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                ceilMode: ceilMode)
            return (r.output.to(input.dtype), r.indices)
        }
        let r = MaxPoolForward(input: input, p: p).dispatch(input.dtype, "max_pool2d")
        let recorded = recordedPair(
            (values: r.output, indices: r.indices),
            .linear(
                .planeGather(
                    inputSize: input.sizes, indices: r.indices, adaptive: false,
                    window: PoolWindow(
                        kernelSize: kernelSize.expand(2, "kernel_size"),
                        stride: (stride ?? kernelSize).expand(2, "stride"),
                        padding: padding.expand(2, "padding"), dilation: dilation.expand(2, "dilation"),
                        ceilMode: ceilMode))),
            input)
        return (recorded.values, recorded.indices)
    }

    package static func maxPool1d(
        _ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
        ceilMode: Bool = false
    ) -> Tensor {
        // torch's max_pool1d without indices has its own kernel, for floating types only.
        torchCheck(
            input.dtype.isFloatingPoint, "\"max_pool1d_impl\" not implemented for '\(input.dtype.scalarTypeName)'")
        return maxPool1dWithIndices(
            input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode
        ).output
    }

    package static func maxPool1dWithIndices(
        _ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0, dilation: Int = 1,
        ceilMode: Bool = false
    ) -> (output: Tensor, indices: Tensor) {
        torchCheck(
            input.ndim == 2 || input.ndim == 3,
            "max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:\(shapeString(input.sizes))"
        )
        torchCheck(
            padding <= kernelSize / 2,
            "max_pool1d() padding should be at most half of kernel size, but got padding=\(padding) and kernel_size=\(kernelSize)"
        )
        let r = maxPool2dWithIndices(
            input.unsqueeze(-2), kernelSize: [1, kernelSize], stride: [1, stride ?? kernelSize], padding: [0, padding],
            dilation: [1, dilation], ceilMode: ceilMode)
        return (r.output.squeeze(dim: -2), r.indices.squeeze(dim: -2))
    }

    /// Routes each output gradient to the input position `indices` recorded.
    package static func maxPool2dWithIndicesBackward(_ gradOutput: Tensor, _ input: Tensor, indices: Tensor) -> Tensor {
        torchCheck(indices.dtype == .int64, "expected indices to have type Long")
        torchCheck(
            gradOutput.sizes == indices.sizes,
            "Expected grad_output and indices to have the same shape, but got \(shapeString(gradOutput.sizes)) and \(shapeString(indices.sizes))"
        )
        nnCheckSameDType(input, gradOutput)
        if input.dtype.isReducedFloat {
            return maxPool2dWithIndicesBackward(gradOutput.opmath, input.opmath, indices: indices).to(input.dtype)
        }
        return MaxPoolBackward(grad: gradOutput, input: input, indices: indices).dispatch(
            input.dtype, "max_pool2d_with_indices_backward")
    }

    package static func avgPool2d(
        _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil, padding: IntOrTuple = 0,
        ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) -> Tensor {
        torchCheck(input.ndim == 3 || input.ndim == 4, "non-empty 3D or 4D (batch mode) tensor expected for input")
        torchCheck(divisorOverride != 0, "divisor must be not zero")
        if input.dtype == .int64 {
            let p = PoolParams(
                input.sizes, kernel: kernelSize.expand(2, "kernel_size"),
                stride: (stride ?? kernelSize).expand(2, "stride"),
                padding: padding.expand(2, "padding"), dilation: [1, 1], ceil: ceilMode, max: false)
            return avgPool2dInt64(input, p, includePad: countIncludePad, divisor: divisorOverride)
        }
        if input.dtype.isReducedFloat {
            return avgPool2d(
                input.opmath, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                countIncludePad: countIncludePad, divisorOverride: divisorOverride
            ).to(input.dtype)
        }
        let map = LinearNNMap.avgPool2d(
            inputSize: input.sizes, kernelSize: kernelSize.expand(2, "kernel_size"),
            stride: (stride ?? kernelSize).expand(2, "stride"),
            padding: padding.expand(2, "padding"), ceilMode: ceilMode, countIncludePad: countIncludePad,
            divisorOverride: divisorOverride)
        return map(input)
    }

    static func avgPool2dKernel(
        _ input: Tensor, _ kernelSize: IntOrTuple, _ stride: IntOrTuple, _ padding: IntOrTuple, _ ceilMode: Bool,
        _ countIncludePad: Bool, _ divisorOverride: Int?
    ) -> Tensor {
        let p = PoolParams(
            input.sizes, kernel: kernelSize.expand(2, "kernel_size"), stride: stride.expand(2, "stride"),
            padding: padding.expand(2, "padding"), dilation: [1, 1], ceil: ceilMode, max: false)
        return AvgPool(input: input, grad: nil, p: p, includePad: countIncludePad, divisor: divisorOverride)
            .dispatch(input.dtype, "avg_pool2d")
    }

    package static func avgPool2dBackward(
        _ gradOutput: Tensor, _ input: Tensor, kernelSize: IntOrTuple, stride: IntOrTuple? = nil,
        padding: IntOrTuple = 0, ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) -> Tensor {
        let p = PoolParams(
            input.sizes, kernel: kernelSize.expand(2, "kernel_size"),
            stride: (stride ?? kernelSize).expand(2, "stride"),
            padding: padding.expand(2, "padding"), dilation: [1, 1], ceil: ceilMode, max: false)
        torchCheck(
            gradOutput.sizes == p.outputShape,
            "Expected grad_output of size \(shapeString(p.outputShape)) but got \(shapeString(gradOutput.sizes))")
        nnCheckSameDType(input, gradOutput)
        if input.dtype.isReducedFloat {
            return avgPool2dBackward(
                gradOutput.opmath, input.opmath, kernelSize: kernelSize, stride: stride, padding: padding,
                ceilMode: ceilMode,
                countIncludePad: countIncludePad, divisorOverride: divisorOverride
            ).to(input.dtype)
        }
        return AvgPool(input: input, grad: gradOutput, p: p, includePad: countIncludePad, divisor: divisorOverride)
            .dispatch(input.dtype, "avg_pool2d_backward")
    }

    package static func avgPool1d(
        _ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0, ceilMode: Bool = false,
        countIncludePad: Bool = true
    ) -> Tensor {
        torchCheck(
            input.ndim == 2 || input.ndim == 3,
            "Expected 2 to 3 dimensions, but got \(input.ndim)-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)"
        )
        return avgPool2d(
            input.unsqueeze(-2), kernelSize: [1, kernelSize], stride: [1, stride ?? kernelSize], padding: [0, padding],
            ceilMode: ceilMode, countIncludePad: countIncludePad
        ).squeeze(dim: -2)
    }

    package static func avgPool1dBackward(
        _ gradOutput: Tensor, _ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0,
        ceilMode: Bool = false, countIncludePad: Bool = true
    ) -> Tensor {
        avgPool2dBackward(
            gradOutput.unsqueeze(-2), input.unsqueeze(-2), kernelSize: [1, kernelSize],
            stride: [1, stride ?? kernelSize],
            padding: [0, padding], ceilMode: ceilMode, countIncludePad: countIncludePad
        ).squeeze(dim: -2)
    }

    /// Backward of `maxPool1dWithIndices`.
    package static func maxPool1dWithIndicesBackward(_ gradOutput: Tensor, _ input: Tensor, indices: Tensor) -> Tensor {
        maxPool2dWithIndicesBackward(gradOutput.unsqueeze(-2), input.unsqueeze(-2), indices: indices.unsqueeze(-2))
            .squeeze(dim: -2)
    }
}

/// Pooling window geometry with torch's output-size rule and checks (pooling_output_shape, pool2d_shape_check).
struct PoolParams {
    let kH: Int, kW: Int, sH: Int, sW: Int, pH: Int, pW: Int, dH: Int, dW: Int
    let inH: Int, inW: Int, outH: Int, outW: Int
    let planes: Int
    let outputShape: [Int]

    init(_ sizes: [Int], kernel: [Int], stride: [Int], padding: [Int], dilation: [Int], ceil: Bool, max: Bool) {
        (kH, kW, sH, sW, pH, pW, dH, dW) = (
            kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1], dilation[0], dilation[1]
        )
        torchCheck(sH != 0 && sW != 0, "stride should not be zero")
        torchCheck(kH > 0 && kW > 0, "kernel size should be greater than zero, but got kH: \(kH) kW: \(kW)")
        torchCheck(sH > 0 && sW > 0, "stride should be greater than zero, but got dH: \(sH) dW: \(sW)")
        torchCheck(dH > 0 && dW > 0, "dilation should be greater than zero, but got dilationH: \(dH) dilationW: \(dW)")
        if max {
            for (p, (k, d)) in zip([pH, pW], zip([kH, kW], [dH, dW])) {
                torchCheck(
                    p <= ((k - 1) * d + 1) / 2,
                    "pad should be at most half of effective kernel size, but got pad=\(p), kernel_size=\(k) and dilation=\(d)"
                )
            }
        } else {
            torchCheck(
                kW / 2 >= pW && kH / 2 >= pH,
                "pad should be at most half of effective kernel size, but got pad=\(Swift.max(pH, pW)), kernel_size=\(pH > kH / 2 ? kH : kW) and dilation=1"
            )
        }
        let n = sizes.count
        inH = sizes[n - 2]
        inW = sizes[n - 1]
        func out(_ size: Int, _ k: Int, _ s: Int, _ p: Int, _ d: Int) -> Int {
            let numerator = size + 2 * p - d * (k - 1) - 1 + (ceil ? s - 1 : 0)
            var o = (numerator >= 0 ? numerator / s : -((-numerator + s - 1) / s)) + 1
            // The last window must start inside the input or the left padding.
            if ceil && (o - 1) * s >= size + p { o -= 1 }
            return o
        }
        outH = out(inH, kH, sH, pH, dH)
        outW = out(inW, kW, sW, pW, dW)
        let lead = sizes.dropLast(2)
        for (i, s) in lead.enumerated() where i > 0 || lead.count == 1 {
            torchCheck(
                s > 0,
                "Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:\(shapeString(sizes))"
            )
        }
        torchCheck(
            outH >= 1 && outW >= 1,
            "Given input size: (\(sizes[n - 3])x\(inH)x\(inW)). Calculated output size: (\(sizes[n - 3])x\(outH)x\(outW)). Output size is too small"
        )
        planes = lead.reduce(1, *)
        outputShape = Array(lead) + [outH, outW]
    }

    /// An average-pool window for output (oh, ow): its in-bounds rows h0..<h1 and columns w0..<w1 (empty when
    /// it lies in the padding) and torch's divisor (the override, the window with or without its padding).
    @inline(__always)
    func avgWindow(_ oh: Int, _ ow: Int, includePad: Bool, divisor: Int?) -> (Int, Int, Int, Int, Int) {
        let h = oh * sH - pH, w = ow * sW - pW
        let hEnd = Swift.min(h + kH, inH + pH), wEnd = Swift.min(w + kW, inW + pW)
        let (h0, h1, w0, w1) = (Swift.max(h, 0), Swift.min(hEnd, inH), Swift.max(w, 0), Swift.min(wEnd, inW))
        return (h0, h1, w0, w1, divisor ?? (includePad ? (hEnd - h) * (wEnd - w) : (h1 - h0) * (w1 - w0)))
    }

    /// A max-pool window along one dim for output `o`: its first in-bounds tap (on the dilation grid) and end.
    @inline(__always)
    func maxWindow(_ o: Int, _ stride: Int, _ pad: Int, _ kernel: Int, _ dilation: Int, _ size: Int) -> (Int, Int) {
        var start = o * stride - pad
        let end = Swift.min(start + (kernel - 1) * dilation + 1, size)
        while start < 0 { start += dilation }
        return (start, end)
    }
}

private struct MaxPoolForward: NNKernel {
    let input: Tensor
    let p: PoolParams
    func run<T: NNFloat>(_: T.Type) -> (output: Tensor, indices: Tensor) {
        let x = input.contiguous()
        let out = Tensor(uninitializedShape: p.outputShape, dtype: x.dtype)
        let idx = Tensor(uninitializedShape: p.outputShape, dtype: .int64)
        let src = x.pointer(T.self), dst = out.mutablePointer(T.self), ind = idx.mutablePointer(Int64.self)
        let p = p
        let inPlane = p.inH * p.inW, outPlane = p.outH * p.outW
        // VGG's 2×2 stride-2 pooling with whole windows: one branch-free AVX-512 pass per plane (C).
        let twoByTwo =
            T.self == Float.self && p.kH == 2 && p.kW == 2 && p.sH == 2 && p.sW == 2 && p.pH == 0
            && p.pW == 0 && p.dH == 1 && p.dW == 1 && 2 * p.outH <= p.inH && 2 * p.outW <= p.inW
            && inPlane < Int(Int32.max)
        parallelFor(p.planes, grain: Swift.max(1, Threads.grainSize / Swift.max(outPlane * p.kH * p.kW, 1))) { range in
            for plane in range {
                let x = src + plane * inPlane
                var o = plane * outPlane
                if twoByTwo {
                    cvk_max_pool2x2_f32(floatPointer(x), floatPointer(dst + o), ind + o, p.inH, p.inW, p.outH, p.outW)
                    continue
                }
                if p.pH == 0 && p.pW == 0 && p.dH == 1 && p.dW == 1 {
                    maxPoolPlaneUnpadded(x, dst + o, ind + o, p)
                    continue
                }
                for oh in 0..<p.outH {
                    let (h0, h1) = p.maxWindow(oh, p.sH, p.pH, p.kH, p.dH, p.inH)
                    for ow in 0..<p.outW {
                        let (w0, w1) = p.maxWindow(ow, p.sW, p.pW, p.kW, p.dW, p.inW)
                        var best = h0 * p.inW + w0
                        var maxValue = -T.infinity
                        var h = h0
                        while h < h1 {
                            var w = w0
                            while w < w1 {
                                let i = h * p.inW + w
                                let v = x[i]
                                // NaN wins and the last NaN is kept, as in torch's kernel.
                                if v > maxValue || v.isNaN {
                                    maxValue = v
                                    best = i
                                }
                                w += p.dW
                            }
                            h += p.dH
                        }
                        dst[o] = maxValue
                        ind[o] = Int64(best)
                        o += 1
                    }
                }
            }
        }
        return (out, idx)
    }
}

/// The common case (no padding, no dilation): every window starts inside the plane, so it is seeded
/// with its first element (same result as torch's −inf seed, NaN rule included) and bounds are plain.
@inline(__always)
private func maxPoolPlaneUnpadded<T: NNFloat>(
    _ x: UnsafePointer<T>, _ dst: UnsafeMutablePointer<T>, _ ind: UnsafeMutablePointer<Int64>, _ p: PoolParams
) {
    var o = 0
    for oh in 0..<p.outH {
        let h0 = oh * p.sH, h1 = Swift.min(h0 + p.kH, p.inH)
        for ow in 0..<p.outW {
            let w0 = ow * p.sW, w1 = Swift.min(w0 + p.kW, p.inW)
            var best = h0 * p.inW + w0
            var maxValue = x[best]
            for h in h0..<h1 {
                let row = h * p.inW
                for w in w0..<w1 {
                    let v = x[row + w]
                    if v > maxValue || v.isNaN {
                        maxValue = v
                        best = row + w
                    }
                }
            }
            dst[o] = maxValue
            ind[o] = Int64(best)
            o += 1
        }
    }
}

private struct MaxPoolBackward: NNKernel {
    let grad: Tensor, input: Tensor, indices: Tensor
    func run<T: NNFloat>(_: T.Type) -> Tensor {
        let g = grad.contiguous(), idx = indices.contiguous()
        let result = Tensor.zeros(input.sizes, dtype: input.dtype)
        let n = input.ndim
        let inPlane = input.size(n - 1) * input.size(n - 2)
        let outPlane = g.size(n - 1) * g.size(n - 2)
        let planes = inPlane == 0 ? 0 : input.numel / inPlane
        let src = g.pointer(T.self), ind = idx.pointer(Int64.self), dst = result.mutablePointer(T.self)
        parallelFor(planes, grain: Swift.max(1, Threads.grainSize / Swift.max(outPlane, 1))) { range in
            for plane in range {
                let d = dst + plane * inPlane
                for o in (plane * outPlane)..<((plane + 1) * outPlane) {
                    let i = Int(ind[o])
                    torchCheck(
                        i >= 0 && i < inPlane, "index \(i) is out of bounds for max_pool2d_with_indices_backward")
                    d[i] += src[o]
                }
            }
        }
        return result
    }
}

/// Average pooling forward (grad == nil) or backward, sharing the window and divisor rule.
private struct AvgPool: NNKernel {
    let input: Tensor, grad: Tensor?
    let p: PoolParams
    let includePad: Bool
    let divisor: Int?

    func run<T: NNFloat>(_: T.Type) -> Tensor {
        let p = p, includePad = includePad, divisor = divisor
        let inPlane = p.inH * p.inW, outPlane = p.outH * p.outW
        let x = grad == nil ? input.contiguous() : grad!.contiguous()
        let result =
            grad == nil
            ? Tensor(uninitializedShape: p.outputShape, dtype: x.dtype) : Tensor.zeros(input.sizes, dtype: x.dtype)
        let src = x.pointer(T.self), dst = result.mutablePointer(T.self)
        let backward = grad != nil
        parallelFor(p.planes, grain: Swift.max(1, Threads.grainSize / Swift.max(outPlane * p.kH * p.kW, 1))) { range in
            for plane in range {
                for oh in 0..<p.outH {
                    for ow in 0..<p.outW {
                        let (h0, h1, w0, w1, count) = p.avgWindow(oh, ow, includePad: includePad, divisor: divisor)
                        let o = plane * outPlane + oh * p.outW + ow
                        if h0 >= h1 || w0 >= w1 {
                            if !backward { dst[o] = 0 }
                            continue
                        }
                        let factor = T(count)
                        if backward {
                            let g = src[o] / factor
                            let d = dst + plane * inPlane
                            for h in h0..<h1 { for w in w0..<w1 { d[h * p.inW + w] += g } }
                        } else {
                            let s = src + plane * inPlane
                            var sum: T = 0
                            for h in h0..<h1 { for w in w0..<w1 { sum += s[h * p.inW + w] } }
                            dst[o] = sum / factor
                        }
                    }
                }
            }
        }
        return result
    }
}
