import Testing

@testable import TensorCore

/// Every case of Fixtures/reduction_dimwise.json (generate/reduction_dimwise.py, real torch).
@Suite struct ReductionDimwiseFixtureTests {
    /// Outputs in torch's order; `valuesOnly` cases drop indices PyTorch leaves unspecified.
    static func run(_ c: ReductionCase) -> [Tensor] {
        let x = c.input
        let keep = c.keepdim
        let dim = c.dim ?? -1
        func pair(_ r: ValuesIndices) -> [Tensor] { [r.values, r.indices] }
        switch c.op {
        case "softmax": return [x.softmax(dim: dim, dtype: c.dtype)]
        case "log_softmax": return [x.logSoftmax(dim: dim, dtype: c.dtype)]
        case "cumsum": return [x.cumsum(dim: dim, dtype: c.dtype)]
        case "cumprod": return [x.cumprod(dim: dim, dtype: c.dtype)]
        case "cummax": return pair(x.cummax(dim: dim))
        case "cummin": return pair(x.cummin(dim: dim))
        case "sort": return pair(x.sort(dim: dim, descending: c.bool("descending") ?? false))
        case "argsort": return [x.argsort(dim: dim, descending: c.bool("descending") ?? false, stable: true)]
        case "topk": return pair(x.topk(c.int("k")!, dim: dim, largest: c.bool("largest") ?? true))
        case "topk_values": return [x.topk(c.int("k")!, dim: dim).values]
        case "median_all": return [x.median()]
        case "median": return pair(x.median(dim: dim, keepdim: keep))
        case "median_values": return [x.median(dim: dim, keepdim: keep).values]
        case "nanmedian": return pair(x.nanmedian(dim: dim, keepdim: keep))
        case "nanmedian_values": return [x.nanmedian(dim: dim, keepdim: keep).values]
        case "nanmedian_all": return [x.nanmedian()]
        case "kthvalue": return pair(x.kthvalue(c.int("k")!, dim: dim, keepdim: keep))
        case "mode": return pair(x.mode(dim: dim, keepdim: keep))
        case "unique":
            let inverse = c.bool("inverse") ?? false, counts = c.bool("counts") ?? false
            let r = x.unique(returnInverse: inverse, returnCounts: counts, dim: c.dim)
            return [r.values] + (inverse ? [r.inverse!] : []) + (counts ? [r.counts!] : [])
        default:
            Issue.record("unknown op \(c.op) in \(c.name)")
            return []
        }
    }

    @Test func matchesTorch() throws {
        let cases = try ReductionCase.load("reduction_dimwise")
        #expect(cases.count > 250)
        for var c in cases {
            // torch's outputs for the *_values ops hold values and indices; compare the values.
            if c.op.hasSuffix("_values") {
                c = ReductionCase(name: c.name, op: c.op, input: c.input, args: c.args, outputs: [c.outputs[0]])
            }
            expectOutputs(Self.run(c), c)
        }
    }
}
