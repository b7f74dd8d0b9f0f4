import Autodiff
import Foundation
import TensorCore
import Testing

@testable import Optimizers

/// 50 steps with torch's fixed gradients from torch's initial parameters land on torch's parameters,
/// and the state dict has torch's param_groups (keys, order, values) and state keys.
@Suite struct TrajectoryTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let index: Int
        let label: String
        var testDescription: String { label }
    }

    static let fixture = try! Fixture("optimizers")
    nonisolated(unsafe) static let configs = fixture.cases["configs"] as! [[String: Any]]
    static let allCases: [Case] = configs.enumerated().map { i, c in
        Case(index: i, label: "\(c["optimizer"]!) \(c["kwargs"]!)")
    }

    /// Runs `steps` of the fixture's gradients starting at `start` on a fresh or given optimizer.
    static func run(
        _ config: [String: Any], dtype: DType, steps: Range<Int>, params: [Tensor], optimizer: Optimizer? = nil
    ) throws -> Optimizer {
        let grads = try (fixture.cases["grads"] as! [[Any]]).map { try $0.map { try Fixture.tensor($0).to(dtype) } }
        let opt =
            optimizer
            ?? makeOptimizer(
                config["optimizer"] as! String, config["kwargs"] as! [String: Any],
                groups(config, params))
        for step in steps {
            for (p, g) in zip(params, grads[step]) { p.grad = g }
            opt.step()
        }
        return opt
    }

    static func groups(_ config: [String: Any], _ params: [Tensor]) -> [ParamGroup] {
        guard let spec = config["groups"] as? [[String: Any]] else { return [ParamGroup(params)] }
        return spec.map { g in
            var options = StateDict()
            if let lr = g["lr"] as? NSNumber { options["lr"] = .double(lr.doubleValue) }
            return ParamGroup((g["params"] as! [Int]).map { params[$0] }, options)
        }
    }

    static func initialParams(_ dtype: DType) throws -> [Tensor] {
        try (fixture.cases["init"] as! [Any]).map { try Fixture.tensor($0).to(dtype).requiresGrad_() }
    }

    @Test(arguments: allCases)
    func matchesTorch(_ c: Case) throws {
        let config = Self.configs[c.index]
        for (dtype, key, tol) in [(DType.float64, "float64", 1e-10), (.float32, "float32", 1e-6)] {
            let params = try Self.initialParams(dtype)
            let opt = try Self.run(config, dtype: dtype, steps: 0..<50, params: params)
            let expected = config[key] as! [String: Any]
            for (p, e) in zip(params, expected["params"] as! [Any]) {
                let err = maxRelativeError(p.detach(), try Fixture.tensor(e))
                #expect(err <= tol, "\(c.label) \(key): relative error \(err)")
            }
            // param_groups: same keys in the same order with the same values.
            let sd = opt.stateDict()
            let groups = try #require(sd["param_groups"]?.items)
            let torchGroups = expected["param_groups"] as! [[String: Any]]
            #expect(groups.count == torchGroups.count)
            for (ours, theirs) in zip(groups, torchGroups) {
                let dict = try #require(ours.dict)
                #expect(Set(dict.keys.map(\.text)) == Set(theirs.keys), "\(c.label): keys \(dict.keys.map(\.text))")
                for (key, value) in dict {
                    #expect(
                        sameValue(value, theirs[key.text]),
                        "\(c.label): \(key) = \(value) vs \(theirs[key.text] ?? "missing")")
                }
            }
            let state = try #require(sd["state"]?.dict).values.map { $0.dict! }
            #expect(
                state.map { $0.keys.map(\.text) } == expected["state_keys"] as! [[String]], "\(c.label): state keys")
            // Every state tensor equals torch's (same dtype, shape and values): a torch state dict maps one to one.
            for (ours, theirs) in zip(state, expected["state"] as! [[String: Any]]) {
                for (key, value) in theirs {
                    let t = try Fixture.tensor(value)
                    let mine = try #require(ours[key]?.tensor, "\(c.label): state lacks \(key)")
                    let err = maxRelativeError(mine, t)
                    #expect(err <= tol * 10, "\(c.label) \(key) \(dtype): error \(err)")
                }
            }
        }
    }

    /// Saving the state dict after 20 steps, loading it into a fresh optimizer over cloned parameters
    /// and continuing gives exactly the never-stopped trajectory (NAdam: up to its mu_product's dtype).
    @Test(arguments: allCases)
    func stateDictRoundTripMidTraining(_ c: Case) throws {
        let config = Self.configs[c.index]
        let params = try Self.initialParams(.float64)
        let straight = try Self.run(config, dtype: .float64, steps: 0..<50, params: params)
        _ = straight
        let resumedParams = try Self.initialParams(.float64)
        let first = try Self.run(config, dtype: .float64, steps: 0..<20, params: resumedParams)
        let saved = first.stateDict()
        let copies = resumedParams.map { $0.detach().clone().requiresGrad_() }
        let fresh = makeOptimizer(config["optimizer"] as! String, [:], Self.groups(config, copies))
        try fresh.loadStateDict(saved)
        _ = try Self.run(config, dtype: .float64, steps: 20..<50, params: copies, optimizer: fresh)
        for (a, b) in zip(copies, params) {
            if config["optimizer"] as! String == "NAdam" {
                // torch's load casts mu_product to the parameter's dtype: the resumed run multiplies its
                // momentum product in float64 where the never-stopped one did in float32 (torch too).
                #expect(maxRelativeError(a.detach(), b.detach()) <= 1e-14, "\(c.label)")
            } else {
                #expect(a.detach().toArray(Double.self) == b.detach().toArray(Double.self), "\(c.label)")
            }
        }
    }
}
