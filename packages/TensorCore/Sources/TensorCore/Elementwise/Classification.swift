/// Bool-valued tests of each element: isnan, isinf, isfinite, isposinf, isneginf, signbit.
/// Integer and bool inputs have no NaN or infinity; their answers need no loop over floats.

private enum FloatClass {
    case nan, inf, finite, posinf, neginf, signbit

    @inline(__always) func test<T: BinaryFloatingPoint>(_ x: T) -> Bool {
        switch self {
        case .nan: return x.isNaN
        case .inf: return x.isInfinite
        case .finite: return x.isFinite
        case .posinf: return x == .infinity
        case .neginf: return x == -.infinity
        case .signbit: return x.sign == .minus
        }
    }
}

private struct ClassifyFloat<S: FloatStorage>: UnaryFunctor {
    let kind: FloatClass
    @inline(__always) func callAsFunction(_ x: S) -> Bool { kind.test(x.compute) }
}

/// Integers are finite and never NaN or infinite; only signbit looks at the value.
private struct ClassifyInteger<S: TensorElement>: UnaryFunctor {
    let kind: FloatClass
    @inline(__always) func callAsFunction(_ x: S) -> Bool { kind == .finite || (kind == .signbit && x.asInt64 < 0) }
}

private struct ClassifyKernel: ElementVisitor {
    let kind: FloatClass
    let out: Tensor
    let input: Tensor

    func visit<T: TensorElement>(_: T.Type) {
        let loop = StridedLoop(shape: out.sizes, strides: [out.strideValues, input.strideValues])
        let o = out.mutablePointer(Bool.self)
        switch T.dtype {
        case .float32: runUnary(loop, o, input.pointer(Float.self), ClassifyFloat<Float>(kind: kind))
        case .float64: runUnary(loop, o, input.pointer(Double.self), ClassifyFloat<Double>(kind: kind))
        case .float16: runUnary(loop, o, input.pointer(Float16.self), ClassifyFloat<Float16>(kind: kind))
        case .bfloat16: runUnary(loop, o, input.pointer(BFloat16.self), ClassifyFloat<BFloat16>(kind: kind))
        default: runUnary(loop, o, input.pointer(T.self), ClassifyInteger<T>(kind: kind))
        }
    }
}

extension Tensor {
    private func classify(_ kind: FloatClass) -> Tensor {
        let result = Tensor(uninitializedShape: sizes, dtype: .bool)
        dtype.visit(ClassifyKernel(kind: kind, out: result, input: self))
        return result
    }

    /// True where the element is NaN; integers and bools never are (PyTorch: `Tensor.isnan`, `torch.isnan`).
    public func isnan() -> Tensor { classify(.nan) }
    /// True at +inf and -inf (PyTorch: `Tensor.isinf`, `torch.isinf`).
    public func isinf() -> Tensor { classify(.inf) }
    /// True where the element is neither NaN nor infinite (PyTorch: `Tensor.isfinite`, `torch.isfinite`).
    public func isfinite() -> Tensor { classify(.finite) }
    /// True at +inf only (PyTorch: `Tensor.isposinf`, `torch.isposinf`).
    public func isposinf() -> Tensor { classify(.posinf) }
    /// True at -inf only (PyTorch: `Tensor.isneginf`, `torch.isneginf`).
    public func isneginf() -> Tensor { classify(.neginf) }
    /// True where the sign bit is set (-0.0 included).
    /// PyTorch: `Tensor.signbit` (`torch.signbit`).
    public func signbit() -> Tensor { classify(.signbit) }
}
