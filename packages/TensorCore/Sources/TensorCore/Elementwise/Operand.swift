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
    checkNoInternalOverlap(out)
    torchCheck(
        shape == out.sizes,
        "output with shape \(shapeString(out.sizes)) doesn't match the broadcast shape \(shapeString(shape))")
}

/// PyTorch's overlap rules for an input of an op that writes `out`: the very same view is fine
/// (elementwise in place), disjoint memory is fine, a partial overlap between two dense layouts stops
/// with PyTorch's message, and overlaps too irregular to judge are staged through a copy.
package func unaliased(_ input: Tensor, from out: Tensor?) -> Tensor {
    guard let out, input.storage === out.storage, input.numel > 0, out.numel > 0 else { return input }
    if input.storageOffset == out.storageOffset && input.sizes == out.sizes
        && input.strideValues == out.strideValues
    {
        return input
    }
    let (inLow, inHigh) = input.elementRange
    let (outLow, outHigh) = out.elementRange
    if inHigh <= outLow || outHigh <= inLow { return input }
    torchCheck(
        !(input.isNonOverlappingAndDense && out.isNonOverlappingAndDense),
        "unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation."
    )
    return input.clone()
}

/// An output with several elements at one address (an expanded view) can't be written elementwise.
package func checkNoInternalOverlap(_ out: Tensor) {
    for (size, stride) in zip(out.sizes, out.strideValues) where size > 1 && stride == 0 {
        torchFail(
            "unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation."
        )
    }
}

extension Tensor {
    /// The storage elements [low, high) this view can touch.
    fileprivate var elementRange: (Int, Int) {
        var high = storageOffset + 1
        for (size, stride) in zip(sizes, strideValues) { high += (size - 1) * stride }
        return (storageOffset, high)
    }
}
