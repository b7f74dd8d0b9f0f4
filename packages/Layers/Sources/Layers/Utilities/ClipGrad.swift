import TensorCore
import Autodiff

/// `torch.nn.utils.clip_grad_norm_`: scales all gradients in place so their joint `normType` norm is at
/// most `maxNorm` (coefficient max_norm / (norm + 1e-6), clamped at 1); returns the total norm before clipping.
@discardableResult
public func clipGradNorm_(
    _ parameters: [Tensor], maxNorm: Double, normType: Double = 2, errorIfNonfinite: Bool = false
) -> Tensor {
    let grads = parameters.compactMap(\.grad)
    guard !grads.isEmpty else { return Tensor(0.0) }
    return noGrad {
        let norms = grads.map { Linalg.vectorNorm($0, ord: normType) }
        let total = Linalg.vectorNorm(Tensor.stack(norms), ord: normType)
        if errorIfNonfinite && !total.isfinite().item(Bool.self) {
            torchFail("The total norm of order \(normType) for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
        }
        let coef = (maxNorm / (total + 1e-6)).clamp(max: 1.0)
        for g in grads { g.mul_(coef.to(g.dtype)) }
        return total
    }
}

/// `torch.nn.utils.clip_grad_value_`: clamps every gradient element into [−clipValue, clipValue].
public func clipGradValue_(_ parameters: [Tensor], clipValue: Double) {
    noGrad {
        for g in parameters.compactMap(\.grad) { g.clamp_(min: .double(-clipValue), max: .double(clipValue)) }
    }
}

/// `torch.nn.utils.parameters_to_vector`: all parameters flattened and concatenated.
public func parametersToVector(_ parameters: [Tensor]) -> Tensor {
    Tensor.cat(parameters.map { $0.reshape([-1]) }, dim: 0)
}
