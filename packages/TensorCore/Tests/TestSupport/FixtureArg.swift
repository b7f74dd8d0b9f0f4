import Foundation
import TensorCore
import Testing

/// An op argument as packages/TensorCore/Tests/Fixtures/generate/elementwise_common.py writes it: a tensor
/// (a strided view rebuilt from its base) or a Python number kept as int, float or bool.
public enum FixtureArg {
    case tensor(Tensor)
    case scalar(Scalar)

    public static func decode(_ value: Any) throws -> FixtureArg {
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

    public static func decodeScalar(_ value: Any, kind: String) throws -> Scalar {
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

    public var tensor: Tensor {
        guard case .tensor(let t) = self else { fatalError("expected a tensor argument") }
        return t
    }
}
