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
            "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead."
        )
        torchCheck(
            dtype != .bool && other.dtype != .bool,
            "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
        )
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
            let result = reducedAddScaled(t, alpha: alpha, dtype: resultType(other), inPlace: inPlace)
        {
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
    /// PyTorch: `Tensor.add` (`torch.add`).
    public func add(_ other: Tensor, alpha: Scalar = 1) -> Tensor {
        addImpl(.tensor(other), alpha: alpha, inPlace: false).recorded(.add(alpha: alpha), self, other)
    }
    /// `self + alpha * other` with a number, promoted as a wrapped scalar (PyTorch: `Tensor.add` with a Python
    /// number).
    public func add(_ other: Scalar, alpha: Scalar = 1) -> Tensor {
        addImpl(.scalar(other), alpha: alpha, inPlace: false).recorded(.add(alpha: 1), self)
    }
    /// In-place `add`; the result must cast to this tensor's dtype (PyTorch: `Tensor.add_`).
    @discardableResult
    public func add_(_ other: Tensor, alpha: Scalar = 1) -> Tensor {
        recordedInPlace(other) { $0.add(other, alpha: alpha) } ?? addImpl(.tensor(other), alpha: alpha, inPlace: true)
    }
    /// In-place `add` of a number (PyTorch: `Tensor.add_`).
    @discardableResult
    public func add_(_ other: Scalar, alpha: Scalar = 1) -> Tensor {
        recordedInPlace(nil) { $0.add(other, alpha: alpha) } ?? addImpl(.scalar(other), alpha: alpha, inPlace: true)
    }

    /// `self - alpha * other`.
    /// PyTorch: `Tensor.sub` (`torch.sub`); bool operands are refused.
    public func sub(_ other: Tensor, alpha: Scalar = 1) -> Tensor {
        subImpl(.tensor(other), alpha: alpha, inPlace: false).recorded(.sub(alpha: alpha), self, other)
    }
    /// `self - alpha * other` with a number, promoted as a wrapped scalar (PyTorch: `Tensor.sub` with a Python
    /// number).
    public func sub(_ other: Scalar, alpha: Scalar = 1) -> Tensor {
        subImpl(.scalar(other), alpha: alpha, inPlace: false).recorded(.sub(alpha: 1), self)
    }
    /// In-place `sub` (PyTorch: `Tensor.sub_`).
    @discardableResult
    public func sub_(_ other: Tensor, alpha: Scalar = 1) -> Tensor {
        recordedInPlace(other) { $0.sub(other, alpha: alpha) } ?? subImpl(.tensor(other), alpha: alpha, inPlace: true)
    }
    /// In-place `sub` of a number (PyTorch: `Tensor.sub_`).
    @discardableResult
    public func sub_(_ other: Scalar, alpha: Scalar = 1) -> Tensor {
        recordedInPlace(nil) { $0.sub(other, alpha: alpha) } ?? subImpl(.scalar(other), alpha: alpha, inPlace: true)
    }

    // MARK: mul / div

    /// Elementwise product, broadcast (PyTorch: `Tensor.mul`, `torch.mul`).
    public func mul(_ other: Tensor) -> Tensor {
        binary(MulOp(), .tensor(other), inPlace: false).recorded(.mul, self, other)
    }
    /// Every element times a number (PyTorch: `Tensor.mul` with a Python number).
    public func mul(_ other: Scalar) -> Tensor {
        binary(MulOp(), .scalar(other), inPlace: false).recorded(.mulScalar(other), self)
    }
    /// In-place elementwise product (PyTorch: `Tensor.mul_`).
    @discardableResult public func mul_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.mul(other) } ?? binary(MulOp(), .tensor(other), inPlace: true)
    }
    /// In-place scaling by a number (PyTorch: `Tensor.mul_`).
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
    /// PyTorch: `Tensor.div` (`torch.div` with `rounding_mode`).
    public func div(_ other: Tensor, roundingMode: String? = nil) -> Tensor {
        divImpl(.tensor(other), roundingMode: roundingMode, inPlace: false)
            .recorded(roundingMode == nil ? .div : .divRounding, self, other)
    }
    /// Division by a number, with the same rounding modes (PyTorch: `Tensor.div` with a Python number).
    public func div(_ other: Scalar, roundingMode: String? = nil) -> Tensor {
        divImpl(.scalar(other), roundingMode: roundingMode, inPlace: false)
            .recorded(roundingMode == nil ? .divScalar(other) : .divRounding, self)
    }
    /// In-place `div`; true division of an integer tensor fails: its float result cannot be stored (PyTorch:
    /// `Tensor.div_`).
    @discardableResult
    public func div_(_ other: Tensor, roundingMode: String? = nil) -> Tensor {
        recordedInPlace(other) { $0.div(other, roundingMode: roundingMode) }
            ?? divImpl(.tensor(other), roundingMode: roundingMode, inPlace: true)
    }
    /// In-place division by a number (PyTorch: `Tensor.div_`).
    @discardableResult
    public func div_(_ other: Scalar, roundingMode: String? = nil) -> Tensor {
        recordedInPlace(nil) { $0.div(other, roundingMode: roundingMode) }
            ?? divImpl(.scalar(other), roundingMode: roundingMode, inPlace: true)
    }

    /// Quotient rounded toward negative infinity, Python's `//` (PyTorch: `Tensor.floor_divide`,
    /// `torch.floor_divide`).
    public func floorDivide(_ other: Tensor) -> Tensor {
        binary(DivFloorOp(), .tensor(other), inPlace: false).recorded(.divRounding, self, other)
    }
    /// `self // other` for a number (PyTorch: `Tensor.floor_divide` with a Python number).
    public func floorDivide(_ other: Scalar) -> Tensor {
        binary(DivFloorOp(), .scalar(other), inPlace: false).recorded(.divRounding, self)
    }
    /// In-place `floorDivide` (PyTorch: `Tensor.floor_divide_`).
    @discardableResult public func floorDivide_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.floorDivide(other) } ?? binary(DivFloorOp(), .tensor(other), inPlace: true)
    }
    /// In-place `floorDivide` by a number (PyTorch: `Tensor.floor_divide_`).
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
    /// PyTorch: `Tensor.remainder` (`torch.remainder`).
    public func remainder(_ other: Tensor) -> Tensor {
        binary(RemainderOp(), .tensor(other), inPlace: false).recorded(.remainder, self, other)
    }
    /// `self % other` for a number, with the divisor's sign (PyTorch: `Tensor.remainder` with a Python number).
    public func remainder(_ other: Scalar) -> Tensor {
        binary(RemainderOp(), .scalar(other), inPlace: false).recorded(.remainder, self)
    }
    /// In-place `remainder` (PyTorch: `Tensor.remainder_`).
    @discardableResult public func remainder_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.remainder(other) } ?? binary(RemainderOp(), .tensor(other), inPlace: true)
    }
    /// In-place `remainder` by a number (PyTorch: `Tensor.remainder_`).
    @discardableResult public func remainder_(_ other: Scalar) -> Tensor {
        recordedInPlace(nil) { $0.remainder(other) } ?? binary(RemainderOp(), .scalar(other), inPlace: true)
    }
    /// `torch.remainder(number, tensor)`.
    public static func remainder(_ a: Scalar, _ b: Tensor) -> Tensor {
        Tensor.arithmetic(RemainderOp(), .scalar(a), .tensor(b)).recorded(.notImplemented("remainder"), nil, b)
    }

    /// C's `fmod`: the result has the dividend's sign.
    /// PyTorch: `Tensor.fmod` (`torch.fmod`).
    public func fmod(_ other: Tensor) -> Tensor {
        binary(FmodOp(), .tensor(other), inPlace: false).recorded(.fmod, self, other)
    }
    /// C's `fmod` by a number: the result has the dividend's sign (PyTorch: `Tensor.fmod` with a Python number).
    public func fmod(_ other: Scalar) -> Tensor {
        binary(FmodOp(), .scalar(other), inPlace: false).recorded(.fmod, self)
    }
    /// In-place `fmod` (PyTorch: `Tensor.fmod_`).
    @discardableResult public func fmod_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.fmod(other) } ?? binary(FmodOp(), .tensor(other), inPlace: true)
    }
    /// In-place `fmod` by a number (PyTorch: `Tensor.fmod_`).
    @discardableResult public func fmod_(_ other: Scalar) -> Tensor {
        recordedInPlace(nil) { $0.fmod(other) } ?? binary(FmodOp(), .scalar(other), inPlace: true)
    }

    // MARK: pow

    /// Elementwise power with a tensor of exponents, broadcast (PyTorch: `Tensor.pow`, `torch.pow`).
    public func pow(_ exponent: Tensor) -> Tensor {
        binary(PowOp(), .tensor(exponent), inPlace: false).recorded(.pow, self, exponent)
    }
    /// In-place `pow` with a tensor of exponents (PyTorch: `Tensor.pow_`).
    @discardableResult public func pow_(_ exponent: Tensor) -> Tensor {
        recordedInPlace(exponent) { $0.pow(exponent) } ?? binary(PowOp(), .tensor(exponent), inPlace: true)
    }
    /// Every element raised to a number; integer tensors refuse negative integer exponents (PyTorch:
    /// `Tensor.pow`, Python's `t ** n`).
    public func pow(_ exponent: Scalar) -> Tensor {
        powScalar(exponent, inPlace: false).recorded(.powScalar(exponent), self)
    }
    /// In-place `pow` by a number (PyTorch: `Tensor.pow_`).
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
    /// In-place `square` (PyTorch: `Tensor.square_`).
    @discardableResult public func square_() -> Tensor { pow_(2) }

    // MARK: atan2 / maximum / minimum

    /// The angle of the point (other, self), `atan(self / other)` in the right quadrant; integers compute in the
    /// default float dtype (PyTorch: `Tensor.atan2`, `torch.atan2`).
    public func atan2(_ other: Tensor) -> Tensor {
        binary(Atan2Op(), .tensor(other), dtype: floatResultType(.tensor(other)), inPlace: false)
            .recorded(.atan2, self, other)
    }
    /// In-place `atan2` (PyTorch: `Tensor.atan2_`).
    @discardableResult public func atan2_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.atan2(other) }
            ?? binary(Atan2Op(), .tensor(other), dtype: floatResultType(.tensor(other)), inPlace: true)
    }

    /// Elementwise maximum; NaN in either input gives NaN.
    /// PyTorch: `Tensor.maximum` (`torch.maximum`).
    public func maximum(_ other: Tensor) -> Tensor {
        binary(MaximumOp(), .tensor(other), inPlace: false).recorded(.maximum, self, other)
    }
    /// Elementwise minimum; NaN in either input gives NaN.
    /// PyTorch: `Tensor.minimum` (`torch.minimum`).
    public func minimum(_ other: Tensor) -> Tensor {
        binary(MinimumOp(), .tensor(other), inPlace: false).recorded(.minimum, self, other)
    }
    /// Elementwise maximum that ignores a NaN when the other input is a number.
    /// PyTorch: `Tensor.fmax` (`torch.fmax`).
    public func fmax(_ other: Tensor) -> Tensor {
        binary(FmaxOp(), .tensor(other), inPlace: false).recorded(.fmax, self, other)
    }
    /// Elementwise minimum that ignores a NaN when the other input is a number (PyTorch: `Tensor.fmin`,
    /// `torch.fmin`).
    public func fmin(_ other: Tensor) -> Tensor {
        binary(FminOp(), .tensor(other), inPlace: false).recorded(.fmin, self, other)
    }
}
