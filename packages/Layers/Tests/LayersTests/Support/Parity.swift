import Autodiff
import Layers
import TensorCore
import Testing

/// Replays a `record(...)` case of layers.py: loads the module's state, runs `fn` on the same inputs
/// and checks output, input gradients and parameter gradients against torch's.
func checkParity(
    _ fx: Fixture, _ name: String, module: Module? = nil, rtol: Double? = nil, atol: Double? = nil,
    sourceLocation: SourceLocation = #_sourceLocation, _ fn: ([Tensor]) -> Tensor
) throws {
    let c = try #require(fx[name] as? [String: Any], "no case \(name)")
    let inputs = try (c["inputs"] as! [Any]).map { try Fixture.decodeTensor($0) }
    for x in inputs where x.dtype.isFloatingPoint { x.requiresGrad = true }
    if let module, let params = c["params"] as? [String: Any] {
        let keys = module.stateDict().keys.map(\.text)
        try module.loadStateDict(StateDict(tensors: try keys.map { ($0, try Fixture.decodeTensor(params[$0]!)) }))
    }
    let out = fn(inputs)
    expectClose(
        out, try Fixture.decodeTensor(c["out"]!), rtol: rtol, atol: atol, "\(name) output",
        sourceLocation: sourceLocation)
    (out * (try Fixture.decodeTensor(c["g"]!))).sum().backward()
    let grads = try (c["grads"] as! [Any]).map { try Fixture.decodeTensor($0) }
    for (i, (x, g)) in zip(inputs, grads).enumerated() where g.numel > 0 {
        guard let got = x.grad else {
            Issue.record("\(name): input \(i) has no gradient", sourceLocation: sourceLocation)
            continue
        }
        expectClose(got, g, rtol: rtol, atol: atol, "\(name) grad of input \(i)", sourceLocation: sourceLocation)
    }
    if let module, let pgrads = c["pgrads"] as? [String: Any] {
        for (key, p) in module.namedParameters() {
            let want = try Fixture.decodeTensor(try #require(pgrads[key], "\(name): torch has no grad for \(key)"))
            guard let got = p.grad else {
                Issue.record("\(name): \(key) has no gradient", sourceLocation: sourceLocation)
                continue
            }
            expectClose(got, want, rtol: rtol, atol: atol, "\(name) grad of \(key)", sourceLocation: sourceLocation)
        }
    }
}
