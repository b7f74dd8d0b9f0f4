import Foundation
import Testing
import TorchTestSupport

@testable import TensorCore

struct ElementwiseRecord {
    let op: String
    let inputs: [FixtureArg]
    let expected: Tensor
    let kwargs: [String: Any]

    init(_ value: Any) throws {
        let record = try #require(value as? [String: Any])
        op = try #require(record["op"] as? String)
        inputs = try (try #require(record["inputs"] as? [Any])).map(FixtureArg.decode)
        expected = try FixtureArg.decode(try #require(record["expected"])).tensor
        kwargs = record["kwargs"] as? [String: Any] ?? [:]
    }

    func scalar(_ key: String) throws -> Scalar? {
        guard let value = kwargs[key] as? [String: Any] else { return nil }
        return try FixtureArg.decodeScalar(try #require(value["scalar"]), kind: try #require(value["kind"] as? String))
    }

    func double(_ key: String) throws -> Double? { try scalar(key)?.doubleValue }

    /// A readable description for failure messages.
    var label: String {
        let args = inputs.map { arg -> String in
            switch arg {
            case .tensor(let t): return "\(t.dtype.name)\(t.shape)\(t.isContiguous ? "" : "(view)")"
            case .scalar(let s): return "\(s)"
            }
        }
        return "\(op)(\(args.joined(separator: ", "))) \(kwargs.keys.sorted())"
    }

    static func all(in fixture: Fixture, key: String = "records") throws -> [ElementwiseRecord] {
        try (try #require(fixture[key] as? [Any])).map(ElementwiseRecord.init)
    }
}

/// `Fixture(name)` resolves paths relative to Support/; these tests sit one level up.
func elementwiseFixture(_ name: String, filePath: String = #filePath) throws -> Fixture {
    let support = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("Support/Fixtures.swift").path
    return try Fixture(name, filePath: support)
}
