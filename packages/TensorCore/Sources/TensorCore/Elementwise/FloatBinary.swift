/// Float-only binary functions: `hypot`, `logaddexp`, `logaddexp2` (integer inputs refused, as in
/// PyTorch) and `copysign`, `xlogy` (integer inputs computed in the default float dtype).

private protocol FloatOnlyBinary: BinaryArithmetic {}
extension FloatOnlyBinary {
    var supportsIntegers: Bool { false }
    var supportsBool: Bool { false }
    func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { torchFail("unreachable") }
}

private struct HypotOp: FloatOnlyBinary {
    var kernelName: String { "hypot_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { T.hypot(a, b) }
}

private struct LogAddExpOp: FloatOnlyBinary {
    var kernelName: String { "logaddexp_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T {
        if a.isInfinite && a == b { return a }
        return Swift.max(a, b) + T.log1p(T.exp(-(a - b).magnitude))
    }
}

private struct LogAddExp2Op: FloatOnlyBinary {
    var kernelName: String { "logaddexp2_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T {
        if a.isInfinite && a == b { return a }
        return Swift.max(a, b) + T.log1p(T.exp2(-(a - b).magnitude)) / T(0.693_147_180_559_945_309_4)
    }
}

private struct CopysignOp: FloatOnlyBinary {
    var kernelName: String { "copysign_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { T(signOf: b, magnitudeOf: a) }
}

/// `x * log(y)`, 0 where x is 0 (unless y is NaN).
private struct XlogyOp: FloatOnlyBinary {
    var kernelName: String { "xlogy_cpu" }
    @inline(__always) func float<T: MathFloat>(_ x: T, _ y: T) -> T {
        if y.isNaN { return y }
        if x == 0 { return 0 }
        return x * T.log(y)
    }
}

extension Tensor {
    private func promotedToFloat(_ other: Operand) -> DType {
        let type = DType.resultType([.tensor(dtype, ndim: sizes.count), other.promotion])
        return type.isFloatingPoint ? type : DType.defaultFloatingPoint
    }

    /// `sqrt(self² + other²)` without intermediate overflow.
    /// PyTorch: `Tensor.hypot` (`torch.hypot`); integer inputs are refused.
    public func hypot(_ other: Tensor) -> Tensor {
        binary(HypotOp(), .tensor(other), inPlace: false).recorded(.hypot, self, other)
    }
    /// In-place `hypot` (PyTorch: `Tensor.hypot_`).
    @discardableResult public func hypot_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.hypot(other) } ?? binary(HypotOp(), .tensor(other), inPlace: true)
    }
    /// `log(exp(self) + exp(other))`, computed stably.
    /// PyTorch: `Tensor.logaddexp` (`torch.logaddexp`).
    public func logaddexp(_ other: Tensor) -> Tensor {
        binary(LogAddExpOp(), .tensor(other), inPlace: false).recorded(.logaddexp, self, other)
    }
    /// `log2(2^self + 2^other)`, computed stably (PyTorch: `Tensor.logaddexp2`, `torch.logaddexp2`).
    public func logaddexp2(_ other: Tensor) -> Tensor {
        binary(LogAddExp2Op(), .tensor(other), inPlace: false).recorded(.logaddexp2, self, other)
    }

    /// The magnitude of `self` with the sign of `other`.
    /// PyTorch: `Tensor.copysign` (`torch.copysign`); integers compute in the default float dtype.
    public func copysign(_ other: Tensor) -> Tensor {
        binary(CopysignOp(), .tensor(other), dtype: promotedToFloat(.tensor(other)), inPlace: false)
            .recorded(.copysign, self, other)
    }
    /// The magnitude of `self` with the sign of a number (PyTorch: `Tensor.copysign` with a Python number).
    public func copysign(_ other: Scalar) -> Tensor {
        binary(CopysignOp(), .scalar(other), dtype: promotedToFloat(.scalar(other)), inPlace: false)
            .recorded(.copysign, self, nil)
    }
    /// In-place `copysign` (PyTorch: `Tensor.copysign_`).
    @discardableResult public func copysign_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.copysign(other) }
            ?? binary(CopysignOp(), .tensor(other), dtype: promotedToFloat(.tensor(other)), inPlace: true)
    }
    /// `self * log(other)`, 0 where self is 0.
    /// PyTorch: `Tensor.xlogy` (`torch.xlogy`).
    public func xlogy(_ other: Tensor) -> Tensor {
        binary(XlogyOp(), .tensor(other), dtype: promotedToFloat(.tensor(other)), inPlace: false)
            .recorded(.xlogy, self, other)
    }
    /// `self * log(other)` for a number `other`, 0 where self is 0 (PyTorch: `Tensor.xlogy` with a Python
    /// number).
    public func xlogy(_ other: Scalar) -> Tensor {
        binary(XlogyOp(), .scalar(other), dtype: promotedToFloat(.scalar(other)), inPlace: false)
            .recorded(.xlogyScalar(other), self)
    }
    /// In-place `xlogy` (PyTorch: `Tensor.xlogy_`).
    @discardableResult public func xlogy_(_ other: Tensor) -> Tensor {
        recordedInPlace(other) { $0.xlogy(other) }
            ?? binary(XlogyOp(), .tensor(other), dtype: promotedToFloat(.tensor(other)), inPlace: true)
    }
}
