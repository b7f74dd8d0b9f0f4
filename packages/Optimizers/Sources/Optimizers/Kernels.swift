import TensorCore

// Shared pieces of the fused ("one pass per parameter") update kernels. Each optimizer's update is a
// typed loop over contiguous buffers that performs torch's sequence of tensor ops on one element at a
// time, in the same order and precision (scalars are rounded to the parameter's dtype, as torch's
// CPU kernels do), so trajectories match torch's single-tensor implementation.

/// The parameter dtypes the kernels are specialized for.
protocol OptimFloat: BinaryFloatingPoint, TensorElement {
    /// `c + a * b` as torch's vectorized kernels compute it (a fused multiply-add for float32).
    static func mulAdd(_ a: Self, _ b: Self, _ c: Self) -> Self
}

extension Float: OptimFloat {
    /// One rounding, like torch's FMA instructions. Swift's default x86-64 target has no FMA
    /// instruction (`addingProduct` is a libm call per element), so this goes through Double: the
    /// product of two floats is exact there and only a sum on a float midpoint needs the exact path.
    @inline(__always) static func mulAdd(_ a: Float, _ b: Float, _ c: Float) -> Float {
        let sum = Double(a) * Double(b) + Double(c)
        if _slowPath(sum.bitPattern & 0x1FFF_FFFF == 0x1000_0000) { return exactFMA(a, b, c) }
        return Float(sum)
    }
}

extension Double: OptimFloat {
    /// Unfused: without an FMA instruction a fused double costs a libm call per element, and the
    /// difference (one rounding per update) is far below float64 trajectory tolerances (1e-10).
    @inline(__always) static func mulAdd(_ a: Double, _ b: Double, _ c: Double) -> Double { a * b + c }
}

/// `a * b + c` rounded once through Double with round-to-odd (TwoSum), so the final rounding to
/// Float is correct. (The same helper is internal to TensorCore's Random family.)
@inline(never) private func exactFMA(_ a: Float, _ b: Float, _ c: Float) -> Float {
    let p = Double(a) * Double(b), q = Double(c)
    let s = p + q
    let t = s - p
    let error = (p - (s - t)) + (q - t)
    var bits = s.bitPattern
    if error != 0 && bits & 1 == 0 { bits = (error > 0) == (s > 0) ? bits &+ 1 : bits &- 1 }
    return Float(Double(bitPattern: bits))
}

/// torch's scalar-weight `lerp` as its vectorized CPU kernel computes it: one fused multiply-add
/// whose base switches at |weight| = 0.5.
@inline(__always)
func lerp<T: OptimFloat>(_ start: T, _ end: T, _ weight: T) -> T {
    abs(weight) < 0.5 ? T.mulAdd(weight, end - start, start) : T.mulAdd(weight - 1, end - start, end)
}

/// `a.add(b, alpha=alpha)`: ATen's add kernel is a fused multiply-add (`fmadd(b, alpha, a)`).
@inline(__always)
func addScaled<T: OptimFloat>(_ a: T, _ b: T, _ alpha: T) -> T { T.mulAdd(b, alpha, a) }

/// `torch.maximum`: NaN wins.
@inline(__always)
func nanMax<T: OptimFloat>(_ a: T, _ b: T) -> T {
    a.isNaN || b.isNaN ? .nan : Swift.max(a, b)
}

/// Runs `body` over `0..<n` in parallel chunks when the tensor is big enough to pay for threads.
@inline(__always)
func chunks(_ n: Int, _ body: (Range<Int>) -> Void) {
    if n >= 2 * Threads.grainSize { parallelFor(n, grain: Threads.grainSize, body) } else if n > 0 { body(0..<n) }
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
    torchCheck(grad.dtype == p.dtype, "attempting to assign a gradient with dtype '\(grad.dtype)' to a tensor with dtype '\(p.dtype)'. Please ensure that the gradient and the tensor have the same dtype")
    torchCheck(grad.shape == p.shape, "assigned grad has data of a different size")
    return grad.contiguous()
}

/// Runs `body` on a contiguous view of `p` (a copy written back when `p` is strided), then bumps
/// `p`'s version, since the update wrote its storage.
func updatingInPlace(_ p: Tensor, _ body: (Tensor) -> Void) {
    torchCheck(p.dtype == .float32 || p.dtype == .float64, "optimizers support float32 and float64 parameters, got \(p.dtype)")
    if p.isContiguous {
        body(p)
        p.bumpVersion()
    } else {
        let c = p.contiguous()
        body(c)
        p.copy_(c)
    }
}

/// A state entry that must be a tensor (created by this optimizer or loaded from a state dict).
func stateTensor(_ s: StateDict, _ key: String) -> Tensor {
    guard let t = s[key]?.tensor else { torchFail("optimizer state lacks tensor '\(key)'") }
    return t
}
