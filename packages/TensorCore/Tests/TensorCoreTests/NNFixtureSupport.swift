import Foundation
import Testing

@testable import TensorCore

/// One fixture case of the NN generators: a dict of tensors, ints / int lists, strings and flags.
struct NNCase {
    let values: [String: Any]

    init(_ fixture: Fixture, _ name: String) throws {
        values = try #require(fixture[name] as? [String: Any], "fixture has no case \(name)")
    }

    init(values: [String: Any]) { self.values = values }

    func sub(_ key: String) throws -> NNCase {
        NNCase(values: try #require(values[key] as? [String: Any], "case has no \(key)"))
    }

    func tensor(_ key: String) throws -> Tensor {
        try Fixture.decodeTensor(try #require(values[key], "case has no \(key)"))
    }

    /// nil when the value is absent or JSON null.
    func optionalTensor(_ key: String) throws -> Tensor? {
        guard let v = values[key], !(v is NSNull) else { return nil }
        if v is [String: Any] { return try Fixture.decodeTensor(v) }
        return nil
    }

    func ints(_ key: String) -> [Int] {
        if let i = values[key] as? Int { return [i] }
        return values[key] as? [Int] ?? []
    }

    func int(_ key: String) -> Int? { values[key] as? Int }
    func double(_ key: String) -> Double? { values[key] as? Double ?? (values[key] as? Int).map(Double.init) }
    func bool(_ key: String) -> Bool { values[key] as? Bool ?? false }
    func string(_ key: String) -> String? { values[key] as? String }
}

/// Names of the cases of a fixture with a given prefix, sorted.
func nnCaseNames(_ fixture: Fixture, prefix: String) -> [String] {
    fixture.cases.keys.filter { $0.hasPrefix(prefix) }.sorted()
}

func nnStderr(_ result: ExitTest.Result) -> String {
    String(decoding: result.standardErrorContent, as: UTF8.self)
}
