import Foundation
import Testing

@testable import TensorCore

/// Reads the op-table fixtures written by generate/reduction*.py: shared inputs under "__inputs__",
/// one case per name with the op, its arguments and torch's outputs.
struct ReductionCase {
    let name: String
    let op: String
    let input: Tensor
    let args: [String: Any]
    let outputs: [Tensor]

    static func load(_ fixtureName: String, filePath: String = #filePath) throws -> [ReductionCase] {
        // Fixture resolves paths relative to Support/; this file sits one level up.
        let support = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("Support/Fixtures.swift").path
        let fixture = try Fixture(fixtureName, filePath: support)
        let inputs = try #require(fixture["__inputs__"] as? [String: Any])
        var result: [ReductionCase] = []
        for (name, value) in fixture.cases where name != "__inputs__" {
            let record = try #require(value as? [String: Any])
            let key = try #require(record["input"] as? String)
            let base = try Fixture.decodeTensor(try #require(inputs[key]))
            let input = applyView(base, record["view"] as? String)
            let out = try #require(record["out"])
            let outputs = try (out as? [Any]).map { try $0.map(Fixture.decodeTensor) } ?? [Fixture.decodeTensor(out)]
            let op = try #require(record["op"] as? String)
            result.append(
                ReductionCase(
                    name: name, op: op, input: input,
                    args: record["args"] as? [String: Any] ?? [:], outputs: outputs))
        }
        return result.sorted { $0.name < $1.name }
    }

    /// Rebuilds the non-contiguous view the generator described (see reduction.py's `base_for`).
    static func applyView(_ base: Tensor, _ view: String?) -> Tensor {
        var shape = base.shape.dims, strides = base.strides
        let n = shape.count
        switch view {
        case "t":
            shape.swapAt(n - 1, n - 2)
            strides.swapAt(n - 1, n - 2)
        case "rot":
            shape = [shape[2], shape[0], shape[1]]
            strides = [strides[2], strides[0], strides[1]]
        case "step2":
            shape[n - 1] /= 2
            strides[n - 1] *= 2
        default:
            return base
        }
        return base.asStrided(shape, strides)
    }

    var dim: Int? { args["dim"] as? Int }
    var dims: [Int]? { args["dim"] as? [Int] ?? args["dims"] as? [Int] }
    var keepdim: Bool { args["keepdim"] as? Bool ?? false }
    var dtype: DType? { (args["dtype"] as? String).flatMap { DType(name: $0) } }
    func int(_ key: String) -> Int? { args[key] as? Int }
    func bool(_ key: String) -> Bool? { args[key] as? Bool }
}

/// Compares an op's outputs with torch's; indices are compared exactly.
func expectOutputs(_ actual: [Tensor], _ c: ReductionCase, rtol: Double? = nil, atol: Double? = nil) {
    #expect(actual.count == c.outputs.count, "\(c.name): output count")
    for (a, e) in zip(actual, c.outputs) {
        expectClose(a, e, rtol: e.dtype.isFloatingPoint ? rtol : 0, atol: e.dtype.isFloatingPoint ? atol : 0, c.name)
    }
}

extension Tensor {
    /// The first element as `T`. (Core's `item(T.self)` reads through a pointer into a temporary
    /// that may already be freed; `toArray` copies first.)
    func reducedValue<T: TensorElement>(_: T.Type) -> T { toArray(T.self)[0] }
}
