import CVectorKernels

/// Element functions of the activations that live in `torch.nn.functional` (float inputs only,
/// except relu, which keeps integers).

struct ReluOp: UnaryElementOp {
    var kernelName: String { "relu" }
    var rule: UnaryInputRule { .keepIntegers }
    var boolFailure: String? { "Boolean inputs not supported for relu" }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { x < 0 ? 0 : x }  // keeps NaN and -0.0, as max(x, 0)
    @inline(__always) func integer<T: IntegerTensorElement>(_ x: T) -> T { x > 0 ? x : 0 }
}

struct SiluOp: UnaryElementOp {
    var kernelName: String { "silu_cpu" }
    var rule: UnaryInputRule { .floatOnly }
    var hasVector: Bool { true }
    var arrayKernel: cvk_unary_kind? { CVK_SILU }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T { x / (1 + T.exp(-x)) }
    @inline(__always) func vector(_ x: SIMD8<Float>) -> SIMD8<Float> { x / (1 + VectorMath.exp(-x)) }
}

/// GELU with the exact erf form, `x/2 · (1 + erf(x/√2))`.
struct GeluOp: UnaryElementOp {
    var kernelName: String { "GeluKernelImpl" }
    var rule: UnaryInputRule { .floatOnly }
    var hasVector: Bool { true }
    @inline(__always) func vector(_ x: SIMD8<Float>) -> SIMD8<Float> {
        0.5 * x * (1 + VectorMath.gaussianErf(x * 0.707_106_781_186_547_524_4))
    }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T {
        x * 0.5 * (1 + T.erf(x * 0.707_106_781_186_547_524_4))
    }
}

/// GELU's tanh approximation, `x/2 · (1 + tanh(√(2/π) · (x + 0.044715 x³)))`.
struct GeluTanhOp: UnaryElementOp {
    var kernelName: String { "GeluKernelImpl" }
    var rule: UnaryInputRule { .floatOnly }
    var hasVector: Bool { true }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T {
        let inner = 0.797_884_560_802_865_355_9 * (x + 0.044715 * x * x * x)
        return 0.5 * x * (1 + T.tanh(inner))
    }
    @inline(__always) func vector(_ x: SIMD8<Float>) -> SIMD8<Float> {
        let inner = 0.797_884_560_802_865_355_9 * (x + 0.044715 * x * x * x)
        return 0.5 * x * (1 + VectorMath.tanh(inner))
    }
}

/// `log1p(exp(beta x)) / beta`, linear above `threshold` (in units of beta x).
struct SoftplusOp: UnaryElementOp {
    let beta: Double
    let threshold: Double
    var kernelName: String { "softplus_cpu" }
    var rule: UnaryInputRule { .floatOnly }
    @inline(__always) func float<T: MathFloat>(_ x: T) -> T {
        let b = T(beta)
        return x * b > T(threshold) ? x : T.log1p(T.exp(x * b)) / b
    }
}
