/// The spellings of a dtype that PyTorch's messages use, so ours read the same.
extension DType {
    /// c10's ScalarType name: "not implemented for 'Long'", "expected scalar type Float".
    /// PyTorch: C++'s `c10::toString(ScalarType)`.
    public var scalarTypeName: String {
        switch self {
        case .bool: "Bool"
        case .uint8: "Byte"
        case .int8: "Char"
        case .int16: "Short"
        case .int32: "Int"
        case .int64: "Long"
        case .float16: "Half"
        case .bfloat16: "BFloat16"
        case .float32: "Float"
        case .float64: "Double"
        }
    }

    /// The C++ type name (caffe2::TypeMeta): "expected m1 and m2 to have the same dtype, but got: float != double".
    /// PyTorch: C++'s `caffe2::TypeMeta::name()`.
    public var cppTypeName: String {
        switch self {
        case .bool: "bool"
        case .uint8: "unsigned char"
        case .int8: "signed char"
        case .int16: "short int"
        case .int32: "int"
        case .int64: "long int"
        case .float16: "c10::Half"
        case .bfloat16: "c10::BFloat16"
        case .float32: "float"
        case .float64: "double"
        }
    }

    /// The legacy tensor type name: "[torch.FloatTensor [3]], which is output 0 of ExpBackward0".
    public var legacyTensorName: String { "torch.\(scalarTypeName)Tensor" }
}
