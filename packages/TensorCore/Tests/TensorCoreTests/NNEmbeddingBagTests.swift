import Testing

@testable import TensorCore

/// embedding_bag forward and dense backward against torch autograd.
@Suite struct NNEmbeddingBagTests {
    nonisolated(unsafe) static let fixture = try! Fixture("nn_embedding_bag")

    @Test(arguments: Self.fixture.cases.keys.sorted())
    func embeddingBagMatchesTorch(_ name: String) throws {
        let c = try NNCase(Self.fixture, name)
        let w = try c.tensor("w"), idx = try c.tensor("idx"), offsets = try c.optionalTensor("offsets")
        let mode = EmbeddingBagMode(rawValue: c.string("mode")!)!
        let psw = try c.optionalTensor("psw")
        let r = NNOps.embeddingBag(
            w, idx, offsets: offsets, mode: mode, perSampleWeights: psw, includeLastOffset: c.bool("last"),
            paddingIdx: c.int("pad"))
        let tol: Double = w.dtype == .float32 ? 1e-5 : 1e-12
        expectClose(r.output, try c.tensor("out"), rtol: tol, atol: tol, name)
        let g = NNOps.embeddingBagBackward(
            try c.tensor("gy"), w, idx, offsets: offsets, mode: mode, perSampleWeights: psw,
            includeLastOffset: c.bool("last"),
            paddingIdx: c.int("pad"), maxIndices: r.maxIndices)
        expectClose(g.gradWeight, try c.tensor("gw"), rtol: tol, atol: tol, "\(name) grad weight")
        if let gp = try c.optionalTensor("gpsw") {
            expectClose(
                try #require(g.gradPerSampleWeights), gp, rtol: tol, atol: tol, "\(name) grad per_sample_weights")
        }
    }
}
