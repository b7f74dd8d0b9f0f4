import Foundation
import TensorCore
import TorchTestSupport

/// One case of Tests/Fixtures/op_sweep.json (generate/op_sweep.py): an op, its arguments, and torch's
/// outputs or the first line of torch's error.
struct SweepCase {
    let id: String
    let op: String
    let inputs: [FixtureArg]
    let kwargs: [String: Any]
    let expected: [FixtureArg]?
    /// For float16/bfloat16 inputs: the op in float64 on the same values.
    let exact: [FixtureArg]?
    let error: String?

    init(_ value: Any) throws {
        guard let record = value as? [String: Any], let id = record["id"] as? String, let op = record["op"] as? String,
            let inputs = record["inputs"] as? [Any]
        else { throw SweepError.malformed("\(value)") }
        self.id = id
        self.op = op
        self.inputs = try inputs.map(FixtureArg.decode)
        kwargs = record["kwargs"] as? [String: Any] ?? [:]
        expected = try (record["expected"] as? [Any])?.map(FixtureArg.decode)
        exact = try (record["exact"] as? [Any])?.map(FixtureArg.decode)
        error = record["error"] as? String
    }

    static func all() throws -> [SweepCase] {
        try (Fixture("op_sweep")["cases"] as? [Any] ?? []).map(SweepCase.init)
    }

    /// Every op name the table holds (the fixture's list, so a renamed op shows up).
    static func opNames() throws -> [String] { try Fixture("op_sweep")["ops"] as? [String] ?? [] }

    var tensors: [Tensor] { inputs.map(\.tensor) }
    var number: Scalar? { if inputs.count > 1, case .scalar(let s) = inputs[1] { return s } else { return nil } }

    func int(_ key: String) -> Int? { ((kwargs[key] as? [String: Any])?["scalar"] as? Int) }
    func bool(_ key: String) -> Bool { ((kwargs[key] as? [String: Any])?["scalar"] as? Bool) ?? false }
    /// `dim=(0, 1)` (a tuple, stored as a plain list).
    func ints(_ key: String) -> [Int]? { kwargs[key] as? [Int] }
}

enum SweepError: Error { case malformed(String) }
