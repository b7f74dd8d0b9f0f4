/// Binary arithmetic on tensors: `add`, `sub`, `mul`, `div`, `floorDivide`, `remainder`, `fmod`, `pow`,
/// `atan2`, `maximum`/`minimum`, `fmax`/`fmin`, each with a number variant and an in-place `_` variant.

extension Tensor {
    @inline(__always)
    func binary<Op: BinaryArithmetic>(
        _ op: Op, _ other: Operand, dtype: DType? = nil, inPlace: Bool
    ) -> Tensor {
        Tensor.arithmetic(op, .tensor(self), other, dtype: dtype, into: inPlace ? self : nil)
    }

    private func resultType(_ other: Operand) -> DType {
        DType.resultType([.tensor(dtype, ndim: sizes.count), other.promotion])
    }

    /// Integer and bool inputs divide in the default float dtype (true division, like Python's `/`).
    private func floatResultType(_ other: Operand) -> DType {
        let type = resultType(other)
        return type.isFloatingPoint ? type : DType.defaultFloatingPoint
    }

    // MARK: add / sub

    private func addImpl(_ other: Operand, alpha: Scalar, inPlace: Bool) -> Tensor {
        if alpha == .int(1) { return binary(AddOp(), other, inPlace: inPlace) }
        checkAlpha(resultType(other), alpha)
        return scaledSum(other, alpha: alpha, inPlace: inPlace)
    }

    private func subImpl(_ other: Operand, alpha: Scalar, inPlace: Bool) -> Tensor {
        torchCheck(
            dtype != .bool || other.dtype != .bool,
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.")
        torchCheck(
            dtype != .bool && other.dtype != .bool,
            "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        if alpha == .int(1) { return binary(SubOp(), other, inPlace: inPlace) }
        checkAlpha(resultType(other), alpha)
        let negated: Scalar =
            switch alpha {
            case .double(let d): .double(-d)
            case .int(let i): .int(0 &- i)
            case .bool: alpha
            }
        return scaledSum(other, alpha: negated, inPlace: inPlace)
    }

    /// `self + alpha * other`, with torch's float16/bfloat16 rounding where it applies.
    private func scaledSum(_ other: Operand, alpha: Scalar, inPlace: Bool) -> Tensor {
        if case .tensor(let t) = other,
           let result = reducedAddScaled(t, alpha: alpha, dtype: resultType(other), inPlace: inPlace) {
            return result
        }
        return binary(AddScaledOp(alpha: alpha), other, inPlace: inPlace)
    }

    private func checkAlpha(_ type: DType, _ alpha: Scalar) {
        if case .double = alpha {
            torchCheck(
                type.isFloatingPoint,
                "For integral input tensors, argument alpha must not be a floating point number.")
        }
        if case .bool = alpha {
            torchCheck(type == .bool, "Boolean alpha only supported for Boolean results.")
        }
    }

    /// `self + alpha * other`.
    public func add(_ other: Tensor, alpha: Scalar = 1) -> Tensor {
        addImpl(.tensor(other), alpha: alpha, inPlace: false).recorded(.add(alpha: alpha), self, other)
    }
    public func add(_ other: Scalar, alpha: Scalar = 1) -> Tensor {
        addImpl(.scalar(other), alpha: alpha, inPlace: false).recorded(.add(alpha: 1), self)
    }
    @discardableResult
    public func add_(_ other: Tensor, alpha: Scalar = 1) -> Tensor {
        recordedInPlace(other) { $0.add(other, alpha: alpha) } ?? addImpl(.tensor(other), alpha: alpha, inPlace: true)
    }
    @discardableResult
    public func add_(_ other: Scalar, alpha: Scalar = 1) -> Tensor {
        recordedInPlace(nil) { $0.add(other, alpha: alpha) } ?? addImpl(.scalar(other), alpha: alpha, inPlace: true)
    }

    /// `self - alpha * other`.
    public func sub(_ other: Tensor, alpha: Scalar = 1) -> Tensor {
        subImpl(.tensor(other), alpha: alpha, inPlace: false).recorded(.sub(alpha: alpha), self, other)
    }
    public func sub(_ other: Scalar, alpha: Scalar = 1) -> Tensor {
        subImpl(.scalar(other), alpha: alpha, inPlace: false).recorded(.sub(alpha: 1), self)
    }
    @discardableResult
    public func sub_(_ other: Tensor, alpha: Scalar = 1) -> Tensor {
        recordedInPlace(other) { $0.sub(other, alpha: alpha) } ?? subImpl(.tensor(other), alpha: alpha, inPlace: true)
    }
    @discardableResult
    public func sub_(_ other: Scalar, alpha: Scalar = 1) -> Tensor {
        recordedInPlace(nil) { $0.sub(other, alpha: alpha) } ?? subImpl(.scalar(other), alpha: alpha, inPlace: true)
    }

    // MARK: mul / div

    public func mul(_ other: Tensor) -> Tensor { binary(MulOp(), .tensor(other), inPlace: false).recorded(.mul, self, other) }
    public func mul(_ other: Scalar) -> Tensor { binary(MulOp(), .scalar(other), inPlace: false).recorded(.mulScalar(other), self) }
    @discardableResult public func mul_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.mul(other) } ?? binary(MulOp(), .tensor(other), inPlace: true)
    }
    @discardableResult public func mul_(_ other: Scalar) -> Tensor {
        recordedInPlace(nil) { $0.mul(other) } ?? binary(MulOp(), .scalar(other), inPlace: true)
    }

    private func divImpl(_ other: Operand, roundingMode: String?, inPlace: Bool) -> Tensor {
        switch roundingMode {
        case nil: return binary(DivOp(), other, dtype: floatResultType(other), inPlace: inPlace)
        case "trunc"?: return binary(DivTruncOp(), other, inPlace: inPlace)
        case "floor"?: return binary(DivFloorOp(), other, inPlace: inPlace)
        case let mode?:
            torchFail("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '\(mode)'")
        }
    }

    /// True division (`/`); `roundingMode: "trunc"` or `"floor"` rounds the quotient and keeps integer dtypes.
    public func div(_ other: Tensor, roundingMode: String? = nil) -> Tensor {
        divImpl(.tensor(other), roundingMode: roundingMode, inPlace: false)
            .recorded(roundingMode == nil ? .div : .divRounding, self, other)
    }
    public func div(_ other: Scalar, roundingMode: String? = nil) -> Tensor {
        divImpl(.scalar(other), roundingMode: roundingMode, inPlace: false)
            .recorded(roundingMode == nil ? .divScalar(other) : .divRounding, self)
    }
    @discardableResult
    public func div_(_ other: Tensor, roundingMode: String? = nil) -> Tensor {
        recordedInPlace(other) { $0.div(other, roundingMode: roundingMode) }
            ?? divImpl(.tensor(other), roundingMode: roundingMode, inPlace: true)
    }
    @discardableResult
    public func div_(_ other: Scalar, roundingMode: String? = nil) -> Tensor {
        recordedInPlace(nil) { $0.div(other, roundingMode: roundingMode) }
            ?? divImpl(.scalar(other), roundingMode: roundingMode, inPlace: true)
    }

    public func floorDivide(_ other: Tensor) -> Tensor {
        binary(DivFloorOp(), .tensor(other), inPlace: false).recorded(.divRounding, self, other)
    }
    public func floorDivide(_ other: Scalar) -> Tensor {
        binary(DivFloorOp(), .scalar(other), inPlace: false).recorded(.divRounding, self)
    }
    @discardableResult public func floorDivide_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.floorDivide(other) } ?? binary(DivFloorOp(), .tensor(other), inPlace: true)
    }
    @discardableResult public func floorDivide_(_ other: Scalar) -> Tensor {
        recordedInPlace(nil) { $0.floorDivide(other) } ?? binary(DivFloorOp(), .scalar(other), inPlace: true)
    }

    /// `torch.div(number, tensor, rounding_mode=...)`: the number is a wrapped scalar (it does not widen an
    /// integer tensor's dtype), `nil` is true division (`number / t`).
    public static func div(_ a: Scalar, _ b: Tensor, roundingMode: String? = nil) -> Tensor {
        switch roundingMode {
        case nil: return a / b
        case "trunc"?: return Tensor.arithmetic(DivTruncOp(), .scalar(a), .tensor(b)).recorded(.divRounding, nil, b)
        case "floor"?: return floorDivide(a, b)
        case let mode?:
            torchFail("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found '\(mode)'")
        }
    }

    /// `torch.floor_divide(number, tensor)`, Python's `number // t`.
    public static func floorDivide(_ a: Scalar, _ b: Tensor) -> Tensor {
        Tensor.arithmetic(DivFloorOp(), .scalar(a), .tensor(b)).recorded(.divRounding, nil, b)
    }

    // MARK: remainder / fmod

    /// Python's `%`: the result has the divisor's sign.
    public func remainder(_ other: Tensor) -> Tensor {
        binary(RemainderOp(), .tensor(other), inPlace: false).recorded(.remainder, self, other)
    }
    public func remainder(_ other: Scalar) -> Tensor {
        binary(RemainderOp(), .scalar(other), inPlace: false).recorded(.remainder, self)
    }
    @discardableResult public func remainder_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.remainder(other) } ?? binary(RemainderOp(), .tensor(other), inPlace: true)
    }
    @discardableResult public func remainder_(_ other: Scalar) -> Tensor {
        recordedInPlace(nil) { $0.remainder(other) } ?? binary(RemainderOp(), .scalar(other), inPlace: true)
    }
    /// `torch.remainder(number, tensor)`.
    public static func remainder(_ a: Scalar, _ b: Tensor) -> Tensor {
        Tensor.arithmetic(RemainderOp(), .scalar(a), .tensor(b)).recorded(.notImplemented("remainder"), nil, b)
    }

    /// C's `fmod`: the result has the dividend's sign.
    public func fmod(_ other: Tensor) -> Tensor { binary(FmodOp(), .tensor(other), inPlace: false).recorded(.fmod, self, other) }
    public func fmod(_ other: Scalar) -> Tensor { binary(FmodOp(), .scalar(other), inPlace: false).recorded(.fmod, self) }
    @discardableResult public func fmod_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.fmod(other) } ?? binary(FmodOp(), .tensor(other), inPlace: true)
    }
    @discardableResult public func fmod_(_ other: Scalar) -> Tensor {
        recordedInPlace(nil) { $0.fmod(other) } ?? binary(FmodOp(), .scalar(other), inPlace: true)
    }

    // MARK: pow

    public func pow(_ exponent: Tensor) -> Tensor {
        binary(PowOp(), .tensor(exponent), inPlace: false).recorded(.pow, self, exponent)
    }
    @discardableResult public func pow_(_ exponent: Tensor) -> Tensor {
        recordedInPlace(exponent) { $0.pow(exponent) } ?? binary(PowOp(), .tensor(exponent), inPlace: true)
    }
    public func pow(_ exponent: Scalar) -> Tensor { powScalar(exponent, inPlace: false).recorded(.powScalar(exponent), self) }
    @discardableResult public func pow_(_ exponent: Scalar) -> Tensor {
        recordedInPlace(nil) { $0.pow(exponent) } ?? powScalar(exponent, inPlace: true)
    }

    private func powScalar(_ exponent: Scalar, inPlace: Bool) -> Tensor {
        if !dtype.isFloatingPoint, case .int(let e) = exponent {
            torchCheck(e >= 0, "Integers to negative integer powers are not allowed.")
        }
        let type = resultType(.scalar(exponent))
        let value = exponent.doubleValue
        if value == 0 || value == 1 {
            // pow(x, 0) is 1 (NaN included) and pow(x, 1) a copy, as PyTorch short-cuts them.
            if inPlace {
                checkInPlace(self, resultType: type, shape: sizes)
                if value == 0 { return fill_(1) }
                bumpVersion()
                return self
            }
            return value == 0 ? Tensor.full(sizes, 1, dtype: type) : to(type, copy: true)
        }
        return binary(PowScalarOp(exponent: exponent, dtype: type), .scalar(exponent), inPlace: inPlace)
    }

    /// `torch.pow(number, tensor)`.
    public static func pow(_ base: Scalar, _ exponent: Tensor) -> Tensor {
        // The ones short cut is torch's `base.equal(1.0)`, which a bool never satisfies: `True ** t`
        // goes to the kernel (and a bool exponent gets torch's "not implemented for 'Bool'").
        let isBool = if case .bool = base { true } else { false }
        if !isBool && base.doubleValue == 1 {
            let type = DType.resultType([.scalar(base), .tensor(exponent.dtype, ndim: exponent.ndim)])
            return Tensor.full(exponent.sizes, 1, dtype: type)
        }
        return Tensor.arithmetic(PowOp(), .scalar(base), .tensor(exponent)).recorded(.powScalarBase(base), exponent)
    }

    /// `x * x` (`torch.square`); bool squares to int64 like `pow(x, 2)`.
    public func square() -> Tensor { pow(2) }
    @discardableResult public func square_() -> Tensor { pow_(2) }

    // MARK: atan2 / maximum / minimum

    public func atan2(_ other: Tensor) -> Tensor {
        binary(Atan2Op(), .tensor(other), dtype: floatResultType(.tensor(other)), inPlace: false)
            .recorded(.atan2, self, other)
    }
    @discardableResult public func atan2_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.atan2(other) }
            ?? binary(Atan2Op(), .tensor(other), dtype: floatResultType(.tensor(other)), inPlace: true)
    }

    /// Elementwise maximum; NaN in either input gives NaN.
    public func maximum(_ other: Tensor) -> Tensor {
        binary(MaximumOp(), .tensor(other), inPlace: false).recorded(.maximum, self, other)
    }
    /// Elementwise minimum; NaN in either input gives NaN.
    public func minimum(_ other: Tensor) -> Tensor {
        binary(MinimumOp(), .tensor(other), inPlace: false).recorded(.minimum, self, other)
    }
    /// Elementwise maximum that ignores a NaN when the other input is a number.
    public func fmax(_ other: Tensor) -> Tensor { binary(FmaxOp(), .tensor(other), inPlace: false).recorded(.fmax, self, other) }
    public func fmin(_ other: Tensor) -> Tensor { binary(FminOp(), .tensor(other), inPlace: false).recorded(.fmin, self, other) }
}
