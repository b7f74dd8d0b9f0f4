import Autodiff
import Foundation
import Optimizers
import TensorCore
import Testing

/// `torch.amp.GradScaler("cpu")` against torch (Tests/Fixtures/grad_scaler.json, generate/grad_scaler.py):
/// linear least squares trained for hundreds to thousands of steps with inf/NaN injected into one gradient
/// entry on a fixed pattern of steps; the scale after every `update()`, the skipped steps, the final weights
/// and the state dict equal torch's.
@Suite struct GradScalerTests {
    struct Outcome {
        var scales: [Double] = []
        var skipped = 0
        var w: Tensor
        var b: Tensor
        var state: StateValue
    }

    /// The generator's `run`: same data, same injection pattern, same optimizer.
    static func train(_ f: Fixture, _ name: String, scaler: GradScaler, adam: Bool = false, dtype: DType = .float32)
        throws -> Outcome
    {
        let c = try #require(f.cases[name] as? [String: Any])
        let steps = try #require(c["steps"] as? Int), every = try #require(c["every"] as? Int)
        let offset = try #require(c["offset"] as? Int)
        let poison: Double =
            switch try #require(c["poison"] as? String) {
            case "nan": .nan
            case "-inf": -.infinity
            default: .infinity
            }
        let x = try Fixture.tensor(f.cases["x"]), y = try Fixture.tensor(f.cases["y"])
        let w = try Fixture.tensor(f.cases["w0"]).to(dtype).requiresGrad_()
        let b = try Fixture.tensor(f.cases["b0"]).to(dtype).requiresGrad_()
        let optimizer: Optimizer = adam ? Adam([w, b], lr: 0.001) : SGD([w, b], lr: 0.01)
        var outcome = Outcome(w: w, b: b, state: .none)
        for step in 0..<steps {
            optimizer.zeroGrad()
            let out = x.to(dtype).matmul(w.t()) + b
            let loss = (out.float() - y).pow(2).mean()
            scaler.scale(loss).backward()
            if step % every == offset { w.grad![1, 2] = Tensor(poison) }
            let ran = scaler.step(optimizer)
            outcome.skipped += ran ? 0 : 1
            scaler.update()
            outcome.scales.append(scaler.getScale())
        }
        outcome.state = scaler.stateDict()
        return outcome
    }

    static func expectMatches(_ outcome: Outcome, _ f: Fixture, _ name: String) throws {
        let c = try #require(f.cases[name] as? [String: Any])
        let scales = try #require(c["scales"] as? [Double])
        // The scale is a float32: compare as float32 (Foundation's JSON parser may miss a double by an ulp).
        #expect(outcome.scales.map(Float.init) == scales.map(Float.init), "the scale trajectory differs from torch's")
        #expect(outcome.skipped == (c["skipped"] as? Int))
        // Every non-skipped step is the optimizer's own update on finite gradients: float32 arithmetic in a
        // different summation order than torch's, hence a tolerance rather than bit equality.
        let w = try Fixture.tensor(c["w"]), b = try Fixture.tensor(c["b"])
        #expect(maxRelativeError(outcome.w.detach(), w) < 1e-5)
        #expect(maxRelativeError(outcome.b.detach(), b) < 1e-5)
        let expected = try #require(c["state_dict"] as? [String: Any])
        let state = try #require(outcome.state.dict)
        #expect(
            state.keys.map(\.text) == [
                "scale", "growth_factor", "backoff_factor", "growth_interval", "_growth_tracker",
            ])
        #expect(state["scale"]?.double.map(Float.init) == (expected["scale"] as? Double).map(Float.init))
        #expect(state["growth_factor"]?.double == (expected["growth_factor"] as? Double))
        #expect(state["backoff_factor"]?.double == (expected["backoff_factor"] as? Double))
        #expect(state["growth_interval"]?.int == (expected["growth_interval"] as? Int).map(Int64.init))
        #expect(state["_growth_tracker"]?.int == (expected["_growth_tracker"] as? Int).map(Int64.init))
    }

    @Test func torchDefaultsGrowAndBackOff() throws {
        let f = try Fixture("grad_scaler")
        let outcome = try Self.train(f, "defaults", scaler: GradScaler())
        try Self.expectMatches(outcome, f, "defaults")
        #expect(Set(outcome.scales) == [65536, 131072], "grew after 2,000 clean steps and backed off once")
    }

    @Test func customFactorsAndNaN() throws {
        let f = try Fixture("grad_scaler")
        let scaler = GradScaler(initScale: 1024, growthFactor: 3, backoffFactor: 0.25, growthInterval: 3)
        try Self.expectMatches(try Self.train(f, "custom", scaler: scaler), f, "custom")
    }

    @Test func growthThatWouldOverflowIsNotApplied() throws {
        let f = try Fixture("grad_scaler")
        let outcome = try Self.train(f, "overflow", scaler: GradScaler(initScale: 0x1p126, growthInterval: 2))
        try Self.expectMatches(outcome, f, "overflow")
        #expect(outcome.scales.last == 0x1p127)
    }

    @Test func bfloat16Gradients() throws {
        let f = try Fixture("grad_scaler")
        let outcome = try Self.train(f, "bfloat16", scaler: GradScaler(growthInterval: 5), dtype: .bfloat16)
        try Self.expectMatches(outcome, f, "bfloat16")
    }

    @Test func stateDictRoundTripsAndResumes() throws {
        let scaler = GradScaler(growthInterval: 4)
        let p = Tensor([1.0, 2.0]).requiresGrad_()
        let optimizer = SGD([p], lr: 0.1)
        for _ in 0..<3 {
            scaler.scale((p * p).sum()).backward()
            scaler.step(optimizer)
            scaler.update()
        }
        let resumed = GradScaler()
        try resumed.loadStateDict(scaler.stateDict())
        #expect(resumed.getScale() == 65536 && resumed.growthTrackerValue == 3 && resumed.growthInterval == 4)
        optimizer.zeroGrad()
        resumed.scale((p * p).sum()).backward()
        resumed.step(optimizer)
        resumed.update()
        #expect(resumed.getScale() == 131072, "the fourth clean step grows the loaded scale")
        #expect(throws: GradScalerLoadError.empty) {
            try GradScaler().loadStateDict(GradScaler(enabled: false).stateDict())
        }
        #expect(throws: GradScalerLoadError.missingKey("growth_interval")) {
            try GradScaler().loadStateDict(["scale": 2.0, "growth_factor": 2.0, "backoff_factor": 0.5])
        }
    }

    @Test func disabledScalerIsTransparent() {
        let scaler = GradScaler(enabled: false)
        let p = Tensor([3.0]).requiresGrad_()
        let optimizer = SGD([p], lr: 0.5)
        let loss = (p * p).sum()
        #expect(scaler.scale(loss) === loss)
        loss.backward()
        #expect(scaler.step(optimizer))
        scaler.update()
        #expect(p.item(Double.self) == 0 && scaler.getScale() == 1 && scaler.stateDict().dict?.isEmpty == true)
    }

    @Test func explicitUnscaleThenStepUnscalesOnce() {
        let scaler = GradScaler(initScale: 8)
        let p = Tensor([1.0]).requiresGrad_()
        let optimizer = SGD([p], lr: 1)
        let scaled = scaler.scale((p * 3).sum())
        #expect(scaled.item(Double.self) == 24)
        scaled.backward()
        scaler.unscale_(optimizer)
        #expect(p.grad!.item(Double.self) == 3)
        scaler.step(optimizer)
        #expect(p.item(Double.self) == -2)
    }

    /// Misuse stops with torch's messages (each an exit test: its body may capture nothing).
    @Test func misuseStopsWithTorchsMessages() async {
        func says(_ result: ExitTest.Result?, _ message: String) {
            #expect(
                result.map { String(decoding: $0.standardErrorContent, as: UTF8.self).contains(message) } == true,
                "\(message)")
        }
        says(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = GradScaler(growthFactor: 1)
            }, "The growth factor must be > 1.0.")
        says(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = GradScaler(backoffFactor: 1)
            }, "The backoff factor must be < 1.0.")
        says(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let p = Tensor([1.0]).requiresGrad_()
                GradScaler().step(SGD([p], lr: 1))
            }, "Attempted step but _scale is None.")
        says(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let p = Tensor([1.0]).requiresGrad_(), scaler = GradScaler(), optimizer = SGD([p], lr: 1)
                scaler.scale(p.sum()).backward()
                scaler.unscale_(optimizer)
                scaler.unscale_(optimizer)
            }, "unscale_() has already been called on this optimizer since the last update().")
        says(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let p = Tensor([1.0]).requiresGrad_(), scaler = GradScaler(), optimizer = SGD([p], lr: 1)
                scaler.scale(p.sum()).backward()
                scaler.step(optimizer)
                scaler.unscale_(optimizer)
            }, "unscale_() is being called after step().")
        says(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let p = Tensor([1.0]).requiresGrad_(), scaler = GradScaler(), optimizer = SGD([p], lr: 1)
                scaler.scale(p.sum()).backward()
                scaler.step(optimizer)
                scaler.step(optimizer)
            }, "step() has already been called since the last update().")
        says(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let p = Tensor([1.0]).requiresGrad_(), scaler = GradScaler()
                _ = scaler.scale(p.sum())
                scaler.step(SGD([p], lr: 1))
            }, "No inf checks were recorded for this optimizer.")
        says(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let scaler = GradScaler()
                _ = scaler.scale(Tensor([1.0]))
                scaler.update()
            }, "No inf checks were recorded prior to update.")
        says(
            await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let p = Tensor([1.0]).to(.float16).requiresGrad_(), scaler = GradScaler()
                scaler.scale(p.sum()).backward()
                scaler.step(SGD([p], lr: 1))
            }, "Attempting to unscale FP16 gradients.")
    }
}
