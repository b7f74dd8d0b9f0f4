import Autodiff
import Foundation
import Layers
import Optimizers
import TensorCore
import Testing
import TorchTestSupport

/// The mixed-precision recipe with clipping (torch's AMP docs, "working with unscaled gradients"):
/// `scale(loss).backward()`, `unscale_`, `clipGradNorm_`, `step`, `update` with Adam, 200 steps with an
/// injected -inf every 50 — the scale trajectory, skipped steps and weights equal torch's
/// (Tests/Fixtures/grad_scaler_clip.json, packages/Optimizers/Tests/Fixtures/generate/grad_scaler.py).
@Suite struct GradScalerClippingTests {
    @Test func unscaleClipStepUpdateAsTorch() throws {
        let f = try Fixture("grad_scaler_clip")
        let c = try #require(f["unscale_clip_adam"] as? [String: Any])
        let x = try f.tensor("x"), y = try f.tensor("y")
        let w = try f.tensor("w0").requiresGrad_(), b = try f.tensor("b0").requiresGrad_()
        let optimizer = Adam([w, b], lr: 0.001)
        let scaler = GradScaler(growthInterval: 10)
        var scales: [Float] = [], skipped = 0
        for step in 0..<200 {
            optimizer.zeroGrad()
            let loss = (x.matmul(w.t()) + b - y).pow(2).mean()
            scaler.scale(loss).backward()
            if step % 50 == 7 { w.grad![1, 2] = Tensor(-Float.infinity) }
            scaler.unscale_(optimizer)
            clipGradNorm_([w, b], maxNorm: 0.5)
            skipped += scaler.step(optimizer) ? 0 : 1
            scaler.update()
            scales.append(Float(scaler.getScale()))
        }
        let expected = try #require(c["scales"] as? [Double]).map(Float.init)
        #expect(scales == expected)
        #expect(skipped == (c["skipped"] as? Int))
        // Adam on clipped float32 gradients; summation order differs from torch's, hence assert_close.
        expectClose(w.detach(), try Fixture.decodeTensor(c["w"]!))
        expectClose(b.detach(), try Fixture.decodeTensor(c["b"]!))
    }
}
