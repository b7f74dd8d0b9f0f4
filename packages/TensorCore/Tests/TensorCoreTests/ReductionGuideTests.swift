import Testing

@testable import TensorCore

/// The guide's section-2 aggregation statements (`t.sum()`, `t.mean()`, ... on a 3x4 tensor), with
/// torch's printed results for this fixed `t` (the guide uses torch.rand).
@Suite struct ReductionGuideTests {
    let t = Tensor([[0.12, 0.57, 0.33, 0.91], [0.74, 0.26, 0.88, 0.45], [0.63, 0.05, 0.97, 0.21]])

    func scalar(_ x: Tensor) -> Double { x.reducedValue(Double.self) }

    @Test func aggregates() {
        #expect(t.sum().shape == [])
        #expect(t.sum().dtype == .float32)
        #expect(abs(scalar(t.sum()) - 6.119999885559082) < 1e-6)
        #expect(abs(scalar(t.mean()) - 0.5099999904632568) < 1e-7)
        #expect(scalar(t.max()) == Double(Float(0.97)))
        #expect(scalar(t.min()) == Double(Float(0.05)))
        #expect(abs(scalar(t.std()) - 0.3207377791404724) < 1e-7)
    }

    @Test func alongDims() {
        expectClose(
            t.sum(dim: 0), Tensor([1.4900000095367432, 0.8799999952316284, 2.180000066757202, 1.5700000524520874]))
        expectClose(t.sum(dim: 1), Tensor([1.9300000667572021, 2.3299999237060547, 1.8600001335144043]))
        let kept = t.sum(dim: 1, keepdim: true)
        #expect(kept.shape == [3, 1])
        expectClose(kept, Tensor([[1.9300000667572021], [2.3299999237060547], [1.8600001335144043]]))
    }

    @Test func argmaxFlatAndPerRow() {
        let flat = t.argmax()
        #expect(flat.shape == [])
        #expect(flat.dtype == .int64)
        #expect(flat.reducedValue(Int64.self) == 10)
        expectEqual(t.argmax(dim: 1), Tensor([3, 2, 2]))
        let (values, indices) = t.max(dim: 1)
        expectEqual(indices, Tensor([3, 2, 2]))
        expectClose(values, Tensor([0.91, 0.88, 0.97]))
        #expect(t.max(dim: 1, keepdim: true).values.shape == [3, 1])
    }
}
