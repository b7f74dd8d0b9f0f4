import Autodiff
import TensorCore

/// `torch.optim.LBFGS`: limited-memory BFGS over all parameters flattened into one vector, with an
/// optional strong-Wolfe line search. `step(closure:)` re-evaluates the model as often as it needs.
/// Scalars (dot products, step sizes) are kept as Double, which is exact for float64 parameters
/// (torch keeps them as 0-dim tensors of the parameters' dtype).
public final class LBFGS: Optimizer {
    /// The line search `step` runs, by torch's name (PyTorch: `torch.optim.LBFGS`'s `line_search_fn`).
    public enum LineSearch: String, Sendable { case strongWolfe = "strong_wolfe" }

    /// L-BFGS over one group; without `lineSearchFn` it takes fixed `lr` steps (PyTorch: `torch.optim.LBFGS(params, lr=1, max_iter=20, ...)`).
    public init(
        _ params: [Tensor], lr: Double = 1, maxIter: Int = 20, maxEval: Int? = nil, toleranceGrad: Double = 1e-7,
        toleranceChange: Double = 1e-9, historySize: Int = 100, lineSearchFn: LineSearch? = nil, maximize: Bool = false
    ) {
        torchCheck(lr >= 0, "Invalid learning rate: \(lr)")
        super.init(
            [ParamGroup(params)],
            defaults: [
                "lr": hyper(lr, default: 1), "max_iter": .int(Int64(maxIter)),
                "max_eval": .int(Int64(maxEval ?? maxIter * 5 / 4)), "tolerance_grad": .double(toleranceGrad),
                "tolerance_change": .double(toleranceChange), "history_size": .int(Int64(historySize)),
                "line_search_fn": lineSearchFn.map { .string($0.rawValue) } ?? .none, "maximize": .bool(maximize),
            ])
    }

    /// Refuses a second parameter group, as torch does (PyTorch: `torch.optim.LBFGS.__init__`'s single-group check).
    public override func validate(_ group: ParamGroup) {
        torchCheck(paramGroups.isEmpty, "LBFGS doesn't support per-parameter options (parameter groups)")
    }

    private var params: [Tensor] { paramGroups[0].params }
    private var maximize: Bool { paramGroups[0].bool("maximize") }

    private func flatGrad() -> Tensor {
        let views = params.map { p in p.grad.map { $0.reshape([-1]) } ?? Tensor.zeros([p.numel], dtype: p.dtype) }
        let flat = Tensor.cat(views, dim: 0)
        return maximize ? flat.neg() : flat
    }

    private func addGrad(_ stepSize: Double, _ update: Tensor) {
        var offset = 0
        for p in params {
            fusedAdd_(p, update.narrow(dim: 0, start: offset, length: p.numel).view(p.shape.dims), alpha: stepSize)
            offset += p.numel
        }
    }

    private func evaluate(_ closure: () -> Tensor) -> Double {
        let loss = enableGrad { closure() }.item(Double.self)
        return maximize ? -loss : loss
    }

    /// `_directional_evaluate`: loss and gradient at x + t·d, parameters restored to x afterwards.
    private func directionalEvaluate(_ closure: () -> Tensor, _ x: [Tensor], _ t: Double, _ d: Tensor) -> (
        Double, Tensor
    ) {
        addGrad(t, d)
        let loss = evaluate(closure)
        let g = flatGrad()
        for (p, saved) in zip(params, x) { _ = p.copy_(saved) }
        return (loss, g)
    }

    /// Runs up to `maxIter` L-BFGS iterations, calling `closure` for each loss and gradient; returns the first loss (PyTorch: `torch.optim.LBFGS.step(closure)`).
    @discardableResult
    public override func step(closure: (() -> Tensor)?) -> Tensor? {
        guard let closure else { torchFail("LBFGS.step() missing 1 required positional argument: 'closure'") }
        stepCount += 1
        return noGrad { run(closure) }
    }

    private func run(_ closure: () -> Tensor) -> Tensor {
        let group = paramGroups[0]
        let lr = group.double("lr"), maxIter = Int(group.double("max_iter")), maxEval = Int(group.double("max_eval"))
        let toleranceGrad = group.double("tolerance_grad"), toleranceChange = group.double("tolerance_change")
        let historySize = Int(group.double("history_size"))
        let lineSearch = group["line_search_fn"]?.string
        let key = ObjectIdentifier(params[0])
        var st = state[key] ?? ["func_evals": 0, "n_iter": 0]

        let origLoss = enableGrad { closure() }
        var loss = maximize ? -origLoss.item(Double.self) : origLoss.item(Double.self)
        var currentEvals = 1
        st["func_evals"] = .int((st["func_evals"]?.int ?? 0) + 1)
        var g = flatGrad()
        if g.abs().max().item(Double.self) <= toleranceGrad {
            state[key] = st
            return origLoss
        }
        var d = st["d"]?.tensor
        var t = st["t"]?.double ?? 0
        var tIsTensor = false  // torch's `t` is a 0-dim tensor after the first step size or a line search
        var oldDirs = st["old_dirs"]?.items?.compactMap(\.tensor) ?? []
        var oldStps = st["old_stps"]?.items?.compactMap(\.tensor) ?? []
        var ro = st["ro"]?.items?.compactMap(\.double) ?? []
        var hDiag = st["H_diag"]?.double ?? 1
        var prevFlatGrad = st["prev_flat_grad"]?.tensor
        var prevLoss = st["prev_loss"]?.double
        var nIterTotal = Int(st["n_iter"]?.int ?? 0)

        // torch keeps these scalars as 0-dim tensors of the parameters' dtype: round like them.
        let single = params[0].dtype == .float32
        let r: (Double) -> Double = single ? { Double(Float($0)) } : { $0 }
        var nIter = 0
        while nIter < maxIter {
            nIter += 1
            nIterTotal += 1
            var direction: Tensor
            if nIterTotal == 1 {
                direction = g.neg()
                oldDirs = []
                oldStps = []
                ro = []
                hDiag = 1
            } else {
                let y = g.sub(prevFlatGrad!), s = d!.mul(.double(t))
                let ys = y.dot(s).item(Double.self)
                if r(ys) > r(1e-10) {
                    if oldDirs.count == historySize {
                        oldDirs.removeFirst()
                        oldStps.removeFirst()
                        ro.removeFirst()
                    }
                    oldDirs.append(y)
                    oldStps.append(s)
                    ro.append(r(1.0 / ys))
                    hDiag = r(ys / y.dot(y).item(Double.self))
                }
                var al = [Double](repeating: 0, count: oldDirs.count)
                let q = g.neg()
                for i in stride(from: oldDirs.count - 1, through: 0, by: -1) {
                    al[i] = r(oldStps[i].dot(q).item(Double.self) * ro[i])
                    fusedAdd_(q, oldDirs[i], alpha: -al[i])
                }
                let rr = q.mul(.double(hDiag))
                for i in 0..<oldDirs.count {
                    let be = r(oldDirs[i].dot(rr).item(Double.self) * ro[i])
                    fusedAdd_(rr, oldStps[i], alpha: r(al[i] - be))
                }
                direction = rr
            }
            d = direction
            if let prev = prevFlatGrad { _ = prev.copy_(g) } else { prevFlatGrad = g.clone() }
            prevLoss = loss
            if nIterTotal == 1 {
                // `min(1.0, 1.0 / flat_grad.abs().sum()) * lr`: a tensor unless the min is the float 1.0.
                let inverse = r(1.0 / g.abs().sum().item(Double.self))
                (t, tIsTensor) = inverse < 1.0 ? (r(inverse * r(lr)), true) : (lr, false)
            } else {
                (t, tIsTensor) = (lr, false)
            }
            let gtd = g.dot(direction).item(Double.self)
            if r(gtd) > r(-toleranceChange) { break }

            var lsEvals = 0
            var optCond = false
            if let lineSearch {
                torchCheck(lineSearch == "strong_wolfe", "only 'strong_wolfe' is supported")
                let x = params.map { $0.clone() }
                let step = tIsTensor ? TorchScalar(tensor: t, single: single) : TorchScalar(t, single: single)
                let result = strongWolfe(
                    { self.directionalEvaluate(closure, x, $0.value, $1) }, t: step, d: direction, f: loss, g: g,
                    gtd: TorchScalar(tensor: gtd, single: single), toleranceChange: 1e-9, maxLS: maxEval - currentEvals)
                (loss, g, lsEvals) = (result.0, result.1, result.3)
                (t, tIsTensor) = (result.2.value, result.2.isTensor)
                addGrad(t, direction)
                optCond = g.abs().max().item(Double.self) <= r(toleranceGrad)
            } else {
                addGrad(t, direction)
                if nIter != maxIter {
                    loss = evaluate(closure)
                    g = flatGrad()
                    optCond = g.abs().max().item(Double.self) <= r(toleranceGrad)
                    lsEvals = 1
                }
            }
            currentEvals += lsEvals
            st["func_evals"] = .int((st["func_evals"]?.int ?? 0) + Int64(lsEvals))
            if nIter == maxIter || currentEvals >= maxEval || optCond { break }
            if direction.mul(.double(t)).abs().max().item(Double.self) <= r(toleranceChange) { break }
            if abs(loss - prevLoss!) < toleranceChange { break }
        }
        st["n_iter"] = .int(Int64(nIterTotal))
        st["d"] = d.map { .tensor($0) } ?? StateValue.none
        st["t"] = .double(t)
        st["old_dirs"] = .list(oldDirs.map { .tensor($0) })
        st["old_stps"] = .list(oldStps.map { .tensor($0) })
        st["ro"] = .list(ro.map { .double($0) })
        st["H_diag"] = .double(hDiag)
        st["prev_flat_grad"] = prevFlatGrad.map { .tensor($0) } ?? StateValue.none
        st["prev_loss"] = prevLoss.map { .double($0) } ?? StateValue.none
        state[key] = st
        return origLoss
    }
}
