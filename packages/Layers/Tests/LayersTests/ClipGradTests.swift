import Testing
import TensorCore
import Autodiff
import Layers

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
