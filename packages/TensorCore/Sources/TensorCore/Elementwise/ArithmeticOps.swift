/// Element functions of the binary arithmetic ops, one struct per op, with PyTorch's integer and
/// floating-point rules (wrapping integer overflow, Python-sign remainder, floor-division corrections).

struct AddOp: BinaryArithmetic {
    var kernelName: String { "add_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { a + b }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { a &+ b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a || b }
}

/// `a + alpha * b` (`sub` passes `-alpha`).
struct AddScaledOp: BinaryArithmetic {
    let alpha: Scalar
    var kernelName: String { "add_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { a + T(alpha.doubleValue) * b }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T {
        a &+ T(truncatingIfNeeded: alpha.int64Value) &* b
    }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a || (alpha.boolValue && b) }
}

struct SubOp: BinaryArithmetic {
    var kernelName: String { "sub_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { a - b }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { a &- b }
    var supportsBool: Bool { false }
}

struct MulOp: BinaryArithmetic {
    var kernelName: String { "mul_cpu" }
    var scalarInOpmath: Bool { true }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { a * b }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { a &* b }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a && b }
}

/// True division; integer inputs are promoted to the default float dtype before it runs.
struct DivOp: BinaryArithmetic {
    var kernelName: String { "div_true_cpu" }
    var scalarInOpmath: Bool { true }
    var supportsIntegers: Bool { false }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { a / b }
    func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { torchFail("unreachable") }
}

@inline(__always) func checkedDivisor<T: IntegerTensorElement>(_ b: T) {
    torchCheck(b != 0, "ZeroDivisionError")
}

struct DivTruncOp: BinaryArithmetic {
    var kernelName: String { "div_trunc_cpu" }
    var supportsBool: Bool { false }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { (a / b).rounded(.towardZero) }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T {
        checkedDivisor(b)
        return a.dividedReportingOverflow(by: b).partialValue
    }
}

/// `floor_divide` / `div(rounding_mode: "floor")`: c10's div_floor_floating keeps the quotient
/// consistent with `remainder` (a == b * floordiv + remainder).
struct DivFloorOp: BinaryArithmetic {
    var kernelName: String { "div_floor_cpu" }
    var supportsBool: Bool { false }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T {
        if b == 0 { return a / b }
        let mod = T.fmod(a, b)
        var div = (a - mod) / b
        if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
        if div == 0 { return T(signOf: a / b, magnitudeOf: 0) }
        var floordiv = div.rounded(.down)
        if div - floordiv > 0.5 { floordiv += 1 }
        return floordiv
    }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T {
        checkedDivisor(b)
        let quotient = a.dividedReportingOverflow(by: b).partialValue
        if (a < 0) != (b < 0) {
            let rem = a.remainderReportingOverflow(dividingBy: b).partialValue
            return rem != 0 ? quotient &- 1 : quotient
        }
        return quotient
    }
}

/// `remainder` / `%`: the result takes the divisor's sign, as Python's `%`.
struct RemainderOp: BinaryArithmetic {
    var kernelName: String { "remainder_cpu" }
    var supportsBool: Bool { false }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T {
        var mod = T.fmod(a, b)
        if mod != 0 && (b < 0) != (mod < 0) { mod += b }
        return mod
    }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T {
        checkedDivisor(b)
        let r = a.remainderReportingOverflow(dividingBy: b).partialValue
        return r != 0 && (r < 0) != (b < 0) ? r &+ b : r
    }
}

/// `fmod`: C's truncated remainder, the result takes the dividend's sign.
struct FmodOp: BinaryArithmetic {
    var kernelName: String { "fmod_cpu" }
    var supportsBool: Bool { false }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { T.fmod(a, b) }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T {
        checkedDivisor(b)
        return a.remainderReportingOverflow(dividingBy: b).partialValue
    }
}

/// Integer power by squaring; negative exponents give 0 except for bases 1 and -1 (PyTorch's powi).
@inline(__always) func integerPow<T: IntegerTensorElement>(_ base: T, _ exponent: T) -> T {
    if exponent < 0 {
        if base == 1 { return 1 }
        if T.isSigned && base == 0 &- 1 { return exponent & 1 == 0 ? 1 : base }
        return 0
    }
    var result: T = 1
    var b = base
    var e = exponent
    while e != 0 {
        if e & 1 == 1 { result = result &* b }
        e >>= 1
        if e != 0 { b = b &* b }
    }
    return result
}

struct PowOp: BinaryArithmetic {
    var kernelName: String { "pow" }
    var supportsBool: Bool { false }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { T.pow(a, b) }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { integerPow(a, b) }
}

/// `tensor ** number`: PyTorch's pow_tensor_scalar_optimized special cases give exact squares and cubes
/// and use sqrt/reciprocal for ±0.5 and -1/-2.
struct PowScalarOp: BinaryArithmetic {
    enum Mode { case square, cube, sqrt, rsqrt, reciprocal, reciprocalSquare, general }
    let mode: Mode
    var kernelName: String { "pow" }
    var supportsBool: Bool { false }

    /// PyTorch skips the sqrt shortcuts for float16 (pow(-inf, 0.5) is then inf, not NaN).
    init(exponent: Scalar, dtype: DType) {
        let reduced = dtype == .float16
        switch exponent.doubleValue {
        case 2: mode = .square
        case 3: mode = .cube
        case 0.5 where !reduced: mode = .sqrt
        case -0.5 where !reduced: mode = .rsqrt
        case -1: mode = .reciprocal
        case -2: mode = .reciprocalSquare
        default: mode = .general
        }
    }

    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T {
        switch mode {
        case .square: return a * a
        case .cube: return a * a * a
        case .sqrt: return a.squareRoot()
        case .rsqrt: return 1 / a.squareRoot()
        case .reciprocal: return 1 / a
        case .reciprocalSquare: return 1 / (a * a)
        case .general: return T.pow(a, b)
        }
    }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T {
        switch mode {
        case .square: return a &* a
        case .cube: return a &* a &* a
        default: return integerPow(a, b)
        }
    }
}

struct Atan2Op: BinaryArithmetic {
    var kernelName: String { "atan2_cpu" }
    var supportsIntegers: Bool { false }
    var supportsBool: Bool { false }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T { T.atan2(a, b) }
    func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { torchFail("unreachable") }
}

/// `maximum`/`minimum` propagate NaN; `fmax`/`fmin` prefer the number.
struct MaximumOp: BinaryArithmetic {
    var kernelName: String { "maximum_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T {
        a.isNaN ? a : (b.isNaN ? b : (a < b ? b : a))  // ties keep a, so maximum(-0.0, 0.0) is -0.0
    }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { Swift.max(a, b) }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a || b }
}

struct MinimumOp: BinaryArithmetic {
    var kernelName: String { "minimum_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T {
        a.isNaN ? a : (b.isNaN ? b : (b < a ? b : a))
    }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { Swift.min(a, b) }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a && b }
}

struct FmaxOp: BinaryArithmetic {
    var kernelName: String { "fmax_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T {
        a.isNaN ? b : (b.isNaN ? a : (a > b ? a : b))
    }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { Swift.max(a, b) }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a || b }
}

struct FminOp: BinaryArithmetic {
    var kernelName: String { "fmin_cpu" }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T {
        a.isNaN ? b : (b.isNaN ? a : (a < b ? a : b))
    }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { Swift.min(a, b) }
    @inline(__always) func bool(_ a: Bool, _ b: Bool) -> Bool { a && b }
}
