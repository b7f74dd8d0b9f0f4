/// Adaptive pooling: window o covers [floor(o·I/O), ceil((o+1)·I/O)) along each dim.
extension NNOps {
    package static func adaptiveAvgPool2d(_ input: Tensor, outputSize: AdaptiveOutputSize) -> Tensor {
        let size = outputSize.resolve(2, input.sizes, "adaptive_avg_pool2d: output_size must be 2")
        let a = AdaptiveParams(input, size, "adaptive_avg_pool2d", colon: false)
        if input.dtype.isReducedFloat { return adaptiveAvgPool2d(input.opmath, outputSize: outputSize).to(input.dtype) }
        return LinearNNMap.adaptiveAvgPool2d(inputSize: input.sizes, outputSize: [a.outH, a.outW])(input)
    }

    static func adaptiveAvgPool2dKernel(_ input: Tensor, outputSize: [Int]) -> Tensor {
        let a = AdaptiveParams(input, outputSize, "adaptive_avg_pool2d", colon: false)
        return AdaptivePool(input: input, grad: nil, a: a, max: false).dispatch(input.dtype, "adaptive_avg_pool2d").0
    }

    package static func adaptiveAvgPool2dBackward(_ gradOutput: Tensor, _ input: Tensor) -> Tensor {
        let n = gradOutput.ndim
        let a = AdaptiveParams(
            input, [gradOutput.size(n - 2), gradOutput.size(n - 1)], "adaptive_avg_pool2d_backward", colon: false)
        torchCheck(
            gradOutput.sizes == a.outputShape,
            "Expected grad_output of size \(shapeString(a.outputShape)) but got \(shapeString(gradOutput.sizes))")
        nnCheckSameDType(input, gradOutput)
        if input.dtype.isReducedFloat {
            return adaptiveAvgPool2dBackward(gradOutput.opmath, input.opmath).to(input.dtype)
        }
        return AdaptivePool(input: input, grad: gradOutput, a: a, max: false).dispatch(
            input.dtype, "adaptive_avg_pool2d_backward"
        ).0
    }

    package static func adaptiveAvgPool1d(_ input: Tensor, outputSize: Int) -> Tensor {
        torchCheck(
            input.ndim == 2 || input.ndim == 3,
            "Expected 2 to 3 dimensions, but got \(input.ndim)-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_avg_pool1d)"
        )
        return adaptiveAvgPool2d(input.unsqueeze(-2), outputSize: [1, outputSize]).squeeze(dim: -2)
    }

    package static func adaptiveAvgPool1dBackward(_ gradOutput: Tensor, _ input: Tensor) -> Tensor {
        adaptiveAvgPool2dBackward(gradOutput.unsqueeze(-2), input.unsqueeze(-2)).squeeze(dim: -2)
    }

    /// `adaptive_max_pool2d`: values and int64 flat indices into each input plane.
    package static func adaptiveMaxPool2d(_ input: Tensor, outputSize: AdaptiveOutputSize) -> (
        output: Tensor, indices: Tensor
    ) {
        let size = outputSize.resolve(
            2, input.sizes, "adaptive_max_pool2d(): internal error: output_size.size() must be 2")
        let a = AdaptiveParams(input, size, "adaptive_max_pool2d", colon: true)
        if input.dtype.isReducedFloat {
            let r = adaptiveMaxPool2d(input.opmath, outputSize: outputSize)
            return (r.output.to(input.dtype), r.indices)
        }
        let r = AdaptivePool(input: input, grad: nil, a: a, max: true).dispatch(input.dtype, "adaptive_max_pool2d")
        let recorded = recordedPair(
            (values: r.0, indices: r.1!), .linear(.planeGather(inputSize: input.sizes, indices: r.1!, adaptive: true)),
            input)
        return (recorded.values, recorded.indices)
    }

    package static func adaptiveMaxPool2dBackward(_ gradOutput: Tensor, _ input: Tensor, indices: Tensor) -> Tensor {
        maxPool2dWithIndicesBackward(gradOutput, input, indices: indices)
    }

    package static func adaptiveMaxPool1d(_ input: Tensor, outputSize: Int) -> (output: Tensor, indices: Tensor) {
        torchCheck(
            input.ndim == 2 || input.ndim == 3,
            "Expected 2 to 3 dimensions, but got \(input.ndim)-dimensional tensor for argument #1 'self' (while checking arguments for adaptive_max_pool1d)"
        )
        let r = adaptiveMaxPool2d(input.unsqueeze(-2), outputSize: [1, outputSize])
        return (r.output.squeeze(dim: -2), r.indices.squeeze(dim: -2))
    }
}

struct AdaptiveParams {
    let inH: Int, inW: Int, outH: Int, outW: Int, planes: Int
    let outputShape: [Int]

    init(_ input: Tensor, _ size: [Int], _ name: String, colon: Bool) {
        let n = input.ndim
        torchCheck(
            n == 3 || n == 4,
            "\(name)(): Expected 3D or 4D tensor, but got\(colon ? ":" : "") \(shapeString(input.sizes))")
        for d in 1..<n {
            torchCheck(
                input.size(d) > 0,
                "\(name)(): Expected input to have non-zero size for non-batch dimensions, but input has sizes \(shapeString(input.sizes)) with dimension \(d) being empty"
            )
        }
        torchCheck(
            size.allSatisfy { $0 >= 0 },
            "\(name)(): elements of output_size must be greater than or equal to 0 but received {\(size[0]), \(size[1])}"
        )
        (inH, inW, outH, outW) = (input.size(n - 2), input.size(n - 1), size[0], size[1])
        outputShape = Array(input.sizes.dropLast(2)) + size
        planes = input.sizes.dropLast(2).reduce(1, *)
    }
}

@inline(__always) func nnAdaptiveStart(_ o: Int, _ inSize: Int, _ outSize: Int) -> Int { (o * inSize) / outSize }
@inline(__always) func nnAdaptiveEnd(_ o: Int, _ inSize: Int, _ outSize: Int) -> Int {
    ((o + 1) * inSize + outSize - 1) / outSize
}

/// Adaptive average (forward or backward) and adaptive max forward.
private struct AdaptivePool: NNKernel {
    let input: Tensor, grad: Tensor?
    let a: AdaptiveParams
    let max: Bool

    func run<T: NNFloat>(_: T.Type) -> (Tensor, Tensor?) {
        let a = a, isMax = max, backward = grad != nil
        let x = (grad ?? input).contiguous()
        let result =
            backward
            ? Tensor.zeros(input.sizes, dtype: x.dtype) : Tensor(uninitializedShape: a.outputShape, dtype: x.dtype)
        let indices: Tensor? = isMax ? Tensor(uninitializedShape: a.outputShape, dtype: .int64) : nil
        let ind = indices?.mutablePointer(Int64.self)
        let src = x.pointer(T.self), dst = result.mutablePointer(T.self)
        let inPlane = a.inH * a.inW, outPlane = a.outH * a.outW
        parallelFor(a.planes, grain: Swift.max(1, Threads.grainSize / Swift.max(inPlane, 1))) { range in
            for plane in range {
                for oh in 0..<a.outH {
                    let h0 = nnAdaptiveStart(oh, a.inH, a.outH), h1 = nnAdaptiveEnd(oh, a.inH, a.outH)
                    for ow in 0..<a.outW {
                        let w0 = nnAdaptiveStart(ow, a.inW, a.outW), w1 = nnAdaptiveEnd(ow, a.inW, a.outW)
                        let o = plane * outPlane + oh * a.outW + ow
                        let count = T((h1 - h0) * (w1 - w0))
                        if backward {
                            let d = dst + plane * inPlane
                            let g = src[o] / count
                            for h in h0..<h1 { for w in w0..<w1 { d[h * a.inW + w] += g } }
                        } else if isMax {
                            let s = src + plane * inPlane
                            var best = h0 * a.inW + w0
                            var m = -T.infinity
                            for h in h0..<h1 {
                                for w in w0..<w1 {
                                    let v = s[h * a.inW + w]
                                    if v > m || v.isNaN {
                                        m = v
                                        best = h * a.inW + w
                                    }
                                }
                            }
                            dst[o] = m
                            ind![o] = Int64(best)
                        } else {
                            let s = src + plane * inPlane
                            var sum: T = 0
                            for h in h0..<h1 { for w in w0..<w1 { sum += s[h * a.inW + w] } }
                            dst[o] = sum / count
                        }
                    }
                }
            }
        }
        return (result, indices)
    }
}
