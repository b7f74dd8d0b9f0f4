import Foundation
import TensorCore
import Testing

@testable import Optimizers

/// bfloat16 and float16 parameters: 30 steps of every optimizer land on torch's parameters and state
/// bit for bit (torch's single-tensor op sequence, one rounding per op), also in groups that mix float32
/// with a reduced dtype and after a torch-style save and load halfway.
@Suite struct ReducedPrecisionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let index: Int
        let dtype: String
        let label: String
        var testDescription: String { label }
    }

    static let fixture = try! Fixture("reduced_precision")
    nonisolated(unsafe) static let configs = fixture.cases["configs"] as! [[String: Any]]
    nonisolated(unsafe) static let mixed = fixture.cases["mixed"] as! [[String: Any]]
    static let allCases: [Case] = configs.enumerated().flatMap { i, c in
        ["bfloat16", "float16"].map { Case(index: i, dtype: $0, label: "\(c["optimizer"]!) \(c["kwargs"]!) \($0)") }
    }
    static let mixedCases: [Case] = mixed.enumerated().map { i, c in
        Case(index: i, dtype: "", label: "\(c["optimizer"]!) \(c["kwargs"]!) \(c["dtypes"]!)")
    }

    /// The fixture's initial parameters, each in its dtype (`dtypes[i]`), as fresh leaves.
    static func initialParams(_ dtypes: [String]) throws -> [Tensor] {
        try dtypes.enumerated().map { i, d in
            try Fixture.tensor((fixture.cases["init_\(d)"] as! [Any])[i]).requiresGrad_()
        }
    }

    static func run(_ opt: Optimizer, _ params: [Tensor], _ dtypes: [String], steps: Range<Int>) throws {
        for step in steps {
            for (i, p) in params.enumerated() {
                p.grad = try Fixture.tensor((fixture.cases["grads_\(dtypes[i])"] as! [[Any]])[step][i])
            }
            opt.step()
        }
    }

    static func make(_ config: [String: Any], _ params: [Tensor]) -> Optimizer {
        makeOptimizer(config["optimizer"] as! String, config["kwargs"] as! [String: Any], [ParamGroup(params)])
    }

    /// The case's optimizer after the first 15 steps, its parameters and torch's results.
    static func firstHalf(_ c: Case) throws -> (Optimizer, [Tensor], expected: [String: Any]) {
        let config = configs[c.index], dtypes = Array(repeating: c.dtype, count: 3)
        let params = try initialParams(dtypes)
        let opt = make(config, params)
        try run(opt, params, dtypes, steps: 0..<15)
        return (opt, params, config[c.dtype] as! [String: Any])
    }

    @Test(arguments: allCases)
    func trajectoryAndStateAreTorchs(_ c: Case) throws {
        let (opt, params, expected) = try Self.firstHalf(c)
        try expectState(opt, expected["half_state"], c.label + " after 15 steps")
        try Self.run(opt, params, Array(repeating: c.dtype, count: 3), steps: 15..<30)
        try expectParams(params, expected["params"], c.label)
        try expectState(opt, expected["state"], c.label)
    }

    /// Saved after 15 steps, loaded into a new optimizer over copies of the parameters, continued:
    /// torch's own resumed run (its load casts every state tensor but "step" to the parameter's dtype).
    @Test(arguments: allCases)
    func resumesAsTorch(_ c: Case) throws {
        let (first, params, expected) = try Self.firstHalf(c)
        let copies = params.map { $0.detach().clone().requiresGrad_() }
        let again = Self.make(Self.configs[c.index], copies)
        try again.loadStateDict(first.stateDict())
        try Self.run(again, copies, Array(repeating: c.dtype, count: 3), steps: 15..<30)
        try expectParams(copies, expected["resumed_params"], c.label + " resumed")
    }

    @Test(arguments: mixedCases)
    func mixedDtypeGroup(_ c: Case) throws {
        let config = Self.mixed[c.index], dtypes = config["dtypes"] as! [String]
        let params = try Self.initialParams(dtypes)
        let opt = Self.make(config, params)
        try Self.run(opt, params, dtypes, steps: 0..<30)
        // The float32 parameters run the fused kernels: torch's values to float32 rounding (see
        // TrajectoryTests); the reduced-precision one is exact.
        for (i, (p, e)) in zip(params, config["params"] as! [Any]).enumerated() {
            let want = try Fixture.tensor(e)
            if dtypes[i] == "float32" {
                #expect(maxRelativeError(p.detach(), want) <= 1e-5, "\(c.label) param \(i)")
            } else {
                expectSameBits(p.detach(), want, "\(c.label) param \(i)")
            }
        }
    }

    /// Integer parameters stop at the op where torch's update stops, with its message.
    @Test func integerParametersFailAsTorch() async {
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            integerStep("SGD")
        }.map { expectMessage($0, "For integral input tensors, argument alpha must not be a floating point number.") }
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            integerStep("Adam")
        }.map { expectMessage($0, "\"lerp_kernel_scalar\" not implemented for 'Long'") }
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            integerStep("AdamW")
        }.map { expectMessage($0, "result type Float can't be cast to the desired output type Long") }
        await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            integerStep("Adagrad")
        }.map { expectMessage($0, "result type Float can't be cast to the desired output type Long") }
    }
}

/// One step of `name` (lr 0.1) on an int64 parameter with an int64 gradient.
private func integerStep(_ name: String) {
    let p = Tensor.zeros([3], dtype: .int64)
    let opt = makeOptimizer(name, ["lr": 0.1], [ParamGroup([p])])
    p.grad = Tensor.ones([3], dtype: .int64)
    opt.step()
}

private func expectMessage(_ result: ExitTest.Result, _ message: String) {
    #expect(String(decoding: result.standardErrorContent, as: UTF8.self).contains(message))
}

/// Same dtype, shape and bits (so -0 ≠ +0 and NaNs must match too).
func expectSameBits(_ actual: Tensor, _ expected: Tensor, _ label: String) {
    #expect(actual.dtype == expected.dtype, "\(label): dtype \(actual.dtype)")
    #expect(actual.shape == expected.shape, "\(label): shape")
    let a = actual.to(.float32).toArray(Float.self).map(\.bitPattern)
    let e = expected.to(.float32).toArray(Float.self).map(\.bitPattern)
    let differing = zip(a, e).filter { $0 != $1 }.count
    #expect(differing == 0, "\(label): \(differing) of \(e.count) elements differ")
}

private func expectParams(_ params: [Tensor], _ expected: Any?, _ label: String) throws {
    for (i, (p, e)) in zip(params, expected as! [Any]).enumerated() {
        expectSameBits(p.detach(), try Fixture.tensor(e), "\(label) param \(i)")
    }
}

/// Every state tensor of torch's state dict, in our state dict with the same dtype and bits.
private func expectState(_ opt: Optimizer, _ expected: Any?, _ label: String) throws {
    let state = try #require(opt.stateDict()["state"]?.dict)
    let theirs = expected as! [[String: Any]]
    #expect(state.count == theirs.count, "\(label): states")
    for (i, entries) in theirs.enumerated() {
        let ours = try #require(state[.int(Int64(i))]?.dict, "\(label): no state for parameter \(i)")
        #expect(Set(ours.keys.map(\.text)) == Set(entries.keys), "\(label): keys \(ours.keys.map(\.text))")
        for (key, value) in entries {
            let mine = try #require(ours[key]?.tensor, "\(label): state lacks \(key)")
            expectSameBits(mine, try Fixture.tensor(value), "\(label) state \(i) \(key)")
        }
    }
}
