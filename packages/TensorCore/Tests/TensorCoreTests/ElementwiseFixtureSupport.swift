import Foundation
import Testing
@testable import TensorCore

/// Decodes the records written by Fixtures/generate/elementwise_common.py.
enum FixtureArg {
    case tensor(Tensor)
    case scalar(Scalar)

    static func decode(_ value: Any) throws -> FixtureArg {
        let record = try #require(value as? [String: Any])
        if let kind = record["scalar"].map({ _ in record["kind"] as? String }) ?? nil {
            return .scalar(try decodeScalar(record["scalar"]!, kind: kind))
        }
        if let base = record["base"], let view = record["view"] as? [Any] {
            let tensor = try Fixture.decodeTensor(base)
            let shape = try #require(view[0] as? [Int])
            let strides = try #require(view[1] as? [Int])
            let offset = try #require(view[2] as? Int)
            return .tensor(tensor.asStrided(shape, strides, offset: offset))
        }
        return .tensor(try Fixture.decodeTensor(value))
    }

    static func decodeScalar(_ value: Any, kind: String) throws -> Scalar {
        switch kind {
        case "bool": return .bool(try #require(value as? Bool))
        case "int": return .int(Int64(try #require(value as? Int)))
        default:
            if let text = value as? String {
                return .double(text == "nan" ? .nan : text == "inf" ? .infinity : -.infinity)
            }
            return .double(try #require(value as? Double))
        }
    }

    var tensor: Tensor {
        guard case .tensor(let t) = self else { fatalError("expected a tensor argument") }
        return t
    }
}

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
