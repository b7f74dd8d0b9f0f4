import Foundation
import TensorCore
import Testing

@testable import Optimizers

/// Reads `Tests/Fixtures/<name>.json` written by `generate/fixturelib.py` (real PyTorch output).
struct Fixture: @unchecked Sendable {
    let cases: [String: Any]

    init(_ name: String, filePath: String = #filePath) throws {
        var tests = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while tests.lastPathComponent != "Tests" && tests.path != "/" { tests.deleteLastPathComponent() }
        let data = try Data(contentsOf: tests.appendingPathComponent("Fixtures/\(name).json"))
        let json = try JSONSerialization.jsonObject(with: data)
        let root = try #require(json as? [String: Any])
        cases = try #require(root["cases"] as? [String: Any])
    }

    static func tensor(_ value: Any?) throws -> Tensor {
        let record = try #require(value as? [String: Any], "not a tensor record")
        let dtypeName = try #require(record["dtype"] as? String)
        let dtype = try #require(DType(name: dtypeName))
        let shape = try #require(record["shape"] as? [Int])
        let base64 = try #require(record["data"] as? String)
        let bytes = try #require(Data(base64Encoded: base64))
        return bytes.withUnsafeBytes { Tensor(bytes: $0, shape: shape, dtype: dtype) }
    }
}

/// Largest |a - e| / (1 + |e|) over all elements (dtype and shape must match): `err <= tol` is
/// assert_close with rtol = atol = tol.
func maxRelativeError(_ actual: Tensor, _ expected: Tensor) -> Double {
    #expect(actual.dtype == expected.dtype)
    #expect(actual.shape == expected.shape)
    let a = actual.toArray(Double.self), e = expected.toArray(Double.self)
    var worst = 0.0
    for (x, y) in zip(a, e) { worst = max(worst, abs(x - y) / (1 + abs(y))) }
    return worst
}

/// Builds the optimizer a fixture names, with torch's keyword arguments.
func makeOptimizer(_ name: String, _ kw: [String: Any], _ groups: [ParamGroup]) -> Optimizer {
    func d(_ key: String, _ fallback: Double) -> Double { (kw[key] as? NSNumber)?.doubleValue ?? fallback }
    func b(_ key: String) -> Bool { (kw[key] as? Bool) ?? false }
    let betas: (Double, Double) = {
        guard let list = kw["betas"] as? [NSNumber] else { return (0.9, 0.999) }
        return (list[0].doubleValue, list[1].doubleValue)
    }()
    switch name {
    case "SGD":
        return SGD(
            groups, lr: d("lr", 1e-3), momentum: d("momentum", 0), dampening: d("dampening", 0),
            weightDecay: d("weight_decay", 0), nesterov: b("nesterov"), maximize: b("maximize"))
    case "Adam":
        return Adam(
            groups, lr: d("lr", 1e-3), betas: betas, eps: d("eps", 1e-8), weightDecay: d("weight_decay", 0),
            amsgrad: b("amsgrad"), maximize: b("maximize"), decoupledWeightDecay: b("decoupled_weight_decay"))
    case "AdamW":
        return AdamW(
            groups, lr: d("lr", 1e-3), betas: betas, eps: d("eps", 1e-8), weightDecay: d("weight_decay", 1e-2),
            amsgrad: b("amsgrad"), maximize: b("maximize"))
    case "RMSprop":
        return RMSprop(
            groups, lr: d("lr", 1e-2), alpha: d("alpha", 0.99), eps: d("eps", 1e-8),
            weightDecay: d("weight_decay", 0), momentum: d("momentum", 0), centered: b("centered"),
            maximize: b("maximize"))
    case "Adagrad":
        return Adagrad(
            groups, lr: d("lr", 1e-2), lrDecay: d("lr_decay", 0), weightDecay: d("weight_decay", 0),
            initialAccumulatorValue: d("initial_accumulator_value", 0), eps: d("eps", 1e-10),
            maximize: b("maximize"))
    case "Adadelta":
        return Adadelta(
            groups, lr: d("lr", 1.0), rho: d("rho", 0.9), eps: d("eps", 1e-6),
            weightDecay: d("weight_decay", 0), maximize: b("maximize"))
    case "Adamax":
        return Adamax(
            groups, lr: d("lr", 2e-3), betas: betas, eps: d("eps", 1e-8), weightDecay: d("weight_decay", 0),
            maximize: b("maximize"))
    case "NAdam":
        return NAdam(
            groups, lr: d("lr", 2e-3), betas: betas, eps: d("eps", 1e-8), weightDecay: d("weight_decay", 0),
            momentumDecay: d("momentum_decay", 4e-3), decoupledWeightDecay: b("decoupled_weight_decay"),
            maximize: b("maximize"))
    case "RAdam":
        return RAdam(
            groups, lr: d("lr", 1e-3), betas: betas, eps: d("eps", 1e-8), weightDecay: d("weight_decay", 0),
            decoupledWeightDecay: b("decoupled_weight_decay"), maximize: b("maximize"))
    default:
        fatalError("unknown optimizer \(name)")
    }
}

/// Whether a StateValue equals the plain JSON value the fixture stores (tuples as lists, None as null).
func sameValue(_ v: StateValue, _ json: Any?) -> Bool {
    guard let json else { return false }
    switch v {
    case .int(let i): return (json as? NSNumber)?.doubleValue == Double(i)
    case .double(let d): return (json as? NSNumber)?.doubleValue == d
    case .bool(let b): return (json as? Bool) == b
    case .string(let s): return (json as? String) == s
    case .none: return json is NSNull
    case .list(let a), .tuple(let a):
        guard let list = json as? [Any], list.count == a.count else { return false }
        return zip(a, list).allSatisfy { sameValue($0, $1) }
    case .dict, .tensor: return false
    }
}
