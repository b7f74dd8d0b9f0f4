import Optimizers
import TensorCore

/// `LambdaLR`: lr = base_lr × lrLambda(epoch), one function per group or one for all.
/// PyTorch: `torch.optim.lr_scheduler.LambdaLR`.
public final class LambdaLR: LRScheduler {
    /// One multiplier function of the epoch per param group (PyTorch: `torch.optim.lr_scheduler.LambdaLR.lr_lambdas`).
    public let lrLambdas: [(Int) -> Double]

    /// One function for every group
    /// (PyTorch: `torch.optim.lr_scheduler.LambdaLR(optimizer, lr_lambda, last_epoch=-1)`).
    public init(_ optimizer: Optimizer, lrLambda: @escaping (Int) -> Double, lastEpoch: Int = -1) {
        lrLambdas = Array(repeating: lrLambda, count: optimizer.paramGroups.count)
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// One function per group (PyTorch: `torch.optim.lr_scheduler.LambdaLR` given a list for `lr_lambda`).
    public init(_ optimizer: Optimizer, lrLambdas: [(Int) -> Double], lastEpoch: Int = -1) {
        torchCheck(
            lrLambdas.count == optimizer.paramGroups.count,
            "Expected \(optimizer.paramGroups.count) lr_lambdas, but got \(lrLambdas.count)")
        self.lrLambdas = lrLambdas
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// `base_lr * lr_lambda(last_epoch)` per group (PyTorch: `torch.optim.lr_scheduler.LambdaLR.get_lr`).
    public override func getLR() -> [Double] { zip(baseLRs, lrLambdas).map { $0 * $1(lastEpoch) } }

    /// Plain functions have no state; torch stores None for each.
    public override func saveState(into d: inout StateDict) {
        d["lr_lambdas"] = .list(Array(repeating: .none, count: lrLambdas.count))
    }
}

/// `MultiplicativeLR`: lr = previous lr × lrLambda(epoch).
/// PyTorch: `torch.optim.lr_scheduler.MultiplicativeLR`.
public final class MultiplicativeLR: LRScheduler {
    /// One factor function of the epoch per param group
    /// (PyTorch: `torch.optim.lr_scheduler.MultiplicativeLR.lr_lambdas`).
    public let lrLambdas: [(Int) -> Double]

    /// One function for every group
    /// (PyTorch: `torch.optim.lr_scheduler.MultiplicativeLR(optimizer, lr_lambda, last_epoch=-1)`).
    public init(_ optimizer: Optimizer, lrLambda: @escaping (Int) -> Double, lastEpoch: Int = -1) {
        lrLambdas = Array(repeating: lrLambda, count: optimizer.paramGroups.count)
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// One function per group (PyTorch: `torch.optim.lr_scheduler.MultiplicativeLR` given a list for `lr_lambda`).
    public init(_ optimizer: Optimizer, lrLambdas: [(Int) -> Double], lastEpoch: Int = -1) {
        torchCheck(
            lrLambdas.count == optimizer.paramGroups.count,
            "Expected \(optimizer.paramGroups.count) lr_lambdas, but got \(lrLambdas.count)")
        self.lrLambdas = lrLambdas
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    /// The current lr times `lr_lambda(last_epoch)`, except on the construction step
    /// (PyTorch: `torch.optim.lr_scheduler.MultiplicativeLR.get_lr`).
    public override func getLR() -> [Double] {
        isInitial ? currentLRs : zip(currentLRs, lrLambdas).map { $0 * $1(lastEpoch) }
    }

    /// Plain functions have no state; torch stores None for each
    /// (PyTorch: `torch.optim.lr_scheduler.MultiplicativeLR.state_dict`).
    public override func saveState(into d: inout StateDict) {
        d["lr_lambdas"] = .list(Array(repeating: .none, count: lrLambdas.count))
    }
}
