import Autodiff
import TensorCore

/// Activations of `torch.nn.functional`, built from recorded TensorCore ops so autograd sees them;
/// derivatives match torch's (boundary points included where torch uses strict comparisons).
extension F {
    /// `max(0, x)`; `inplace` overwrites `x` (PyTorch: `torch.nn.functional.relu`).
    public static func relu(_ x: Tensor, inplace: Bool = false) -> Tensor { inplace ? x.relu_() : x.relu() }

    /// `min(max(0, x), 6)` (PyTorch: `torch.nn.functional.relu6`).
    public static func relu6(_ x: Tensor) -> Tensor { hardtanh(x, minVal: 0, maxVal: 6) }

    /// Gradient flows only strictly inside (min, max), as torch's hardtanh_backward. Integers keep their
    /// dtype (torch clamps into a tensor of the input's type), bools are refused.
    /// PyTorch: `torch.nn.functional.hardtanh`; no `inplace`.
    public static func hardtanh(_ x: Tensor, minVal: Double = -1, maxVal: Double = 1) -> Tensor {
        torchCheck(x.dtype != .bool, "Bool inputs not supported for hardtanh")
        if !x.dtype.isFloatingPoint {
            return x.clamp(min: .int(Int64(minVal.rounded(.up))), max: .int(Int64(maxVal.rounded(.down))))
        }
        let clamped = x.clamp(min: .double(minVal), max: .double(maxVal))
        guard x.requiresGrad else { return clamped }
        let inside = x.gt(.double(minVal)).logicalAnd(x.lt(.double(maxVal)))
        return Tensor.where(inside, x, clamped.detach())
    }

    /// `x` for positive inputs, `negativeSlope · x` otherwise (PyTorch: `torch.nn.functional.leaky_relu`; no `inplace`).
    public static func leakyRelu(_ x: Tensor, negativeSlope: Double = 0.01) -> Tensor {
        requireFloating(x, "leaky_relu_cpu")
        return Tensor.where(x.gt(0), x, x * Scalar.double(negativeSlope))
    }

    /// x > 0 ? x : alpha·(eˣ − 1); the exp branch sees min(x, 0) so it never overflows into the gradient.
    /// PyTorch: `torch.nn.functional.elu`; no `inplace`.
    public static func elu(_ x: Tensor, alpha: Double = 1) -> Tensor {
        requireFloating(x, "elu_cpu")
        return Tensor.where(x.gt(0), x, x.clamp(max: 0).expm1() * Scalar.double(alpha))
    }

    /// `scale · elu(x, alpha)` with the self-normalizing constants (PyTorch: `torch.nn.functional.selu`; no `inplace`).
    public static func selu(_ x: Tensor) -> Tensor {
        let alpha = 1.6732632423543772848170429916717
        let scale = 1.0507009873554804934193349852946
        return elu(x, alpha: alpha) * Scalar.double(scale)
    }

    /// `max(0, x) + min(0, alpha · (exp(x / alpha) − 1))` (PyTorch: `torch.nn.functional.celu`; no `inplace`).
    public static func celu(_ x: Tensor, alpha: Double = 1) -> Tensor {
        requireFloating(x, "elu_cpu")
        return Tensor.where(x.gt(0), x, (x.clamp(max: 0) / Scalar.double(alpha)).expm1() * Scalar.double(alpha))
    }

    /// `x · Φ(x)`; `approximate: "tanh"` uses the tanh formula (PyTorch: `torch.nn.functional.gelu`).
    public static func gelu(_ x: Tensor, approximate: String = "none") -> Tensor { x.gelu(approximate: approximate) }
    /// `x · sigmoid(x)` (PyTorch: `torch.nn.functional.silu`; no `inplace`).
    public static func silu(_ x: Tensor) -> Tensor { x.silu() }
    /// `x · tanh(softplus(x))` (PyTorch: `torch.nn.functional.mish`; no `inplace`).
    public static func mish(_ x: Tensor) -> Tensor {
        requireFloating(x, "mish_cpu")
        return x * x.softplus().tanh()
    }
    /// PyTorch: `torch.nn.functional.sigmoid` (deprecated there in favour of `torch.sigmoid`).
    public static func sigmoid(_ x: Tensor) -> Tensor { x.sigmoid() }
    /// PyTorch: `torch.nn.functional.tanh` (deprecated there in favour of `torch.tanh`).
    public static func tanh(_ x: Tensor) -> Tensor { x.tanh() }
    /// `relu6(x + 3) / 6` (PyTorch: `torch.nn.functional.hardsigmoid`; no `inplace`).
    public static func hardsigmoid(_ x: Tensor) -> Tensor {
        requireFloating(x, "hardsigmoid_cpu")
        return hardtanh(x + 3, minVal: 0, maxVal: 6) / 6
    }
    /// `x · relu6(x + 3) / 6` (PyTorch: `torch.nn.functional.hardswish`; no `inplace`).
    public static func hardswish(_ x: Tensor) -> Tensor {
        requireFloating(x, "hardswish_cpu")
        return x * hardtanh(x + 3, minVal: 0, maxVal: 6) / 6
    }
    /// `log(sigmoid(x))`, computed as `−softplus(−x)` so it never overflows (PyTorch: `torch.nn.functional.logsigmoid`).
    public static func logsigmoid(_ x: Tensor) -> Tensor {
        requireFloating(x, "log_sigmoid_cpu")
        return -(-x).softplus()
    }
    /// torch's activation kernels take floating types only.
    static func requireFloating(_ x: Tensor, _ kernel: String) {
        torchCheck(x.dtype.isFloatingPoint, "\"\(kernel)\" not implemented for '\(x.dtype.scalarTypeName)'")
    }

    /// x − tanh(x).
    /// PyTorch: `torch.nn.functional.tanhshrink`.
    public static func tanhshrink(_ x: Tensor) -> Tensor { x - x.tanh() }
    /// x / (1 + |x|).
    /// PyTorch: `torch.nn.functional.softsign`.
    public static func softsign(_ x: Tensor) -> Tensor { x / (x.abs() + 1) }

    /// `log(1 + exp(beta · x)) / beta`, and `x` where `beta · x > threshold` (PyTorch: `torch.nn.functional.softplus`).
    public static func softplus(_ x: Tensor, beta: Double = 1, threshold: Double = 20) -> Tensor {
        x.softplus(beta: beta, threshold: threshold)
    }

    /// x > 0 ? x : weight·x, weight one value or one per channel (dim 1).
    /// PyTorch: `torch.nn.functional.prelu`.
    public static func prelu(_ x: Tensor, _ weight: Tensor) -> Tensor {
        if Autocast.isActive { return Autocast.run(.lowerPrecision, [x, weight]) { c in prelu(c[0]!, c[1]!) } }
        requireFloating(x, "prelu_cpu")
        var w = weight
        if weight.numel > 1 {
            torchCheck(x.ndim >= 1, "Not allow zero-dim input tensor.")
            let channels = x.ndim >= 2 ? x.sizes[1] : x.sizes[0]
            torchCheck(
                channels == weight.numel,
                "Mismatch of parameter numbers and input channel size. Found parameter numbers = \(weight.numel) and channel size = \(channels)."
            )
            if x.ndim >= 2 { w = weight.reshape([channels] + Array(repeating: 1, count: x.ndim - 2)) }
        }
        return Tensor.where(x.gt(0), x, x * w)
    }

    /// Exponentials normalized along `dim`, computed in `dtype` when given (PyTorch: `torch.nn.functional.softmax`; `dim` is required).
    public static func softmax(_ x: Tensor, dim: Int, dtype: DType? = nil) -> Tensor {
        x.softmax(dim: dim, dtype: dtype)
    }
    /// `log(softmax(x))` along `dim`, computed stably (PyTorch: `torch.nn.functional.log_softmax`; `dim` is required).
    public static func logSoftmax(_ x: Tensor, dim: Int, dtype: DType? = nil) -> Tensor {
        x.logSoftmax(dim: dim, dtype: dtype)
    }
    /// `softmax(−x)` along `dim` (PyTorch: `torch.nn.functional.softmin`; `dim` is required).
    public static func softmin(_ x: Tensor, dim: Int, dtype: DType? = nil) -> Tensor {
        (-x).softmax(dim: dim, dtype: dtype)
    }

    /// `F.normalize(x, p, dim, eps)`: x / max(‖x‖_p, eps) along dim.
    /// PyTorch: `torch.nn.functional.normalize`; no `out`.
    public static func normalize(_ x: Tensor, p: Double = 2, dim: Int = 1, eps: Double = 1e-12) -> Tensor {
        let norm = Linalg.vectorNorm(x, ord: p, dim: [dim], keepdim: true).clampMin(.double(eps)).expandAs(x)
        return x / norm
    }
}
