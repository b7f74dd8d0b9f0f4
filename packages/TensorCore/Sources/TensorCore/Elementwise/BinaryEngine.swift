/// The driver every binary elementwise op shares: promotion, broadcasting, in-place checks, and a
/// dispatch to one loop specialized per dtype. Operands already in the computation dtype are read in
/// place (no converting copy); plain numbers are folded into the loop as constants.

/// An arithmetic op: result has the computation dtype. Each category gets its own element function.
package protocol BinaryArithmetic {
    /// Kernel name used in PyTorch's "not implemented for" messages (e.g. "remainder_cpu").
    var kernelName: String { get }
    var supportsBool: Bool { get }
    var supportsFloat: Bool { get }
    var supportsIntegers: Bool { get }
    /// Whether a number operand keeps full precision for float16/bfloat16 (PyTorch's mul and div read it
    /// in float); other ops round it to the tensor's dtype first.
    var scalarInOpmath: Bool { get }
    func float<T: MathFloat>(_ a: T, _ b: T) -> T
    /// The float formula for storage `S`: `float` in `S.Compute`, unless the op rounds intermediates to a
    /// float16/bfloat16 storage as ATen's scalar kernel does (c10's math functions on Half return Half).
    func stored<S: FloatStorage>(_ a: S.Compute, _ b: S.Compute, _: S.Type) -> S.Compute
    func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> T
    func bool(_ a: Bool, _ b: Bool) -> Bool
}

extension BinaryArithmetic {
    package var supportsBool: Bool { true }
    package var supportsFloat: Bool { true }
    package var supportsIntegers: Bool { true }
    package var scalarInOpmath: Bool { false }
    package func stored<S: FloatStorage>(_ a: S.Compute, _ b: S.Compute, _: S.Type) -> S.Compute { float(a, b) }
    package func bool(_ a: Bool, _ b: Bool) -> Bool { torchFail("\"\(kernelName)\" not implemented for 'Bool'") }
}

/// A predicate (comparison or logical op): computed in the common dtype, result is bool.
package protocol BinaryPredicate {
    func float<T: MathFloat>(_ a: T, _ b: T) -> Bool
    func integer<T: IntegerTensorElement>(_ a: T, _ b: T) -> Bool
    func bool(_ a: Bool, _ b: Bool) -> Bool
}

/// The prepared operands of one binary op: inputs cast to `dtype` where needed, shape broadcast.
package struct BinaryPlan {
    let a: Operand
    let b: Operand
    let dtype: DType
    let shape: [Int]

    /// `dtype`: the computation dtype (nil: `torch.result_type`). `out`: the tensor written in place.
    init(_ a: Operand, _ b: Operand, dtype: DType?, out: Tensor?, checkOut: Bool = true) {
        let shape = broadcastShapes(a.sizes, b.sizes)
        let dtype = dtype ?? commonType(a, b)
        if let out, checkOut { checkInPlace(out, resultType: dtype, shape: shape) }
        func prepare(_ operand: Operand) -> Operand {
            guard case .tensor(let t) = operand else { return operand }
            return .tensor(unaliased(t, from: out).to(dtype))
        }
        self.a = prepare(a)
        self.b = prepare(b)
        self.dtype = dtype
        self.shape = shape
    }

    /// The tensor the kernel writes: `out` itself when its dtype matches, else a fresh result.
    func target(_ out: Tensor?, dtype: DType) -> Tensor {
        if let out, out.dtype == dtype { return out }
        return Tensor(uninitializedShape: shape, dtype: dtype)
    }
}

/// `torch.result_type` of two operands, skipping the general rule (and its array) in the common cases:
/// equal tensor dtypes, and a number no higher in category (bool < integer < float) than the tensor.
package func commonType(_ a: Operand, _ b: Operand) -> DType {
    switch (a, b) {
    case (.tensor(let x), .tensor(let y)) where x.dtype == y.dtype: return x.dtype
    case (.tensor(let x), .scalar(let s)), (.scalar(let s), .tensor(let x)):
        if x.dtype.isFloatingPoint || (x.dtype.isIntegral && s.dtype != .float64) || s.dtype == .bool {
            return x.dtype
        }
    default: break
    }
    return DType.resultType([a.promotion, b.promotion])
}

/// Delivers a kernel's result: copies into `out` (casting) when the kernel could not write it directly.
package func finish(_ result: Tensor, into out: Tensor?) -> Tensor {
    guard let out else { return result }
    if result !== out { out.copy_(result) }
    out.bumpVersion()
    return out
}

/// One dtype category's element function for a binary op: how a stored element is read and how two
/// read values combine into the output element.
package protocol BinaryElementFn {
    associatedtype Input: TensorElement
    associatedtype Value
    associatedtype Output: TensorElement
    func load(_ x: Input) -> Value
    func apply(_ a: Value, _ b: Value) -> Output
}

private struct BothTensors<F: BinaryElementFn>: BinaryFunctor {
    let f: F
    @inline(__always) func callAsFunction(_ a: F.Input, _ b: F.Input) -> F.Output { f.apply(f.load(a), f.load(b)) }
}

private struct ConstantRight<F: BinaryElementFn>: UnaryFunctor {
    let f: F
    let c: F.Value
    @inline(__always) func callAsFunction(_ a: F.Input) -> F.Output { f.apply(f.load(a), c) }
}

private struct ConstantLeft<F: BinaryElementFn>: UnaryFunctor {
    let f: F
    let c: F.Value
    @inline(__always) func callAsFunction(_ b: F.Input) -> F.Output { f.apply(c, f.load(b)) }
}

/// The one loop behind all binary kernels: tensors are read in place, numbers arrive as constants.
@inline(__always)
private func binaryLoop<F: BinaryElementFn>(
    _ out: Tensor, _ a: Operand, _ b: Operand, _ f: F, constant: (Scalar) -> F.Value
) {
    let o = out.mutablePointer(F.Output.self)
    let n = out.numel
    if out.isContiguous {
        switch (a, b) {
        case (.tensor(let x), .tensor(let y)) where readsFlat(x, n) && readsFlat(y, n):
            return runFlatBinary(n, o, x.pointer(F.Input.self), y.pointer(F.Input.self), BothTensors(f: f))
        case (.tensor(let x), .scalar(let s)) where readsFlat(x, n):
            return runFlatUnary(n, o, x.pointer(F.Input.self), ConstantRight(f: f, c: constant(s)))
        case (.scalar(let s), .tensor(let y)) where readsFlat(y, n):
            return runFlatUnary(n, o, y.pointer(F.Input.self), ConstantLeft(f: f, c: constant(s)))
        default: break
        }
    }
    let shape = out.sizes
    switch (a, b) {
    case (.tensor(let x), .tensor(let y)):
        let loop = StridedLoop(
            shape: shape, strides: [out.strideValues, x.broadcastStrides(to: shape), y.broadcastStrides(to: shape)])
        runBinary(loop, o, x.pointer(F.Input.self), y.pointer(F.Input.self), BothTensors(f: f))
    case (.tensor(let x), .scalar(let s)):
        let loop = StridedLoop(shape: shape, strides: [out.strideValues, x.broadcastStrides(to: shape)])
        runUnary(loop, o, x.pointer(F.Input.self), ConstantRight(f: f, c: constant(s)))
    case (.scalar(let s), .tensor(let y)):
        let loop = StridedLoop(shape: shape, strides: [out.strideValues, y.broadcastStrides(to: shape)])
        runUnary(loop, o, y.pointer(F.Input.self), ConstantLeft(f: f, c: constant(s)))
    case (.scalar(let s), .scalar(let t)):
        o.pointee = f.apply(constant(s), constant(t))
    }
}

@inline(__always) private func floatConstant<C: MathFloat>(_ s: Scalar) -> C { C(s.doubleValue) }

/// A number as the storage type `S` would hold it, then widened to its computation type.
@inline(__always) private func roundedConstant<S: FloatStorage>(_ s: Scalar, _: S.Type) -> S.Compute {
    S(compute: S.Compute(s.doubleValue)).compute
}

@inline(__always) private func intConstant<T: IntegerTensorElement>(_ s: Scalar) -> T {
    T(truncatingIfNeeded: s.int64Value)
}

private struct FloatArithmetic<Op: BinaryArithmetic, S: FloatStorage>: BinaryElementFn {
    let op: Op
    @inline(__always) func load(_ x: S) -> S.Compute { x.compute }
    @inline(__always) func apply(_ a: S.Compute, _ b: S.Compute) -> S { S(compute: op.stored(a, b, S.self)) }
}

private struct IntegerArithmetic<Op: BinaryArithmetic, S: IntegerTensorElement>: BinaryElementFn {
    let op: Op
    @inline(__always) func load(_ x: S) -> S { x }
    @inline(__always) func apply(_ a: S, _ b: S) -> S { op.integer(a, b) }
}

private struct BoolArithmetic<Op: BinaryArithmetic>: BinaryElementFn {
    let op: Op
    @inline(__always) func load(_ x: Bool) -> Bool { x }
    @inline(__always) func apply(_ a: Bool, _ b: Bool) -> Bool { op.bool(a, b) }
}

private struct FloatPredicate<Op: BinaryPredicate, S: FloatStorage>: BinaryElementFn {
    let op: Op
    @inline(__always) func load(_ x: S) -> S.Compute { x.compute }
    @inline(__always) func apply(_ a: S.Compute, _ b: S.Compute) -> Bool { op.float(a, b) }
}

private struct IntegerPredicate<Op: BinaryPredicate, S: IntegerTensorElement>: BinaryElementFn {
    let op: Op
    @inline(__always) func load(_ x: S) -> S { x }
    @inline(__always) func apply(_ a: S, _ b: S) -> Bool { op.integer(a, b) }
}

private struct BoolPredicate<Op: BinaryPredicate>: BinaryElementFn {
    let op: Op
    @inline(__always) func load(_ x: Bool) -> Bool { x }
    @inline(__always) func apply(_ a: Bool, _ b: Bool) -> Bool { op.bool(a, b) }
}

private struct ArithmeticKernel<Op: BinaryArithmetic>: ElementVisitor {
    let op: Op
    let out: Tensor
    let a: Operand
    let b: Operand

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
        case .bool: binaryLoop(out, a, b, BoolArithmetic(op: op), constant: { $0.boolValue })
        }
    }

    private func float<S: FloatStorage>(_: S.Type) {
        let opmath = op.scalarInOpmath
        binaryLoop(out, a, b, FloatArithmetic<Op, S>(op: op)) {
            opmath ? floatConstant($0) : roundedConstant($0, S.self)
        }
    }

    private func integer<S: IntegerTensorElement>(_: S.Type) {
        binaryLoop(out, a, b, IntegerArithmetic<Op, S>(op: op), constant: intConstant)
    }
}

private struct PredicateKernel<Op: BinaryPredicate>: ElementVisitor {
    let op: Op
    let out: Tensor
    let a: Operand
    let b: Operand

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
        case .bool: binaryLoop(out, a, b, BoolPredicate(op: op), constant: { $0.boolValue })
        }
    }

    private func float<S: FloatStorage>(_: S.Type) {
        binaryLoop(out, a, b, FloatPredicate<Op, S>(op: op)) { roundedConstant($0, S.self) }
    }

    private func integer<S: IntegerTensorElement>(_: S.Type) {
        // A float number against an integer tensor never reaches here: promotion makes the dtype float.
        binaryLoop(out, a, b, IntegerPredicate<Op, S>(op: op), constant: intConstant)
    }
}

extension Tensor {
    /// Runs an arithmetic op. `dtype` overrides the computation dtype (e.g. true division of integers).
    package static func arithmetic<Op: BinaryArithmetic>(
        _ op: Op, _ a: Operand, _ b: Operand, dtype: DType? = nil, into out: Tensor? = nil
    ) -> Tensor {
        let plan = BinaryPlan(a, b, dtype: dtype, out: out)
        let dtype = plan.dtype
        if dtype == .bool && !op.supportsBool { notImplemented(op.kernelName, dtype) }
        if dtype.isFloatingPoint && !op.supportsFloat { notImplemented(op.kernelName, dtype) }
        if dtype.isIntegral && !op.supportsIntegers { notImplemented(op.kernelName, dtype) }
        let result = plan.target(out, dtype: dtype)
        dtype.visit(ArithmeticKernel(op: op, out: result, a: plan.a, b: plan.b))
        return finish(result, into: out)
    }

    /// Runs a predicate in the promoted dtype; the result is a bool tensor (or written into `out`).
    package static func predicate<Op: BinaryPredicate>(
        _ op: Op, _ a: Operand, _ b: Operand, into out: Tensor? = nil
    ) -> Tensor {
        let common = commonType(a, b)
        let shape = broadcastShapes(a.sizes, b.sizes)
        if let out { checkInPlace(out, resultType: .bool, shape: shape) }
        let plan = BinaryPlan(a, b, dtype: common, out: out, checkOut: false)
        let result = plan.target(out, dtype: .bool)
        common.visit(PredicateKernel(op: op, out: result, a: plan.a, b: plan.b))
        return finish(result, into: out)
    }
}
