import Foundation

// Normal sampling, following torch's CPU `normal_kernel`:
// - contiguous tensors of >= 16 elements: draw all uniforms first (serially: it is one stream), then
//   Box-Muller over blocks of 16 (lanes j, j+8); a ragged tail redraws 16 uniforms for the last 16
//   elements. The transform has no randomness, so it runs in parallel and stays reproducible.
// - smaller or strided tensors: one `normal_distribution<double>` draw per element, whose second
//   Box-Muller value is cached in the generator for the next draw.

/// torch's scalar `normal_distribution<double>`: log1p/sin/cos in double, then `val * std + mean`.
@inline(__always)
func normalScalar(_ engine: inout MT19937, _ generator: Generator, mean: Double, std: Double) -> Double {
    let value: Double
    if let cached = generator.nextDoubleNormal {
        generator.nextDoubleNormal = nil
        value = cached
    } else {
        let u1 = uniformDouble(engine.random64())
        let u2 = uniformDouble(engine.random64())
        let radius = (-2.0 * Foundation.log1p(-u2)).squareRoot()
        let theta = 2.0 * Double.pi * u1
        generator.nextDoubleNormal = radius * Foundation.sin(theta)
        value = radius * Foundation.cos(theta)
    }
    return mean.addingProduct(value, std)
}

private struct NormalKernel: ElementVisitor {
    let tensor: Tensor
    let mean: Double
    let std: Double
    let generator: Generator

    func visit<T: TensorElement>(_: T.Type) {
        guard T.dtype.isFloatingPoint else {
            torchFail("\"normal_kernel_cpu\" not implemented for '\(T.dtype.scalarTypeName)'")
        }
        let count = tensor.numel
        if count >= 16 && tensor.isContiguous {
            switch T.dtype {
            case .float32:
                fillBlocks(Float.self, uniform: { uniformFloat($0.random()) }) {
                    boxMuller16($0, mean: Float(mean), std: Float(std))
                }
            case .float64:
                fillBlocks(Double.self, uniform: { uniformDouble($0.random64()) }) {
                    boxMuller16($0, mean: mean, std: std)
                }
            default:  // float16, bfloat16
                fillReduced(T.self)
            }
        } else {
            let t = tensor
            generator.withLocked { engine, generator in
                serialRandomFill(t, T.self) {
                    T(fromDouble: normalScalar(&engine, generator, mean: mean, std: std))
                }
            }
        }
    }

    /// Half types: float uniforms and float math into a float buffer, rounded once at the end. Here a
    /// ragged tail is the leftover uniforms topped up with fresh draws to 16 (torch 2.15's behaviour).
    private func fillReduced<T: TensorElement>(_: T.Type) {
        let count = tensor.numel
        let buffer = UnsafeMutablePointer<Float>.allocate(capacity: count)
        defer { buffer.deallocate() }
        let full = count / 16 * 16
        let leftover = count - full
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 16) { tail in
            let tail = tail.baseAddress!
            generator.withEngine { engine in
                for i in 0..<count { buffer[i] = uniformFloat(engine.random()) }
                if leftover > 0 {
                    tail.update(from: buffer + full, count: leftover)
                    for i in leftover..<16 { tail[i] = uniformFloat(engine.random()) }
                }
            }
            let m = Float(mean), s = Float(std)
            let box = UnsafeSendableBox(buffer)
            parallelFor(full / 16, grain: 2048) { range in
                for b in range { boxMuller16Libm(box.value + 16 * b, mean: m, std: s) }
            }
            if leftover > 0 {
                boxMuller16Libm(tail, mean: m, std: s)
                (buffer + count - 16).update(from: tail, count: 16)
            }
        }
        let out = tensor.mutablePointer(T.self)
        for i in 0..<count { out[i] = T(fromDouble: Double(buffer[i])) }
    }

    /// Uniforms for every element (plus 16 for a ragged tail) under the lock, then the transform.
    private func fillBlocks<E: TensorElement>(
        _: E.Type, uniform: (inout MT19937) -> E, transform: (UnsafeMutablePointer<E>) -> Void
    ) {
        let data = tensor.mutablePointer(E.self)
        let count = tensor.numel
        let ragged = count % 16 != 0
        withUnsafeTemporaryAllocation(of: E.self, capacity: 16) { tail in
            generator.withEngine { engine in
                for i in 0..<count { data[i] = uniform(&engine) }
                if ragged { for i in 0..<16 { tail[i] = uniform(&engine) } }
            }
            let blocks = count / 16
            let box = UnsafeSendableBox(data)
            parallelFor(blocks, grain: 2048) { range in
                for b in range { transform(box.value + 16 * b) }
            }
            if ragged {
                let last = data + (count - 16)
                last.update(from: tail.baseAddress!, count: 16)
                transform(last)
            }
        }
    }
}

/// `out = out * factor + shift`, one rounding per op as torch's separate `mul_` and `add_` kernels do
/// (float ops computed through Double round exactly once). `factor`/`shift` broadcast to `out`.
private struct ScaleShiftKernel: ElementVisitor {
    let out: Tensor
    let factor: Tensor?
    let shift: Tensor?
    let scalarShift: Double

    func visit<T: TensorElement>(_: T.Type) {
        if let factor {
            let f = factor.to(T.dtype)
            let loop = StridedLoop(
                shape: out.sizes, strides: [out.strideValues, out.strideValues, f.broadcastStrides(to: out.sizes)])
            runBinary(loop, out.mutablePointer(T.self), out.pointer(T.self), f.pointer(T.self), ScaleShift<T>.product)
        }
        if let shift {
            let s = shift.to(T.dtype)
            let loop = StridedLoop(
                shape: out.sizes, strides: [out.strideValues, out.strideValues, s.broadcastStrides(to: out.sizes)])
            runBinary(loop, out.mutablePointer(T.self), out.pointer(T.self), s.pointer(T.self), ScaleShift<T>.sum)
        } else if scalarShift != 0 {
            let shiftValue = T(fromDouble: scalarShift).asDouble
            let loop = StridedLoop(shape: out.sizes, strides: [out.strideValues, out.strideValues])
            runUnary(loop, out.mutablePointer(T.self), out.pointer(T.self), ShiftBy<T>(shift: shiftValue))
        }
    }
}

extension Tensor {
    /// Fills with samples from N(mean, std²) (`normal_`).
    /// PyTorch: `torch.Tensor.normal_`.
    @discardableResult
    public func normal_(_ mean: Double = 0, _ std: Double = 1, generator: Generator? = nil) -> Tensor {
        if let tracked = recordedInPlace(nil, { $0.untrackedView().clone().normal_(mean, std, generator: generator) }) {
            return tracked
        }
        torchCheck(std >= 0.0, "normal expects std >= 0.0, but found std \(cppDoubleString(std))")
        if numel > 0 {
            dtype.visit(NormalKernel(tensor: self, mean: mean, std: std, generator: Generator.resolve(generator)))
        }
        bumpVersion()
        return self
    }

    /// `torch.randn(shape)`: standard normal samples in the default float dtype unless given.
    public static func randn(_ shape: [Int], generator: Generator? = nil, dtype: DType? = nil) -> Tensor {
        empty(shape, dtype: dtype).normal_(0, 1, generator: generator)
    }

    /// `Tensor.randn(2, 3)`: the variadic spelling (PyTorch: `torch.randn(*size)`).
    public static func randn(_ shape: Int..., generator: Generator? = nil, dtype: DType? = nil) -> Tensor {
        randn(shape, generator: generator, dtype: dtype)
    }

    /// `torch.randn_like(t)`.
    public static func randnLike(_ other: Tensor, dtype: DType? = nil, generator: Generator? = nil) -> Tensor {
        emptyLike(other, dtype: dtype).normal_(0, 1, generator: generator)
    }

    /// `torch.normal(mean, std, size)` with numbers.
    public static func normal(
        _ mean: Double, _ std: Double, _ shape: [Int], generator: Generator? = nil, dtype: DType? = nil
    ) -> Tensor {
        empty(shape, dtype: dtype).normal_(mean, std, generator: generator)
    }

    /// `torch.normal(mean, std)` with tensors: shapes broadcast; samples N(0, 1), then `* std + mean`.
    public static func normal(_ mean: Tensor, _ std: Tensor, generator: Generator? = nil) -> Tensor {
        checkStd(std)
        let out = Tensor.empty(broadcastShapes(mean.sizes, std.sizes), dtype: mean.dtype)
        out.normal_(0, 1, generator: generator)
        out.dtype.visit(ScaleShiftKernel(out: out, factor: std, shift: mean, scalarShift: 0))
        return out
    }

    /// `torch.normal(mean_tensor, std)`: N(0, std²) samples, then `+ mean`.
    public static func normal(_ mean: Tensor, _ std: Double = 1, generator: Generator? = nil) -> Tensor {
        torchCheck(std >= 0.0, "normal expects std >= 0.0, but found std \(cppDoubleString(std))")
        let out = Tensor.empty(mean.sizes, dtype: mean.dtype)
        out.normal_(0, std, generator: generator)
        out.dtype.visit(ScaleShiftKernel(out: out, factor: nil, shift: mean, scalarShift: 0))
        return out
    }

    /// `torch.normal(mean, std_tensor)`: N(0, 1) samples, then `* std + mean`.
    public static func normal(_ mean: Double, _ std: Tensor, generator: Generator? = nil) -> Tensor {
        checkStd(std)
        let out = Tensor.empty(std.sizes, dtype: std.dtype)
        out.normal_(0, 1, generator: generator)
        out.dtype.visit(ScaleShiftKernel(out: out, factor: std, shift: nil, scalarShift: mean))
        return out
    }

    private static func checkStd(_ std: Tensor) {
        torchCheck(std.dtype.isFloatingPoint, "normal expects floating-point std, got \(std.dtype)")
        let values = std.toArray(Double.self)
        torchCheck(!values.contains { $0 < 0 }, "normal expects all elements of std >= 0.0")
    }
}

/// Elementwise `a * b` or `a + b` computed in double, as torch's normal_ kernels scale and shift.
private struct ScaleShift<T: TensorElement>: BinaryFunctor {
    static var product: ScaleShift { ScaleShift(multiply: true) }
    static var sum: ScaleShift { ScaleShift(multiply: false) }
    let multiply: Bool
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T {
        T(fromDouble: multiply ? a.asDouble * b.asDouble : a.asDouble + b.asDouble)
    }
}

private struct ShiftBy<T: TensorElement>: UnaryFunctor {
    let shift: Double
    @inline(__always) func callAsFunction(_ x: T) -> T { T(fromDouble: x.asDouble + shift) }
}
