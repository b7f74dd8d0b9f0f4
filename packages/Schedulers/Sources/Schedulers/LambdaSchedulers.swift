import Optimizers
import TensorCore

/// `LambdaLR`: lr = base_lr × lrLambda(epoch), one function per group or one for all.
public final class LambdaLR: LRScheduler {
    public let lrLambdas: [(Int) -> Double]

    public init(_ optimizer: Optimizer, lrLambda: @escaping (Int) -> Double, lastEpoch: Int = -1) {
        lrLambdas = Array(repeating: lrLambda, count: optimizer.paramGroups.count)
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public init(_ optimizer: Optimizer, lrLambdas: [(Int) -> Double], lastEpoch: Int = -1) {
        torchCheck(
            lrLambdas.count == optimizer.paramGroups.count,
            "Expected \(optimizer.paramGroups.count) lr_lambdas, but got \(lrLambdas.count)")
        self.lrLambdas = lrLambdas
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public override func getLR() -> [Double] { zip(baseLRs, lrLambdas).map { $0 * $1(lastEpoch) } }

    /// Plain functions have no state; torch stores None for each.
    public override func saveState(into d: inout StateDict) {
        d["lr_lambdas"] = .list(Array(repeating: .none, count: lrLambdas.count))
    }
}

/// `MultiplicativeLR`: lr = previous lr × lrLambda(epoch).
public final class MultiplicativeLR: LRScheduler {
    public let lrLambdas: [(Int) -> Double]

    public init(_ optimizer: Optimizer, lrLambda: @escaping (Int) -> Double, lastEpoch: Int = -1) {
        lrLambdas = Array(repeating: lrLambda, count: optimizer.paramGroups.count)
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public init(_ optimizer: Optimizer, lrLambdas: [(Int) -> Double], lastEpoch: Int = -1) {
        torchCheck(
            lrLambdas.count == optimizer.paramGroups.count,
            "Expected \(optimizer.paramGroups.count) lr_lambdas, but got \(lrLambdas.count)")
        self.lrLambdas = lrLambdas
        super.init(optimizer, lastEpoch: lastEpoch)
    }

    public override func getLR() -> [Double] {
        isInitial ? currentLRs : zip(currentLRs, lrLambdas).map { $0 * $1(lastEpoch) }
    }

    public override func saveState(into d: inout StateDict) {
        d["lr_lambdas"] = .list(Array(repeating: .none, count: lrLambdas.count))
    }
}
