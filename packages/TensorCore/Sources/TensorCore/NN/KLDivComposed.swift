/// `kl_div` as torch composes it (ATen's CompositeImplicit kernel plus Python's "batchmean" division):
/// the path taken when autograd tracks an operand, so gradients (w.r.t. the target too, and of any
/// order) come from the recorded elementwise ops, with torch's node names.
extension NNOps {
    static func klDivComposed(_ input: Tensor, _ target: Tensor, reduction: LossReduction, logTarget: Bool) -> Tensor {
        nnCheckSameDType(input, target)
        let pointwise = logTarget ? target.exp() * (target - input) : target.xlogy(target) - target * input
        switch reduction {
        case .none: return pointwise
        case .mean: return pointwise.mean()
        case .sum: return pointwise.sum()
        case .batchmean:
            return input.ndim == 0 ? pointwise.sum() : pointwise.sum() / Scalar.double(Double(input.size(0)))
        }
    }
}
