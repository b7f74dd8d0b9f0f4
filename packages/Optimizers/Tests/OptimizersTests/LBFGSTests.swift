import Foundation
import Testing
import TensorCore
import Autodiff
@testable import Optimizers

/// LBFGS with a closure on Rosenbrock and a quadratic (float64): after each `step(closure:)` the
/// parameters, the loss and the evaluation counters are torch's.
@Suite struct LBFGSTests {
    static func rosenbrock(_ p: Tensor) -> Tensor {
        let x = p.narrow(dim: 0, start: 0, length: 1), y = p.narrow(dim: 0, start: 1, length: 1)
        return ((x.neg() + 1).pow(2) + (y - x * x).pow(2) * 100).sum()
    }

    static let a = Tensor([[3.0, 0.5, 0.0], [0.5, 2.0, 0.3], [0.0, 0.3, 1.0]], dtype: .float64)
    static let b = Tensor([1.0, -2.0, 0.5], dtype: .float64)
    static func quadratic(_ x: Tensor) -> Tensor { x.dot(a.matmul(x)) * 0.5 - b.dot(x) }

    @Test(arguments: ["rosenbrock", "rosenbrock_wolfe", "rosenbrock_small_history", "quadratic", "quadratic_wolfe"])
    func matchesTorch(_ name: String) throws {
        let fixture = try Fixture("lbfgs")
        let expected = try #require(fixture.cases[name] as? [[String: Any]])
        let start: [Double] = name.hasPrefix("rosenbrock") ? [-1.5, 2.0] : [0, 0, 0]
        let p = Tensor(start, dtype: .float64).requiresGrad_()
        let wolfe = name.hasSuffix("wolfe")
        let optimizer = name == "rosenbrock_small_history"
            ? LBFGS([p], lr: 0.5, maxIter: 10, historySize: 3)
            : LBFGS([p], lineSearchFn: wolfe ? .strongWolfe : nil)
        let problem = name.hasPrefix("rosenbrock") ? Self.rosenbrock : Self.quadratic
        for (i, e) in expected.enumerated() {
            let loss = optimizer.step {
                optimizer.zeroGrad()
                let l = problem(p)
                l.backward()
                return l
            }
            let want = try Fixture.tensor(e["params"])
            let err = maxRelativeError(p.detach(), want)
            #expect(err <= 1e-9, "\(name) step \(i): parameter error \(err)")
            let wantLoss = (e["loss"] as! NSNumber).doubleValue
            #expect(abs(loss!.item(Double.self) - wantLoss) <= 1e-9 * (1 + abs(wantLoss)), "\(name) step \(i): loss")
            let s = optimizer.state[ObjectIdentifier(p)]!
            #expect(s["func_evals"]?.int == (e["func_evals"] as! NSNumber).int64Value, "\(name) step \(i): func_evals")
            #expect(s["n_iter"]?.int == (e["n_iter"] as! NSNumber).int64Value, "\(name) step \(i): n_iter")
        }
    }

    @Test func stateDictRoundTrip() throws {
        func make() -> (Tensor, LBFGS) {
            let p = Tensor([-1.5, 2.0], dtype: .float64).requiresGrad_()
            return (p, LBFGS([p], historySize: 5, lineSearchFn: .strongWolfe))
        }
        func closure(_ o: Optimizer, _ p: Tensor) -> () -> Tensor {
            { o.zeroGrad(); let l = Self.rosenbrock(p); l.backward(); return l }
        }
        let (p1, o1) = make(), (p2, o2) = make()
        for _ in 0..<4 { o1.step(closure: closure(o1, p1)) }
        for _ in 0..<2 { o2.step(closure: closure(o2, p2)) }
        let (p3, o3) = make()
        _ = p3.detach().copy_(p2.detach())
        try o3.loadStateDict(o2.stateDict())
        for _ in 0..<2 { o3.step(closure: closure(o3, p3)) }
        #expect(p3.detach().toArray(Double.self) == p1.detach().toArray(Double.self))
    }
}
