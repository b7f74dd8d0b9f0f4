import Foundation
import Optimizers
import TensorCore
import Testing

@testable import Schedulers

/// Reads `Tests/Fixtures/schedulers.json` (written by generate/schedulers.py with real PyTorch).
nonisolated(unsafe) let fixture: [String: Any] = {
    var tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while tests.lastPathComponent != "Tests" { tests.deleteLastPathComponent() }
    let data = try! Data(contentsOf: tests.appendingPathComponent("Fixtures/schedulers.json"))
    let root = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    return root["cases"] as! [String: Any]
}()

/// SGD(momentum 0.9) over two groups with lr 0.1 and 0.01, as the fixture's `make_opt`.
func makeOptimizer(adam: Bool = false) -> Optimizer {
    let groups = [
        ParamGroup([Tensor.zeros([2]).requiresGrad_()]), ParamGroup([Tensor.zeros([3]).requiresGrad_()], ["lr": 0.01]),
    ]
    return adam ? Adam(groups, lr: 0.1) : SGD(groups, lr: 0.1, momentum: 0.9)
}

func momentums(_ o: Optimizer) -> [Double] {
    o.paramGroups.map { $0["betas"] != nil ? $0.betas.0 : $0.double("momentum") }
}

let metrics = (fixture["metrics"] as! [NSNumber]).map(\.doubleValue)

/// Builds each fixture case's scheduler and a per-step function (nil: plain `step()`).
nonisolated(unsafe) let builders: [String: (Optimizer) -> (getLastLR: () -> [Double], step: (Int) -> Void)] = [
    "StepLR": { o in plain(StepLR(o, stepSize: 30, gamma: 0.5)) },
    "MultiStepLR": { o in plain(MultiStepLR(o, milestones: [50, 100, 100, 250], gamma: 0.3)) },
    "ExponentialLR": { o in plain(ExponentialLR(o, gamma: 0.99)) },
    "CosineAnnealingLR": { o in plain(CosineAnnealingLR(o, tMax: 70, etaMin: 0.001)) },
    "CosineAnnealingLR_eta0": { o in plain(CosineAnnealingLR(o, tMax: 100)) },
    "OneCycleLR_cos": { o in plain(OneCycleLR(o, maxLR: [1.0, 0.1], totalSteps: 300)) },
    "OneCycleLR_linear_three_phase": { o in
        plain(OneCycleLR(o, maxLR: 0.5, totalSteps: 310, pctStart: 0.25, annealStrategy: .linear, threePhase: true))
    },
    "OneCycleLR_adam": { o in plain(OneCycleLR(o, maxLR: 0.01, epochs: 10, stepsPerEpoch: 30)) },
    "ReduceLROnPlateau": { o in
        let s = ReduceLROnPlateau(o, factor: 0.5, patience: 5, threshold: 1e-3, cooldown: 3, minLR: [1e-4, 1e-5])
        return (s.getLastLR, { t in s.step(metrics[t]) })
    },
    "ReduceLROnPlateau_max_abs": { o in
        let s = ReduceLROnPlateau(o, mode: .max, patience: 3, threshold: 0.01, thresholdMode: .abs)
        return (s.getLastLR, { t in s.step(-metrics[t]) })
    },
    "CosineAnnealingWarmRestarts": { o in plain(CosineAnnealingWarmRestarts(o, t0: 10, tMult: 2, etaMin: 1e-3)) },
    "CosineAnnealingWarmRestarts_fractional": { o in
        let s = CosineAnnealingWarmRestarts(o, t0: 3, tMult: 2)
        return (s.getLastLR, { t in s.step(epoch: Double(t) / 10) })
    },
    "CosineAnnealingWarmRestarts_fractional_mult1": { o in
        let s = CosineAnnealingWarmRestarts(o, t0: 4)
        return (s.getLastLR, { t in s.step(epoch: Double(t) / 7) })
    },
    "LambdaLR": { o in plain(LambdaLR(o, lrLambda: { pow(0.95, Double($0)) })) },
    "LambdaLR_per_group": { o in
        plain(LambdaLR(o, lrLambdas: [{ pow(0.95, Double($0)) }, { 1.0 / (1 + Double($0)) }]))
    },
    "MultiplicativeLR": { o in plain(MultiplicativeLR(o, lrLambda: { _ in 0.99 })) },
    "LinearLR": { o in plain(LinearLR(o, startFactor: 0.1, endFactor: 1.0, totalIters: 40)) },
    "ConstantLR": { o in plain(ConstantLR(o, factor: 0.25, totalIters: 20)) },
    "PolynomialLR": { o in plain(PolynomialLR(o, totalIters: 200, power: 2.0)) },
    "SequentialLR": { o in
        plain(
            SequentialLR(
                o,
                schedulers: [
                    LinearLR(o, startFactor: 0.1, totalIters: 20), CosineAnnealingLR(o, tMax: 100),
                    ExponentialLR(o, gamma: 0.98),
                ], milestones: [20, 150]))
    },
    "ChainedScheduler": { o in
        plain(
            ChainedScheduler([
                ConstantLR(o, factor: 0.5, totalIters: 10), ExponentialLR(o, gamma: 0.99),
                StepLR(o, stepSize: 60, gamma: 0.5),
            ]))
    },
    "CyclicLR_triangular": { o in plain(CyclicLR(o, baseLR: [0.01, 0.001], maxLR: [0.1, 0.05], stepSizeUp: 20)) },
    "CyclicLR_triangular2": { o in
        plain(
            CyclicLR(
                o, baseLR: [0.01], maxLR: [0.1], stepSizeUp: 15, stepSizeDown: 35, mode: .triangular2,
                baseMomentum: [0.85, 0.7], maxMomentum: [0.95, 0.9]))
    },
    "CyclicLR_exp_range": { o in
        plain(CyclicLR(o, baseLR: 0.001, maxLR: 0.1, stepSizeUp: 25, mode: .expRange, gamma: 0.995))
    },
    "CyclicLR_scale_fn_iterations": { o in
        plain(
            CyclicLR(
                o, baseLR: 0.01, maxLR: 0.1, stepSizeUp: 12, stepSizeDown: 8, scaleFn: { 1 / (1 + 0.01 * $0) },
                scaleMode: .iterations))
    },
    "CyclicLR_scale_fn_cycle": { o in
        plain(CyclicLR(o, baseLR: 0.01, maxLR: 0.1, stepSizeUp: 30, scaleFn: { pow(0.8, $0) }))
    },
    "CyclicLR_adam": { o in
        plain(
            CyclicLR(
                o, baseLR: 0.001, maxLR: 0.01, stepSizeUp: 40, stepSizeDown: 10, baseMomentum: 0.85, maxMomentum: 0.95))
    },
    "CyclicLR_no_momentum": { o in plain(CyclicLR(o, baseLR: 0.01, maxLR: 0.1, stepSizeUp: 7, cycleMomentum: false)) },
]

func plain(_ s: LRScheduler) -> (getLastLR: () -> [Double], step: (Int) -> Void) { (s.getLastLR, { _ in s.step() }) }

@Suite struct SchedulerTrajectoryTests {
    @Test(arguments: builders.keys.sorted())
    func lrSequenceMatchesTorch(_ name: String) throws {
        let expected = try #require(fixture[name] as? [String: Any])
        let lrs = (expected["lrs"] as! [[NSNumber]]).map { $0.map(\.doubleValue) }
        let moms = (expected["momentums"] as? [[NSNumber]])?.map { $0.map(\.doubleValue) }
        let o = makeOptimizer(adam: name.hasSuffix("adam"))
        let s = builders[name]!(o)
        var worst = 0.0, worstMomentum = 0.0
        func compare(_ t: Int) {
            #expect(s.getLastLR().count == 2 && lrs[t].count == 2)
            for (a, e) in zip(s.getLastLR(), lrs[t]) { worst = max(worst, abs(a - e) / max(abs(e), 1e-300)) }
            if let moms { for (a, e) in zip(momentums(o), moms[t]) { worstMomentum = max(worstMomentum, abs(a - e)) } }
        }
        compare(0)
        for t in 0..<300 {
            o.step()
            s.step(t)
            compare(t + 1)
        }
        #expect(worst <= 1e-12, "\(name): worst relative lr error \(worst)")
        #expect(worstMomentum <= 1e-12, "\(name): worst momentum error \(worstMomentum)")
    }
}
