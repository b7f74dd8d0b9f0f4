import Optimizers
import TensorCore

/// The momentum range OneCycleLR and CyclicLR cycle through (`momentum`, or beta1 for optimizers with
/// `betas`): checks the optimizer has one and, on a fresh start (`lastEpoch == -1`), sets each group's
/// momentum to its maximum and records `max_momentum` / `base_momentum` in the group, as torch does.
func startMomentumCycling(
    _ optimizer: Optimizer, base: [Double], max: [Double], lastEpoch: Int
) -> (useBeta1: Bool, base: [Double], max: [Double]) {
    let useBeta1 = optimizer.defaults["betas"] != nil
    torchCheck(
        optimizer.defaults["momentum"] != nil || useBeta1,
        "optimizer must support momentum or beta1 with `cycle_momentum` option enabled")
    let groups = optimizer.paramGroups.count
    let maxM = perGroup("max_momentum", max, groups), baseM = perGroup("base_momentum", base, groups)
    if lastEpoch == -1 {
        for i in 0..<groups {
            setMomentum(optimizer, i, maxM[i], beta1: useBeta1)
            optimizer.paramGroups[i]["max_momentum"] = .double(maxM[i])
            optimizer.paramGroups[i]["base_momentum"] = .double(baseM[i])
        }
    }
    return (useBeta1, baseM, maxM)
}

/// Writes group `i`'s momentum, or the first of its betas.
func setMomentum(_ optimizer: Optimizer, _ i: Int, _ m: Double, beta1: Bool) {
    if beta1 {
        optimizer.paramGroups[i].betas = (m, optimizer.paramGroups[i].betas.1)
    } else {
        optimizer.paramGroups[i]["momentum"] = .double(m)
    }
}
