/// One input of an elementwise op: a tensor, or a plain number that takes part in promotion as a
/// "wrapped scalar" (lowest priority) and is applied as a constant, never materialized.
package enum Operand {
    case tensor(Tensor)
    case scalar(Scalar)

    var promotion: PromotionOperand {
        switch self {
        case .tensor(let t): return .tensor(t.dtype, ndim: t.sizes.count)
        case .scalar(let s): return .scalar(s)
        }
    }

    var sizes: [Int] {
        if case .tensor(let t) = self { return t.sizes }
        return []
    }

    var dtype: DType {
        switch self {
        case .tensor(let t): return t.dtype
        case .scalar(let s): return s.dtype
        }
    }
}

extension DType {
    /// c10's ScalarType spelling used in PyTorch's kernel messages ("Float", "Long", ...).
    package var scalarTypeName: String {
        switch self {
        case .bool: return "Bool"
        case .uint8: return "Byte"
        case .int8: return "Char"
        case .int16: return "Short"
        case .int32: return "Int"
        case .int64: return "Long"
        case .float16: return "Half"
        case .bfloat16: return "BFloat16"
        case .float32: return "Float"
        case .float64: return "Double"
        }
    }

    /// `torch.can_cast`: no float → integral, nothing but bool → bool.
    package static func canCast(from: DType, to: DType) -> Bool {
        if from.isFloatingPoint && !to.isFloatingPoint { return false }
        if from != .bool && to == .bool { return false }
        return true
    }
}

/// PyTorch's `"<kernel>" not implemented for '<Type>'` dispatch failure.
package func notImplemented(_ kernel: String, _ dtype: DType) -> Never {
    torchFail("\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'")
}

/// The checks TensorIterator makes when an op writes into an existing tensor (`add_`, `exp_`, ...):
/// the computed dtype must cast to the output's, and broadcasting must not change the output's shape.
package func checkInPlace(_ out: Tensor, resultType: DType, shape: [Int]) {
    torchCheck(
        DType.canCast(from: resultType, to: out.dtype),
        "result type \(resultType.scalarTypeName) can't be cast to the desired output type \(out.dtype.scalarTypeName)")
    torchCheck(
        shape == out.sizes,
        "output with shape \(shapeString(out.sizes)) doesn't match the broadcast shape \(shapeString(shape))")
}

/// An input that reads memory `out` writes must either be exactly `out` (elementwise in place is safe)
/// or be staged in a copy first, as PyTorch does for partial overlap.
package func unaliased(_ input: Tensor, from out: Tensor?) -> Tensor {
    guard let out, input.storage === out.storage else { return input }
    if input.storageOffset == out.storageOffset && input.sizes == out.sizes
        && input.strideValues == out.strideValues
    {
        return input
    }
    return input.clone()
}
