import Testing

@testable import TensorCore

/// Batch / layer / group norm forward, running-stat updates and backward kernels against torch.
@Suite struct NNNormalizationTests {
    nonisolated(unsafe) static let fixture = try! Fixture("nn_norm")

    static func tol(_ t: Tensor) -> (Double, Double) { t.dtype == .float32 ? (1e-4, 1e-5) : (1e-10, 1e-10) }

    @Test(arguments: nnCaseNames(Self.fixture, prefix: "bn_"))
    func batchNormMatchesTorch(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let rm = try c.tensor("rm0").clone(), rv = try c.tensor("rv0").clone()
        let nbt = Tensor(Int64(c.int("nbt0")!))
        let w = try c.optionalTensor("w"), b = try c.optionalTensor("b")
        let momentum = c.double("momentum")
        for phase in ["train", "eval"] {
            let p = try c.sub(phase)
            let x = try p.tensor("x")
            let training = phase == "train"
            let (tr, ta) = Self.tol(x)
            let r = NNOps.batchNorm(
                x, runningMean: rm, runningVar: rv, weight: w, bias: b, training: training, momentum: momentum,
                eps: 1e-5, numBatchesTracked: nbt)
            expectClose(r.output, try p.tensor("out"), rtol: tr, atol: ta, "\(name) \(phase) out")
            expectClose(rm, try p.tensor("rm"), rtol: tr, atol: ta, "\(name) \(phase) running_mean")
            expectClose(rv, try p.tensor("rv"), rtol: tr, atol: ta, "\(name) \(phase) running_var")
            #expect(nbt.item(Int64.self) == Int64(p.int("nbt")!))
            let g = NNOps.batchNormBackward(
                try p.tensor("gy"), x, weight: w, runningMean: rm, runningVar: rv, saveMean: r.saveMean,
                saveInvstd: r.saveInvstd, training: training, eps: 1e-5, outputMask: [true, w != nil, b != nil])
            expectClose(
                try #require(g.gradInput), try p.tensor("gx"), rtol: tr, atol: ta, "\(name) \(phase) grad input")
            if w != nil {
                expectClose(
                    try #require(g.gradWeight), try p.tensor("gw"), rtol: tr, atol: ta, "\(name) \(phase) grad weight")
                expectClose(
                    try #require(g.gradBias), try p.tensor("gb"), rtol: tr, atol: ta, "\(name) \(phase) grad bias")
            }
            if !training { #expect(r.saveMean.numel == 0) }
        }
    }

    @Test(arguments: nnCaseNames(Self.fixture, prefix: "ln_"))
    func layerNormMatchesTorch(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let x = try c.tensor("x"), ns = c.ints("ns")
        let w = try c.optionalTensor("w"), b = try c.optionalTensor("b")
        let (tr, ta) = Self.tol(x)
        let r = NNOps.layerNorm(x, normalizedShape: ns, weight: w, bias: b)
        expectClose(r.output, try c.tensor("out"), rtol: tr, atol: ta, name)
        expectClose(r.mean, try c.tensor("mean"), rtol: tr, atol: ta, "\(name) mean")
        expectClose(r.rstd, try c.tensor("rstd"), rtol: tr, atol: ta, "\(name) rstd")
        let g = NNOps.layerNormBackward(
            try c.tensor("gy"), x, normalizedShape: ns, mean: r.mean, rstd: r.rstd, weight: w, bias: b,
            outputMask: [true, w != nil, b != nil])
        expectClose(try #require(g.gradInput), try c.tensor("gx"), rtol: tr, atol: ta, "\(name) grad input")
        if w != nil {
            expectClose(try #require(g.gradWeight), try c.tensor("gw"), rtol: tr, atol: ta, "\(name) grad weight")
            expectClose(try #require(g.gradBias), try c.tensor("gb"), rtol: tr, atol: ta, "\(name) grad bias")
        }
    }

    @Test(arguments: nnCaseNames(Self.fixture, prefix: "gn_"))
    func groupNormMatchesTorch(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let x = try c.tensor("x"), groups = c.int("groups")!
        let w = try c.optionalTensor("w"), b = try c.optionalTensor("b")
        let (tr, ta) = Self.tol(x)
        let r = NNOps.groupNorm(x, numGroups: groups, weight: w, bias: b)
        expectClose(r.output, try c.tensor("out"), rtol: tr, atol: ta, name)
        let g = NNOps.groupNormBackward(
            try c.tensor("gy"), x, mean: r.mean, rstd: r.rstd, weight: w, numGroups: groups,
            outputMask: [true, w != nil, b != nil])
        expectClose(try #require(g.gradInput), try c.tensor("gx"), rtol: tr, atol: ta, "\(name) grad input")
        if w != nil {
            expectClose(try #require(g.gradWeight), try c.tensor("gw"), rtol: tr, atol: ta, "\(name) grad weight")
            expectClose(try #require(g.gradBias), try c.tensor("gb"), rtol: tr, atol: ta, "\(name) grad bias")
        }
    }

    @Test(arguments: nnCaseNames(Self.fixture, prefix: "in_"))
    func instanceNormMatchesTorch(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let rm = try c.optionalTensor("rm0")?.clone(), rv = try c.optionalTensor("rv0")?.clone()
        let w = try c.optionalTensor("w"), b = try c.optionalTensor("b")
        for phase in ["train", "eval"] {
            let p = try c.sub(phase)
            let x = try p.tensor("x")
            // InstanceNorm uses input statistics in training, and in eval unless it tracks running stats.
            let useInput = phase == "train" || rm == nil
            let (tr, ta) = Self.tol(x)
            let r = NNOps.instanceNorm(x, runningMean: rm, runningVar: rv, weight: w, bias: b, useInputStats: useInput)
            expectClose(r.output, try p.tensor("out"), rtol: tr, atol: ta, "\(name) \(phase) out")
            if let rm, let rv {
                expectClose(rm, try p.tensor("rm"), rtol: tr, atol: ta, "\(name) \(phase) running_mean")
                expectClose(rv, try p.tensor("rv"), rtol: tr, atol: ta, "\(name) \(phase) running_var")
            }
            let g = NNOps.instanceNormBackward(
                try p.tensor("gy"), x, weight: w, runningMean: rm, runningVar: rv, saveMean: r.saveMean,
                saveInvstd: r.saveInvstd, useInputStats: useInput, outputMask: [true, w != nil, b != nil])
            expectClose(
                try #require(g.gradInput), try p.tensor("gx"), rtol: tr, atol: ta, "\(name) \(phase) grad input")
            if w != nil {
                expectClose(
                    try #require(g.gradWeight), try p.tensor("gw"), rtol: tr, atol: ta, "\(name) \(phase) grad weight")
                expectClose(
                    try #require(g.gradBias), try p.tensor("gb"), rtol: tr, atol: ta, "\(name) \(phase) grad bias")
            }
        }
    }
}
