import Foundation
import Optimizers
import TensorCore
import Testing

@testable import Schedulers

nonisolated(unsafe) let factories: [String: (Optimizer) -> LRScheduler] = [
    "StepLR": { StepLR($0, stepSize: 30, gamma: 0.5) },
    "MultiStepLR": { MultiStepLR($0, milestones: [50, 100, 100, 250], gamma: 0.3) },
    "CosineAnnealingLR": { CosineAnnealingLR($0, tMax: 70, etaMin: 0.001) },
    "OneCycleLR": { OneCycleLR($0, maxLR: [1.0, 0.1], totalSteps: 300) },
    "CosineAnnealingWarmRestarts": { CosineAnnealingWarmRestarts($0, t0: 10, tMult: 2, etaMin: 1e-3) },
    "LinearLR": { LinearLR($0, startFactor: 0.1, totalIters: 40) },
    "PolynomialLR": { PolynomialLR($0, totalIters: 200, power: 2.0) },
    "SequentialLR": { o in
        SequentialLR(
            o,
            schedulers: [
                LinearLR(o, startFactor: 0.1, totalIters: 20), CosineAnnealingLR(o, tMax: 100),
                ExponentialLR(o, gamma: 0.98),
            ], milestones: [20, 150])
    },
    "ChainedScheduler": { o in
        ChainedScheduler([
            ConstantLR(o, factor: 0.5, totalIters: 10), ExponentialLR(o, gamma: 0.99),
            StepLR(o, stepSize: 60, gamma: 0.5),
        ])
    },
    "CyclicLR_exp_range": { CyclicLR($0, baseLR: 0.001, maxLR: 0.1, stepSizeUp: 25, mode: .expRange, gamma: 0.995) },
    "CyclicLR_triangular2": {
        CyclicLR($0, baseLR: 0.01, maxLR: 0.1, stepSizeUp: 15, stepSizeDown: 35, mode: .triangular2)
    },
]

@Suite struct SchedulerStateTests {
    /// Save optimizer + scheduler after 100 steps, load both into fresh objects (scheduler built first,
    /// as torch advises), continue: the lr sequence equals the never-stopped one exactly.
    @Test(arguments: factories.keys.sorted())
    func roundTripMidTraining(_ name: String) throws {
        let make = factories[name]!
        let o1 = makeOptimizer(), s1 = make(o1)
        var straight: [[Double]] = []
        for _ in 0..<250 {
            o1.step()
            s1.step()
            straight.append(s1.getLastLR() + momentums(o1))
        }
        let o2 = makeOptimizer(), s2 = make(o2)
        var resumed: [[Double]] = []
        for _ in 0..<100 {
            o2.step()
            s2.step()
            resumed.append(s2.getLastLR() + momentums(o2))
        }
        let optimizerState = o2.stateDict(), schedulerState = s2.stateDict()
        let o3 = makeOptimizer(), s3 = make(o3)
        try o3.loadStateDict(optimizerState)
        try s3.loadStateDict(schedulerState)
        for _ in 100..<250 {
            o3.step()
            s3.step()
            resumed.append(s3.getLastLR() + momentums(o3))
        }
        #expect(resumed == straight)
    }

    @Test func plateauRoundTrip() throws {
        let o1 = makeOptimizer(), s1 = ReduceLROnPlateau(o1, patience: 3)
        let o2 = makeOptimizer(), s2 = ReduceLROnPlateau(o2, patience: 3)
        for t in 0..<150 {
            s1.step(metrics[t])
            s2.step(metrics[t])
        }
        let o3 = makeOptimizer(), s3 = ReduceLROnPlateau(o3)
        try o3.loadStateDict(o2.stateDict())
        try s3.loadStateDict(s2.stateDict())
        for t in 150..<300 {
            s1.step(metrics[t])
            s3.step(metrics[t])
        }
        #expect(s1.getLastLR() == s3.getLastLR())
        #expect(s1.numBadEpochs == s3.numBadEpochs && s1.best == s3.best)
    }

    @Test func stateDictHasTorchKeys() throws {
        let s = StepLR(makeOptimizer(), stepSize: 30, gamma: 0.5)
        let keys = try #require(s.stateDict().dict).keys.map(\.text).sorted()
        #expect(
            keys == [
                "_get_lr_called_within_step", "_is_initial", "_last_lr", "_step_count", "base_lrs", "gamma",
                "last_epoch", "step_size",
            ])
    }

    @Test func loadingGarbageThrows() {
        let s = StepLR(makeOptimizer(), stepSize: 30)
        #expect(throws: SchedulerLoadError.missingKey("base_lrs")) { try s.loadStateDict(["last_epoch": 3]) }
        #expect(throws: SchedulerLoadError.notADict) { try s.loadStateDict(3) }
    }

    /// torch's UserWarning when the scheduler steps before the optimizer, printed once.
    @Test func warnsWhenSchedulerStepsFirst() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let o = SGD([Tensor.zeros([2]).requiresGrad_()], lr: 0.1)
            let s = StepLR(o, stepSize: 2)
            s.step()
            s.step()
            o.step()
            s.step()
        }
        let text = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(
            text.contains(
                "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule."
            ))
        #expect(text.components(separatedBy: "Detected call").count == 2)
    }

    @Test func noWarningInTheRightOrder() async {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let o = SGD([Tensor.zeros([2]).requiresGrad_()], lr: 0.1)
            let s = StepLR(o, stepSize: 2)
            o.step()
            s.step()
        }
        #expect(result?.standardErrorContent.isEmpty == true)
    }
}
