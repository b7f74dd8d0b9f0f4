/// Runtime dtype → compile-time Swift type. A kernel is a generic `visit<T>`; `DType.visit` calls it
/// with the concrete type, so whole-module optimization emits one specialized loop per dtype.
package protocol ElementVisitor {
    associatedtype Output
    func visit<T: TensorElement>(_ type: T.Type) -> Output
}

extension DType {
    @inline(__always)
    package func visit<V: ElementVisitor>(_ visitor: V) -> V.Output {
        switch self {
        case .bool: return visitor.visit(Bool.self)
        case .uint8: return visitor.visit(UInt8.self)
        case .int8: return visitor.visit(Int8.self)
        case .int16: return visitor.visit(Int16.self)
        case .int32: return visitor.visit(Int32.self)
        case .int64: return visitor.visit(Int64.self)
        case .float16: return visitor.visit(Float16.self)
        case .bfloat16: return visitor.visit(BFloat16.self)
        case .float32: return visitor.visit(Float.self)
        case .float64: return visitor.visit(Double.self)
        }
    }
}
