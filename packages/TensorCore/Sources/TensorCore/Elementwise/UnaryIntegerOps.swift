/// Element functions of the unary ops that keep integer dtypes (neg, abs, sign, rounding, bitwise not,
/// nan_to_num), with PyTorch's refusals for bool.

struct NegOp: UnaryElementOp {
    var kernelName: String { "neg_cpu" }
    var rule: UnaryInputRule { .keepIntegers }
    var boolFailure: String? {
        "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead."
    }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { -x }
    @inline(__always) func integer<T: IntegerTensorElement>(_ x: T) -> T { 0 &- x }
}

struct AbsOp: UnaryElementOp {
    var kernelName: String { "abs_cpu" }
    var rule: UnaryInputRule { .keepIntegers }
    var boolFailure: String? { "\"abs_cpu\" not implemented for 'Bool'" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { x.magnitude }
    @inline(__always) func integer<T: IntegerTensorElement>(_ x: T) -> T { x < 0 ? 0 &- x : x }
}

/// sign: -1, 0 or 1; NaN gives 0 like PyTorch's blend of (0 < x) - (x < 0).
struct SignOp: UnaryElementOp {
    var kernelName: String { "sign_cpu" }
    var rule: UnaryInputRule { .keepIntegers }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { (x > 0 ? 1 : 0) - (x < 0 ? 1 : 0) }
    @inline(__always) func integer<T: IntegerTensorElement>(_ x: T) -> T { x > 0 ? 1 : (x < 0 ? 0 &- 1 : 0) }
    @inline(__always) func bool(_ x: Bool) -> Bool { x }
}

/// Rounding ops: identity on integers, refused for bool.
struct RoundingOp: UnaryElementOp {
    let mode: FloatingPointRoundingRule
    let name: String
    var kernelName: String { name }
    var rule: UnaryInputRule { .keepIntegers }
    var boolFailure: String? { "\"\(name)\" not implemented for 'Bool'" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { x.rounded(mode) }
    @inline(__always) func integer<T: IntegerTensorElement>(_ x: T) -> T { x }
}

/// `round(decimals:)`: scales by 10^|decimals| around a half-to-even rounding, as PyTorch does.
struct RoundDecimalsOp: UnaryElementOp {
    let decimals: Int
    var kernelName: String { "round_cpu" }
    var rule: UnaryInputRule { .floatOnly }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T {
        let scale = T(Double.pow(10, Double(abs(decimals))))
        return decimals < 0
            ? (x / scale).rounded(.toNearestOrEven) * scale
            : (x * scale).rounded(.toNearestOrEven) / scale
    }
}

struct FracOp: UnaryElementOp {
    var kernelName: String { "frac_cpu" }
    var rule: UnaryInputRule { .floatOnly }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { x - x.rounded(.towardZero) }
}

struct BitwiseNotOp: UnaryElementOp {
    var kernelName: String { "bitwise_not_cpu" }
    var rule: UnaryInputRule { .keepIntegers }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { torchFail("unreachable") }
    @inline(__always) func integer<T: IntegerTensorElement>(_ x: T) -> T { ~x }
    @inline(__always) func bool(_ x: Bool) -> Bool { !x }
}

/// `nan_to_num`: the replacements are already resolved for the dtype (defaults: 0 and its finite extremes).
struct NanToNumOp: UnaryElementOp {
    let nan: Double
    let posinf: Double
    let neginf: Double
    var kernelName: String { "nan_to_num" }
    var rule: UnaryInputRule { .keepIntegers }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T {
        x.isNaN ? T(nan) : (x == .infinity ? T(posinf) : (x == -.infinity ? T(neginf) : x))
    }
    @inline(__always) func integer<T: IntegerTensorElement>(_ x: T) -> T { x }
    @inline(__always) func bool(_ x: Bool) -> Bool { x }
}
