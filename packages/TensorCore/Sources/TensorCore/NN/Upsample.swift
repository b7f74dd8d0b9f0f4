/// `upsample_nearest2d` / `upsample_bilinear2d` (+ backward) and `interpolate` on top of them.
/// Scales follow ATen: a given scale factor s maps output to input by 1/s, otherwise by in/out,
/// computed in the kernel's accumulation type (Float for float32) so indices match torch exactly.
extension NNOps {
    package static func upsampleNearest2d(_ input: Tensor, outputSize: [Int], scales: [Double?] = [nil, nil]) -> Tensor
    {
        if input.dtype.isReducedFloat {
            return upsampleNearest2d(input.opmath, outputSize: outputSize, scales: scales).to(input.dtype)
        }
        return LinearNNMap.upsampleNearest2d(inputSize: input.sizes, outputSize: outputSize, scales: scales)(input)
    }

    static func upsampleNearest2dKernel(_ input: Tensor, outputSize: [Int], scales: [Double?]) -> Tensor {
        UpsampleKernel(
            input: input, grad: nil, outSize: outputSize, scales: scales, bilinear: false, alignCorners: false
        )
        .dispatch(input.dtype, "upsample_nearest2d")
    }

    package static func upsampleNearest2dBackward(
        _ gradOutput: Tensor, outputSize: [Int], inputSize: [Int], scales: [Double?] = [nil, nil]
    ) -> Tensor {
        if gradOutput.dtype.isReducedFloat {
            return upsampleNearest2dBackward(
                gradOutput.opmath, outputSize: outputSize, inputSize: inputSize, scales: scales
            )
            .to(gradOutput.dtype)
        }
        return UpsampleKernel(
            input: Tensor.zeros(inputSize, dtype: gradOutput.dtype), grad: gradOutput, outSize: outputSize,
            scales: scales, bilinear: false, alignCorners: false
        )
        .dispatch(gradOutput.dtype, "upsample_nearest2d_backward")
    }

    package static func upsampleBilinear2d(
        _ input: Tensor, outputSize: [Int], alignCorners: Bool, scales: [Double?] = [nil, nil]
    ) -> Tensor {
        if input.dtype.isReducedFloat {
            return upsampleBilinear2d(input.opmath, outputSize: outputSize, alignCorners: alignCorners, scales: scales)
                .to(input.dtype)
        }
        return LinearNNMap.upsampleBilinear2d(
            inputSize: input.sizes, outputSize: outputSize, alignCorners: alignCorners, scales: scales)(input)
    }

    static func upsampleBilinear2dKernel(_ input: Tensor, outputSize: [Int], alignCorners: Bool, scales: [Double?])
        -> Tensor
    {
        UpsampleKernel(
            input: input, grad: nil, outSize: outputSize, scales: scales, bilinear: true, alignCorners: alignCorners
        )
        .dispatch(input.dtype, "upsample_bilinear2d_channels_last")
    }

    package static func upsampleBilinear2dBackward(
        _ gradOutput: Tensor, outputSize: [Int], inputSize: [Int], alignCorners: Bool, scales: [Double?] = [nil, nil]
    ) -> Tensor {
        if gradOutput.dtype.isReducedFloat {
            return upsampleBilinear2dBackward(
                gradOutput.opmath, outputSize: outputSize, inputSize: inputSize, alignCorners: alignCorners,
                scales: scales
            ).to(gradOutput.dtype)
        }
        return UpsampleKernel(
            input: Tensor.zeros(inputSize, dtype: gradOutput.dtype), grad: gradOutput, outSize: outputSize,
            scales: scales, bilinear: true, alignCorners: alignCorners
        )
        .dispatch(gradOutput.dtype, "upsample_bilinear2d_backward")
    }

    /// `F.interpolate` for modes "nearest" (3-D, 4-D, 5-D), "linear" (3-D), "bilinear" (4-D) and "trilinear" (5-D).
    package static func interpolate(
        _ input: Tensor, size: [Int]? = nil, scaleFactor: [Double]? = nil, mode: String = "nearest",
        alignCorners: Bool? = nil
    ) -> Tensor {
        let spatial = input.ndim - 2
        torchCheck(
            (1...3).contains(spatial),
            "Input Error: Only 3D, 4D and 5D input Tensors supported (got \(input.ndim)D) for the modes: nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact (got \(mode))"
        )
        if alignCorners != nil {
            torchCheck(
                mode != "nearest",
                "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear"
            )
        }
        torchCheck(size != nil || scaleFactor != nil, "either size or scale_factor should be defined")
        torchCheck(size == nil || scaleFactor == nil, "only one of size or scale_factor should be defined")
        if mode == "bilinear" { torchCheck(spatial == 2, "Got \(input.ndim)D input, but bilinear mode needs 4D input") }
        if mode == "linear" { torchCheck(spatial == 1, "Got \(input.ndim)D input, but linear mode needs 3D input") }
        if mode == "trilinear" {
            torchCheck(spatial == 3, "Got \(input.ndim)D input, but trilinear mode needs 5D input")
        }
        torchCheck(
            ["nearest", "linear", "bilinear", "trilinear"].contains(mode),
            "interpolate: mode \(mode) is not implemented")
        let inSpatial = Array(input.sizes.suffix(spatial))
        var outSpatial: [Int]
        var scales: [Double?] = [nil, nil]
        if let size {
            outSpatial = size.count == 1 ? [Int](repeating: size[0], count: spatial) : size
            torchCheck(
                outSpatial.count == spatial,
                "Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of \(shapeString(inSpatial)) and output size of (\(size.map(String.init).joined(separator: ", "))). Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format."
            )
        } else {
            let sf = scaleFactor!.count == 1 ? [Double](repeating: scaleFactor![0], count: spatial) : scaleFactor!
            torchCheck(
                sf.count == spatial,
                "Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of \(shapeString(inSpatial)) and scale_factor of shape \(sf)."
            )
            outSpatial = zip(inSpatial, sf).map { Int(Double($0) * $1) }
            scales = spatial == 1 ? [nil, sf[0]] : sf.map { $0 }
        }
        if spatial == 3 {
            return upsample3d(
                input, outputSize: outSpatial, scales: scales.count == 3 ? scales : [nil, nil, nil],
                trilinear: mode == "trilinear",
                alignCorners: alignCorners ?? false)
        }
        let x = spatial == 1 ? input.unsqueeze(-2) : input
        let out2 = spatial == 1 ? [1] + outSpatial : outSpatial
        let y =
            mode == "nearest"
            ? upsampleNearest2d(x, outputSize: out2, scales: scales)
            : upsampleBilinear2d(x, outputSize: out2, alignCorners: alignCorners ?? false, scales: scales)
        return spatial == 1 ? y.squeeze(dim: -2) : y
    }
}

/// Source index/weights per output coordinate for one dim (shared with the separable 3-D upsampling).
struct Axis<T: NNFloat> {
    var i0: [Int] = [], i1: [Int] = [], l0: [T] = [], l1: [T] = []

    init(inSize: Int, outSize: Int, scale: Double?, bilinear: Bool, alignCorners: Bool) {
        // compute_scales_value: 1/scale when a positive scale factor was given, else in/out.
        let ratio: T = (scale.map { $0 > 0 } ?? false) ? T(1.0 / scale!) : T(inSize) / T(outSize)
        for o in 0..<outSize {
            if !bilinear {
                var src: Int
                if outSize == inSize {
                    src = o
                } else if outSize == 2 * inSize {
                    src = o >> 1
                } else {
                    // torch's nearest_idx computes in float whatever the dtype.
                    let r: Float =
                        (scale.map { $0 > 0 } ?? false) ? Float(1.0 / scale!) : Float(inSize) / Float(outSize)
                    src = Int((Float(o) * r).rounded(.down))
                }
                src = Swift.min(src, inSize - 1)
                i0.append(src)
                i1.append(src)
                l0.append(1)
                l1.append(0)
                continue
            }
            let real: T
            if alignCorners {
                let s: T = outSize > 1 ? T(inSize - 1) / T(outSize - 1) : 0
                real = s * T(o)
            } else {
                real = Swift.max(ratio * (T(o) + 0.5) - 0.5, 0)
            }
            let h0 = Swift.min(Int(real), inSize - 1)
            let h1 = h0 + (h0 < inSize - 1 ? 1 : 0)
            let lambda1 = Swift.min(Swift.max(real - T(h0), 0), 1)
            i0.append(h0)
            i1.append(h1)
            l1.append(lambda1)
            l0.append(1 - lambda1)
        }
    }
}

private struct UpsampleKernel: NNKernel {
    let input: Tensor, grad: Tensor?
    let outSize: [Int], scales: [Double?]
    let bilinear: Bool, alignCorners: Bool

    func run<T: NNFloat>(_: T.Type) -> Tensor {
        let name = bilinear ? "upsample_bilinear2d" : "upsample_nearest2d"
        torchCheck(
            input.ndim == 4 || (input.ndim == 3 && !bilinear),
            "Expected 4D input for \(name), but got input of size \(shapeString(input.sizes))")
        torchCheck(outSize.count == 2, "It is expected output_size equals to 2, but got size \(outSize.count)")
        let n = input.ndim
        let (inH, inW) = (input.size(n - 2), input.size(n - 1))
        torchCheck(
            inH > 0 && inW > 0 && outSize[0] > 0 && outSize[1] > 0,
            "Input and output sizes should be greater than 0, but got input (H: \(inH), W: \(inW)) output (H: \(outSize[0]), W: \(outSize[1]))"
        )
        let outShape = Array(input.sizes.dropLast(2)) + outSize
        let ay = Axis<T>(
            inSize: inH, outSize: outSize[0], scale: scales[0], bilinear: bilinear, alignCorners: alignCorners)
        let ax = Axis<T>(
            inSize: inW, outSize: outSize[1], scale: scales[1], bilinear: bilinear, alignCorners: alignCorners)
        let planes = outShape.dropLast(2).reduce(1, *)
        let inPlane = inH * inW, outPlane = outSize[0] * outSize[1], outW = outSize[1], outH = outSize[0]
        if let grad {
            torchCheck(
                grad.sizes == outShape,
                "Expected grad_output of size \(shapeString(outShape)) but got \(shapeString(grad.sizes))")
            let g = grad.contiguous()
            let result = input  // zeros of the input's shape
            let src = g.pointer(T.self), dst = result.mutablePointer(T.self)
            parallelFor(planes, grain: Swift.max(1, Threads.grainSize / Swift.max(outPlane, 1))) { range in
                for p in range {
                    let d = dst + p * inPlane
                    let s = src + p * outPlane
                    for oh in 0..<outH {
                        let (h0, h1, a0, a1) = (ay.i0[oh], ay.i1[oh], ay.l0[oh], ay.l1[oh])
                        for ow in 0..<outW {
                            let v = s[oh * outW + ow]
                            let (w0, w1, b0, b1) = (ax.i0[ow], ax.i1[ow], ax.l0[ow], ax.l1[ow])
                            if !bilinear {
                                d[h0 * inW + w0] += v
                                continue
                            }
                            d[h0 * inW + w0] += a0 * b0 * v
                            d[h0 * inW + w1] += a0 * b1 * v
                            d[h1 * inW + w0] += a1 * b0 * v
                            d[h1 * inW + w1] += a1 * b1 * v
                        }
                    }
                }
            }
            return result
        }
        let x = input.contiguous()
        let result = Tensor(uninitializedShape: outShape, dtype: x.dtype)
        let src = x.pointer(T.self), dst = result.mutablePointer(T.self)
        parallelFor(planes, grain: Swift.max(1, Threads.grainSize / Swift.max(outPlane, 1))) { range in
            for p in range {
                let s = src + p * inPlane
                let d = dst + p * outPlane
                for oh in 0..<outH {
                    let (h0, h1, a0, a1) = (ay.i0[oh], ay.i1[oh], ay.l0[oh], ay.l1[oh])
                    for ow in 0..<outW {
                        let (w0, w1, b0, b1) = (ax.i0[ow], ax.i1[ow], ax.l0[ow], ax.l1[ow])
                        if !bilinear {
                            d[oh * outW + ow] = s[h0 * inW + w0]
                            continue
                        }
                        d[oh * outW + ow] =
                            a0 * (b0 * s[h0 * inW + w0] + b1 * s[h0 * inW + w1])
                            + a1 * (b0 * s[h1 * inW + w0] + b1 * s[h1 * inW + w1])
                    }
                }
            }
        }
        return result
    }
}
