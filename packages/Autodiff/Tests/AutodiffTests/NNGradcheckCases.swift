import TensorCore

@testable import Autodiff

/// The vjp of `f` at inputs[0] against inputs[1], with create_graph: checks the op's backward node itself
/// (the transposed kernels of linear ops), so its gradient w.r.t. both the input and the vector is checked.
func vjpOp(_ name: String, _ inputs: @escaping @Sendable () -> [Tensor], _ f: @escaping @Sendable (Tensor) -> Tensor)
    -> OpCase
{
    op(name, inputs) {
        Autograd.grad(outputs: [f($0[0])], inputs: [$0[0]], gradOutputs: [$0[1]], createGraph: true)[0]!
    }
}

let image: @Sendable () -> [Tensor] = { [leaf([2, 2, 4, 5])] }
let bags: Tensor = Tensor(copying: [Int64(0), 2, 4, 1, 3, 3], shape: [6])
let bagOffsets: Tensor = Tensor(copying: [Int64(0), 2, 2], shape: [3])

/// NN ops with their own tags: the ops Layers used to bridge, each checked at first and second order.
let nnTaggedCases: [OpCase] = [
    op("groupNorm", { [leaf([2, 4, 3]), leaf([4], seed: 2), leaf([4], seed: 3)] }) {
        NNOps.groupNorm($0[0], numGroups: 2, weight: $0[1], bias: $0[2]).output
    },
    op("groupNorm no affine", { [leaf([3, 6, 2, 2])] }) { NNOps.groupNorm($0[0], numGroups: 3).output },
    op("instanceNorm (composite over batch norm)", { [leaf([2, 3, 4]), leaf([3], seed: 2), leaf([3], seed: 3)] }) {
        NNOps.instanceNorm($0[0], weight: $0[1], bias: $0[2]).output
    },
    op("adaptiveMaxPool2d", image) { NNOps.adaptiveMaxPool2d($0[0], outputSize: [2, 3]).output },
    op("adaptiveMaxPool1d", { [leaf([2, 3, 7])] }) { NNOps.adaptiveMaxPool1d($0[0], outputSize: 3).output },
    op("maxPool1d", { [leaf([2, 7])] }) { NNOps.maxPool1d($0[0], kernelSize: 3, stride: 2, padding: 1) },
    vjpOp("maxPool2d backward", { [leaf([1, 2, 4, 4]), leaf([1, 2, 2, 2], seed: 2)] }) {
        NNOps.maxPool2d($0, kernelSize: 2)
    },
    vjpOp("avgPool2d backward", { [leaf([1, 2, 5, 5]), leaf([1, 2, 3, 3], seed: 2)] }) {
        NNOps.avgPool2d($0, kernelSize: 3, stride: 2, padding: 1, countIncludePad: false)
    },
    vjpOp("adaptiveAvgPool2d backward", { [leaf([1, 2, 5, 5]), leaf([1, 2, 2, 3], seed: 2)] }) {
        NNOps.adaptiveAvgPool2d($0, outputSize: [2, 3])
    },
    op("klDiv batchmean", { [leaf([3, 4], -2, -0.5), leaf([3, 4], 0.1, 1, seed: 2)] }) {
        NNOps.klDiv($0[0], $0[1], reduction: .batchmean)
    },
    op("klDiv logTarget none", { [leaf([3, 4]), leaf([3, 4], seed: 2)] }) {
        NNOps.klDiv($0[0], $0[1], reduction: .none, logTarget: true)
    },
    op("upsampleNearest2d", image) { NNOps.upsampleNearest2d($0[0], outputSize: [5, 7]) },
    op("upsampleBilinear2d", image) { NNOps.upsampleBilinear2d($0[0], outputSize: [7, 6], alignCorners: false) },
    op("upsampleBilinear2d alignCorners scale", image) {
        NNOps.upsampleBilinear2d($0[0], outputSize: [8, 10], alignCorners: true, scales: [2, 2])
    },
    vjpOp("upsampleBilinear2d backward", { [leaf([1, 2, 3, 3]), leaf([1, 2, 5, 4], seed: 2)] }) {
        NNOps.upsampleBilinear2d($0, outputSize: [5, 4], alignCorners: false)
    },
    op("embeddingBag sum with perSampleWeights", { [leaf([5, 3]), leaf([6], seed: 2)] }) {
        NNOps.embeddingBag($0[0], bags, offsets: bagOffsets, mode: .sum, perSampleWeights: $0[1]).output
    },
    op("embeddingBag mean", { [leaf([5, 3])] }) {
        NNOps.embeddingBag($0[0], bags, offsets: bagOffsets, mode: .mean).output
    },
    op("embeddingBag max", { [leaf([5, 3])] }) {
        NNOps.embeddingBag($0[0], bags.reshape([2, 3]), mode: .max).output
    },
    op("featureDropout", { [leaf([3, 4, 2])] }) {
        NNOps.featureDropout($0[0], p: 0.5, generator: Generator(seed: 3)).output
    },
    op(
        "scaledDotProductAttention float mask",
        {
            [leaf([2, 3, 4]), leaf([2, 3, 4], seed: 2), leaf([2, 3, 4], seed: 3), leaf([3, 3], seed: 4)]
        }
    ) {
        NNOps.scaledDotProductAttention($0[0], $0[1], $0[2], attnMask: $0[3])
    },
    // Second order through the recorded convolution backward: strides, dilation, groups, both directions.
    op("conv2d strided dilated grouped", { [leaf([2, 4, 6, 5]), leaf([6, 2, 2, 3], seed: 2), leaf([6], seed: 3)] }) {
        NNOps.conv2d($0[0], $0[1], $0[2], stride: [2, 1], padding: [1, 2], dilation: [2, 1], groups: 2)
    },
    op("conv1d strided", { [leaf([2, 3, 9]), leaf([2, 3, 3], seed: 2)] }) {
        NNOps.conv1d($0[0], $0[1], stride: 2, padding: 1)
    },
    op("convTranspose2d grouped dilated", { [leaf([1, 4, 3, 3]), leaf([4, 1, 2, 2], seed: 2)] }) {
        NNOps.convTranspose2d($0[0], $0[1], stride: 2, padding: 1, outputPadding: 1, groups: 2, dilation: 2)
    },
    // Gradients w.r.t. the target (torch defines them for these losses).
    op("binaryCrossEntropy target", { [leaf([2, 3], 0.2, 0.8), leaf([2, 3], 0.1, 0.9, seed: 2)] }) {
        NNOps.binaryCrossEntropy($0[0], $0[1], weight: uniform([3], 0.5, 1.5, seed: 8))
    },
    op("bceWithLogits target posWeight", { [leaf([2, 3]), leaf([2, 3], 0.1, 0.9, seed: 2)] }) {
        NNOps.binaryCrossEntropyWithLogits($0[0], $0[1], posWeight: uniform([3], 0.5, 2, seed: 8), reduction: .sum)
    },
    op("crossEntropy probabilities target", { [leaf([3, 4]), leaf([3, 4], 0.1, 1, seed: 2)] }) {
        NNOps.crossEntropy($0[0], $0[1], weight: uniform([4], 0.5, 1.5, seed: 8), labelSmoothing: 0.2)
    },
    op("crossEntropy weighted ignore_index spatial", { [leaf([2, 3, 2])] }) {
        NNOps.crossEntropy(
            $0[0], Tensor(copying: [Int64(0), 2, -100, 1], shape: [2, 2]), weight: uniform([3], 0.5, 1.5, seed: 8),
            labelSmoothing: 0.3)
    },
    op("mseLoss sum target", twoM23) { NNOps.mseLoss($0[0], $0[1], reduction: .sum) },
    op("subscript view", { [leaf([3, 4])] }) { $0[0][1..., 2] * $0[0][0, 1..<3] },
    op("fill_ on a tracked result", { [leaf([2, 3])] }) { x in
        let y = x[0] * 2
        y[0].fill_(3)
        y[1].zero_()
        return y * x[0]
    },
    op("pad replicate 2d", image) { NNOps.pad($0[0], pad: [2, 1, 0, 3], mode: "replicate") },
    op("pad constant crop", image) { NNOps.pad($0[0], pad: [-1, 2, 1, -2], value: 3) },
    vjpOp("pad reflect backward", { [leaf([1, 2, 4]), leaf([1, 2, 7], seed: 2)] }) {
        NNOps.pad($0, pad: [2, 1], mode: "reflect")
    },
    op("nativeDropout", m23) { NNOps.nativeDropout($0[0], p: 0.4, generator: Generator(seed: 5)).output },
    op("dropout", m23) { NNOps.dropout($0[0], p: 0.4, generator: Generator(seed: 5)) },
    op("embeddingBag mean padding empty bag", { [leaf([5, 3])] }) {
        NNOps.embeddingBag(
            $0[0], bags, offsets: Tensor(copying: [Int64(0), 3, 3], shape: [3]), mode: .mean, paddingIdx: 3
        ).output
    },
]
