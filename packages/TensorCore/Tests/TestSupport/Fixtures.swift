import Foundation
import TensorCore
import Testing

/// Reads a parity fixture written by `Tests/Fixtures/generate/fixturelib.py` (real PyTorch output).
/// Shared by every package's tests; a fixture is looked up in the calling package's `Tests/Fixtures`.
public struct Fixture {
    public let cases: [String: Any]

    public init(_ name: String, filePath: String = #filePath) throws {
        // The caller's file sits somewhere below packages/<Name>/Tests/; walk up to that folder.
        var tests = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while tests.lastPathComponent != "Tests" && tests.path != "/" { tests.deleteLastPathComponent() }
        let url = tests.appendingPathComponent("Fixtures/\(name).json")
        let data = try Data(contentsOf: url)
        let json = try JSONSerialization.jsonObject(with: data)
        let root = try #require(json as? [String: Any])
        cases = try #require(root["cases"] as? [String: Any])
    }

    public subscript(name: String) -> Any? { cases[name] }

    /// The tensor stored under `name` (or a nested JSON value that is a tensor record).
    public func tensor(_ name: String) throws -> Tensor {
        let value = try #require(cases[name], "fixture has no case \(name)")
        return try Fixture.decodeTensor(value)
    }

    public static func decodeTensor(_ value: Any) throws -> Tensor {
        let record = try #require(value as? [String: Any], "not a tensor record: \(value)")
        let dtypeName = try #require(record["dtype"] as? String)
        let dtype = try #require(DType(name: dtypeName))
        let shape = try #require(record["shape"] as? [Int])
        let base64 = try #require(record["data"] as? String)
        let bytes = try #require(Data(base64Encoded: base64))
        return bytes.withUnsafeBytes { Tensor(bytes: $0, shape: shape, dtype: dtype) }
    }
}

/// Checks dtype, shape and values like `torch.testing.assert_close` (NaNs equal each other).
public func expectClose(
    _ actual: Tensor, _ expected: Tensor, rtol: Double? = nil, atol: Double? = nil,
    _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(
        actual.dtype == expected.dtype, "dtype \(actual.dtype) != \(expected.dtype) \(comment)",
        sourceLocation: sourceLocation)
    #expect(
        actual.shape == expected.shape, "shape \(actual.shape) != \(expected.shape) \(comment)",
        sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    // assert_close's defaults per dtype.
    let (defaultRtol, defaultAtol): (Double, Double) =
        switch expected.dtype {
        case .float16: (1e-3, 1e-5)
        case .bfloat16: (1.6e-2, 1e-5)
        case .float32: (1.3e-6, 1e-5)
        case .float64: (1e-7, 1e-7)
        default: (0, 0)
        }
    let rtol = rtol ?? defaultRtol
    let atol = atol ?? defaultAtol
    let a = actual.toArray(Double.self)
    let e = expected.toArray(Double.self)
    var mismatches = 0
    var first = ""
    for i in 0..<a.count {
        let x = a[i], y = e[i]
        let ok = (x.isNaN && y.isNaN) || x == y || abs(x - y) <= atol + rtol * abs(y)
        if !ok {
            if mismatches == 0 { first = "index \(i): \(x) vs expected \(y)" }
            mismatches += 1
        }
    }
    #expect(
        mismatches == 0, "\(mismatches) of \(a.count) elements differ; first at \(first) \(comment)",
        sourceLocation: sourceLocation)
}

/// Exact equality of dtype, shape and elements.
public func expectEqual(
    _ actual: Tensor, _ expected: Tensor, _ comment: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
    expectClose(actual, expected, rtol: 0, atol: 0, comment, sourceLocation: sourceLocation)
}
