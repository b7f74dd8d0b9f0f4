import TensorCore

// The messages of ONNX's schema (onnx/onnx.proto, ONNX 1.17+: field numbers as there) that a model of
// dense tensors uses, written and read with ProtoWire. Fields this package neither writes nor reads
// (sparse initializers, functions, training info, external data) are skipped when read; a file that
// needs them fails with a precise error instead (OnnxImport).

/// TensorProto.DataType.
package enum OnnxDataType: Int64, Sendable {
    case float = 1, uint8 = 2, int8 = 3, int16 = 5, int32 = 6, int64 = 7, bool = 9, float16 = 10, double = 11,
        bfloat16 = 16

    package init?(_ dtype: DType) {
        switch dtype {
        case .float32: self = .float
        case .float64: self = .double
        case .float16: self = .float16
        case .bfloat16: self = .bfloat16
        case .uint8: self = .uint8
        case .int8: self = .int8
        case .int16: self = .int16
        case .int32: self = .int32
        case .int64: self = .int64
        case .bool: self = .bool
        default: return nil
        }
    }

    package var dtype: DType {
        switch self {
        case .float: .float32
        case .double: .float64
        case .float16: .float16
        case .bfloat16: .bfloat16
        case .uint8: .uint8
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .bool: .bool
        }
    }
}

/// A dimension: a size, or a name (a dynamic axis), or unknown.
package enum OnnxDim: Equatable, Sendable {
    case value(Int), param(String), unknown
}

package struct OnnxValueInfo {
    package var name: String
    package var elementType: OnnxDataType
    package var shape: [OnnxDim]?
}

package enum OnnxAttributeValue {
    case float(Float), int(Int64), string(String), tensor(OnnxTensor), floats([Float]), ints([Int64]), strings([String])
}

package struct OnnxAttribute {
    package var name: String
    package var value: OnnxAttributeValue
}

package struct OnnxNode {
    package var inputs: [String]
    package var outputs: [String]
    package var name: String
    package var opType: String
    package var domain: String = ""
    package var attributes: [OnnxAttribute] = []

    package func attribute(_ name: String) -> OnnxAttributeValue? { attributes.first { $0.name == name }?.value }
}

/// A tensor's name, type, shape and little-endian bytes (raw_data, or the typed repeated fields on read).
package struct OnnxTensor {
    package var name: String
    package var dataType: OnnxDataType
    package var dims: [Int]
    package var rawData: [UInt8]
}

package struct OnnxGraph {
    package var name: String
    package var nodes: [OnnxNode] = []
    package var initializers: [OnnxTensor] = []
    package var inputs: [OnnxValueInfo] = []
    package var outputs: [OnnxValueInfo] = []
}

package struct OnnxModel {
    package var irVersion: Int64
    package var opsets: [(domain: String, version: Int64)]
    package var producerName: String
    package var producerVersion: String
    package var graph: OnnxGraph
}
