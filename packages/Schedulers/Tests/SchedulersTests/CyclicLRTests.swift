import Foundation
import Optimizers
import TensorCore
import Testing

@testable import Schedulers

/// CyclicLR's state dict and param groups against torch's (the sequences are in SchedulerTrajectoryTests,
/// the mid-schedule round trip in SchedulerStateTests), and its misuse errors.
@Suite struct CyclicLRTests {
    /// A StateValue equals a JSON value written from torch's state dict.
    func same(_ v: StateValue, _ json: Any?) -> Bool {
        switch (v, json) {
        case (.none, is NSNull): return true
        case (.bool(let b), let n as NSNumber): return n.boolValue == b
        case (.int(let i), let n as NSNumber): return n.doubleValue == Double(i)
        case (.double(let d), let n as NSNumber): return n.doubleValue == d
        case (.string(let s), let t as String): return s == t
        case (.list(let a), let b as [Any]): return a.count == b.count && zip(a, b).allSatisfy { same($0, $1) }
        default: return false
        }
    }

    @Test(arguments: ["sgd", "adam", "no_momentum"])
    func stateDictMatchesTorch(_ kind: String) throws {
        let expected = try #require(fixture["CyclicLR_state_\(kind)"] as? [String: Any])
        let torchState = try #require(expected["state"] as? [String: Any])
        let o = makeOptimizer(adam: kind == "adam")
        let s: CyclicLR
        if kind == "no_momentum" {
            s = CyclicLR(o, baseLR: 0.01, maxLR: 0.1, cycleMomentum: false)
        } else {
            s = CyclicLR(o, baseLR: 0.01, maxLR: 0.1, stepSizeUp: 5, mode: .expRange, gamma: 0.9)
            for _ in 0..<7 {
                o.step()
                s.step()
            }
        }
        let ours = try #require(s.stateDict().dict)
        #expect(Set(ours.keys.map(\.text)) == Set(torchState.keys))
        for (key, value) in ours {
            #expect(
                same(value, torchState[key.text]),
                "\(kind) \(key.text): \(value) vs \(torchState[key.text] ?? "missing")")
        }
        let groupKeys = o.paramGroups.map { ($0.options.keys.map(\.text) + ["params"]).sorted() }
        #expect(groupKeys == expected["param_group_keys"] as? [[String]])
    }

    @Test func loadingRestoresModeAndMomentumRange() throws {
        let source = CyclicLR(
            makeOptimizer(), baseLR: 0.01, maxLR: 0.2, stepSizeUp: 3, mode: .triangular2,
            baseMomentum: 0.5, maxMomentum: 0.99)
        let target = CyclicLR(makeOptimizer(), baseLR: 0.01, maxLR: 0.1)
        try target.loadStateDict(source.stateDict())
        #expect(target.mode == .triangular2 && target.scaleMode == .cycle && target.totalSize == 6)
        #expect(
            target.maxLRs == [0.2, 0.2] && target.baseMomentums == [0.5, 0.5] && target.maxMomentums == [0.99, 0.99])
        var broken = try #require(source.stateDict().dict)
        broken["mode"] = "sawtooth"
        #expect(throws: SchedulerLoadError.wrongType("mode")) { try target.loadStateDict(.dict(broken)) }
        broken["max_lrs"] = nil
        #expect(throws: SchedulerLoadError.missingKey("max_lrs")) { try target.loadStateDict(.dict(broken)) }
    }

    @Test func perGroupValuesMustMatchTheGroups() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CyclicLR(makeOptimizer(), baseLR: [0.01, 0.02, 0.03], maxLR: [0.1])
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(
                text.contains(
                    "base_lr must have the same length as optimizer.param_groups. base_lr has 3 values, param_groups has 2."
                ))
        }
    }

    @Test func momentumCyclingNeedsMomentum() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CyclicLR(Adagrad([Tensor.zeros([2]).requiresGrad_()], lr: 0.1), baseLR: 0.01, maxLR: 0.1)
        }.map { result in
            let text = String(decoding: result.standardErrorContent, as: UTF8.self)
            #expect(text.contains("optimizer must support momentum or beta1 with `cycle_momentum` option enabled"))
        }
    }
}
