import COptimizerKernels
import TensorCore

// Shared pieces of the Swift update kernels (RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam; SGD and
// Adam run C kernels, see COptimizerKernels). Each is a typed loop over contiguous buffers that performs
// torch's sequence of tensor ops on one element at a time, in the same order and precision (scalars
// are rounded to the parameter's dtype, as torch's CPU kernels do), returned as a `SliceUpdate` so a
// group's parameters run in one parallel region (Foreach.swift).

/// The parameter dtypes the kernels are specialized for.
protocol OptimFloat: BinaryFloatingPoint, TensorElement {
    /// `c + a * b` (torch's kernels fuse it; see the conformances for why these don't).
    static func mulAdd(_ a: Self, _ b: Self, _ c: Self) -> Self
}

extension Float: OptimFloat {
    /// Unfused. Torch's kernels use FMA instructions, which Swift's default x86-64 target lacks
    /// (`addingProduct` is a libm call per element); an exact emulation through Double kept loops
    /// scalar and made SGD 3× slower, while unfused float32 trajectories still match torch's to 1e-6.
    @inline(__always) static func mulAdd(_ a: Float, _ b: Float, _ c: Float) -> Float { a * b + c }
}

extension Double: OptimFloat {
    /// Unfused: without an FMA instruction a fused double costs a libm call per element, and the
    /// difference (one rounding per update) is far below float64 trajectory tolerances (1e-10).
    @inline(__always) static func mulAdd(_ a: Double, _ b: Double, _ c: Double) -> Double { a * b + c }
}

/// torch's scalar-weight `lerp` as its vectorized CPU kernel computes it: a multiply-add whose base
/// switches at |weight| = 0.5.
@inline(__always)
func lerp<T: OptimFloat>(_ start: T, _ end: T, _ weight: T) -> T {
    abs(weight) < 0.5 ? T.mulAdd(weight, end - start, start) : T.mulAdd(weight - 1, end - start, end)
}

/// `a.add(b, alpha=alpha)` (ATen: `fmadd(b, alpha, a)`); with alpha 1 exactly the plain sum.
@inline(__always)
func addScaled<T: OptimFloat>(_ a: T, _ b: T, _ alpha: T) -> T { alpha == 1 ? a + b : T.mulAdd(b, alpha, a) }

/// `torch.maximum`: NaN wins.
@inline(__always)
func nanMax<T: OptimFloat>(_ a: T, _ b: T) -> T {
    a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
}

/// torch's "step" counter: a 0-dim float32 tensor (`_get_scalar_dtype()`).
func newStepTensor() -> Tensor { Tensor.zeros([], dtype: .float32) }

/// `step_t += 1`, returning the new value as torch's `_get_value(step_t)` does.
func incrementStep(_ step: Tensor) -> Double {
    switch step.dtype {
    case .float32:
        step.mutablePointer(Float.self)[0] += 1
        step.bumpVersion()
        return Double(step.pointer(Float.self)[0])
    case .float64:
        step.mutablePointer(Double.self)[0] += 1
        step.bumpVersion()
        return step.pointer(Double.self)[0]
    default:
        let next = step.to(.float64).pointer(Double.self)[0] + 1
        step.fill_(.double(next))
        return next
    }
}

/// A floating state tensor (`zeros_like(p)`), contiguous in the parameter's dtype.
func stateLike(_ p: Tensor, fill value: Double = 0) -> Tensor {
    Tensor.full(p.shape.dims, .double(value), dtype: p.dtype)
}

/// The gradient of `p` as a contiguous buffer of `p`'s dtype, or nil when `p.grad` is None.
func contiguousGrad(_ p: Tensor, _ grad: Tensor?) -> Tensor? {
    guard let grad else { return nil }
    torchCheck(
        grad.dtype == p.dtype,
        "attempting to assign a gradient with dtype '\(grad.dtype)' to a tensor with dtype '\(p.dtype)'. Please ensure that the gradient and the tensor have the same dtype"
    )
    torchCheck(grad.shape == p.shape, "assigned grad has data of a different size")
    return grad.contiguous()
}

/// A state entry that must be a tensor (created by this optimizer or loaded from a state dict).
func stateTensor(_ s: StateDict, _ key: String) -> Tensor {
    guard let t = s[key]?.tensor else { torchFail("optimizer state lacks tensor '\(key)'") }
    return t
}

/// `dst.add_(src, alpha=alpha)` for LBFGS with ATen's rounding (one FMA per element, through the C
/// kernels: its line search amplifies any difference). Other layouts go through TensorCore's `add_`.
func fusedAdd_(_ dst: Tensor, _ src: Tensor, alpha: Double) {
    guard dst.isContiguous, src.isContiguous, dst.dtype == src.dtype, dst.numel == src.numel else {
        _ = dst.add_(src, alpha: .double(alpha))
        return
    }
    switch dst.dtype {
    case .float32: optim_add_scaled_f32(dst.mutablePointer(Float.self), src.pointer(Float.self), dst.numel, alpha)
    case .float64: optim_add_scaled_f64(dst.mutablePointer(Double.self), src.pointer(Double.self), dst.numel, alpha)
    default:
        _ = dst.add_(src, alpha: .double(alpha))
        return
    }
    dst.bumpVersion()
}
