import Autodiff
import Layers
import TensorCore
import Testing

extension Layers {
    @Suite("Gradient clipping") struct ClipGradTests {
        /// Values from torch: grads [3, 4] and [12] → total norm 13; max_norm 1 scales by 1/(13 + 1e-6).
        @Test func clipGradNorm() {
            let a = Tensor([1.0, 1.0]).requiresGrad_(), b = Tensor([2.0]).requiresGrad_()
            a.grad = Tensor([3.0, 4.0])
            b.grad = Tensor([12.0])
            let total = clipGradNorm_([a, b], maxNorm: 1)
            #expect(abs(total.item(Double.self) - 13) < 1e-5)
            expectClose(a.grad!, Tensor([3.0, 4.0]) / (13 + 1e-6))
            expectClose(b.grad!, Tensor([12.0]) / (13 + 1e-6))
            let inf = clipGradNorm_([a, b], maxNorm: 100, normType: .infinity)
            #expect(abs(inf.item(Double.self) - 12 / (13 + 1e-6)) < 1e-6)
            expectClose(b.grad!, Tensor([12.0]) / (13 + 1e-6))  // under the max: unchanged
            clipGradValue_([a, b], clipValue: 0.5)
            expectClose(b.grad!, Tensor([0.5]))
            expectClose(a.grad!, Tensor([3.0, 4.0]) / (13 + 1e-6))
            #expect(clipGradNorm_([Tensor.zeros(2)], maxNorm: 1).item(Double.self) == 0)
        }
    }
}

/// Against torch (Tests/Fixtures/clip_grad.json, generate/clip_grad.py): five norm types, clipping on and
/// off, float32 / mixed (float32, bfloat16, float64) / half (float16, bfloat16) gradient lists, foreach on
/// and off, a non-finite gradient, clip_grad_value_ on mixed dtypes.
@Suite("Gradient clipping against torch") struct ClipGradTorchTests {
    static func parameters(_ grads: [Tensor]) -> [Tensor] {
        grads.map { g in
            let p = Tensor.zeros(g.shape.dims, dtype: g.dtype).requiresGrad_()
            p.grad = g.clone()
            return p
        }
    }

    static func tensors(_ value: Any?) throws -> [Tensor] {
        try #require(value as? [Any]).map { try Fixture.decodeTensor($0) }
    }

    @Test func everyNormTypeAndDTypeMix() throws {
        let f = try Fixture("clip_grad")
        var checked = 0
        for (name, value) in f.cases where name.contains("_max") {
            let c = try #require(value as? [String: Any])
            let ps = Self.parameters(try Self.tensors(c["grads"]))
            let normText = try #require(c["norm_type"] as? String)
            let normType = try #require(Double(normText))
            let maxNorm = try #require(c["max_norm"] as? Double)
            let foreach: Bool? = name.hasSuffix("foreachFalse") ? false : nil
            let total = clipGradNorm_(ps, maxNorm: maxNorm, normType: normType, foreach: foreach)
            // Float sums in another order than torch's: float32 results within a few ulps (assert_close's
            // defaults); reduced-precision gradients are rounded from those, so an ulp there is bf16's.
            expectClose(total, try Fixture.decodeTensor(c["total"]!), name)
            for (p, expected) in zip(ps, try Self.tensors(c["clipped"])) { expectClose(p.grad!, expected, name) }
            checked += 1
        }
        #expect(checked == 60)
    }

    @Test func nonFiniteGradients() async throws {
        let f = try Fixture("clip_grad")
        let c = try #require(f["nonfinite"] as? [String: Any])
        let ps = Self.parameters(try Self.tensors(c["grads"]))
        expectClose(clipGradNorm_(ps, maxNorm: 1), try Fixture.decodeTensor(c["total"]!))
        for (p, expected) in zip(ps, try Self.tensors(c["clipped"])) { expectClose(p.grad!, expected) }
        let message = try #require(f["nonfinite_message"] as? String)
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let p = Tensor.zeros([2]).requiresGrad_()
            p.grad = Tensor([Float.infinity, 1])
            clipGradNorm_([p], maxNorm: 1, errorIfNonfinite: true)
        }
        #expect(result.map { String(decoding: $0.standardErrorContent, as: UTF8.self).contains(message) } == true)
    }

    @Test func clipValueOnMixedDTypesAndEmptyLists() throws {
        let f = try Fixture("clip_grad")
        let c = try #require(f["value_mixed"] as? [String: Any])
        let ps = Self.parameters(try Self.tensors(c["grads"]))
        clipGradValue_(ps, clipValue: 0.7)
        for (p, expected) in zip(ps, try Self.tensors(c["clipped"])) { expectEqual(p.grad!, expected) }
        expectEqual(clipGradNorm_([], maxNorm: 1), try f.tensor("empty_total"))
        expectEqual(getTotalNorm([Tensor([3.0, 4.0])]), Tensor(Float(5)))
    }
}
