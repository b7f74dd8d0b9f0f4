import Glibc

/// Element traits the reduction kernels are generic over. Each kernel is specialized per dtype
/// through these, so the hot loops see concrete types (no runtime dispatch inside a loop).

/// Ordering with PyTorch's NaN rules: `lt` is IEEE `<` (false with a NaN); kernels test NaN explicitly.
protocol ReduceOrdered: TensorElement {
    static func isNaN(_ x: Self) -> Bool
    static func lt(_ a: Self, _ b: Self) -> Bool
    static func eq(_ a: Self, _ b: Self) -> Bool
}

extension ReduceOrdered where Self: FixedWidthInteger {
    @inline(__always) static func isNaN(_ x: Self) -> Bool { false }
    @inline(__always) static func lt(_ a: Self, _ b: Self) -> Bool { a < b }
    @inline(__always) static func eq(_ a: Self, _ b: Self) -> Bool { a == b }
}

extension ReduceOrdered where Self: BinaryFloatingPoint {
    @inline(__always) static func isNaN(_ x: Self) -> Bool { x.isNaN }
    @inline(__always) static func lt(_ a: Self, _ b: Self) -> Bool { a < b }
    @inline(__always) static func eq(_ a: Self, _ b: Self) -> Bool { a == b }
}

extension UInt8: ReduceOrdered {}
extension Int8: ReduceOrdered {}
extension Int16: ReduceOrdered {}
extension Int32: ReduceOrdered {}
extension Int64: ReduceOrdered {}
extension Float16: ReduceOrdered {}
extension Float: ReduceOrdered {}
extension Double: ReduceOrdered {}

extension Bool: ReduceOrdered {
    @inline(__always) static func isNaN(_ x: Bool) -> Bool { false }
    @inline(__always) static func lt(_ a: Bool, _ b: Bool) -> Bool { !a && b }
    @inline(__always) static func eq(_ a: Bool, _ b: Bool) -> Bool { a == b }
}

extension BFloat16: ReduceOrdered {
    @inline(__always) static func isNaN(_ x: BFloat16) -> Bool { x.floatValue.isNaN }
    @inline(__always) static func lt(_ a: BFloat16, _ b: BFloat16) -> Bool { a.floatValue < b.floatValue }
    @inline(__always) static func eq(_ a: BFloat16, _ b: BFloat16) -> Bool { a.floatValue == b.floatValue }
}

/// Floating-point elements and the type they accumulate in (PyTorch's CPU `acc_type`: float for the
/// half types and float, double for double).
protocol FloatReduceElement: ReduceOrdered {
    associatedtype Acc: BinaryFloatingPoint & SIMDScalar & ReduceMath
    static func widen(_ x: Self) -> Acc
    static func narrow(_ a: Acc) -> Self
}

/// `exp`/`log` for the accumulation types (Foundation-free so kernels stay generic).
protocol ReduceMath {
    static func accExp(_ x: Self) -> Self
    static func accLog(_ x: Self) -> Self
}

extension Float: FloatReduceElement, ReduceMath {
    typealias Acc = Float
    @inline(__always) static func widen(_ x: Float) -> Float { x }
    @inline(__always) static func narrow(_ a: Float) -> Float { a }
    @inline(__always) static func accExp(_ x: Float) -> Float { expf(x) }
    @inline(__always) static func accLog(_ x: Float) -> Float { logf(x) }
}

extension Double: FloatReduceElement, ReduceMath {
    typealias Acc = Double
    @inline(__always) static func widen(_ x: Double) -> Double { x }
    @inline(__always) static func narrow(_ a: Double) -> Double { a }
    @inline(__always) static func accExp(_ x: Double) -> Double { Glibc.exp(x) }
    @inline(__always) static func accLog(_ x: Double) -> Double { Glibc.log(x) }
}

extension Float16: FloatReduceElement {
    typealias Acc = Float
    @inline(__always) static func widen(_ x: Float16) -> Float { Float(x) }
    @inline(__always) static func narrow(_ a: Float) -> Float16 { Float16(a) }
}

extension BFloat16: FloatReduceElement {
    typealias Acc = Float
    @inline(__always) static func widen(_ x: BFloat16) -> Float { x.floatValue }
    @inline(__always) static func narrow(_ a: Float) -> BFloat16 { BFloat16(a) }
}

extension FloatReduceElement {
    /// Eight consecutive elements widened to the accumulation type.
    @inline(__always) static func load8(_ p: UnsafePointer<Self>) -> SIMD8<Acc> {
        if Self.self == Acc.self {
            return UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Acc>.self)
        }
        var v = SIMD8<Acc>()
        for i in 0..<8 { v[i] = widen(p[i]) }
        return v
    }
}

/// Dispatches a float-only kernel; other dtypes never reach it (callers check first).
protocol ReduceFloatVisitor {
    associatedtype Output
    func visit<T: FloatReduceElement>(_: T.Type) -> Output
}

extension DType {
    func visitReduceFloat<V: ReduceFloatVisitor>(_ visitor: V) -> V.Output {
        switch self {
        case .float16: return visitor.visit(Float16.self)
        case .bfloat16: return visitor.visit(BFloat16.self)
        case .float32: return visitor.visit(Float.self)
        case .float64: return visitor.visit(Double.self)
        default: torchFail("internal: \(self) reached a floating-point kernel")
        }
    }
}

/// Dispatches a kernel over any dtype through its ordering (bool as false < true).
protocol ReduceOrderedVisitor {
    associatedtype Output
    func visit<T: ReduceOrdered>(_: T.Type) -> Output
}

extension DType {
    func visitReduceOrdered<V: ReduceOrderedVisitor>(_ visitor: V) -> V.Output {
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
