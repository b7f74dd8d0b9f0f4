import TensorCore

// torch's `_single_tensor_*` updates (its CPU default) for the parameters the fused kernels don't take:
// float16 and bfloat16, computed op by op with TensorCore's tensor ops. Each op rounds its result to the
// parameter's dtype as ATen's CPU kernel does (float32 opmath, one rounding per op; add with alpha ≠ 1
// as ATen's blocks and tails, see TensorCore's ReducedAddScaled.swift), so every intermediate — and
// the result — has torch's bits. Other dtypes (integers) take the same path and stop with the error
// torch's first failing op gives. Each optimizer file has its sequence next to its fused kernel.

/// Whether `p` is updated by the fused kernels (float32, float64) rather than torch's op sequence.
func usesFusedKernel(_ p: Tensor) -> Bool { p.dtype == .float32 || p.dtype == .float64 }

/// The gradient the update uses: `-grad` under `maximize`, then the coupled weight decay
/// `grad.add(param, alpha=weight_decay)` (pass 0 where the decay is decoupled or absent).
func effectiveGrad(_ p: Tensor, _ g: Tensor, weightDecay: Double, maximize: Bool) -> Tensor {
    let grad = maximize ? g.neg() : g
    return weightDecay != 0 ? grad.add(p, alpha: .double(weightDecay)) : grad
}

/// `exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)`, the second-moment update most
/// optimizers share (RMSprop's alpha and Adadelta's rho are its beta2).
func updateSecondMoment(_ v: Tensor, _ grad: Tensor, beta2: Double) {
    v.mul_(.double(beta2)).addcmul_(grad, grad, value: .double(1 - beta2))
}
