/// Comparisons (bool results), logical ops (any dtype → bool) and bitwise ops (integers and bool).

extension Tensor {
    private func compare<Op: BinaryPredicate>(_ op: Op, _ other: Operand, inPlace: Bool = false) -> Tensor {
        Tensor.predicate(op, .tensor(self), other, into: inPlace ? self : nil)
    }

    /// True where `self == other` elementwise, after type promotion and broadcasting (PyTorch: `Tensor.eq`,
    /// `torch.eq`).
    public func eq(_ other: Tensor) -> Tensor { compare(EqOp(), .tensor(other)) }
    /// True where `self == other` for a number (PyTorch: `Tensor.eq` with a Python number).
    public func eq(_ other: Scalar) -> Tensor { compare(EqOp(), .scalar(other)) }
    /// True where `self != other` elementwise, after type promotion and broadcasting (PyTorch: `Tensor.ne`,
    /// `torch.ne`).
    public func ne(_ other: Tensor) -> Tensor { compare(NeOp(), .tensor(other)) }
    /// True where `self != other` for a number (PyTorch: `Tensor.ne` with a Python number).
    public func ne(_ other: Scalar) -> Tensor { compare(NeOp(), .scalar(other)) }
    /// True where `self < other` elementwise, after type promotion and broadcasting (PyTorch: `Tensor.lt`,
    /// `torch.lt`).
    public func lt(_ other: Tensor) -> Tensor { compare(LtOp(), .tensor(other)) }
    /// True where `self < other` for a number (PyTorch: `Tensor.lt` with a Python number).
    public func lt(_ other: Scalar) -> Tensor { compare(LtOp(), .scalar(other)) }
    /// True where `self <= other` elementwise, after type promotion and broadcasting (PyTorch: `Tensor.le`,
    /// `torch.le`).
    public func le(_ other: Tensor) -> Tensor { compare(LeOp(), .tensor(other)) }
    /// True where `self <= other` for a number (PyTorch: `Tensor.le` with a Python number).
    public func le(_ other: Scalar) -> Tensor { compare(LeOp(), .scalar(other)) }
    /// True where `self > other` elementwise, after type promotion and broadcasting (PyTorch: `Tensor.gt`,
    /// `torch.gt`).
    public func gt(_ other: Tensor) -> Tensor { compare(GtOp(), .tensor(other)) }
    /// True where `self > other` for a number (PyTorch: `Tensor.gt` with a Python number).
    public func gt(_ other: Scalar) -> Tensor { compare(GtOp(), .scalar(other)) }
    /// True where `self >= other` elementwise, after type promotion and broadcasting (PyTorch: `Tensor.ge`,
    /// `torch.ge`).
    public func ge(_ other: Tensor) -> Tensor { compare(GeOp(), .tensor(other)) }
    /// True where `self >= other` for a number (PyTorch: `Tensor.ge` with a Python number).
    public func ge(_ other: Scalar) -> Tensor { compare(GeOp(), .scalar(other)) }
    /// In-place comparisons write 0/1 (or false/true) in this tensor's dtype.
    /// PyTorch: `Tensor.eq_`.
    @discardableResult public func eq_(_ other: Tensor) -> Tensor { compare(EqOp(), .tensor(other), inPlace: true) }
    /// In-place `eq` against a number (PyTorch: `Tensor.eq_` with a Python number).
    @discardableResult public func eq_(_ other: Scalar) -> Tensor { compare(EqOp(), .scalar(other), inPlace: true) }
    /// In-place `ne`, writing 0/1 in this tensor's dtype (PyTorch: `Tensor.ne_`).
    @discardableResult public func ne_(_ other: Tensor) -> Tensor { compare(NeOp(), .tensor(other), inPlace: true) }
    /// In-place `ne` against a number (PyTorch: `Tensor.ne_` with a Python number).
    @discardableResult public func ne_(_ other: Scalar) -> Tensor { compare(NeOp(), .scalar(other), inPlace: true) }
    /// In-place `lt`, writing 0/1 in this tensor's dtype (PyTorch: `Tensor.lt_`).
    @discardableResult public func lt_(_ other: Tensor) -> Tensor { compare(LtOp(), .tensor(other), inPlace: true) }
    /// In-place `lt` against a number (PyTorch: `Tensor.lt_` with a Python number).
    @discardableResult public func lt_(_ other: Scalar) -> Tensor { compare(LtOp(), .scalar(other), inPlace: true) }
    /// In-place `le`, writing 0/1 in this tensor's dtype (PyTorch: `Tensor.le_`).
    @discardableResult public func le_(_ other: Tensor) -> Tensor { compare(LeOp(), .tensor(other), inPlace: true) }
    /// In-place `le` against a number (PyTorch: `Tensor.le_` with a Python number).
    @discardableResult public func le_(_ other: Scalar) -> Tensor { compare(LeOp(), .scalar(other), inPlace: true) }
    /// In-place `gt`, writing 0/1 in this tensor's dtype (PyTorch: `Tensor.gt_`).
    @discardableResult public func gt_(_ other: Tensor) -> Tensor { compare(GtOp(), .tensor(other), inPlace: true) }
    /// In-place `gt` against a number (PyTorch: `Tensor.gt_` with a Python number).
    @discardableResult public func gt_(_ other: Scalar) -> Tensor { compare(GtOp(), .scalar(other), inPlace: true) }
    /// In-place `ge`, writing 0/1 in this tensor's dtype (PyTorch: `Tensor.ge_`).
    @discardableResult public func ge_(_ other: Tensor) -> Tensor { compare(GeOp(), .tensor(other), inPlace: true) }
    /// In-place `ge` against a number (PyTorch: `Tensor.ge_` with a Python number).
    @discardableResult public func ge_(_ other: Scalar) -> Tensor { compare(GeOp(), .scalar(other), inPlace: true) }

    // MARK: Logical

    /// True where both elements are nonzero; any dtypes, bool result (PyTorch: `Tensor.logical_and`,
    /// `torch.logical_and`).
    public func logicalAnd(_ other: Tensor) -> Tensor { compare(LogicalAndOp(), .tensor(other)) }
    /// True where either element is nonzero (PyTorch: `Tensor.logical_or`, `torch.logical_or`).
    public func logicalOr(_ other: Tensor) -> Tensor { compare(LogicalOrOp(), .tensor(other)) }
    /// True where exactly one element is nonzero (PyTorch: `Tensor.logical_xor`, `torch.logical_xor`).
    public func logicalXor(_ other: Tensor) -> Tensor { compare(LogicalXorOp(), .tensor(other)) }
    /// In-place `logicalAnd`, writing 0/1 in this tensor's dtype (PyTorch: `Tensor.logical_and_`).
    @discardableResult public func logicalAnd_(_ other: Tensor) -> Tensor {
        compare(LogicalAndOp(), .tensor(other), inPlace: true)
    }
    /// In-place `logicalOr`, writing 0/1 in this tensor's dtype (PyTorch: `Tensor.logical_or_`).
    @discardableResult public func logicalOr_(_ other: Tensor) -> Tensor {
        compare(LogicalOrOp(), .tensor(other), inPlace: true)
    }
    /// In-place `logicalXor`, writing 0/1 in this tensor's dtype (PyTorch: `Tensor.logical_xor_`).
    @discardableResult public func logicalXor_(_ other: Tensor) -> Tensor {
        compare(LogicalXorOp(), .tensor(other), inPlace: true)
    }
    /// True where the element is zero (NaN counts as true-valued, so gives false).
    /// PyTorch: `Tensor.logical_not` (`torch.logical_not`).
    public func logicalNot() -> Tensor { compare(EqOp(), .scalar(.bool(false))) }
    /// In-place `logicalNot`, writing 0/1 in this tensor's dtype (PyTorch: `Tensor.logical_not_`).
    @discardableResult public func logicalNot_() -> Tensor { compare(EqOp(), .scalar(.bool(false)), inPlace: true) }

    // MARK: Bitwise

    /// Bitwise AND of integers, logical AND of bools; floats are refused (PyTorch: `Tensor.bitwise_and`,
    /// `torch.bitwise_and`).
    public func bitwiseAnd(_ other: Tensor) -> Tensor { binary(BitwiseAndOp(), .tensor(other), inPlace: false) }
    /// `bitwiseAnd` with a number (PyTorch: `Tensor.bitwise_and` with a Python number).
    public func bitwiseAnd(_ other: Scalar) -> Tensor { binary(BitwiseAndOp(), .scalar(other), inPlace: false) }
    /// Bitwise OR of integers, logical OR of bools; floats are refused (PyTorch: `Tensor.bitwise_or`,
    /// `torch.bitwise_or`).
    public func bitwiseOr(_ other: Tensor) -> Tensor { binary(BitwiseOrOp(), .tensor(other), inPlace: false) }
    /// `bitwiseOr` with a number (PyTorch: `Tensor.bitwise_or` with a Python number).
    public func bitwiseOr(_ other: Scalar) -> Tensor { binary(BitwiseOrOp(), .scalar(other), inPlace: false) }
    /// Bitwise XOR of integers, logical XOR of bools; floats are refused (PyTorch: `Tensor.bitwise_xor`,
    /// `torch.bitwise_xor`).
    public func bitwiseXor(_ other: Tensor) -> Tensor { binary(BitwiseXorOp(), .tensor(other), inPlace: false) }
    /// `bitwiseXor` with a number (PyTorch: `Tensor.bitwise_xor` with a Python number).
    public func bitwiseXor(_ other: Scalar) -> Tensor { binary(BitwiseXorOp(), .scalar(other), inPlace: false) }
    /// `self << other` for integers; a negative shift or one of the bit width or more gives 0 (PyTorch:
    /// `Tensor.bitwise_left_shift`, `torch.bitwise_left_shift`).
    public func bitwiseLeftShift(_ other: Tensor) -> Tensor { binary(LeftShiftOp(), .tensor(other), inPlace: false) }
    /// `bitwiseLeftShift` with a number (PyTorch: `Tensor.bitwise_left_shift` with a Python number).
    public func bitwiseLeftShift(_ other: Scalar) -> Tensor { binary(LeftShiftOp(), .scalar(other), inPlace: false) }
    /// `self >> other` for integers, arithmetic for signed types; a negative shift or one of the bit width or
    /// more gives the sign fill (PyTorch: `Tensor.bitwise_right_shift`, `torch.bitwise_right_shift`).
    public func bitwiseRightShift(_ other: Tensor) -> Tensor { binary(RightShiftOp(), .tensor(other), inPlace: false) }
    /// `bitwiseRightShift` with a number (PyTorch: `Tensor.bitwise_right_shift` with a Python number).
    public func bitwiseRightShift(_ other: Scalar) -> Tensor { binary(RightShiftOp(), .scalar(other), inPlace: false) }
    /// In-place `bitwiseAnd` (PyTorch: `Tensor.bitwise_and_`).
    @discardableResult public func bitwiseAnd_(_ other: Tensor) -> Tensor {
        binary(BitwiseAndOp(), .tensor(other), inPlace: true)
    }
    /// In-place `bitwiseAnd` with a number (PyTorch: `Tensor.bitwise_and_`).
    @discardableResult public func bitwiseAnd_(_ other: Scalar) -> Tensor {
        binary(BitwiseAndOp(), .scalar(other), inPlace: true)
    }
    /// In-place `bitwiseOr` (PyTorch: `Tensor.bitwise_or_`).
    @discardableResult public func bitwiseOr_(_ other: Tensor) -> Tensor {
        binary(BitwiseOrOp(), .tensor(other), inPlace: true)
    }
    /// In-place `bitwiseOr` with a number (PyTorch: `Tensor.bitwise_or_`).
    @discardableResult public func bitwiseOr_(_ other: Scalar) -> Tensor {
        binary(BitwiseOrOp(), .scalar(other), inPlace: true)
    }
    /// In-place `bitwiseXor` (PyTorch: `Tensor.bitwise_xor_`).
    @discardableResult public func bitwiseXor_(_ other: Tensor) -> Tensor {
        binary(BitwiseXorOp(), .tensor(other), inPlace: true)
    }
    /// In-place `bitwiseXor` with a number (PyTorch: `Tensor.bitwise_xor_`).
    @discardableResult public func bitwiseXor_(_ other: Scalar) -> Tensor {
        binary(BitwiseXorOp(), .scalar(other), inPlace: true)
    }
    /// In-place `bitwiseLeftShift` (PyTorch: `Tensor.bitwise_left_shift_`).
    @discardableResult public func bitwiseLeftShift_(_ other: Tensor) -> Tensor {
        binary(LeftShiftOp(), .tensor(other), inPlace: true)
    }
    /// In-place `bitwiseLeftShift` with a number (PyTorch: `Tensor.bitwise_left_shift_`).
    @discardableResult public func bitwiseLeftShift_(_ other: Scalar) -> Tensor {
        binary(LeftShiftOp(), .scalar(other), inPlace: true)
    }
    /// In-place `bitwiseRightShift` (PyTorch: `Tensor.bitwise_right_shift_`).
    @discardableResult public func bitwiseRightShift_(_ other: Tensor) -> Tensor {
        binary(RightShiftOp(), .tensor(other), inPlace: true)
    }
    /// In-place `bitwiseRightShift` with a number (PyTorch: `Tensor.bitwise_right_shift_`).
    @discardableResult public func bitwiseRightShift_(_ other: Scalar) -> Tensor {
        binary(RightShiftOp(), .scalar(other), inPlace: true)
    }

    /// Flips every bit of an integer, negates a bool; floats are refused (PyTorch: `Tensor.bitwise_not`,
    /// `torch.bitwise_not`).
    public func bitwiseNot() -> Tensor {
        if dtype.isFloatingPoint { notImplemented("bitwise_not_cpu", dtype) }
        return unary(BitwiseNotOp(), inPlace: false)
    }
    /// In-place `bitwiseNot` (PyTorch: `Tensor.bitwise_not_`).
    @discardableResult public func bitwiseNot_() -> Tensor {
        if dtype.isFloatingPoint { notImplemented("bitwise_not_cpu", dtype) }
        return unary(BitwiseNotOp(), inPlace: true)
    }
}
