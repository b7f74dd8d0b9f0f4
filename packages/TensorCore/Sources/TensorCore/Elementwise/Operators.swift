/// Python's tensor operators. Each has three forms (tensor ⊕ tensor, tensor ⊕ number, number ⊕ tensor),
/// the number generic over `ScalarConvertible` so literals and Int/Double/Float variables work unwrapped
/// and few overloads keep long expressions quick to type-check. `%` is `remainder`; there is no `**`
/// (use `pow`). Compound assignments are in place like Python's (`a += b` is `a.add_(b)`).

extension Tensor {
    /// Python's `a + b`, broadcast and promoted (PyTorch: `Tensor.__add__`).
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.add(rhs) }
    /// `t + number`, the number a wrapped scalar (PyTorch: `Tensor.__add__` with a Python number).
    public static func + <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.add(rhs.scalar) }
    /// `number + t`, the number a wrapped scalar (PyTorch: `Tensor.__radd__`).
    public static func + <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor {
        Tensor.arithmetic(AddOp(), .scalar(lhs.scalar), .tensor(rhs)).recorded(.add(alpha: 1), rhs)
    }

    /// `a - b`; bool operands are refused (PyTorch: `Tensor.__sub__`).
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.sub(rhs) }
    /// `t - number` (PyTorch: `Tensor.__sub__` with a Python number).
    public static func - <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.sub(rhs.scalar) }
    /// `number - t`; bool operands are refused (PyTorch: `Tensor.__rsub__`, `torch.rsub`).
    public static func - <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor {
        torchCheck(
            rhs.dtype != .bool && lhs.scalar.dtype != .bool,
            "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
        )
        return Tensor.arithmetic(SubOp(), .scalar(lhs.scalar), .tensor(rhs)).recorded(.rsub, rhs)
    }

    /// `a * b`, the elementwise product (PyTorch: `Tensor.__mul__`).
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.mul(rhs) }
    /// `t * number` (PyTorch: `Tensor.__mul__` with a Python number).
    public static func * <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.mul(rhs.scalar) }
    /// `number * t` (PyTorch: `Tensor.__rmul__`).
    public static func * <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor {
        Tensor.arithmetic(MulOp(), .scalar(lhs.scalar), .tensor(rhs)).recorded(.mulScalar(lhs.scalar), rhs)
    }

    /// `a / b`, true division: integer operands give the default float dtype (PyTorch: `Tensor.__truediv__`).
    public static func / (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.div(rhs) }
    /// `t / number` (PyTorch: `Tensor.__truediv__` with a Python number).
    public static func / <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.div(rhs.scalar) }
    /// `number / t`, true division in one rounding (PyTorch: `Tensor.__rtruediv__`, which computes
    /// `t.reciprocal() * number`).
    public static func / <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor {
        let type = DType.resultType([.scalar(lhs.scalar), .tensor(rhs.dtype, ndim: rhs.ndim)])
        return Tensor.arithmetic(
            DivOp(), .scalar(lhs.scalar), .tensor(rhs), dtype: type.isFloatingPoint ? type : .defaultFloatingPoint
        ).recorded(.rdiv(lhs.scalar), rhs)
    }

    /// `a % b`, Python's remainder: the result has the divisor's sign (PyTorch: `Tensor.__mod__`).
    public static func % (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.remainder(rhs) }
    /// `t % number` (PyTorch: `Tensor.__mod__` with a Python number).
    public static func % <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.remainder(rhs.scalar) }
    /// `number % t` (PyTorch: `Tensor.__rmod__`, `torch.remainder(number, t)`).
    public static func % <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { Tensor.remainder(lhs.scalar, rhs) }

    /// `-t`, elementwise negation (PyTorch: `Tensor.__neg__`).
    public static prefix func - (operand: Tensor) -> Tensor { operand.neg() }

    // MARK: Compound assignment (in place)

    /// `a += b` adds in place (`a.add_(b)`), so views of `a` see the change, as in Python (PyTorch:
    /// `Tensor.__iadd__`).
    public static func += (lhs: Tensor, rhs: Tensor) { lhs.add_(rhs) }
    /// `t += number` in place (PyTorch: `Tensor.__iadd__` with a Python number).
    public static func += <S: ScalarConvertible>(lhs: Tensor, rhs: S) { lhs.add_(rhs.scalar) }
    /// `a -= b` in place, `a.sub_(b)` (PyTorch: `Tensor.__isub__`).
    public static func -= (lhs: Tensor, rhs: Tensor) { lhs.sub_(rhs) }
    /// `t -= number` in place (PyTorch: `Tensor.__isub__` with a Python number).
    public static func -= <S: ScalarConvertible>(lhs: Tensor, rhs: S) { lhs.sub_(rhs.scalar) }
    /// `a *= b` in place, `a.mul_(b)` (PyTorch: `Tensor.__imul__`).
    public static func *= (lhs: Tensor, rhs: Tensor) { lhs.mul_(rhs) }
    /// `t *= number` in place (PyTorch: `Tensor.__imul__` with a Python number).
    public static func *= <S: ScalarConvertible>(lhs: Tensor, rhs: S) { lhs.mul_(rhs.scalar) }
    /// `a /= b` in place, `a.div_(b)`; an integer `a` cannot hold the float quotient and fails (PyTorch:
    /// `Tensor.__itruediv__`).
    public static func /= (lhs: Tensor, rhs: Tensor) { lhs.div_(rhs) }
    /// `t /= number` in place (PyTorch: `Tensor.__itruediv__` with a Python number).
    public static func /= <S: ScalarConvertible>(lhs: Tensor, rhs: S) { lhs.div_(rhs.scalar) }
    /// `a %= b` in place, `a.remainder_(b)` (PyTorch: `Tensor.__imod__`).
    public static func %= (lhs: Tensor, rhs: Tensor) { lhs.remainder_(rhs) }
    /// `t %= number` in place (PyTorch: `Tensor.__imod__` with a Python number).
    public static func %= <S: ScalarConvertible>(lhs: Tensor, rhs: S) { lhs.remainder_(rhs.scalar) }

    // MARK: Comparisons (bool tensors)

    /// `a == b` elementwise: a bool tensor, not a `Bool` (`equal` answers that) (PyTorch: `Tensor.__eq__`).
    public static func == (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.eq(rhs) }
    /// `t == number` elementwise (PyTorch: `Tensor.__eq__` with a Python number).
    public static func == <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.eq(rhs.scalar) }
    /// `number == t`, which is `t == number` (PyTorch: `Tensor.__eq__`, as Python reflects it).
    public static func == <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.eq(lhs.scalar) }
    /// `a != b` elementwise, a bool tensor (PyTorch: `Tensor.__ne__`).
    public static func != (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.ne(rhs) }
    /// `t != number` elementwise (PyTorch: `Tensor.__ne__` with a Python number).
    public static func != <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.ne(rhs.scalar) }
    /// `number != t`, which is `t != number` (PyTorch: `Tensor.__ne__`, as Python reflects it).
    public static func != <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.ne(lhs.scalar) }
    /// `a < b` elementwise, a bool tensor (PyTorch: `Tensor.__lt__`).
    public static func < (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.lt(rhs) }
    /// `t < number` elementwise (PyTorch: `Tensor.__lt__` with a Python number).
    public static func < <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.lt(rhs.scalar) }
    /// `number < t`, which is `t > number` (PyTorch: `Tensor.__gt__`, as Python reflects it).
    public static func < <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.gt(lhs.scalar) }
    /// `a <= b` elementwise, a bool tensor (PyTorch: `Tensor.__le__`).
    public static func <= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.le(rhs) }
    /// `t <= number` elementwise (PyTorch: `Tensor.__le__` with a Python number).
    public static func <= <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.le(rhs.scalar) }
    /// `number <= t`, which is `t >= number` (PyTorch: `Tensor.__ge__`, as Python reflects it).
    public static func <= <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.ge(lhs.scalar) }
    /// `a > b` elementwise, a bool tensor (PyTorch: `Tensor.__gt__`).
    public static func > (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.gt(rhs) }
    /// `t > number` elementwise (PyTorch: `Tensor.__gt__` with a Python number).
    public static func > <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.gt(rhs.scalar) }
    /// `number > t`, which is `t < number` (PyTorch: `Tensor.__lt__`, as Python reflects it).
    public static func > <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.lt(lhs.scalar) }
    /// `a >= b` elementwise, a bool tensor (PyTorch: `Tensor.__ge__`).
    public static func >= (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.ge(rhs) }
    /// `t >= number` elementwise (PyTorch: `Tensor.__ge__` with a Python number).
    public static func >= <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.ge(rhs.scalar) }
    /// `number >= t`, which is `t <= number` (PyTorch: `Tensor.__le__`, as Python reflects it).
    public static func >= <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.le(lhs.scalar) }

    // MARK: Bitwise (integers and bool)

    /// `a & b`: bitwise AND of integers, logical AND of bools (PyTorch: `Tensor.__and__`).
    public static func & (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseAnd(rhs) }
    /// `t & number` (PyTorch: `Tensor.__and__` with a Python number).
    public static func & <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseAnd(rhs.scalar) }
    /// `number & t` (PyTorch: `Tensor.__rand__`).
    public static func & <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.bitwiseAnd(lhs.scalar) }
    /// `a | b`: bitwise OR of integers, logical OR of bools (PyTorch: `Tensor.__or__`).
    public static func | (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseOr(rhs) }
    /// `t | number` (PyTorch: `Tensor.__or__` with a Python number).
    public static func | <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseOr(rhs.scalar) }
    /// `number | t` (PyTorch: `Tensor.__ror__`).
    public static func | <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.bitwiseOr(lhs.scalar) }
    /// `a ^ b`: bitwise XOR of integers, logical XOR of bools (PyTorch: `Tensor.__xor__`).
    public static func ^ (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseXor(rhs) }
    /// `t ^ number` (PyTorch: `Tensor.__xor__` with a Python number).
    public static func ^ <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseXor(rhs.scalar) }
    /// `number ^ t` (PyTorch: `Tensor.__rxor__`).
    public static func ^ <S: ScalarConvertible>(lhs: S, rhs: Tensor) -> Tensor { rhs.bitwiseXor(lhs.scalar) }
    /// `a << b`, left shift of integers (PyTorch: `Tensor.__lshift__`).
    public static func << (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseLeftShift(rhs) }
    /// `t << number` (PyTorch: `Tensor.__lshift__` with a Python number).
    public static func << <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseLeftShift(rhs.scalar) }
    /// `a >> b`, right shift of integers (PyTorch: `Tensor.__rshift__`).
    public static func >> (lhs: Tensor, rhs: Tensor) -> Tensor { lhs.bitwiseRightShift(rhs) }
    /// `t >> number` (PyTorch: `Tensor.__rshift__` with a Python number).
    public static func >> <S: ScalarConvertible>(lhs: Tensor, rhs: S) -> Tensor { lhs.bitwiseRightShift(rhs.scalar) }
    /// `a &= b` in place, `a.bitwiseAnd_(b)` (PyTorch: `Tensor.__iand__`).
    public static func &= (lhs: Tensor, rhs: Tensor) { lhs.bitwiseAnd_(rhs) }
    /// `a |= b` in place, `a.bitwiseOr_(b)` (PyTorch: `Tensor.__ior__`).
    public static func |= (lhs: Tensor, rhs: Tensor) { lhs.bitwiseOr_(rhs) }
    /// `a ^= b` in place, `a.bitwiseXor_(b)` (PyTorch: `Tensor.__ixor__`).
    public static func ^= (lhs: Tensor, rhs: Tensor) { lhs.bitwiseXor_(rhs) }

    /// `~t`: bitwise not of integers, logical not of bool.
    /// PyTorch: `Tensor.__invert__`; floats are refused.
    public static prefix func ~ (operand: Tensor) -> Tensor {
        torchCheck(
            !operand.dtype.isFloatingPoint,
            "~ (operator.invert) is only implemented on integer and Boolean-type tensors")
        return operand.bitwiseNot()
    }
}
