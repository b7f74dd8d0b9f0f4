import TensorCore
import Testing

@testable import Autodiff

/// The NN ops' nodes carry torch's names (checked against torch 2.x), backward nodes of linear ops too.
@Suite struct NNNodeTests {
    @Test func nodeNamesMatchTorch() {
        let x = leaf([2, 4, 4, 4])
        #expect(NNOps.groupNorm(x, numGroups: 2).output.gradFn?.name == "NativeGroupNormBackward0")
        #expect(NNOps.instanceNorm(x).output.gradFn?.name == "ViewBackward0")
        #expect(NNOps.adaptiveMaxPool2d(x, outputSize: 2).output.gradFn?.name == "AdaptiveMaxPool2DBackward0")
        #expect(NNOps.upsampleNearest2d(x, outputSize: [8, 8]).gradFn?.name == "UpsampleNearest2DBackward0")
        #expect(
            NNOps.upsampleBilinear2d(x, outputSize: [8, 8], alignCorners: false).gradFn?.name
                == "UpsampleBilinear2DBackward0")
        #expect(NNOps.klDiv(x, uniform([2, 4, 4, 4], 0, 1), reduction: .batchmean).gradFn?.name == "DivBackward0")
        #expect(NNOps.featureDropout(x, p: 0.5).output.gradFn?.name == "MulBackward0")
        #expect(NNOps.featureDropout(x, p: 1).output.gradFn?.name == "MulBackward0")
        #expect(
            NNOps.embeddingBag(leaf([5, 3]), bags, offsets: bagOffsets).output.gradFn?.name == "EmbeddingBagBackward0")
        #expect(NNOps.pad(x, pad: [1, 2]).gradFn?.name == "ConstantPadNdBackward0")
        #expect(NNOps.pad(x[0], pad: [1, 2], mode: "reflect").gradFn?.name == "ReflectionPad1DBackward0")
        #expect(NNOps.pad(x, pad: [1, 2, 1, 1], mode: "replicate").gradFn?.name == "ReplicationPad2DBackward0")
        let pools: [(Tensor) -> Tensor] = [
            { NNOps.avgPool2d($0, kernelSize: 2) }, { NNOps.maxPool2d($0, kernelSize: 2) },
            { NNOps.adaptiveAvgPool2d($0, outputSize: 2) }, { NNOps.adaptiveMaxPool2d($0, outputSize: 2).output },
        ]
        let expected = [
            "AvgPool2DBackward", "MaxPool2DWithIndicesBackward", "AdaptiveAvgPool2DBackward",
            "AdaptiveMaxPool2DBackward",
        ]
        for (pool, name) in zip(pools, expected) {
            let y = pool(x)
            let g = Autograd.grad(
                outputs: [y], inputs: [x], gradOutputs: [Tensor.onesLike(y).requiresGrad_()], createGraph: true)[0]
            #expect(y.gradFn?.name == name + "0")
            #expect(g?.gradFn?.name == name + "Backward0")
        }
    }

    /// A float attention mask that requires grad gets torch's gradient (the scores' gradient, summed to its shape).
    @Test func attentionMaskGradient() {
        let q = uniform([2, 3, 4]), mask = leaf([3, 3], seed: 4)
        let out = NNOps.scaledDotProductAttention(q, q, q, attnMask: mask)
        let scores = (q * 0.5).matmul(q.transpose(-2, -1)) + mask
        let reference = scores.softmax(dim: -1).matmul(q)
        let got = Autograd.grad(outputs: [out.sum()], inputs: [mask])[0]
        let want = Autograd.grad(outputs: [reference.sum()], inputs: [mask])[0]
        expectValues(got, values(want), tolerance: 1e-12)
    }

    /// scale_grad_by_freq is not a true derivative (no gradcheck); the recorded backward used under
    /// create_graph gives the kernel's numbers.
    @Test func embeddingRecordedBackwardMatchesKernel() {
        let weight = leaf([5, 3])
        let indices = Tensor(copying: [Int64(0), 4, 0, 2, 2, 2], shape: [2, 3])
        let g = uniform([2, 3, 3], seed: 7)
        func gradient(createGraph: Bool) -> Tensor? {
            let out = NNOps.embedding(weight, indices, paddingIdx: 4, scaleGradByFreq: true)
            return Autograd.grad(outputs: [out], inputs: [weight], gradOutputs: [g], createGraph: createGraph)[0]
        }
        expectValues(gradient(createGraph: true), values(gradient(createGraph: false)), tolerance: 1e-12)
    }
}
