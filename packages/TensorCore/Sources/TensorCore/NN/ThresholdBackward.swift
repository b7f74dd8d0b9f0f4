import CVectorKernels

/// torch's `threshold_backward(grad, self, threshold)`: the gradient where `self > threshold`, 0 elsewhere
/// (ReLU's backward with the saved output and threshold 0), in one pass instead of a comparison, a bool
/// mask and a masked fill. NaN in `self` lets the gradient through, as in torch.
extension NNOps {
    package static func thresholdBackward(_ grad: Tensor, _ input: Tensor, threshold: Double) -> Tensor {
        if grad.sizes == input.sizes, grad.dtype == .bfloat16, input.dtype == .bfloat16 {
            return bf16ThresholdBackward(grad.contiguous(), input.contiguous(), threshold: Float(threshold))
        }
        guard grad.sizes == input.sizes, grad.dtype == input.dtype, grad.dtype == .float32 || grad.dtype == .float64
        else { return grad.maskedFill(input.le(.double(threshold)), 0) }
        return ThresholdBackwardKernel(grad: grad.contiguous(), input: input.contiguous(), threshold: threshold)
            .dispatch(grad.dtype, "threshold_backward")
    }
}

private struct ThresholdBackwardKernel: NNKernel {
    let grad: Tensor, input: Tensor, threshold: Double
    func run<T: NNFloat>(_: T.Type) -> Tensor {
        let out = Tensor(uninitializedShape: grad.sizes, dtype: grad.dtype)
        let g = grad.pointer(T.self), x = input.pointer(T.self), q = out.mutablePointer(T.self), t = T(threshold)
        withExtendedLifetime((grad, input)) {
            parallelFor(out.numel) { range in
                if T.self == Float.self {
                    // Branch-free (AVX-512): half of ReLU's inputs are zeroed, a branch per element mispredicts.
                    cvk_threshold_backward_f32(
                        floatPointer(g + range.lowerBound), floatPointer(x + range.lowerBound),
                        floatPointer(q + range.lowerBound), range.count, asFloat(t))
                    return
                }
                for i in range { q[i] = x[i] <= t ? 0 : g[i] }
            }
        }
        return out
    }
}

/// bfloat16 `threshold_backward` on the bits (ReLU's backward under bf16 autocast): each saved value is
/// widened exactly to float32 and compared, the gradient's bits pass through or become +0 — what the
/// masked fill computed, in one branch-free pass (C: the Swift loop stayed scalar on baseline x86-64).
private func bf16ThresholdBackward(_ grad: Tensor, _ input: Tensor, threshold: Float) -> Tensor {
    let out = Tensor(uninitializedShape: grad.sizes, dtype: .bfloat16)
    let g = UnsafeRawPointer(grad.rawPointer).assumingMemoryBound(to: UInt16.self)
    let x = UnsafeRawPointer(input.rawPointer).assumingMemoryBound(to: UInt16.self)
    let q = out.rawPointer.assumingMemoryBound(to: UInt16.self)
    withExtendedLifetime((grad, input)) {
        parallelFor(out.numel) { range in
            let i = range.lowerBound
            cvk_threshold_backward_bf16(g + i, x + i, q + i, range.count, threshold)  // NaN keeps the gradient
        }
    }
    return out
}
