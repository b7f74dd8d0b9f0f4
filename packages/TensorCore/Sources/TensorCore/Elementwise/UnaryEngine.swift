import CVectorKernels

/// The driver behind every unary elementwise op: the dtype rule (promote integers to the default float,
/// keep them, or reject them with PyTorch's message), the in-place checks, and one loop per dtype.
/// Contiguous float32 runs of ops with a SIMD implementation go through `vector`.

package enum UnaryInputRule {
    /// Integer and bool inputs compute in the default float dtype (`torch.exp(int_tensor)` is float32).
    case promoteToFloat
    /// Integers compute natively; bool natively too unless `boolFailure` names PyTorch's refusal.
    case keepIntegers
    /// Only floating-point inputs; others stop with `"<kernelName>" not implemented for '<Type>'`.
    case floatOnly
}

package protocol UnaryElementOp {
    var kernelName: String { get }
    var rule: UnaryInputRule { get }
    /// PyTorch's message for a bool input under `.keepIntegers` (nil: bool is supported).
    var boolFailure: String? { get }
    var hasVector: Bool { get }
    /// The AVX2 array kernel computing the same function as `vector`, when there is one.
    var arrayKernel: cvk_unary_kind? { get }
    func float<T: MathFloat>(_ x: T) -> T
    func integer<T: IntegerTensorElement>(_ x: T) -> T
    func bool(_ x: Bool) -> Bool
    func vector(_ x: SIMD8<Float>) -> SIMD8<Float>
}

extension UnaryElementOp {
    package var rule: UnaryInputRule { .promoteToFloat }
    package var boolFailure: String? { nil }
    package var hasVector: Bool { false }
    package var arrayKernel: cvk_unary_kind? { nil }
    package func integer<T: IntegerTensorElement>(_ x: T) -> T { torchFail("unreachable") }
    package func bool(_ x: Bool) -> Bool { torchFail("unreachable") }
    package func vector(_ x: SIMD8<Float>) -> SIMD8<Float> { x }
}

private struct FloatUnary<Op: UnaryElementOp, S: FloatStorage>: UnaryFunctor {
    let op: Op
    @inline(__always) func callAsFunction(_ x: S) -> S { S(compute: op.float(x.compute)) }
}

private struct IntegerUnary<Op: UnaryElementOp, S: IntegerTensorElement>: UnaryFunctor {
    let op: Op
    @inline(__always) func callAsFunction(_ x: S) -> S { op.integer(x) }
}

private struct BoolUnary<Op: UnaryElementOp>: UnaryFunctor {
    let op: Op
    @inline(__always) func callAsFunction(_ x: Bool) -> Bool { op.bool(x) }
}

private struct UnaryKernel<Op: UnaryElementOp>: ElementVisitor {
    let op: Op
    let out: Tensor
    let input: Tensor

    func visit<T: TensorElement>(_: T.Type) {
        switch T.dtype {
        case .float32: op.hasVector ? vectorFloat32() : float(Float.self)
        case .float64: float(Double.self)
        case .float16: float(Float16.self)
        case .bfloat16: float(BFloat16.self)
        case .uint8: integer(UInt8.self)
        case .int8: integer(Int8.self)
        case .int16: integer(Int16.self)
        case .int32: integer(Int32.self)
        case .int64: integer(Int64.self)
        case .bool: run(BoolUnary(op: op))
        }
    }

    private var loop: StridedLoop {
        StridedLoop(shape: out.sizes, strides: [out.strideValues, input.strideValues])
    }

    private var flat: Bool { out.isContiguous && readsFlat(input, out.numel) }

    private func run<F: UnaryFunctor>(grain: Int = Threads.grainSize, _ f: F) {
        let o = out.mutablePointer(F.Output.self), x = input.pointer(F.Input.self)
        if flat { return runFlatUnary(out.numel, o, x, grain: grain, f) }
        runUnary(loop, o, x, grain: grain, f)
    }

    private func float<S: FloatStorage>(_: S.Type) { run(grain: 8192, FloatUnary<Op, S>(op: op)) }

    private func integer<S: IntegerTensorElement>(_: S.Type) { run(IntegerUnary<Op, S>(op: op)) }

    /// Eight lanes at a time; the tail is padded into one more vector so every element takes the same path.
    private func vectorFloat32() {
        let o = out.mutablePointer(Float.self)
        let x = input.pointer(Float.self)
        if flat {
            return parallelFor(out.numel, grain: 8192) { range in
                vectorRun(o + range.lowerBound, x + range.lowerBound, range.count)
            }
        }
        let loop = self.loop
        guard loop.innerStride(0) == 1 && loop.innerStride(1) == 1 else { return float(Float.self) }
        loop.run(grain: 8192) { offsets, count in vectorRun(o + offsets[0], x + offsets[1], count) }
    }

    @inline(__always)
    private func vectorRun(_ dst: UnsafeMutablePointer<Float>, _ src: UnsafePointer<Float>, _ count: Int) {
        if let kind = op.arrayKernel, VectorKernels.avx2 { return cvk_unary_f32(kind, src, dst, count) }
        var i = 0
        while i + 8 <= count {
            let v = UnsafeRawPointer(src + i).loadUnaligned(as: SIMD8<Float>.self)
            UnsafeMutableRawPointer(dst + i).storeBytes(of: op.vector(v), as: SIMD8<Float>.self)
            i += 8
        }
        if i < count {
            var v = SIMD8<Float>(repeating: 0)
            for k in 0..<(count - i) { v[k] = src[i + k] }
            let r = op.vector(v)
            for k in 0..<(count - i) { dst[i + k] = r[k] }
        }
    }
}

extension Tensor {
    /// Applies `op` elementwise, into `self` when `inPlace`.
    package func unary<Op: UnaryElementOp>(_ op: Op, inPlace: Bool) -> Tensor {
        var compute = dtype
        if !dtype.isFloatingPoint {
            switch op.rule {
            case .promoteToFloat: compute = DType.defaultFloatingPoint
            case .floatOnly: notImplemented(op.kernelName, dtype)
            case .keepIntegers:
                if dtype == .bool, let message = op.boolFailure { torchFail(message) }
            }
        }
        let out: Tensor? = inPlace ? self : nil
        if let out { checkInPlace(out, resultType: compute, shape: sizes) }
        let input = to(compute)
        let result = out?.dtype == compute ? out! : Tensor(uninitializedShape: sizes, dtype: compute)
        compute.visit(UnaryKernel(op: op, out: result, input: input))
        return finish(result, into: out)
    }
}
