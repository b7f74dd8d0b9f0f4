/// Comparisons (bool results), logical ops (any dtype → bool) and bitwise ops (integers and bool).

extension Tensor {
    private func compare<Op: BinaryPredicate>(_ op: Op, _ other: Operand, inPlace: Bool = false) -> Tensor {
        Tensor.predicate(op, .tensor(self), other, into: inPlace ? self : nil)
    }

    public func eq(_ other: Tensor) -> Tensor { compare(EqOp(), .tensor(other)) }
    public func eq(_ other: Scalar) -> Tensor { compare(EqOp(), .scalar(other)) }
    public func ne(_ other: Tensor) -> Tensor { compare(NeOp(), .tensor(other)) }
    public func ne(_ other: Scalar) -> Tensor { compare(NeOp(), .scalar(other)) }
    public func lt(_ other: Tensor) -> Tensor { compare(LtOp(), .tensor(other)) }
    public func lt(_ other: Scalar) -> Tensor { compare(LtOp(), .scalar(other)) }
    public func le(_ other: Tensor) -> Tensor { compare(LeOp(), .tensor(other)) }
    public func le(_ other: Scalar) -> Tensor { compare(LeOp(), .scalar(other)) }
    public func gt(_ other: Tensor) -> Tensor { compare(GtOp(), .tensor(other)) }
    public func gt(_ other: Scalar) -> Tensor { compare(GtOp(), .scalar(other)) }
    public func ge(_ other: Tensor) -> Tensor { compare(GeOp(), .tensor(other)) }
    public func ge(_ other: Scalar) -> Tensor { compare(GeOp(), .scalar(other)) }
    /// In-place comparisons write 0/1 (or false/true) in this tensor's dtype.
    @discardableResult public func eq_(_ other: Tensor) -> Tensor { compare(EqOp(), .tensor(other), inPlace: true) }
    @discardableResult public func eq_(_ other: Scalar) -> Tensor { compare(EqOp(), .scalar(other), inPlace: true) }
    @discardableResult public func ne_(_ other: Tensor) -> Tensor { compare(NeOp(), .tensor(other), inPlace: true) }
    @discardableResult public func ne_(_ other: Scalar) -> Tensor { compare(NeOp(), .scalar(other), inPlace: true) }
    @discardableResult public func lt_(_ other: Tensor) -> Tensor { compare(LtOp(), .tensor(other), inPlace: true) }
    @discardableResult public func lt_(_ other: Scalar) -> Tensor { compare(LtOp(), .scalar(other), inPlace: true) }
    @discardableResult public func le_(_ other: Tensor) -> Tensor { compare(LeOp(), .tensor(other), inPlace: true) }
    @discardableResult public func le_(_ other: Scalar) -> Tensor { compare(LeOp(), .scalar(other), inPlace: true) }
    @discardableResult public func gt_(_ other: Tensor) -> Tensor { compare(GtOp(), .tensor(other), inPlace: true) }
    @discardableResult public func gt_(_ other: Scalar) -> Tensor { compare(GtOp(), .scalar(other), inPlace: true) }
    @discardableResult public func ge_(_ other: Tensor) -> Tensor { compare(GeOp(), .tensor(other), inPlace: true) }
    @discardableResult public func ge_(_ other: Scalar) -> Tensor { compare(GeOp(), .scalar(other), inPlace: true) }

    // MARK: Logical

    public func logicalAnd(_ other: Tensor) -> Tensor { compare(LogicalAndOp(), .tensor(other)) }
    public func logicalOr(_ other: Tensor) -> Tensor { compare(LogicalOrOp(), .tensor(other)) }
    public func logicalXor(_ other: Tensor) -> Tensor { compare(LogicalXorOp(), .tensor(other)) }
    @discardableResult public func logicalAnd_(_ other: Tensor) -> Tensor { compare(LogicalAndOp(), .tensor(other), inPlace: true) }
    @discardableResult public func logicalOr_(_ other: Tensor) -> Tensor { compare(LogicalOrOp(), .tensor(other), inPlace: true) }
    @discardableResult public func logicalXor_(_ other: Tensor) -> Tensor { compare(LogicalXorOp(), .tensor(other), inPlace: true) }
    /// True where the element is zero (NaN counts as true-valued, so gives false).
    public func logicalNot() -> Tensor { compare(EqOp(), .scalar(.bool(false))) }
    @discardableResult public func logicalNot_() -> Tensor { compare(EqOp(), .scalar(.bool(false)), inPlace: true) }

    // MARK: Bitwise

    public func bitwiseAnd(_ other: Tensor) -> Tensor { binary(BitwiseAndOp(), .tensor(other), inPlace: false) }
    public func bitwiseAnd(_ other: Scalar) -> Tensor { binary(BitwiseAndOp(), .scalar(other), inPlace: false) }
    public func bitwiseOr(_ other: Tensor) -> Tensor { binary(BitwiseOrOp(), .tensor(other), inPlace: false) }
    public func bitwiseOr(_ other: Scalar) -> Tensor { binary(BitwiseOrOp(), .scalar(other), inPlace: false) }
    public func bitwiseXor(_ other: Tensor) -> Tensor { binary(BitwiseXorOp(), .tensor(other), inPlace: false) }
    public func bitwiseXor(_ other: Scalar) -> Tensor { binary(BitwiseXorOp(), .scalar(other), inPlace: false) }
    public func bitwiseLeftShift(_ other: Tensor) -> Tensor { binary(LeftShiftOp(), .tensor(other), inPlace: false) }
    public func bitwiseLeftShift(_ other: Scalar) -> Tensor { binary(LeftShiftOp(), .scalar(other), inPlace: false) }
    public func bitwiseRightShift(_ other: Tensor) -> Tensor { binary(RightShiftOp(), .tensor(other), inPlace: false) }
    public func bitwiseRightShift(_ other: Scalar) -> Tensor { binary(RightShiftOp(), .scalar(other), inPlace: false) }
    @discardableResult public func bitwiseAnd_(_ other: Tensor) -> Tensor { binary(BitwiseAndOp(), .tensor(other), inPlace: true) }
    @discardableResult public func bitwiseAnd_(_ other: Scalar) -> Tensor { binary(BitwiseAndOp(), .scalar(other), inPlace: true) }
    @discardableResult public func bitwiseOr_(_ other: Tensor) -> Tensor { binary(BitwiseOrOp(), .tensor(other), inPlace: true) }
    @discardableResult public func bitwiseOr_(_ other: Scalar) -> Tensor { binary(BitwiseOrOp(), .scalar(other), inPlace: true) }
    @discardableResult public func bitwiseXor_(_ other: Tensor) -> Tensor { binary(BitwiseXorOp(), .tensor(other), inPlace: true) }
    @discardableResult public func bitwiseXor_(_ other: Scalar) -> Tensor { binary(BitwiseXorOp(), .scalar(other), inPlace: true) }
    @discardableResult public func bitwiseLeftShift_(_ other: Tensor) -> Tensor { binary(LeftShiftOp(), .tensor(other), inPlace: true) }
    @discardableResult public func bitwiseLeftShift_(_ other: Scalar) -> Tensor { binary(LeftShiftOp(), .scalar(other), inPlace: true) }
    @discardableResult public func bitwiseRightShift_(_ other: Tensor) -> Tensor { binary(RightShiftOp(), .tensor(other), inPlace: true) }
    @discardableResult public func bitwiseRightShift_(_ other: Scalar) -> Tensor { binary(RightShiftOp(), .scalar(other), inPlace: true) }

    public func bitwiseNot() -> Tensor {
        if dtype.isFloatingPoint { notImplemented("bitwise_not_cpu", dtype) }
        return unary(BitwiseNotOp(), inPlace: false)
    }
    @discardableResult public func bitwiseNot_() -> Tensor {
        if dtype.isFloatingPoint { notImplemented("bitwise_not_cpu", dtype) }
        return unary(BitwiseNotOp(), inPlace: true)
    }
}
