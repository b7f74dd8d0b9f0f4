import Foundation

// Shared pieces of the indexing family: reading index tensors, offset tables, a dispatch on element
// width for kernels that only move bits, and the arithmetic that accumulating kernels need.

extension Tensor {
    /// The integer values of an int32/int64 index tensor in row-major order.
    func indexValues() -> [Int] {
        switch dtype {
        case .int64:
            return withUnsafeBufferPointer(Int64.self) { $0.map { Int($0) } }
        case .int32:
            return withUnsafeBufferPointer(Int32.self) { $0.map { Int($0) } }
        default:
            return toArray(Int64.self).map { Int($0) }
        }
    }

    /// The same elements seen with another layout over the same storage (no checks: internal views).
    func restrided(_ shape: [Int], _ strides: [Int], offset: Int? = nil) -> Tensor {
        Tensor(storage: storage, offset: offset ?? storageOffset, shape: shape, strides: strides, dtype: dtype)
    }

    /// `self` expanded (stride 0) to a broadcast shape.
    func expandedView(_ shape: [Int]) -> Tensor {
        shape == sizes ? self : restrided(shape, broadcastStrides(to: shape))
    }
}

/// Element offsets of every position of `shape` (row-major order) under `strides`.
func offsetTable(_ shape: [Int], _ strides: [Int]) -> [Int] {
    let count = shape.reduce(1, *)
    var table = [Int](repeating: 0, count: count)
    if count == 0 || shape.isEmpty { return table }
    table.withUnsafeMutableBufferPointer { out in
        var index = [Int](repeating: 0, count: shape.count)
        var offset = 0
        for i in 0..<count {
            out[i] = offset
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                offset += strides[d]
                if index[d] < shape[d] { break }
                offset -= strides[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
    }
    return table
}

/// Whether a layout visits memory as one dense run in row-major order.
func isDense(_ shape: [Int], _ strides: [Int]) -> Bool {
    var expected = 1
    for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] != 1 {
        if strides[d] != expected { return false }
        expected *= shape[d]
    }
    return true
}

/// Kernels that copy elements without looking at them are written over the element's bit width.
protocol BitsVisitor {
    associatedtype Output
    func visit<E: FixedWidthInteger>(_ type: E.Type) -> Output
}

extension DType {
    func visitBits<V: BitsVisitor>(_ visitor: V) -> V.Output {
        switch itemSize {
        case 1: return visitor.visit(UInt8.self)
        case 2: return visitor.visit(UInt16.self)
        case 4: return visitor.visit(UInt32.self)
        default: return visitor.visit(UInt64.self)
        }
    }
}

/// Elements that accumulating kernels (scatter_add, index_add, index_put with accumulate) combine.
/// Integers wrap like C++; bool add is logical or, bool multiply logical and (as in PyTorch).
protocol IndexArithmetic: TensorElement {
    static func indexSum(_ a: Self, _ b: Self) -> Self
    static func indexProduct(_ a: Self, _ b: Self) -> Self
    /// `a + b * c` with one rounding where PyTorch's vectorized `add_(alpha:)` fuses it (float, double).
    static func indexFusedMultiplyAdd(_ a: Self, _ b: Self, _ c: Self) -> Self
    /// NaN-propagating max / min (scatter_reduce's amax / amin).
    static func indexMax(_ a: Self, _ b: Self) -> Self
    static func indexMin(_ a: Self, _ b: Self) -> Self
    /// scatter_reduce's mean: true division for floats, floor division for integers.
    static func indexDivide(_ a: Self, count: Int) -> Self
}

extension IndexArithmetic {
    @inline(__always) static func indexFusedMultiplyAdd(_ a: Self, _ b: Self, _ c: Self) -> Self {
        indexSum(a, indexProduct(b, c))
    }
}

extension IndexArithmetic where Self: FixedWidthInteger {
    @inline(__always) static func indexSum(_ a: Self, _ b: Self) -> Self { a &+ b }
    @inline(__always) static func indexProduct(_ a: Self, _ b: Self) -> Self { a &* b }
    @inline(__always) static func indexMax(_ a: Self, _ b: Self) -> Self { Swift.max(a, b) }
    @inline(__always) static func indexMin(_ a: Self, _ b: Self) -> Self { Swift.min(a, b) }
    @inline(__always) static func indexDivide(_ a: Self, count: Int) -> Self {
        let (q, r) = (Int64(a) / Int64(count), Int64(a) % Int64(count))
        return Self(truncatingIfNeeded: r != 0 && (r < 0) != (count < 0) ? q - 1 : q)
    }
}

extension IndexArithmetic where Self: BinaryFloatingPoint {
    @inline(__always) static func indexSum(_ a: Self, _ b: Self) -> Self { a + b }
    @inline(__always) static func indexProduct(_ a: Self, _ b: Self) -> Self { a * b }
    @inline(__always) static func indexMax(_ a: Self, _ b: Self) -> Self { a > b || a.isNaN ? a : b }
    @inline(__always) static func indexMin(_ a: Self, _ b: Self) -> Self { a < b || a.isNaN ? a : b }
    @inline(__always) static func indexDivide(_ a: Self, count: Int) -> Self { a / Self(count) }
}

extension Bool: IndexArithmetic {
    @inline(__always) static func indexSum(_ a: Bool, _ b: Bool) -> Bool { a || b }
    @inline(__always) static func indexProduct(_ a: Bool, _ b: Bool) -> Bool { a && b }
    @inline(__always) static func indexMax(_ a: Bool, _ b: Bool) -> Bool { a || b }
    @inline(__always) static func indexMin(_ a: Bool, _ b: Bool) -> Bool { a && b }
    static func indexDivide(_ a: Bool, count: Int) -> Bool {
        torchFail("\"scatter_gather_tensor_cpu_reduce_mean\" not implemented for 'Bool'")
    }
}
extension UInt8: IndexArithmetic {}
extension Int8: IndexArithmetic {}
extension Int16: IndexArithmetic {}
extension Int32: IndexArithmetic {}
extension Int64: IndexArithmetic {}
extension Float: IndexArithmetic {
    @inline(__always) static func indexFusedMultiplyAdd(_ a: Float, _ b: Float, _ c: Float) -> Float {
        a.addingProduct(b, c)
    }
}
extension Double: IndexArithmetic {
    @inline(__always) static func indexFusedMultiplyAdd(_ a: Double, _ b: Double, _ c: Double) -> Double {
        a.addingProduct(b, c)
    }
}
extension Float16: IndexArithmetic {}
extension BFloat16: IndexArithmetic {
    @inline(__always) static func indexSum(_ a: BFloat16, _ b: BFloat16) -> BFloat16 {
        BFloat16(a.floatValue + b.floatValue)
    }
    @inline(__always) static func indexProduct(_ a: BFloat16, _ b: BFloat16) -> BFloat16 {
        BFloat16(a.floatValue * b.floatValue)
    }
    @inline(__always) static func indexMax(_ a: BFloat16, _ b: BFloat16) -> BFloat16 {
        a.floatValue > b.floatValue || a.floatValue.isNaN ? a : b
    }
    @inline(__always) static func indexMin(_ a: BFloat16, _ b: BFloat16) -> BFloat16 {
        a.floatValue < b.floatValue || a.floatValue.isNaN ? a : b
    }
    @inline(__always) static func indexDivide(_ a: BFloat16, count: Int) -> BFloat16 {
        BFloat16(a.floatValue / Float(count))
    }
}

/// Runtime dtype → a kernel generic over `IndexArithmetic`.
protocol ArithmeticVisitor {
    associatedtype Output
    func visit<T: IndexArithmetic>(_ type: T.Type) -> Output
}

extension DType {
    func visitArithmetic<V: ArithmeticVisitor>(_ visitor: V) -> V.Output {
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

extension Scalar {
    /// The value converted to element type `T` as `fill_` converts it.
    func element<T: TensorElement>(_: T.Type) -> T {
        switch self {
        case .double(let d): return T(fromDouble: d)
        case .int(let i): return T(fromInt64: i)
        case .bool(let b): return T(fromInt64: b ? 1 : 0)
        }
    }
}

extension Tensor {
    /// The value of a one-element tensor, read while the converted copy is alive (Core's `item(T)`
    /// reads through a pointer into a temporary that ARC may already have freed; reported to the lead).
    func elementValue<T: TensorElement>(_: T.Type) -> T {
        torchCheck(numel == 1, "a Tensor with \(numel) elements cannot be converted to Scalar")
        let converted = contiguous().to(T.dtype)
        return withExtendedLifetime(converted) { converted.pointer(T.self).pointee }
    }

    /// `item()` as a `Scalar`, kept alive correctly (see `elementValue`).
    func scalarValue() -> Scalar {
        switch dtype {
        case .bool: return .bool(elementValue(Bool.self))
        case .float16, .bfloat16, .float32, .float64: return .double(elementValue(Double.self))
        default: return .int(elementValue(Int64.self))
        }
    }
}
