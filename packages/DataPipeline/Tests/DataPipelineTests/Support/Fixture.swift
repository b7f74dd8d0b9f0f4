import Foundation
import TensorCore
import Testing

/// Loads packages/DataPipeline/Tests/Fixtures/<name>.json (written by generate/*.py with real torch).
struct Fixture {
    let cases: [String: Any]

    init(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: fixturesPath(name + ".json")))
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        cases = root["cases"] as! [String: Any]
    }

    subscript(_ key: String) -> Any { cases[key]! }

    func ints(_ key: String) -> [Int] { (cases[key] as! [Any]).map { ($0 as! NSNumber).intValue } }

    func tensor(_ key: String) -> Tensor { Fixture.decodeTensor(cases[key]!) }

    static func decodeTensor(_ any: Any) -> Tensor {
        let dict = any as! [String: Any]
        let dtype = DType(name: dict["dtype"] as! String)!
        let shape = (dict["shape"] as! [Any]).map { ($0 as! NSNumber).intValue }
        let bytes = Data(base64Encoded: dict["data"] as! String)!
        return bytes.withUnsafeBytes { Tensor(bytes: $0, shape: shape, dtype: dtype) }
    }
}

/// Absolute path of a file under Tests/Fixtures.
func fixturesPath(_ relative: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(relative).path
}

/// The repository root (for data/).
func repoPath(_ relative: String) -> String {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<6 { url = url.deletingLastPathComponent() }
    return url.appendingPathComponent(relative).path
}

func ints(_ any: Any) -> [Int] { (any as! [Any]).map { ($0 as! NSNumber).intValue } }

/// Same dtype, shape and values within tolerance (exact when both are 0).
func expectClose(
    _ actual: Tensor, _ expected: Tensor, atol: Double = 0, rtol: Double = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.dtype == expected.dtype, "dtype \(actual.dtype) vs \(expected.dtype)", sourceLocation: sourceLocation)
    #expect(
        actual.shape.dims == expected.shape.dims, "shape \(actual.shape) vs \(expected.shape)",
        sourceLocation: sourceLocation)
    guard actual.shape.dims == expected.shape.dims else { return }
    let a = actual.to(.float64).contiguous().toArray(Double.self)
    let e = expected.to(.float64).contiguous().toArray(Double.self)
    var worst = 0.0, at = -1
    for i in a.indices {
        let diff = abs(a[i] - e[i])
        if diff > atol + rtol * abs(e[i]) && diff > worst {
            worst = diff
            at = i
        }
    }
    #expect(
        at < 0, "max mismatch \(worst) at flat index \(at): \(at >= 0 ? a[at] : 0) vs \(at >= 0 ? e[at] : 0)",
        sourceLocation: sourceLocation)
}
