import Foundation
import Testing

@testable import TensorCore

/// Every subscript form against real PyTorch (Fixtures/indexing.json from generate/indexing.py).
@Suite struct IndexingSubscriptFixtureTests {
    static func decodeIndex(_ value: Any) throws -> [TensorIndex] {
        let elements = try #require(value as? [[String: Any]])
        return try elements.map { element in
            if let i = element["int"] as? Int { return .at(i) }
            if let bounds = element["slice"] as? [Any] {
                return .slice(start: bounds[0] as? Int, end: bounds[1] as? Int, step: bounds[2] as? Int ?? 1)
            }
            if element["ellipsis"] != nil { return .ellipsis }
            if element["none"] != nil { return .newAxis }
            return .tensor(try Fixture.decodeTensor(try #require(element["tensor"])))
        }
    }

    /// A Python number written as {"kind": "int" | "float" | "bool", "value": v}.
    static func decodeScalar(_ value: Any) throws -> Scalar {
        let record = try #require(value as? [String: Any])
        if let text = record["value"] as? String { return .double(try #require(Double(text))) }
        let number = try #require(record["value"] as? NSNumber)
        switch record["kind"] as? String {
        case "bool": return .bool(number.boolValue)
        case "int": return .int(number.int64Value)
        default: return .double(number.doubleValue)
        }
    }

    /// The case's input, permuted as a view when the case asks for a non-contiguous input.
    static func input(_ record: [String: Any], base: Tensor? = nil) throws -> Tensor {
        let base = try base ?? Fixture.decodeTensor(try #require(record["input"]))
        guard let perm = record["perm"] as? [Int] else { return base }
        return base.asStrided(perm.map { base.sizes[$0] }, perm.map { base.strideValues[$0] })
    }

    @Test func reads() throws {
        let fixture = try indexingFixture("indexing")
        let names = fixture.cases.keys.filter { $0.hasPrefix("get_") }.sorted()
        #expect(names.count > 40)
        for name in names {
            let record = try #require(fixture[name] as? [String: Any])
            let x = try Self.input(record)
            let out = x.getItem(try Self.decodeIndex(try #require(record["index"])))
            expectEqual(out, try Fixture.decodeTensor(try #require(record["out"])), name)
            let isView = record["view"] as? Bool ?? false
            #expect((out.storage === x.storage) == isView, "\(name): view-ness")
            if isView {
                #expect(out.strides == (record["stride"] as? [Int] ?? []), "\(name): strides \(out.strides)")
                #expect(out.storageOffset == (record["offset"] as? Int ?? -1), "\(name): offset \(out.storageOffset)")
            }
        }
    }

    @Test func writes() throws {
        let fixture = try indexingFixture("indexing")
        let names = fixture.cases.keys.filter { $0.hasPrefix("set_") }.sorted()
        #expect(names.count > 15)
        for name in names {
            let record = try #require(fixture[name] as? [String: Any])
            let base = try Fixture.decodeTensor(try #require(record["input"]))
            let x = try Self.input(record, base: base)
            let index = try Self.decodeIndex(try #require(record["index"]))
            let version = x.storage.version
            if let value = record["value"] {
                x.setItem(index, try Fixture.decodeTensor(value))
            } else if let scalar = record["scalar"] {
                x.setItem(index, try Self.decodeScalar(scalar))
            }
            #expect(x.storage.version > version, "\(name): version bump")
            expectEqual(base, try Fixture.decodeTensor(try #require(record["after"])), name)
        }
    }
}

/// `Fixture(name)` resolves its folder from the caller's `#filePath` as if called from Support/, so tests
/// in this folder hand it a path inside Support/.
func indexingFixture(_ name: String, file: String = #filePath) throws -> Fixture {
    let support = URL(fileURLWithPath: file).deletingLastPathComponent()
        .appendingPathComponent("Support/Fixtures.swift")
    return try Fixture(name, filePath: support.path)
}
