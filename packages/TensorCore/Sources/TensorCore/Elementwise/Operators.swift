/// Python's tensor operators. Each has three forms (tensor ⊕ tensor, tensor ⊕ number, number ⊕ tensor),
/// the number generic over `ScalarConvertible` so literals and Int/Double/Float variables work unwrapped
/// and few overloads keep long expressions quick to type-check. `%` is `remainder`; there is no `**`
/// (use `pow`). Compound assignments are in place like Python's (`a += b` is `a.add_(b)`).

extension Tensor {
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.add(rhs) }
    public static func + <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.add(rhs.scalar) }
    public static func + <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor {
        Tensor.arithmetic(AddOp(), .scalar(lhs.scalar), .tensor(rhs))
    }

    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.sub(rhs) }
    public static func - <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.sub(rhs.scalar) }
    public static func - <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor {
        torchCheck(
            rhs.dtype != .bool && lhs.scalar.dtype != .bool,
            "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        return Tensor.arithmetic(SubOp(), .scalar(lhs.scalar), .tensor(rhs))
    }

    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.mul(rhs) }
    public static func * <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.mul(rhs.scalar) }
    public static func * <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor {
        Tensor.arithmetic(MulOp(), .scalar(lhs.scalar), .tensor(rhs))
    }

    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.div(rhs) }
    public static func / <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.div(rhs.scalar) }
    public static func / <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor {
        let type = DType.resultType([.scalar(lhs.scalar), .tensor(rhs.dtype, ndim: rhs.ndim)])
        return Tensor.arithmetic(
            DivOp(), .scalar(lhs.scalar), .tensor(rhs), dtype: type.isFloatingPoint ? type : .defaultFloatingPoint)
    }

    public static func % (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.remainder(rhs) }
    public static func % <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.remainder(rhs.scalar) }
    public static func % <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { Tensor.remainder(lhs.scalar, rhs) }

    public static prefix func - (operand: Tensor) -> Tensor { operand.neg() }

    // MARK: Compound assignment (in place)

    public static func += (lhs: Tensor, rhs: Tensor) { lhs.add_(rhs) }
    public static func += <S: ScalarConvertible>(lhs: Tensor, rhs: S) { lhs.add_(rhs.scalar) }
    public static func -= (lhs: Tensor, rhs: Tensor) { lhs.sub_(rhs) }
    public static func -= <S: ScalarConvertible>(lhs: Tensor, rhs: S) { lhs.sub_(rhs.scalar) }
    public static func *= (lhs: Tensor, rhs: Tensor) { lhs.mul_(rhs) }
    public static func *= <S: ScalarConvertible>(lhs: Tensor, rhs: S) { lhs.mul_(rhs.scalar) }
    public static func /= (lhs: Tensor, rhs: Tensor) { lhs.div_(rhs) }
    public static func /= <S: ScalarConvertible>(lhs: Tensor, rhs: S) { lhs.div_(rhs.scalar) }
    public static func %= (lhs: Tensor, rhs: Tensor) { lhs.remainder_(rhs) }
    public static func %= <S: ScalarConvertible>(lhs: Tensor, rhs: S) { lhs.remainder_(rhs.scalar) }

    // MARK: Comparisons (bool tensors)

    public static func == (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.eq(rhs) }
    public static func == <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.eq(rhs.scalar) }
    public static func == <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.eq(lhs.scalar) }
    public static func != (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.ne(rhs) }
    public static func != <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.ne(rhs.scalar) }
    public static func != <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.ne(lhs.scalar) }
    public static func < (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.lt(rhs) }
    public static func < <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.lt(rhs.scalar) }
    public static func < <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.gt(lhs.scalar) }
    public static func <= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.le(rhs) }
    public static func <= <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.le(rhs.scalar) }
    public static func <= <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.ge(lhs.scalar) }
    public static func > (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.gt(rhs) }
    public static func > <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.gt(rhs.scalar) }
    public static func > <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.lt(lhs.scalar) }
    public static func >= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.ge(rhs) }
    public static func >= <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.ge(rhs.scalar) }
    public static func >= <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.le(lhs.scalar) }

    // MARK: Bitwise (integers and bool)

    public static func & (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseAnd(rhs) }
    public static func & <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseAnd(rhs.scalar) }
    public static func & <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.bitwiseAnd(lhs.scalar) }
    public static func | (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseOr(rhs) }
    public static func | <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseOr(rhs.scalar) }
    public static func | <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.bitwiseOr(lhs.scalar) }
    public static func ^ (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseXor(rhs) }
    public static func ^ <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseXor(rhs.scalar) }
    public static func ^ <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.bitwiseXor(lhs.scalar) }
    public static func << (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseLeftShift(rhs) }
    public static func << <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseLeftShift(rhs.scalar) }
    public static func >> (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseRightShift(rhs) }
    public static func >> <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseRightShift(rhs.scalar) }
    public static func &= (lhs: Tensor, rhs: Tensor) { lhs.bitwiseAnd_(rhs) }
    public static func |= (lhs: Tensor, rhs: Tensor) { lhs.bitwiseOr_(rhs) }
    public static func ^= (lhs: Tensor, rhs: Tensor) { lhs.bitwiseXor_(rhs) }

    /// `~t`: bitwise not of integers, logical not of bool.
    public static prefix func ~ (operand: Tensor) -> Tensor {
        torchCheck(
            !operand.dtype.isFloatingPoint,
            "~ (operator.invert) is only implemented on integer and Boolean-type tensors")
        return operand.bitwiseNot()
    }
}
