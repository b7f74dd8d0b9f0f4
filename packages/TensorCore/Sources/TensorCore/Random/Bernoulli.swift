import CVectorKernels
import Foundation

// Bernoulli and exponential sampling, torch's default CPU paths: one uniform per element compared with
// p (`bernoulli_distribution`), and `-1/lambda * log1p(-u)` (`exponential_distribution<double>`).
// torch builds with MKL use MKL's own stream for `bernoulli_(float p)` on Intel CPUs only; this is
// the path every other CPU (AMD, ARM) takes.

private let bernoulliRangeMessage =
    "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  If so, please report an enhancement request to PyTorch.)"

private struct BernoulliTensorKernel: ElementVisitor {
    let tensor: Tensor
    let p: Tensor
    let generator: Generator

    func visit<T: TensorElement>(_: T.Type) {
        let t = tensor, p = p
        generator.withEngine { engine in
            switch p.dtype {
            case .float64:
                serialRandomFill(t, T.self, reading: p, Double.self) { probability in
                    torchCheck(probability >= 0 && probability <= 1, bernoulliRangeMessage)
                    return uniformDouble(engine.random64()) < probability ? T.one : T.zero
                }
            case .float32:
                serialRandomFill(t, T.self, reading: p, Float.self) { probability in
                    torchCheck(probability >= 0 && probability <= 1, bernoulliRangeMessage)
                    return uniformFloat(engine.random()) < probability ? T.one : T.zero
                }
            case .float16:
                serialRandomFill(t, T.self, reading: p, Float16.self) { half in
                    let probability = Float(half)
                    torchCheck(probability >= 0 && probability <= 1, bernoulliRangeMessage)
                    return uniformFloat(engine.random()) < probability ? T.one : T.zero
                }
            case .bfloat16:
                serialRandomFill(t, T.self, reading: p, BFloat16.self) { brain in
                    let probability = brain.floatValue
                    torchCheck(probability >= 0 && probability <= 1, bernoulliRangeMessage)
                    return uniformFloat(engine.random()) < probability ? T.one : T.zero
                }
            default:
                torchFail("\"bernoulli_tensor_cpu_p_\" not implemented for '\(p.dtype.scalarTypeName)'")
            }
        }
    }
}

private struct BernoulliScalarKernel: ElementVisitor {
    let tensor: Tensor
    let p: Double
    let generator: Generator

    func visit<T: TensorElement>(_: T.Type) {
        let t = tensor, p = p
        generator.withEngine { engine in
            let view = t.memoryOrderView()
            if T.self == Float.self && view.isContiguous {
                // Dropout's masks: the same draws in blocks (C, AVX2 where the CPU has it), ~8× faster.
                cvk_mt19937_bernoulli_f32(
                    engine.state, &engine.left, &engine.next, view.mutablePointer(Float.self), view.numel, p, 1)
                return
            }
            serialRandomFill(t, T.self) { uniformDouble(engine.random64()) < p ? T.one : T.zero }
        }
    }
}

private struct ExponentialKernel: ElementVisitor {
    let tensor: Tensor
    let lambda: Double
    let generator: Generator

    func visit<T: TensorElement>(_: T.Type) {
        let t = tensor, scale = -1.0 / lambda
        generator.withEngine { engine in
            serialRandomFill(t, T.self) { T(fromDouble: scale * Foundation.log1p(-uniformDouble(engine.random64()))) }
        }
    }
}

extension Tensor {
    /// Fills with 1 where a uniform draw falls below the matching probability in `p` (`bernoulli_(p)`);
    /// `p` broadcasts to this tensor's shape.
    /// PyTorch: `torch.Tensor.bernoulli_`.
    @discardableResult
    public func bernoulli_(_ p: Tensor, generator: Generator? = nil) -> Tensor {
        if let tracked = recordedInPlace(nil, { $0.untrackedView().clone().bernoulli_(p, generator: generator) }) {
            return tracked
        }
        if numel > 0 {
            dtype.visit(BernoulliTensorKernel(tensor: self, p: p, generator: Generator.resolve(generator)))
        }
        bumpVersion()
        return self
    }

    /// Fills with 1 with probability `p`, else 0 (`bernoulli_(p)` with a number).
    /// PyTorch: `torch.Tensor.bernoulli_`.
    @discardableResult
    public func bernoulli_(_ p: Double = 0.5, generator: Generator? = nil) -> Tensor {
        if let tracked = recordedInPlace(nil, { $0.untrackedView().clone().bernoulli_(p, generator: generator) }) {
            return tracked
        }
        torchCheck(p >= 0 && p <= 1, "bernoulli_ expects p to be in [0, 1], but got p=\(cppDoubleString(p))")
        if numel > 0 {
            dtype.visit(BernoulliScalarKernel(tensor: self, p: p, generator: Generator.resolve(generator)))
        }
        bumpVersion()
        return self
    }

    /// `torch.bernoulli(input)`: 0/1 samples with this tensor's elements as probabilities, same dtype.
    public func bernoulli(generator: Generator? = nil) -> Tensor {
        Tensor.emptyLike(self).bernoulli_(self, generator: generator)
    }

    /// `torch.bernoulli(input, p)`: 0/1 samples with probability `p`, shaped and typed like this tensor.
    public func bernoulli(_ p: Double, generator: Generator? = nil) -> Tensor {
        Tensor.emptyLike(self).bernoulli_(p, generator: generator)
    }

    /// Fills with samples from Exp(lambda) (`exponential_`).
    /// PyTorch: `torch.Tensor.exponential_`.
    @discardableResult
    public func exponential_(_ lambda: Double = 1, generator: Generator? = nil) -> Tensor {
        if let tracked = recordedInPlace(nil, { $0.untrackedView().clone().exponential_(lambda, generator: generator) })
        {
            return tracked
        }
        torchCheck(
            dtype.isFloatingPoint,
            "Exponential distribution is a continuous probability distribution. dtype must be a floating point but you specified \(dtype.scalarTypeName)"
        )
        torchCheck(lambda > 0.0, "exponential_ expects lambda > 0.0, but found lambda=\(cppDoubleString(lambda))")
        if numel > 0 {
            dtype.visit(ExponentialKernel(tensor: self, lambda: lambda, generator: Generator.resolve(generator)))
        }
        bumpVersion()
        return self
    }
}
