/// NN ops that are linear in their one differentiable input (pooling, upsampling): the forward kernel
/// records `.linear(map)` and its backward kernel is the transposed map, recorded as
/// `.linearTransposed(map)` whose own derivative is the forward again. Every order of gradient then runs
/// the fast kernels (torch's `AvgPool2DBackward0` / `AvgPool2DBackwardBackward0` pairs).
package enum LinearNNMap: Sendable {
    case upsampleNearest2d(inputSize: [Int], outputSize: [Int], scales: [Double?])
    case upsampleBilinear2d(inputSize: [Int], outputSize: [Int], alignCorners: Bool, scales: [Double?])
    case avgPool2d(
        inputSize: [Int], kernelSize: [Int], stride: [Int], padding: [Int], ceilMode: Bool, countIncludePad: Bool,
        divisorOverride: Int?)
    case adaptiveAvgPool2d(inputSize: [Int], outputSize: [Int])
    /// Max pools: the output is the input gathered at `indices` (flat positions in each input plane);
    /// `window` is max_pool2d's (nil for adaptive pooling), for those who read the op (the tracer).
    case planeGather(inputSize: [Int], indices: Tensor, adaptive: Bool, window: PoolWindow? = nil)
    /// `pad`: a constant fill only shifts the output, so the map is the padding with zeros.
    case pad(inputSize: [Int], pad: [Int], mode: String)

    /// The forward node's name; the transposed node appends "Backward" to its stem, as torch does.
    package var name: String {
        switch self {
        case .upsampleNearest2d: "UpsampleNearest2DBackward0"
        case .upsampleBilinear2d: "UpsampleBilinear2DBackward0"
        case .avgPool2d: "AvgPool2DBackward0"
        case .adaptiveAvgPool2d: "AdaptiveAvgPool2DBackward0"
        case .planeGather(_, _, let adaptive, _):
            adaptive ? "AdaptiveMaxPool2DBackward0" : "MaxPool2DWithIndicesBackward0"
        case .pad(_, let pad, let mode):
            switch mode {
            case "constant": "ConstantPadNdBackward0"
            case "reflect": "ReflectionPad\(pad.count / 2)DBackward0"
            case "replicate": "ReplicationPad\(pad.count / 2)DBackward0"
            default: "PadBackward0"
            }
        }
    }

    package var transposedName: String { String(name.dropLast()) + "Backward0" }

    /// The forward kernel, recorded.
    package func callAsFunction(_ x: Tensor) -> Tensor {
        forwardKernel(x.requiresGradient ? x.untrackedView() : x).recorded(.linear(self), x)
    }

    /// The backward kernel (the transposed map), recorded.
    package func transposed(_ g: Tensor) -> Tensor {
        transposedKernel(g.requiresGradient ? g.untrackedView() : g).recorded(.linearTransposed(self), g)
    }

    func forwardKernel(_ x: Tensor) -> Tensor {
        switch self {
        case .upsampleNearest2d(_, let outputSize, let scales):
            return NNOps.upsampleNearest2dKernel(x, outputSize: outputSize, scales: scales)
        case .upsampleBilinear2d(_, let outputSize, let alignCorners, let scales):
            return NNOps.upsampleBilinear2dKernel(x, outputSize: outputSize, alignCorners: alignCorners, scales: scales)
        case .avgPool2d(_, let k, let s, let p, let ceilMode, let includePad, let divisor):
            return NNOps.avgPool2dKernel(x, IntOrTuple(k), IntOrTuple(s), IntOrTuple(p), ceilMode, includePad, divisor)
        case .adaptiveAvgPool2d(_, let outputSize):
            return NNOps.adaptiveAvgPool2dKernel(x, outputSize: outputSize)
        case .planeGather(_, let indices, _, _):
            let plane = indices.sizes.suffix(2).reduce(1, *)
            let lead = Array(x.sizes.dropLast(2))
            let flatIndices = indices.untrackedView().reshape(lead + [plane])
            return x.untrackedView().reshape(lead + [x.size(-1) * x.size(-2)]).gather(dim: -1, index: flatIndices)
                .reshape(indices.sizes)
        case .pad(_, let pad, let mode):
            return NNOps.padKernel(x, pad: pad, mode: mode, value: nil)
        }
    }

    func transposedKernel(_ g: Tensor) -> Tensor {
        switch self {
        case .upsampleNearest2d(let inputSize, let outputSize, let scales):
            return NNOps.upsampleNearest2dBackward(g, outputSize: outputSize, inputSize: inputSize, scales: scales)
        case .upsampleBilinear2d(let inputSize, let outputSize, let alignCorners, let scales):
            return NNOps.upsampleBilinear2dBackward(
                g, outputSize: outputSize, inputSize: inputSize, alignCorners: alignCorners, scales: scales)
        case .avgPool2d(let inputSize, let k, let s, let p, let ceilMode, let includePad, let divisor):
            return NNOps.avgPool2dBackward(
                g, shapeOnly(inputSize, g.dtype), kernelSize: IntOrTuple(k), stride: IntOrTuple(s),
                padding: IntOrTuple(p),
                ceilMode: ceilMode, countIncludePad: includePad, divisorOverride: divisor)
        case .adaptiveAvgPool2d(let inputSize, _):
            return NNOps.adaptiveAvgPool2dBackward(g, shapeOnly(inputSize, g.dtype))
        case .planeGather(let inputSize, let indices, _, _):
            return NNOps.maxPool2dWithIndicesBackward(g, shapeOnly(inputSize, g.dtype), indices: indices)
        case .pad(let inputSize, let pad, let mode):
            return NNOps.padBackward(g, inputSizes: inputSize, pad: pad, mode: mode)
        }
    }

    /// The backward kernels read only the input's shape and dtype.
    private func shapeOnly(_ sizes: [Int], _ dtype: DType) -> Tensor { Tensor(uninitializedShape: sizes, dtype: dtype) }
}

/// A pooling window as max_pool2d takes it, each list one entry per spatial dim.
package struct PoolWindow: Sendable {
    package let kernelSize: [Int], stride: [Int], padding: [Int], dilation: [Int]
    package let ceilMode: Bool
}
