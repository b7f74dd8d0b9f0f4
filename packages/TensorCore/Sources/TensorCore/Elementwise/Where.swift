/// `Tensor.where(condition, a, b)`: picks from `a` where the condition holds, else from `b`, with the
/// operands promoted like `torch.where` (plain numbers count as wrapped scalars).

private struct Select<T: TensorElement>: TernaryFunctor {
    @inline(__always) func callAsFunction(_ c: Bool, _ a: T, _ b: T) -> T { c ? a : b }
}

private struct WhereKernel: ElementVisitor {
    let out: Tensor
    let condition: Tensor
    let a: Tensor
    let b: Tensor

    func visit<T: TensorElement>(_: T.Type) {
        let shape = out.sizes
        let loop = StridedLoop(
            shape: shape,
            strides: [
                out.strideValues, condition.broadcastStrides(to: shape), a.broadcastStrides(to: shape),
                b.broadcastStrides(to: shape),
            ])
        runTernary(
            loop, out.mutablePointer(T.self), condition.pointer(Bool.self), a.pointer(T.self), b.pointer(T.self),
            Select<T>())
    }
}

/// torch.where converts a number branch with c10's checked_convert, which refuses integer overflow.
private func checkFits(_ scalar: Scalar, _ dtype: DType) {
    guard case .int(let value) = scalar, dtype.isIntegral else { return }
    let (low, high, name): (Int64, Int64, String) =
        switch dtype {
        case .uint8: (0, 255, "uint8_t")
        case .int8: (-128, 127, "int8_t")
        case .int16: (-32768, 32767, "int16_t")
        case .int32: (Int64(Int32.min), Int64(Int32.max), "int")
        default: (Int64.min, Int64.max, "int64_t")
        }
    torchCheck(value >= low && value <= high, "value cannot be converted to type \(name) without overflow")
}

extension Tensor {
    private static func whereImpl(_ condition: Tensor, _ a: Operand, _ b: Operand) -> Tensor {
        if condition.dtype == .uint8 {
            // torch still takes a uint8 condition (nonzero = true), with this deprecation warning.
            TorchWarnings.once(
                "where received a uint8 condition tensor. This behavior is deprecated and will be removed in a future version of PyTorch. Use a boolean condition instead."
            )
            return whereImpl(condition.ne(0), a, b)
        }
        torchCheck(
            condition.dtype == .bool,
            "where expected condition to be a boolean tensor, but got a tensor with dtype \(condition.dtype.scalarTypeName)"
        )
        let type = DType.resultType([a.promotion, b.promotion])
        let shape = broadcastShapes([condition.sizes, a.sizes, b.sizes])
        func materialize(_ operand: Operand) -> Tensor {
            switch operand {
            case .tensor(let t): return t.to(type)
            case .scalar(let s):
                checkFits(s, type)
                return Tensor.full([], s, dtype: type)
            }
        }
        let result = Tensor(uninitializedShape: shape, dtype: type)
        type.visit(WhereKernel(out: result, condition: condition, a: materialize(a), b: materialize(b)))
        return result.recorded(.where, condition, a.recordedTensor, b.recordedTensor)
    }

    /// `torch.where(condition, a, b)`.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        whereImpl(condition, .tensor(a), .tensor(b))
    }
    /// `torch.where(condition, a, b)` with a number `b`; an integer `b` must fit the result dtype.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Scalar) -> Tensor {
        whereImpl(condition, .tensor(a), .scalar(b))
    }
    /// `torch.where(condition, a, b)` with a number `a`; an integer `a` must fit the result dtype.
    public static func `where`(_ condition: Tensor, _ a: Scalar, _ b: Tensor) -> Tensor {
        whereImpl(condition, .scalar(a), .tensor(b))
    }
    /// `torch.where(condition, a, b)` with two numbers: the condition's shape, the numbers' promoted dtype.
    public static func `where`(_ condition: Tensor, _ a: Scalar, _ b: Scalar) -> Tensor {
        whereImpl(condition, .scalar(a), .scalar(b))
    }
    /// `a.where(condition, b)`: `self` where the condition holds, else `other`.
    /// PyTorch: `Tensor.where`.
    public func `where`(_ condition: Tensor, _ other: Tensor) -> Tensor { Tensor.where(condition, self, other) }
    /// `self` where the condition holds, else a number (PyTorch: `Tensor.where` with a Python number).
    public func `where`(_ condition: Tensor, _ other: Scalar) -> Tensor { Tensor.where(condition, self, other) }
}
