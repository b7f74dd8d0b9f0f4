import Layers
import TensorCore

/// `torchvision.ops.stochastic_depth(input, p, mode, training)`: in training, zero the whole input
/// (`.batch`) or each sample (`.row`) with probability `p` and scale the rest by 1/(1 − p); the identity
/// in eval or for p = 0. The mask is drawn with `bernoulli_` from the default generator, as torch draws it.
public func stochasticDepth(_ input: Tensor, p: Double, mode: StochasticDepth.Mode, training: Bool = true) -> Tensor {
    torchCheck(p >= 0 && p <= 1, "drop probability has to be between 0 and 1, but got \(p)")
    if !training || p == 0 { return input }
    let survivalRate = 1 - p
    let size =
        mode == .row
        ? [input.sizes[0]] + Array(repeating: 1, count: input.ndim - 1) : Array(repeating: 1, count: input.ndim)
    let noise = Tensor.empty(size, dtype: input.dtype).bernoulli_(survivalRate)
    if survivalRate > 0 { noise.div_(Scalar.double(survivalRate)) }
    return input * noise
}

/// `torchvision.ops.StochasticDepth(p, mode)`: `stochasticDepth` in training mode, the identity in eval.
public final class StochasticDepth: Module {
    /// Whether one draw drops the whole batch or each sample (row) separately.
    /// PyTorch: the `mode` string of `torchvision.ops.stochastic_depth`.
    public enum Mode: String, Sendable { case batch, row }

    /// The drop probability (PyTorch: `torchvision.ops.StochasticDepth.p`).
    public let p: Double
    /// PyTorch: `torchvision.ops.StochasticDepth.mode`.
    public let mode: Mode

    /// PyTorch: `torchvision.ops.StochasticDepth(p, mode)`.
    public init(_ p: Double, mode: Mode) {
        self.p = p
        self.mode = mode
        super.init()
    }

    /// A module with the same `p` and `mode` (PyTorch: `copy.deepcopy` of the module).
    public override func makeCopy() -> Module { StochasticDepth(p, mode: mode) }

    /// PyTorch: `torchvision.ops.StochasticDepth.forward`.
    public override func forward(_ x: Tensor) -> Tensor { stochasticDepth(x, p: p, mode: mode, training: training) }

    /// torchvision's own `__repr__`: `StochasticDepth(p=0.0125, mode=row)` (Swift's shortest float
    /// spelling is Python's for these values).
    public override var extraRepr: String { "p=\(p), mode=\(mode.rawValue)" }
}
