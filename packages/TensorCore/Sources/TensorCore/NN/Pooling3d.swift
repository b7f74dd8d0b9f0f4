/// 3-D pooling: `max_pool3d_with_indices(_backward)`, `avg_pool3d(_backward)`, `adaptive_avg_pool3d(_backward)`.
/// Input [N, C, D, H, W] or [C, D, H, W]; every (n, c) volume is one plane, planes in parallel. Max-pool
/// indices are flat positions in the input volume (d·H·W + h·W + w), as torch's.
extension NNOps {
    package static func maxPool3dWithIndices(
        _ input: Tensor, kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0], dilation: [Int] = [1],
        ceilMode: Bool = false
    ) -> (output: Tensor, indices: Tensor) {
        if Autocast.isActive {
            return Autocast.run(.float32, [input]) { c in
                maxPool3dWithIndices(
                    c[0]!, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                    ceilMode: ceilMode)
            }
        }
        torchCheck(input.ndim == 4 || input.ndim == 5, "non-empty 4D or 5D (batch mode) tensor expected for input")
        let p = Pool3dParams(
            input.sizes, kernel: kernelSize, stride: stride ?? kernelSize, padding: padding, dilation: dilation,
            ceil: ceilMode, max: true)
        if input.dtype.isIntegral { return maxPool3dIntegers(input, p) }
        if input.dtype.isReducedFloat {
            let r = maxPool3dWithIndices(
                input.opmath, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                ceilMode: ceilMode)
            return (r.output.to(input.dtype), r.indices)
        }
        let r = Pool3dKernel(input: input, grad: nil, indices: nil, p: p, mode: .max).dispatch(
            input.dtype, "max_pool3d")
        let recorded = recordedPair(
            (values: r.0, indices: r.1!),
            .maxPool3dWithIndices(
                kernelSize: kernelSize, stride: stride ?? kernelSize, padding: padding, dilation: dilation,
                ceilMode: ceilMode),
            input)
        return (recorded.values, recorded.indices)
    }

    package static func maxPool3dWithIndicesBackward(_ gradOutput: Tensor, _ input: Tensor, indices: Tensor) -> Tensor {
        torchCheck(indices.dtype == .int64, "expected indices to have type Long")
        torchCheck(
            gradOutput.sizes == indices.sizes,
            "Expected grad_output and indices to have the same shape, but got \(shapeString(gradOutput.sizes)) and \(shapeString(indices.sizes))"
        )
        nnCheckSameDType(input, gradOutput)
        let p = Pool3dParams(input.sizes, outputShape: gradOutput.sizes)
        if input.dtype.isReducedFloat {
            return maxPool3dWithIndicesBackward(gradOutput.opmath, input.opmath, indices: indices).to(input.dtype)
        }
        return Pool3dKernel(input: input, grad: gradOutput, indices: indices, p: p, mode: .max).dispatch(
            input.dtype, "max_pool3d_with_indices_backward"
        ).0
    }

    package static func avgPool3d(
        _ input: Tensor, kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0], ceilMode: Bool = false,
        countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input]) { c in
                avgPool3d(
                    c[0]!, kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                    countIncludePad: countIncludePad, divisorOverride: divisorOverride)
            }
        }
        torchCheck(input.ndim == 4 || input.ndim == 5, "non-empty 4D or 5D (batch mode) tensor expected for input")
        torchCheck(divisorOverride != 0, "divisor must be not zero")
        let p = Pool3dParams(
            input.sizes, kernel: kernelSize, stride: stride ?? kernelSize, padding: padding, dilation: [1],
            ceil: ceilMode, max: false)
        let mode = Pool3dMode.average(includePad: countIncludePad, divisor: divisorOverride)
        return Pool3dKernel(input: input, grad: nil, indices: nil, p: p, mode: mode).dispatch(
            input.dtype, "avg_pool3d_out_frame"
        ).0
            .recorded(
                .avgPool3d(
                    kernelSize: kernelSize, stride: stride, padding: padding, ceilMode: ceilMode,
                    countIncludePad: countIncludePad,
                    divisorOverride: divisorOverride),
                input)
    }

    package static func avgPool3dBackward(
        _ gradOutput: Tensor, _ input: Tensor, kernelSize: [Int], stride: [Int]? = nil, padding: [Int] = [0],
        ceilMode: Bool = false, countIncludePad: Bool = true, divisorOverride: Int? = nil
    ) -> Tensor {
        let p = Pool3dParams(
            input.sizes, kernel: kernelSize, stride: stride ?? kernelSize, padding: padding, dilation: [1],
            ceil: ceilMode, max: false)
        torchCheck(
            gradOutput.sizes == p.outputShape,
            "Expected grad_output of size \(shapeString(p.outputShape)) but got \(shapeString(gradOutput.sizes))")
        nnCheckSameDType(input, gradOutput)
        let mode = Pool3dMode.average(includePad: countIncludePad, divisor: divisorOverride)
        return Pool3dKernel(input: input, grad: gradOutput, indices: nil, p: p, mode: mode).dispatch(
            input.dtype, "avg_pool3d_backward_out_frame"
        ).0
    }

    /// Output cell o of n covers input [⌊o·in/n⌋, ⌈(o+1)·in/n⌉) along each dim.
    package static func adaptiveAvgPool3d(_ input: Tensor, outputSize: AdaptiveOutputSize) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input]) { c in adaptiveAvgPool3d(c[0]!, outputSize: outputSize) }
        }
        torchCheck(
            input.ndim == 4 || input.ndim == 5,
            "adaptive_avg_pool3d(): Expected 4D or 5D tensor, but got \(shapeString(input.sizes))")
        let out = outputSize.resolve(3, input.sizes, "adaptive_avg_pool3d: output_size must be 3")
        for i in 1..<(input.ndim - 3) {
            torchCheck(
                input.size(i) > 0,
                "adaptive_avg_pool3d(): Expected input to have non-zero size for non-batch dimensions, but input has sizes \(shapeString(input.sizes)) with dimension \(i) being empty"
            )
        }
        let p = Pool3dParams(input.sizes, outputShape: Array(input.sizes.dropLast(3)) + out)
        if input.dtype.isReducedFloat { return adaptiveAvgPool3d(input.opmath, outputSize: outputSize).to(input.dtype) }
        return Pool3dKernel(input: input, grad: nil, indices: nil, p: p, mode: .adaptive).dispatch(
            input.dtype, "adaptive_avg_pool3d_cpu"
        ).0
            .recorded(.adaptiveAvgPool3d(outputSize: out), input)
    }

    package static func adaptiveAvgPool3dBackward(_ gradOutput: Tensor, _ input: Tensor) -> Tensor {
        torchCheck(
            gradOutput.ndim == input.ndim && gradOutput.sizes.dropLast(3) == input.sizes.dropLast(3),
            "adaptive_avg_pool3d_backward(): grad_output \(shapeString(gradOutput.sizes)) does not match input \(shapeString(input.sizes))"
        )
        nnCheckSameDType(input, gradOutput)
        let p = Pool3dParams(input.sizes, outputShape: gradOutput.sizes)
        if input.dtype.isReducedFloat {
            return adaptiveAvgPool3dBackward(gradOutput.opmath, input.opmath).to(input.dtype)
        }
        return Pool3dKernel(input: input, grad: gradOutput, indices: nil, p: p, mode: .adaptive).dispatch(
            input.dtype, "adaptive_avg_pool3d_backward"
        ).0
    }
}

enum Pool3dMode {
    case max
    case average(includePad: Bool, divisor: Int?)
    case adaptive
}

/// Window geometry with torch's output-size rule (pooling_output_shape) and pool3d_shape_check's messages.
struct Pool3dParams {
    var k = [1, 1, 1], s = [1, 1, 1], p = [0, 0, 0], d = [1, 1, 1]
    let inSize: [Int], outSize: [Int]
    let planes: Int
    let outputShape: [Int]

    var inVolume: Int { inSize.reduce(1, *) }
    var outVolume: Int { outSize.reduce(1, *) }

    init(_ sizes: [Int], kernel: [Int], stride: [Int], padding: [Int], dilation: [Int], ceil: Bool, max: Bool) {
        k = kernel.expanded(to: 3, "kernel_size")
        s = stride.isEmpty ? k : stride.expanded(to: 3, "stride")
        p = padding.expanded(to: 3, "padding")
        d = dilation.expanded(to: 3, "dilation")
        torchCheck(
            k.allSatisfy { $0 > 0 },
            "kernel size should be greater than zero, but got kT: \(k[0]) kH: \(k[1]) kW: \(k[2])")
        torchCheck(
            s.allSatisfy { $0 > 0 }, "stride should be greater than zero, but got dT: \(s[0]) dH: \(s[1]) dW: \(s[2])")
        torchCheck(
            d.allSatisfy { $0 > 0 },
            "dilation should be greater than zero, but got dilationT: \(d[0]) dilationH: \(d[1]) dilationW: \(d[2])")
        for i in 0..<3 {
            torchCheck(
                k[i] / 2 >= p[i],
                "pad should be at most half of effective kernel size, but got pad=\(p[i]), kernel_size=\(k[i]) and dilation=\(d[i])"
            )
        }
        inSize = Array(sizes.suffix(3))
        var out: [Int] = []
        for i in 0..<3 {
            let (size, kk, ss, pp, dd) = (inSize[i], k[i], s[i], p[i], d[i])
            let numerator = size + 2 * pp - dd * (kk - 1) - 1 + (ceil ? ss - 1 : 0)
            var o = (numerator >= 0 ? numerator / ss : -((-numerator + ss - 1) / ss)) + 1
            if ceil && (o - 1) * ss >= size + pp { o -= 1 }  // the last window must start inside input or left padding
            out.append(o)
        }
        outSize = out
        let lead = Array(sizes.dropLast(3))
        torchCheck(
            out.allSatisfy { $0 >= 1 },
            "Given input size: (\(([lead.last ?? 1] + inSize).map(String.init).joined(separator: "x"))). Calculated output size: (\(([lead.last ?? 1] + out).map(String.init).joined(separator: "x"))). Output size is too small"
        )
        planes = lead.reduce(1, *)
        outputShape = lead + out
    }

    /// For adaptive pooling and backward passes: the output shape is given.
    init(_ sizes: [Int], outputShape: [Int]) {
        inSize = Array(sizes.suffix(3))
        outSize = Array(outputShape.suffix(3))
        planes = sizes.dropLast(3).reduce(1, *)
        self.outputShape = outputShape
    }
}

/// One kernel for the three poolings, forward (grad == nil) and backward.
private struct Pool3dKernel: NNKernel {
    let input: Tensor, grad: Tensor?, indices: Tensor?
    let p: Pool3dParams
    let mode: Pool3dMode

    func run<T: NNFloat>(_: T.Type) -> (Tensor, Tensor?) {
        let x = input.contiguous()
        let inV = p.inVolume, outV = p.outVolume
        let (D, H, W) = (p.inSize[0], p.inSize[1], p.inSize[2]),
            (oD, oH, oW) = (p.outSize[0], p.outSize[1], p.outSize[2])
        let grain = Swift.max(1, Threads.grainSize / Swift.max(outV * 8, 1))
        if let grad {
            // Backward: gradInput[window] += routed share of gradOutput.
            let g = grad.contiguous()
            let gi = Tensor.zeros(x.sizes, dtype: x.dtype)
            let gp = g.pointer(T.self), out = gi.mutablePointer(T.self)
            let idx = indices?.contiguous()
            let ip = idx?.pointer(Int64.self)
            parallelFor(p.planes, grain: grain) { range in
                for plane in range {
                    let go = gp + plane * outV, dst = out + plane * inV
                    if let ip {
                        let ix = ip + plane * outV
                        for o in 0..<outV {
                            let i = Int(ix[o])
                            torchCheck(
                                i >= 0 && i < inV, "index \(i) is out of bounds for max_pool3d_with_indices_backward")
                            dst[i] += go[o]
                        }
                        continue
                    }
                    forEachWindow(oD, oH, oW, D, H, W) { o, win, divisor in
                        let share = go[o] / T(divisor)
                        win { dst[$0] += share }
                    }
                }
            }
            return (gi, nil)
        }
        let y = Tensor(uninitializedShape: p.outputShape, dtype: x.dtype)
        let xp = x.pointer(T.self), yp = y.mutablePointer(T.self)
        var indexTensor: Tensor?
        if case .max = mode {
            let ind = Tensor(uninitializedShape: p.outputShape, dtype: .int64)
            let ip = ind.mutablePointer(Int64.self)
            parallelFor(p.planes, grain: grain) { range in
                for plane in range { maxPlane(xp + plane * inV, yp + plane * outV, ip + plane * outV) }
            }
            indexTensor = ind
        } else {
            parallelFor(p.planes, grain: grain) { range in
                for plane in range {
                    let src = xp + plane * inV, dst = yp + plane * outV
                    forEachWindow(oD, oH, oW, D, H, W) { o, win, divisor in
                        var sum: T = 0
                        win { sum += src[$0] }
                        dst[o] = sum / T(divisor)
                    }
                }
            }
        }
        return (y, indexTensor)
    }

    /// Max over each dilated window; NaN wins, as torch's `(val > max) || isnan(val)`.
    private func maxPlane<T: NNFloat>(
        _ src: UnsafePointer<T>, _ dst: UnsafeMutablePointer<T>, _ ind: UnsafeMutablePointer<Int64>
    ) {
        let (D, H, W) = (p.inSize[0], p.inSize[1], p.inSize[2])
        var o = 0
        for od in 0..<p.outSize[0] {
            for oh in 0..<p.outSize[1] {
                for ow in 0..<p.outSize[2] {
                    let (d0, h0, w0) = (od * p.s[0] - p.p[0], oh * p.s[1] - p.p[1], ow * p.s[2] - p.p[2])
                    var best = -T.infinity, bestIndex = -1
                    for kd in 0..<p.k[0] {
                        let id = d0 + kd * p.d[0]
                        if id < 0 || id >= D { continue }
                        for kh in 0..<p.k[1] {
                            let ih = h0 + kh * p.d[1]
                            if ih < 0 || ih >= H { continue }
                            for kw in 0..<p.k[2] {
                                let iw = w0 + kw * p.d[2]
                                if iw < 0 || iw >= W { continue }
                                let i = (id * H + ih) * W + iw
                                let v = src[i]
                                if bestIndex < 0 || v > best || v.isNaN {
                                    (best, bestIndex) = (v, i)
                                }
                            }
                        }
                    }
                    dst[o] = best
                    ind[o] = Int64(bestIndex)
                    o += 1
                }
            }
        }
    }

    /// Calls body(output index, visit(window element → Void), divisor) for average and adaptive pooling.
    @inline(__always)
    private func forEachWindow(
        _ oD: Int, _ oH: Int, _ oW: Int, _ D: Int, _ H: Int, _ W: Int,
        _ body: (Int, ((Int) -> Void) -> Void, Int) -> Void
    ) {
        func bounds(_ o: Int, _ dim: Int, _ size: Int, _ outSize: Int) -> (lo: Int, hi: Int, padded: Int) {
            if case .adaptive = mode {
                let lo = o * size / outSize, hi = ((o + 1) * size + outSize - 1) / outSize
                return (lo, hi, hi - lo)
            }
            let start = o * p.s[dim] - p.p[dim]
            let end = Swift.min(start + p.k[dim], size + p.p[dim])
            return (Swift.max(start, 0), Swift.min(end, size), end - start)
        }
        var o = 0
        for od in 0..<oD {
            let bd = bounds(od, 0, D, oD)
            for oh in 0..<oH {
                let bh = bounds(oh, 1, H, oH)
                for ow in 0..<oW {
                    let bw = bounds(ow, 2, W, oW)
                    var divisor = (bd.hi - bd.lo) * (bh.hi - bh.lo) * (bw.hi - bw.lo)
                    if case .average(let includePad, let override) = mode {
                        divisor = override ?? (includePad ? bd.padded * bh.padded * bw.padded : divisor)
                    }
                    body(
                        o,
                        { visit in
                            for id in bd.lo..<bd.hi {
                                for ih in bh.lo..<bh.hi {
                                    let row = (id * H + ih) * W
                                    for iw in bw.lo..<bw.hi { visit(row + iw) }
                                }
                            }
                        }, divisor)
                    o += 1
                }
            }
        }
    }
}
