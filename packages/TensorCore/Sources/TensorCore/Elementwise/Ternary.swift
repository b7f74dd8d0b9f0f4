/// Three-input pointwise ops: `lerp`, `addcmul`, `addcdiv`. Inputs are promoted to one dtype and
/// broadcast; the number argument (`value`, a scalar `weight`) is applied in the computation type.

package protocol TernaryArithmetic {
    var kernelName: String { get }
    var supportsIntegers: Bool { get }
    func float<T: MathFloat>(_ a: T, _ b: T, _ c: T) -> T
    func integer<T: IntegerTensorElement>(_ a: T, _ b: T, _ c: T) -> T
}

private struct FloatTernary<Op: TernaryArithmetic, S: FloatStorage>: TernaryFunctor {
    let op: Op
    @inline(__always) func callAsFunction(_ a: S, _ b: S, _ c: S) -> S {
        S(compute: op.float(a.compute, b.compute, c.compute))
    }
}

private struct IntegerTernary<Op: TernaryArithmetic, S: IntegerTensorElement>: TernaryFunctor {
    let op: Op
    @inline(__always) func callAsFunction(_ a: S, _ b: S, _ c: S) -> S { op.integer(a, b, c) }
}

private struct TernaryKernel<Op: TernaryArithmetic>: ElementVisitor {
    let op: Op
    let out: Tensor
    let inputs: [Tensor]

    func visit<T: TensorElement>(_: T.Type) {
        switch T.dtype {
        case .float32: float(Float.self)
        case .float64: float(Double.self)
        case .float16: float(Float16.self)
        case .bfloat16: float(BFloat16.self)
        case .uint8: integer(UInt8.self)
        case .int8: integer(Int8.self)
        case .int16: integer(Int16.self)
        case .int32: integer(Int32.self)
        case .int64: integer(Int64.self)
        case .bool: notImplemented(op.kernelName, .bool)
        }
    }

    private var loop: StridedLoop {
        StridedLoop(shape: out.sizes, strides: [out.strideValues] + inputs.map { $0.broadcastStrides(to: out.sizes) })
    }

    private func float<S: FloatStorage>(_: S.Type) {
        runTernary(
            loop, out.mutablePointer(S.self), inputs[0].pointer(S.self), inputs[1].pointer(S.self),
            inputs[2].pointer(S.self), FloatTernary<Op, S>(op: op))
    }

    private func integer<S: IntegerTensorElement>(_: S.Type) {
        runTernary(
            loop, out.mutablePointer(S.self), inputs[0].pointer(S.self), inputs[1].pointer(S.self),
            inputs[2].pointer(S.self), IntegerTernary<Op, S>(op: op))
    }
}

extension Tensor {
    package static func ternary<Op: TernaryArithmetic>(
        _ op: Op, _ a: Tensor, _ b: Tensor, _ c: Tensor, dtype: DType, into out: Tensor? = nil
    ) -> Tensor {
        let shape = broadcastShapes([a.sizes, b.sizes, c.sizes])
        if let out { checkInPlace(out, resultType: dtype, shape: shape) }
        if dtype.isIntegral && !op.supportsIntegers { notImplemented(op.kernelName, dtype) }
        let inputs = [a, b, c].map { unaliased($0, from: out).to(dtype) }
        let result = out?.dtype == dtype ? out! : Tensor(uninitializedShape: shape, dtype: dtype)
        dtype.visit(TernaryKernel(op: op, out: result, inputs: inputs))
        return finish(result, into: out)
    }
}

struct AddcmulOp: TernaryArithmetic {
    let value: Scalar
    /// float16/bfloat16: torch's kernel compiles to `fma(value * b, c, a)` in float (measured at the
    /// cases where that and the two-rounding form differ after the final rounding).
    let fused: Bool
    var kernelName: String { "addcmul_cpu_out" }
    var supportsIntegers: Bool { true }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T, _ c: T) -> T {
        fused ? a.addingProduct(T(value.doubleValue) * b, c) : a + T(value.doubleValue) * b * c
    }
    @inline(__always) func integer<T: IntegerTensorElement>(_ a: T, _ b: T, _ c: T) -> T {
        a &+ T(truncatingIfNeeded: value.int64Value) &* b &* c
    }
}

struct AddcdivOp: TernaryArithmetic {
    let value: Scalar
    var kernelName: String { "addcdiv_cpu_out" }
    var supportsIntegers: Bool { false }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T, _ c: T) -> T { a + T(value.doubleValue) * b / c }
    func integer<T: IntegerTensorElement>(_ a: T, _ b: T, _ c: T) -> T { torchFail("unreachable") }
}

/// PyTorch's two-sided lerp formula: exact at both ends and monotone.
@inline(__always) func lerpElement<T: MathFloat>(_ start: T, _ end: T, _ weight: T) -> T {
    weight.magnitude < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
}

struct LerpOp: TernaryArithmetic {
    var kernelName: String { "lerp_kernel_tensor" }
    var supportsIntegers: Bool { false }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T, _ c: T) -> T { lerpElement(a, b, c) }
    func integer<T: IntegerTensorElement>(_ a: T, _ b: T, _ c: T) -> T { torchFail("unreachable") }
}

struct LerpScalarOp: BinaryArithmetic {
    let weight: Double
    /// float16/bfloat16: torch's kernel (vectorized and scalar) computes one fma from the nearer end in
    /// float, `fma(weight, end - start, start)` or `fma(weight - 1, end - start, end)`.
    let fused: Bool
    var kernelName: String { "lerp_kernel_scalar" }
    var supportsIntegers: Bool { false }
    var supportsBool: Bool { false }
    @inline(__always) func float<T: MathFloat>(_ a: T, _ b: T) -> T {
        guard fused else { return lerpElement(a, b, T(weight)) }
        let w = T(weight)
        return w.magnitude < 0.5 ? a.addingProduct(w, b - a) : b.addingProduct(w - 1, b - a)
    }
    func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T { torchFail("unreachable") }
}

extension DType {
    /// How PyTorch's lerp dtype check prints a dtype.
    fileprivate var lerpName: String {
        switch self {
        case .float32: return "float"
        case .float64: return "double"
        case .float16: return "c10::Half"
        case .bfloat16: return "c10::BFloat16"
        case .int64: return "long int"
        case .int32: return "int"
        case .int16: return "short int"
        case .int8: return "signed char"
        case .uint8: return "unsigned char"
        case .bool: return "bool"
        }
    }
}

extension Tensor {
    private func resultType(_ tensors: Tensor...) -> DType {
        DType.resultType(tensors.map { .tensor($0.dtype, ndim: $0.sizes.count) })
    }

    private func addcmulImpl(_ t1: Tensor, _ t2: Tensor, _ value: Scalar, inPlace: Bool) -> Tensor {
        let type = resultType(self, t1, t2)
        return Tensor.ternary(
            AddcmulOp(value: value, fused: type.isReducedFloat), self, t1, t2, dtype: type, into: inPlace ? self : nil)
    }

    private func addcdivImpl(_ t1: Tensor, _ t2: Tensor, _ value: Scalar, inPlace: Bool) -> Tensor {
        torchCheck(
            t1.dtype.isFloatingPoint || t2.dtype.isFloatingPoint,
            "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as (input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as (input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior is just the latter implementation: (input + value * tensor1 / tensor2), for all dtypes."
        )
        return Tensor.ternary(
            AddcdivOp(value: value), self, t1, t2, dtype: resultType(self, t1, t2), into: inPlace ? self : nil)
    }

    /// `self + value * tensor1 * tensor2`.
    /// PyTorch: `Tensor.addcmul` (`torch.addcmul`).
    public func addcmul(_ tensor1: Tensor, _ tensor2: Tensor, value: Scalar = 1) -> Tensor {
        addcmulImpl(tensor1, tensor2, value, inPlace: false).recorded(.addcmul(value: value), self, tensor1, tensor2)
    }
    /// In-place `addcmul`, as optimizers update their running moments (PyTorch: `Tensor.addcmul_`).
    @discardableResult
    public func addcmul_(_ tensor1: Tensor, _ tensor2: Tensor, value: Scalar = 1) -> Tensor {
        recordedInPlace(tensor1, tensor2) { $0.addcmul(tensor1, tensor2, value: value) }
            ?? addcmulImpl(tensor1, tensor2, value, inPlace: true)
    }
    /// `self + value * tensor1 / tensor2` (true division; integer tensor1/tensor2 are refused).
    /// PyTorch: `Tensor.addcdiv` (`torch.addcdiv`).
    public func addcdiv(_ tensor1: Tensor, _ tensor2: Tensor, value: Scalar = 1) -> Tensor {
        addcdivImpl(tensor1, tensor2, value, inPlace: false).recorded(.addcdiv(value: value), self, tensor1, tensor2)
    }
    /// In-place `addcdiv` (PyTorch: `Tensor.addcdiv_`).
    @discardableResult
    public func addcdiv_(_ tensor1: Tensor, _ tensor2: Tensor, value: Scalar = 1) -> Tensor {
        recordedInPlace(tensor1, tensor2) { $0.addcdiv(tensor1, tensor2, value: value) }
            ?? addcdivImpl(tensor1, tensor2, value, inPlace: true)
    }

    private func checkLerpDtype(_ other: Tensor, _ name: String) {
        torchCheck(
            other.dtype == dtype,
            "expected dtype \(dtype.lerpName) for `\(name)` but got dtype \(other.dtype.lerpName)")
    }

    private func lerpOp(_ weight: Scalar) -> LerpScalarOp {
        LerpScalarOp(weight: weight.doubleValue, fused: dtype.isReducedFloat)
    }

    /// `self + weight * (end - self)`, computed from the nearer end for accuracy.
    /// PyTorch: `Tensor.lerp` (`torch.lerp`); `end` must have this tensor's dtype.
    public func lerp(_ end: Tensor, weight: Scalar) -> Tensor {
        checkLerpDtype(end, "end")
        return binary(lerpOp(weight), .tensor(end), dtype: dtype, inPlace: false)
            .recorded(.lerp(weight: weight), self, end)
    }
    /// `self + weight * (end - self)` with an elementwise weight, broadcast; `end` and `weight` must have this
    /// tensor's dtype (PyTorch: `Tensor.lerp`, `torch.lerp`).
    public func lerp(_ end: Tensor, weight: Tensor) -> Tensor {
        checkLerpDtype(end, "end")
        checkLerpDtype(weight, "weight")
        return Tensor.ternary(LerpOp(), self, end, weight, dtype: dtype).recorded(.lerp(weight: nil), self, end, weight)
    }
    /// In-place `lerp` (PyTorch: `Tensor.lerp_`).
    @discardableResult
    public func lerp_(_ end: Tensor, weight: Scalar) -> Tensor {
        checkLerpDtype(end, "end")
        if let tracked = recordedInPlace(end, { $0.lerp(end, weight: weight) }) { return tracked }
        return binary(lerpOp(weight), .tensor(end), dtype: dtype, inPlace: true)
    }
    /// In-place `lerp` with an elementwise weight (PyTorch: `Tensor.lerp_`).
    @discardableResult
    public func lerp_(_ end: Tensor, weight: Tensor) -> Tensor {
        checkLerpDtype(end, "end")
        checkLerpDtype(weight, "weight")
        if let tracked = recordedInPlace(end, weight, { $0.lerp(end, weight: weight) }) { return tracked }
        return Tensor.ternary(LerpOp(), self, end, weight, dtype: dtype, into: self)
    }
}
