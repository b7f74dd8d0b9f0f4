// Uniform sampling: `rand`, `rand_like`, `uniform_`. torch's `uniform_real_distribution` keeps
// `digits` random bits (24 for float, 53 for double from `random64()`; half types sample in float) and scales
// them as `x * (to - from) + from`; its CPU build fuses that into one FMA, so do we.

/// `[0, 1)` float from 24 random bits.
@inline(__always) func uniformFloat(_ bits: UInt32) -> Float {
    Float(bits & 0xFF_FFFF) * (1.0 / 16_777_216.0)
}

/// `[0, 1)` double from 53 random bits.
@inline(__always) func uniformDouble(_ bits: UInt64) -> Double {
    Double(bits & 0x1F_FFFF_FFFF_FFFF) * (1.0 / 9_007_199_254_740_992.0)
}

private struct UniformKernel: ElementVisitor {
    let tensor: Tensor
    let from: Double
    let to: Double
    let generator: Generator

    func visit<T: TensorElement>(_: T.Type) {
        let t = tensor
        generator.withEngine { engine in
            switch T.dtype {
            case .float32:
                let lo = Float(from), span = Float(to) - Float(from)
                serialRandomFill(t, Float.self) { quickFMA(uniformFloat(engine.random()), span, lo) }
            case .float64:
                let lo = from, span = to - from
                serialRandomFill(t, Double.self) { lo.addingProduct(uniformDouble(engine.random64()), span) }
            case .float16:
                // Half types sample in float, then round once.
                let lo = Float(from), span = Float(to) - Float(from)
                serialRandomFill(t, Float16.self) { Float16(quickFMA(uniformFloat(engine.random()), span, lo)) }
            case .bfloat16:
                let lo = Float(from), span = Float(to) - Float(from)
                serialRandomFill(t, BFloat16.self) { BFloat16(quickFMA(uniformFloat(engine.random()), span, lo)) }
            default:
                torchFail("\"check_uniform_bounds\" not implemented for '\(T.dtype.scalarTypeName)'")
            }
        }
    }
}

extension Tensor {
    /// Fills with samples from U[from, to) (`uniform_`).
    /// PyTorch: `torch.Tensor.uniform_`.
    @discardableResult
    public func uniform_(_ from: Double = 0, _ to: Double = 1, generator: Generator? = nil) -> Tensor {
        if let tracked = recordedInPlace(nil, { $0.untrackedView().clone().uniform_(from, to, generator: generator) }) {
            return tracked
        }
        torchCheck(
            dtype.isFloatingPoint, "\"check_uniform_bounds\" not implemented for '\(dtype.scalarTypeName)'")
        torchCheck(
            from <= to,
            "uniform_ expects to return a [from, to) range, but found from=\(cppDoubleString(from)) > to=\(cppDoubleString(to))"
        )
        if numel > 0 {
            dtype.visit(UniformKernel(tensor: self, from: from, to: to, generator: Generator.resolve(generator)))
        }
        bumpVersion()
        return self
    }

    /// `torch.rand(shape)`: U[0, 1) in the default float dtype unless `dtype` says otherwise.
    public static func rand(_ shape: [Int], generator: Generator? = nil, dtype: DType? = nil) -> Tensor {
        empty(shape, dtype: dtype).uniform_(0, 1, generator: generator)
    }

    /// `Tensor.rand(2, 3)`: the variadic spelling (PyTorch: `torch.rand(*size)`).
    public static func rand(_ shape: Int..., generator: Generator? = nil, dtype: DType? = nil) -> Tensor {
        rand(shape, generator: generator, dtype: dtype)
    }

    /// `torch.rand_like(t)`: same shape, `t`'s dtype unless given.
    public static func randLike(_ other: Tensor, dtype: DType? = nil, generator: Generator? = nil) -> Tensor {
        emptyLike(other, dtype: dtype).uniform_(0, 1, generator: generator)
    }
}
