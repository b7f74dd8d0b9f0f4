/// Convolution forward ops (`torch.nn.functional.conv1d/conv2d/conv_transpose1d/conv_transpose2d`).
/// 1-D convolutions run as 2-D ones with a height-1 image; unbatched inputs gain a batch dim of 1.
extension NNOps {
    package static func conv2d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1,
        padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1
    ) -> Tensor {
        convNd(input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups, spatial: 2)
    }

    package static func conv1d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1,
        padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1
    ) -> Tensor {
        convNd(input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups, spatial: 1)
    }

    package static func convTranspose2d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1,
        padding: IntOrTuple = 0, outputPadding: IntOrTuple = 0, groups: Int = 1, dilation: IntOrTuple = 1
    ) -> Tensor {
        convTransposeNd(input, weight, bias, stride, padding, outputPadding, groups, dilation, spatial: 2)
    }

    package static func convTranspose1d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1,
        padding: IntOrTuple = 0, outputPadding: IntOrTuple = 0, groups: Int = 1, dilation: IntOrTuple = 1
    ) -> Tensor {
        convTransposeNd(input, weight, bias, stride, padding, outputPadding, groups, dilation, spatial: 1)
    }

    /// `torch.convolution`: the native entry both directions end in (explicit symmetric padding).
    package static func convolution(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: [Int], padding: [Int], dilation: [Int],
        transposed: Bool, outputPadding: [Int], groups: Int
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.lowerPrecision, [input, weight, bias]) { c in
                convolution(
                    c[0]!, c[1]!, c[2], stride: stride, padding: padding, dilation: dilation, transposed: transposed,
                    outputPadding: outputPadding, groups: groups)
            }
        }
        let spatial = weight.ndim - 2
        let params = ConvParams(
            stride: stride, padding: padding, dilation: dilation, transposed: transposed,
            outputPadding: outputPadding, groups: groups, spatial: spatial)
        params.checkForward(input, weight, bias)
        if input.dtype.isIntegral && !transposed {
            return integerConvolution(
                input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups,
                outputSize: params.outputSize(input.sizes, weight.sizes))
        }
        if input.dtype == .int64 && transposed {
            return integerTransposedConvolution(
                input, weight, bias, stride: stride, padding: padding, dilation: dilation, outputPadding: outputPadding,
                groups: groups, outputSize: params.outputSize(input.sizes, weight.sizes))
        }
        if Bf16Conv.applies(input, weight, bias, params) {
            return Bf16Conv.forward(input, weight, bias, params).recorded(
                .convolution(
                    stride: stride, padding: padding, dilation: dilation, transposed: transposed,
                    outputPadding: outputPadding,
                    groups: groups),
                input, weight, bias)
        }
        if nnAnyReduced(input, weight, bias) {
            return convolution(
                input.opmath, weight.opmath, bias?.opmath, stride: stride, padding: padding, dilation: dilation,
                transposed: transposed, outputPadding: outputPadding, groups: groups
            ).to(input.dtype)
        }
        return ConvForward(input: input, weight: weight, bias: bias, params: params)
            .dispatch(input.dtype, transposed ? "slow_conv_transpose2d_out_cpu" : "slow_conv2d_cpu")
            .recorded(
                .convolution(
                    stride: stride, padding: padding, dilation: dilation, transposed: transposed,
                    outputPadding: outputPadding,
                    groups: groups),
                input, weight, bias)
    }

    /// conv1d/2d/3d: batches unbatched input, resolves the padding mode, and pads the odd element of a
    /// "same" padding on the far side before the symmetric-padding kernel, as torch does.
    package static func convNd(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, stride: IntOrTuple, padding: ConvPadding,
        dilation: IntOrTuple, groups: Int, spatial: Int
    ) -> Tensor {
        let batched = nnBatchify(input, spatial: spatial, name: "conv\(spatial)d")
        let x = batched ? input : input.unsqueeze(0)
        let strides = stride.expand(spatial, "stride")
        let dilations = dilation.expand(spatial, "dilation")
        if case .same = padding {
            torchCheck(strides.allSatisfy { $0 == 1 }, "padding='same' is not supported for strided convolutions")
            torchCheck(weight.ndim == spatial + 2, "weight should have at least three dimensions")
        }
        let kernel = weight.ndim == spatial + 2 ? Array(weight.sizes[2...]) : [Int](repeating: 1, count: spatial)
        let (before, after) = padding.beforeAfter(kernel: kernel, stride: strides, dilation: dilations)
        var padded = x
        if before != after {
            padded = pad(x, pad: (0..<spatial).reversed().flatMap { [0, after[$0] - before[$0]] })
        }
        let out =
            spatial == 3
            ? conv3d(padded, weight, bias, stride: strides, padding: before, dilation: dilations, groups: groups)
            : convolution(
                padded, weight, bias, stride: strides, padding: before, dilation: dilations, transposed: false,
                outputPadding: [Int](repeating: 0, count: spatial), groups: groups)
        return batched ? out : out.squeeze(dim: 0)
    }

    package static func conv3d(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor? = nil, stride: IntOrTuple = 1,
        padding: ConvPadding = 0, dilation: IntOrTuple = 1, groups: Int = 1
    ) -> Tensor {
        convNd(input, weight, bias, stride: stride, padding: padding, dilation: dilation, groups: groups, spatial: 3)
    }

    package static func convTransposeNd(
        _ input: Tensor, _ weight: Tensor, _ bias: Tensor?, _ stride: IntOrTuple, _ padding: IntOrTuple,
        _ outputPadding: IntOrTuple, _ groups: Int, _ dilation: IntOrTuple, spatial: Int
    ) -> Tensor {
        let batched = nnBatchify(input, spatial: spatial, name: "conv_transpose\(spatial)d")
        let x = batched ? input : input.unsqueeze(0)
        let out = convolution(
            x, weight, bias, stride: stride.expand(spatial, "stride"), padding: padding.expand(spatial, "padding"),
            dilation: dilation.expand(spatial, "dilation"), transposed: true,
            outputPadding: outputPadding.expand(spatial, "output_padding"), groups: groups)
        return batched ? out : out.squeeze(dim: 0)
    }
}

/// True for batched input; checks the rank like torch's conv functions.
func nnBatchify(_ input: Tensor, spatial: Int, name: String) -> Bool {
    let d = input.ndim
    torchCheck(
        d == spatial + 1 || d == spatial + 2,
        "Expected \(spatial + 1)D (unbatched) or \(spatial + 2)D (batched) input to \(name), but got input of size: \(shapeString(input.sizes))"
    )
    return d == spatial + 2
}

/// Convolution hyper-parameters with torch's validation (ConvParams in ATen).
struct ConvParams {
    var stride: [Int], padding: [Int], dilation: [Int]
    var transposed: Bool
    var outputPadding: [Int]
    var groups: Int
    var spatial: Int

    init(
        stride: [Int], padding: [Int], dilation: [Int], transposed: Bool, outputPadding: [Int], groups: Int,
        spatial: Int
    ) {
        func fit(_ v: [Int], _ name: String) -> [Int] { IntOrTuple(v).expand(spatial, name) }
        self.stride = fit(stride, "stride")
        self.padding = fit(padding, "padding")
        self.dilation = fit(dilation, "dilation")
        self.outputPadding = fit(outputPadding, "output_padding")
        self.transposed = transposed
        self.groups = groups
        self.spatial = spatial
        torchCheck(
            spatial == 1 || spatial == 2, "only 1-d and 2-d convolutions are implemented, got \(spatial)-d weight")
        torchCheck(!self.stride.contains { $0 <= 0 }, "non-positive stride is not supported")
        torchCheck(!self.padding.contains { $0 < 0 }, "negative padding is not supported")
        torchCheck(!self.outputPadding.contains { $0 < 0 }, "negative output_padding is not supported")
        torchCheck(
            !self.dilation.contains { $0 <= 0 },
            "dilation should be greater than zero, but got \(shapeString(self.dilation))")
        torchCheck(groups > 0, "non-positive groups is not supported")
    }

    func checkForward(_ input: Tensor, _ weight: Tensor, _ bias: Tensor?) {
        let k = weight.ndim
        let ws = shapeString(weight.sizes)
        torchCheck(
            input.ndim == k,
            "Expected \(k)-dimensional input for \(k)-dimensional weight \(ws), but got \(input.ndim)-dimensional input of size \(shapeString(input.sizes)) instead"
        )
        nnCheckSameDType(input, weight)
        if let bias {
            torchCheck(
                bias.dtype == input.dtype,
                "Input type (\(input.dtype.cppTypeName)) and bias type (\(bias.dtype.cppTypeName)) should be the same")
        }
        if !transposed {
            torchCheck(
                weight.size(0) % groups == 0,
                "Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size [\(ws)] instead"
            )
            torchCheck(
                input.size(1) == weight.size(1) * groups,
                "Given groups=\(groups), weight of size \(ws), expected input\(shapeString(input.sizes)) to have \(weight.size(1) * groups) channels, but got \(input.size(1)) channels instead"
            )
            if let bias {
                torchCheck(
                    bias.ndim == 1 && bias.size(0) == weight.size(0),
                    "Given weight of size \(ws), expected bias to be 1-dimensional with \(weight.size(0)) elements, but got bias of size \(shapeString(bias.sizes)) instead"
                )
            }
            var padded: [Int] = [], kernel: [Int] = []
            for i in 0..<spatial {
                padded.append(input.size(2 + i) + 2 * padding[i])
                kernel.append(dilation[i] * (weight.size(2 + i) - 1) + 1)
            }
            torchCheck(
                zip(padded, kernel).allSatisfy { $0 >= $1 },
                "Calculated padded input size per channel: (\(padded.map(String.init).joined(separator: " x "))). Kernel size: (\(kernel.map(String.init).joined(separator: " x "))). Kernel size can't be greater than actual input size"
            )
        } else {
            torchCheck(
                input.size(1) == weight.size(0),
                "Given transposed=1, weight of size \(ws), expected input\(shapeString(input.sizes)) to have \(weight.size(0)) channels, but got \(input.size(1)) channels instead"
            )
            torchCheck(
                weight.size(0) % groups == 0,
                "Given groups=\(groups), expected weight to be divisible by \(groups) at dimension 0, but got weight of size [\(ws)] instead"
            )
            if let bias {
                torchCheck(
                    bias.ndim == 1 && bias.size(0) == weight.size(1) * groups,
                    "Given transposed=1, weight of size \(ws), expected bias to be 1-dimensional with \(weight.size(1) * groups) elements, but got bias of size \(shapeString(bias.sizes)) instead"
                )
            }
            for i in 0..<spatial {
                torchCheck(
                    outputPadding[i] < stride[i] || outputPadding[i] < dilation[i],
                    "output padding must be smaller than either stride or dilation, but got output_padding_height: \(outputPadding[0]) output_padding_width: \(outputPadding[spatial - 1]) stride_height: \(stride[0]) stride_width: \(stride[spatial - 1]) dilation_height: \(dilation[0]) dilation_width: \(dilation[spatial - 1])"
                )
            }
        }
        if let bias { nnCheckSameDType(input, bias) }
        let out = outputSize(input.sizes, weight.sizes)
        torchCheck(
            out.dropFirst(2).allSatisfy { $0 > 0 },
            "Given input size: (\(input.sizes.dropFirst().map(String.init).joined(separator: "x"))). Calculated output size: (\(out.dropFirst().map(String.init).joined(separator: "x"))). Output size is too small"
        )
    }

    /// [N, C_out, spatial...] for this input and weight.
    func outputSize(_ input: [Int], _ weight: [Int]) -> [Int] {
        var out = [input[0], transposed ? weight[1] * groups : weight[0]]
        for i in 0..<spatial {
            let k = dilation[i] * (weight[2 + i] - 1) + 1
            if transposed {
                out.append((input[2 + i] - 1) * stride[i] - 2 * padding[i] + k + outputPadding[i])
            } else {
                out.append((input[2 + i] + 2 * padding[i] - k) / stride[i] + 1)
            }
        }
        return out
    }

    /// The im2col geometry and GEMM shape for input [N, C, ...] and weight.
    func engine<T: NNFloat>(_: T.Type, input: [Int], weight: [Int]) -> ConvEngine<T> {
        let out = outputSize(input, weight)
        // 1-D runs as 2-D with a height-1 image.
        func hw(_ s: [Int]) -> (Int, Int) { spatial == 2 ? (s[2], s[3]) : (1, s[2]) }
        let (kH, kW) = hw(weight)
        let (ih, iw) = hw(input)
        let (oh, ow) = hw(out)
        let big = transposed ? (oh, ow) : (ih, iw)
        let small = transposed ? (ih, iw) : (oh, ow)
        let s = spatial == 2 ? (stride[0], stride[1]) : (1, stride[0])
        let p = spatial == 2 ? (padding[0], padding[1]) : (0, padding[0])
        let d = spatial == 2 ? (dilation[0], dilation[1]) : (1, dilation[0])
        let bigChannels = transposed ? out[1] / groups : input[1] / groups
        let mg = transposed ? input[1] / groups : out[1] / groups
        let geometry = ConvGeometry(
            channels: bigChannels, bigH: big.0, bigW: big.1, smallH: small.0, smallW: small.1, kH: kH, kW: kW,
            sH: s.0, sW: s.1, pH: p.0, pW: p.1, dH: d.0, dW: d.1)
        return ConvEngine<T>(geometry: geometry, groups: groups, mg: mg, batch: input[0])
    }
}

private struct ConvForward: NNKernel {
    let input: Tensor, weight: Tensor, bias: Tensor?
    let params: ConvParams

    func run<T: NNFloat>(_: T.Type) -> Tensor {
        let x = input.contiguous()
        let w = weight.contiguous()
        let outShape = params.outputSize(x.sizes, w.sizes)
        let out = Tensor(uninitializedShape: outShape, dtype: x.dtype)
        if out.numel == 0 { return out }
        if x.numel == 0 {
            out.zero_()
        } else {
            let engine = params.engine(T.self, input: x.sizes, weight: w.sizes)
            if params.transposed {
                engine.scatter(small: x.pointer(T.self), weight: w.pointer(T.self), big: out.mutablePointer(T.self))
            } else {
                // The bias goes in tile by tile, while each tile is in cache.
                let b = bias?.contiguous()
                withExtendedLifetime(b) {
                    engine.gather(
                        big: x.pointer(T.self), weight: w.pointer(T.self), small: out.mutablePointer(T.self),
                        bias: b?.pointer(T.self))
                }
                return out
            }
        }
        if let bias {
            let b = bias.contiguous()
            nnAddBias(
                out.mutablePointer(T.self), b.pointer(T.self), batch: outShape[0], channels: outShape[1],
                plane: outShape.dropFirst(2).reduce(1, *))
        }
        return out
    }
}
