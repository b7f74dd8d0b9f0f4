import Autodiff
import Foundation
import TensorCore

/// `torch.nn.init`: every function fills the tensor in place under no-grad (drawing from `generator`
/// or the default generator, in torch's order) and returns it.
public enum Init {
    /// `calculate_gain(nonlinearity, param)`.
    /// PyTorch: `torch.nn.init.calculate_gain`.
    public static func calculateGain(_ nonlinearity: String, param: Double? = nil) -> Double {
        switch nonlinearity {
        case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
            "sigmoid":
            return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "leaky_relu":
            let slope = param ?? 0.01
            return (2.0 / (1 + slope * slope)).squareRoot()
        case "selu": return 3.0 / 4
        default: torchFail("Unsupported nonlinearity \(nonlinearity)")
        }
    }

    /// `_calculate_fan_in_and_fan_out`: dim 1 × receptive field, dim 0 × receptive field.
    /// PyTorch: `torch.nn.init._calculate_fan_in_and_fan_out`.
    public static func calculateFanInAndFanOut(_ tensor: Tensor) -> (fanIn: Int, fanOut: Int) {
        torchCheck(tensor.ndim >= 2, "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        let receptive = tensor.sizes.dropFirst(2).reduce(1, *)
        return (tensor.sizes[1] * receptive, tensor.sizes[0] * receptive)
    }

    static func fan(_ tensor: Tensor, mode: String) -> Int {
        torchCheck(
            mode == "fan_in" || mode == "fan_out", "Mode \(mode) not supported, please use one of fan_in, fan_out")
        let (i, o) = calculateFanInAndFanOut(tensor)
        return mode == "fan_in" ? i : o
    }

    /// Fills with U(a, b) (PyTorch: `torch.nn.init.uniform_`).
    @discardableResult
    public static func uniform_(_ tensor: Tensor, a: Double = 0, b: Double = 1, generator: Generator? = nil) -> Tensor {
        if isSkipping { return tensor }
        return noGrad { tensor.uniform_(a, b, generator: generator) }
    }

    /// Fills with N(mean, std²) (PyTorch: `torch.nn.init.normal_`).
    @discardableResult
    public static func normal_(_ tensor: Tensor, mean: Double = 0, std: Double = 1, generator: Generator? = nil)
        -> Tensor
    {
        if isSkipping { return tensor }
        return noGrad { tensor.normal_(mean, std, generator: generator) }
    }

    /// Fills with `value` (PyTorch: `torch.nn.init.constant_`).
    @discardableResult
    public static func constant_(_ tensor: Tensor, _ value: Scalar) -> Tensor {
        isSkipping ? tensor : noGrad { tensor.fill_(value) }
    }
    /// Fills with 0, also inside `withoutInitialization` (PyTorch: `torch.nn.init.zeros_`).
    @discardableResult
    public static func zeros_(_ tensor: Tensor) -> Tensor { noGrad { tensor.zero_() } }
    /// Fills with 1, also inside `withoutInitialization` (PyTorch: `torch.nn.init.ones_`).
    @discardableResult
    public static func ones_(_ tensor: Tensor) -> Tensor { noGrad { tensor.fill_(1) } }

    /// `eye_`: the identity in a 2-D tensor.
    /// PyTorch: `torch.nn.init.eye_`.
    @discardableResult
    public static func eye_(_ tensor: Tensor) -> Tensor {
        torchCheck(tensor.ndim == 2, "Only tensors with 2 dimensions are supported")
        return noGrad {
            tensor.zero_()
            tensor.diagonal().fill_(1)
            return tensor
        }
    }

    /// U(−bound, bound) with `bound = gain · √(3 / fan)`, keeping activations' variance through ReLU-family layers
    /// (PyTorch: `torch.nn.init.kaiming_uniform_`).
    @discardableResult
    public static func kaimingUniform_(
        _ tensor: Tensor, a: Double = 0, mode: String = "fan_in", nonlinearity: String = "leaky_relu",
        generator: Generator? = nil
    ) -> Tensor {
        if tensor.numel == 0 { return tensor }  // torch warns and leaves it
        let std = calculateGain(nonlinearity, param: a) / Double(fan(tensor, mode: mode)).squareRoot()
        let bound = 3.0.squareRoot() * std
        return uniform_(tensor, a: -bound, b: bound, generator: generator)
    }

    /// N(0, std²) with `std = gain / √fan` (PyTorch: `torch.nn.init.kaiming_normal_`).
    @discardableResult
    public static func kaimingNormal_(
        _ tensor: Tensor, a: Double = 0, mode: String = "fan_in", nonlinearity: String = "leaky_relu",
        generator: Generator? = nil
    ) -> Tensor {
        if tensor.numel == 0 { return tensor }
        let std = calculateGain(nonlinearity, param: a) / Double(fan(tensor, mode: mode)).squareRoot()
        return normal_(tensor, mean: 0, std: std, generator: generator)
    }

    /// U(−a, a) with `a = gain · √(6 / (fan_in + fan_out))` (PyTorch: `torch.nn.init.xavier_uniform_`).
    @discardableResult
    public static func xavierUniform_(_ tensor: Tensor, gain: Double = 1, generator: Generator? = nil) -> Tensor {
        let (i, o) = calculateFanInAndFanOut(tensor)
        let a = 3.0.squareRoot() * gain * (2.0 / Double(i + o)).squareRoot()
        return uniform_(tensor, a: -a, b: a, generator: generator)
    }

    /// N(0, std²) with `std = gain · √(2 / (fan_in + fan_out))` (PyTorch: `torch.nn.init.xavier_normal_`).
    @discardableResult
    public static func xavierNormal_(_ tensor: Tensor, gain: Double = 1, generator: Generator? = nil) -> Tensor {
        let (i, o) = calculateFanInAndFanOut(tensor)
        return normal_(tensor, mean: 0, std: gain * (2.0 / Double(i + o)).squareRoot(), generator: generator)
    }

    /// `trunc_normal_` as torch 2.x samples it: when [a, b] holds more than 30% of the mass, normal
    /// draws with rejected entries redrawn; otherwise uniform proposals on [a, b] accepted with
    /// probability pdf/peak. Same draws in the same order, so seeded runs give torch's values.
    /// PyTorch: `torch.nn.init.trunc_normal_`.
    @discardableResult
    public static func truncNormal_(
        _ tensor: Tensor, mean: Double = 0, std: Double = 1, a: Double = -2, b: Double = 2, generator: Generator? = nil
    ) -> Tensor {
        if isSkipping { return tensor }
        func normCdf(_ x: Double) -> Double { (1 + erf(x / 2.0.squareRoot())) / 2 }
        let p = normCdf((b - mean) / std) - normCdf((a - mean) / std)
        return noGrad {
            if p > 0.3 {
                let lo = Tensor.full([], .double(a), dtype: tensor.dtype).item(Double.self)
                let hi = Tensor.full([], .double(b), dtype: tensor.dtype).item(Double.self)
                var result = tensor.normal_(mean, std, generator: generator)
                while true {
                    let mask = result.lt(.double(lo)).logicalOr(result.gt(.double(hi)))
                    if !mask.any().item(Bool.self) { break }
                    result = Tensor.where(
                        mask, Tensor.emptyLike(result).normal_(mean, std, generator: generator), result)
                }
                if result !== tensor { tensor.copy_(result) }
                return tensor
            }
            let mode = Swift.max(a, Swift.min(mean, b))
            let logPeak = -0.5 * ((mode - mean) / std) * ((mode - mean) / std)
            let candidates = Tensor.emptyLike(tensor), acceptBuf = Tensor.emptyLike(tensor)
            func logPdfMinusPeak(_ c: Tensor) -> Tensor {
                c.sub_(Scalar.double(mean)).div_(Scalar.double(std)).pow_(2).mul_(-0.5).sub_(Scalar.double(logPeak))
            }
            tensor.uniform_(a, b, generator: generator)
            candidates.copy_(tensor)
            var pending = acceptBuf.uniform_(generator: generator).log_().gt(logPdfMinusPeak(candidates))
            guard pending.any().item(Bool.self) else { return tensor }
            var result = tensor
            while true {
                candidates.uniform_(a, b, generator: generator)
                result = Tensor.where(pending, candidates, result)
                let logPdf = logPdfMinusPeak(candidates)
                pending = Tensor.where(pending, acceptBuf.uniform_(generator: generator).log_().gt(logPdf), pending)
                if !pending.any().item(Bool.self) { break }
            }
            tensor.copy_(result)
            return tensor
        }
    }

    /// `orthogonal_`: Q of the QR of a normal matrix, signs fixed by R's diagonal, times `gain`.
    /// PyTorch: `torch.nn.init.orthogonal_`.
    @discardableResult
    public static func orthogonal_(_ tensor: Tensor, gain: Double = 1, generator: Generator? = nil) -> Tensor {
        torchCheck(tensor.ndim >= 2, "Only tensors with 2 or more dimensions are supported")
        if tensor.numel == 0 || isSkipping { return tensor }
        let rows = tensor.sizes[0], cols = tensor.numel / rows
        return noGrad {
            var flat = Tensor.empty([rows, cols], dtype: tensor.dtype).normal_(0, 1, generator: generator)
            if rows < cols { flat = flat.t() }
            var (q, r) = Linalg.qr(flat)
            q = q * r.diagonal().sign()
            if rows < cols { q = q.t() }
            tensor.copy_(q.reshape(tensor.sizes))
            tensor.mul_(Scalar.double(gain))
            return tensor
        }
    }
}
