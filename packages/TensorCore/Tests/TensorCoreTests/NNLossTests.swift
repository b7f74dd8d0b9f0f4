import Testing

@testable import TensorCore

/// Losses (forward + backward kernels), embedding, one_hot and attention against torch.
@Suite struct NNLossTests {
    nonisolated(unsafe) static let fixture = try! Fixture("nn_loss")

    @Test(arguments: Self.fixture.cases.keys.sorted())
    func matchesTorch(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let op = c.string("op")!
        if op == "onehot" {
            let x = try c.tensor("x")
            expectEqual(NNOps.oneHot(x), try c.tensor("out"))
            expectEqual(NNOps.oneHot(x, numClasses: 6), try c.tensor("out6"))
            return
        }
        if op == "renorm" {
            let w = try c.tensor("w").clone()
            NNOps.embeddingRenorm_(
                w, try c.tensor("idx"), maxNorm: c.double("max_norm")!, normType: c.double("norm_type")!)
            expectClose(w, try c.tensor("out"), name)
            return
        }
        if op == "sdpa" {
            let out = NNOps.scaledDotProductAttention(
                try c.tensor("q"), try c.tensor("k"), try c.tensor("v"), attnMask: try c.optionalTensor("mask"),
                isCausal: c.bool("causal"), scale: c.double("scale"))
            let ref = try c.tensor("out")
            expectClose(
                out, ref, rtol: ref.dtype == .float32 ? 1e-5 : 1e-12, atol: ref.dtype == .float32 ? 1e-5 : 1e-12, name)
            return
        }
        let x = try c.tensor("x"), gy = try c.tensor("gy")
        let red = LossReduction(rawValue: c.string("reduction") ?? "mean")!
        let w = try c.optionalTensor("w")
        let p = c.double("p") ?? 1
        var out: Tensor, gx: Tensor
        switch op {
        case "mse":
            let t = try c.tensor("t")
            out = NNOps.mseLoss(x, t, reduction: red)
            gx = NNOps.mseLossBackward(gy, x, t, reduction: red)
        case "l1":
            let t = try c.tensor("t")
            out = NNOps.l1Loss(x, t, reduction: red)
            gx = NNOps.l1LossBackward(gy, x, t, reduction: red)
        case "smoothl1":
            let t = try c.tensor("t")
            out = NNOps.smoothL1Loss(x, t, reduction: red, beta: p)
            gx = NNOps.smoothL1LossBackward(gy, x, t, reduction: red, beta: p)
        case "huber":
            let t = try c.tensor("t")
            out = NNOps.huberLoss(x, t, reduction: red, delta: p)
            gx = NNOps.huberLossBackward(gy, x, t, reduction: red, delta: p)
        case "bce":
            let t = try c.tensor("t")
            out = NNOps.binaryCrossEntropy(x, t, weight: w, reduction: red)
            gx = NNOps.binaryCrossEntropyBackward(gy, x, t, weight: w, reduction: red)
        case "bcelogits":
            let t = try c.tensor("t"), pw = try c.optionalTensor("pw")
            out = NNOps.binaryCrossEntropyWithLogits(x, t, weight: w, posWeight: pw, reduction: red)
            gx = NNOps.binaryCrossEntropyWithLogitsBackward(gy, x, t, weight: w, posWeight: pw, reduction: red)
        case "kl":
            let t = try c.tensor("t"), lt = c.bool("log_target")
            out = NNOps.klDiv(x, t, reduction: red, logTarget: lt)
            gx = NNOps.klDivBackward(gy, x, t, reduction: red, logTarget: lt)
        case "nll":
            let t = try c.tensor("t"), ignore = c.int("ignore") ?? -100
            let f = NNOps.nllLossForward(x, t, weight: w, reduction: red, ignoreIndex: ignore)
            out = f.output
            gx = NNOps.nllLossBackward(
                gy, x, t, weight: w, reduction: red, ignoreIndex: ignore, totalWeight: f.totalWeight)
        case "ce":
            let t = try c.tensor("t"), ls = c.double("ls") ?? 0
            out = NNOps.crossEntropy(x, t, weight: w, reduction: red, labelSmoothing: ls)
            gx = NNOps.crossEntropyBackward(gy, x, t, weight: w, reduction: red, labelSmoothing: ls)
        case "emb":
            let idx = try c.tensor("idx"), pad = c.int("pad")
            out = NNOps.embedding(x, idx, paddingIdx: pad)
            gx = NNOps.embeddingBackward(
                gy, idx, numWeights: x.size(0), paddingIdx: pad, scaleGradByFreq: c.bool("freq"))
        default:
            Issue.record("unknown op \(op)")
            return
        }
        let tol: (Double, Double) = x.dtype == .float32 ? (1e-5, 1e-5) : (1e-11, 1e-11)
        expectClose(out, try c.tensor("out"), rtol: tol.0, atol: tol.1, name)
        expectClose(gx, try c.tensor("gx"), rtol: tol.0, atol: tol.1, "\(name) grad")
    }
}
