import Autodiff
import TensorCore

/// `torch.nn.utils.get_total_norm`: the `normType` norm of all `tensors` as if concatenated into one vector —
/// torch's order of work: one norm per tensor, taken group by group of equal dtype (groups in first-seen
/// order), stacked (promoting mixed dtypes) and normed again. `foreach` is accepted for torch's signature;
/// on the CPU both of torch's paths give these numbers.
public func getTotalNorm(
    _ tensors: [Tensor], normType: Double = 2, errorIfNonfinite: Bool = false, foreach: Bool? = nil
) -> Tensor {
    guard !tensors.isEmpty else { return Tensor(Float(0)) }
    return noGrad {
        let norms = groupedByDType(tensors).flatMap { $0.map { Linalg.vectorNorm($0, ord: normType) } }
        let total = Linalg.vectorNorm(Tensor.stack(norms), ord: normType)
        if errorIfNonfinite && !total.isfinite().item(Bool.self) {
            torchFail(
                "The total norm of order \(normType) for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`"
            )
        }
        return total
    }
}

/// `torch.nn.utils.clip_grads_with_norm_`: multiplies every gradient in place by
/// min(maxNorm / (totalNorm + 1e-6), 1), the coefficient kept in `totalNorm`'s dtype (a bfloat16 gradient is
/// multiplied by the float32 coefficient and rounded once, as torch does).
public func clipGradsWithNorm_(_ parameters: [Tensor], maxNorm: Double, totalNorm: Tensor, foreach: Bool? = nil) {
    let grads = parameters.compactMap(\.grad)
    guard !grads.isEmpty else { return }
    noGrad {
        let coefficient = (maxNorm / (totalNorm + 1e-6)).clamp(max: 1.0)
        for group in groupedByDType(grads) { for g in group { g.mul_(coefficient) } }
    }
}

/// `torch.nn.utils.clip_grad_norm_`: scales all gradients in place so their joint `normType` norm is at most
/// `maxNorm` (`getTotalNorm`, then `clipGradsWithNorm_`); returns the total norm before clipping.
@discardableResult
public func clipGradNorm_(
    _ parameters: [Tensor], maxNorm: Double, normType: Double = 2, errorIfNonfinite: Bool = false,
    foreach: Bool? = nil
) -> Tensor {
    let grads = parameters.compactMap(\.grad)
    guard !grads.isEmpty else { return Tensor(Float(0)) }
    let total = getTotalNorm(grads, normType: normType, errorIfNonfinite: errorIfNonfinite, foreach: foreach)
    clipGradsWithNorm_(parameters, maxNorm: maxNorm, totalNorm: total, foreach: foreach)
    return total
}

/// `torch.nn.utils.clip_grad_value_`: clamps every gradient element into [−clipValue, clipValue].
public func clipGradValue_(_ parameters: [Tensor], clipValue: Double, foreach: Bool? = nil) {
    noGrad {
        for g in parameters.compactMap(\.grad) { g.clamp_(min: .double(-clipValue), max: .double(clipValue)) }
    }
}

/// torch's `_group_tensors_by_device_and_dtype` on the CPU: tensors of one dtype together, the groups in the
/// order their dtypes first appear.
private func groupedByDType(_ tensors: [Tensor]) -> [[Tensor]] {
    var order: [DType] = [], groups: [DType: [Tensor]] = [:]
    for t in tensors {
        if groups[t.dtype] == nil { order.append(t.dtype) }
        groups[t.dtype, default: []].append(t)
    }
    return order.map { groups[$0]! }
}

/// `torch.nn.utils.parameters_to_vector`: all parameters flattened and concatenated.
public func parametersToVector(_ parameters: [Tensor]) -> Tensor {
    Tensor.cat(parameters.map { $0.reshape([-1]) }, dim: 0)
}
