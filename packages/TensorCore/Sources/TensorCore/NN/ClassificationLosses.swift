/// `nll_loss` / `nll_loss2d` (any [N, C, d...] layout) with backward, `cross_entropy` fused as
/// log_softmax + nll (class indices with weight / ignore_index / label smoothing, or class
/// probabilities) with its gradient w.r.t. the logits, and `binary_cross_entropy_with_logits`.
extension NNOps {
    package static func nllLoss(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean,
        ignoreIndex: Int = -100
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input, target, weight]) { c in
                nllLoss(c[0]!, c[1]!, weight: c[2], reduction: reduction, ignoreIndex: ignoreIndex)
            }
        }
        return nllLossForward(input, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex).output
    }

    /// `nll_loss_forward`: (output, total_weight), total_weight being Σ weight[target] over non-ignored targets.
    package static func nllLossForward(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean,
        ignoreIndex: Int = -100
    ) -> (output: Tensor, totalWeight: Tensor) {
        let layout = ClassLayout(input, target, weight)
        let kernel = NLLKernel(
            layout: layout, input: input, target: target, weight: weight, reduction: reduction,
            ignoreIndex: ignoreIndex, grad: nil, totalWeight: nil)
        let reduced = input.dtype.isReducedFloat
        let r = (reduced ? kernel.inFloat32() : kernel).dispatch(
            reduced ? .float32 : input.dtype, input.ndim == 4 ? "nll_loss2d_forward_out_frame" : "nll_loss_out_frame"
        ).forward!
        let totalWeight = r.totalWeight.to(input.dtype)
        let output = r.output.to(input.dtype).recorded(
            .nllLoss(
                target: target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex, totalWeight: totalWeight
            ), input)
        return (output, totalWeight)
    }

    package static func nllLoss2d(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean,
        ignoreIndex: Int = -100
    ) -> Tensor {
        torchCheck(
            input.ndim == 4,
            "only batches of spatial inputs supported (4D tensors), but got input of dimension: \(input.ndim)")
        torchCheck(
            target.ndim == 3,
            "only batches of spatial targets supported (3D tensors) but got targets of dimension: \(target.ndim)")
        return nllLoss(input, target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex)
    }

    package static func nllLossBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ target: Tensor, weight: Tensor? = nil,
        reduction: LossReduction = .mean,
        ignoreIndex: Int = -100, totalWeight: Tensor
    ) -> Tensor {
        let layout = ClassLayout(input, target, weight)
        let kernel = NLLKernel(
            layout: layout, input: input, target: target, weight: weight, reduction: reduction,
            ignoreIndex: ignoreIndex, grad: gradOutput, totalWeight: totalWeight)
        guard input.dtype.isReducedFloat else { return kernel.dispatch(input.dtype, "nll_loss_backward").backward! }
        return kernel.inFloat32().dispatch(.float32, "nll_loss_backward").backward!.to(input.dtype)
    }

    /// `F.cross_entropy`: `target` holds class indices (int64, shape [N, d...]) or class probabilities
    /// (input's shape and dtype).
    package static func crossEntropy(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
        reduction: LossReduction = .mean, labelSmoothing: Double = 0
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input, target, weight]) { c in
                crossEntropy(
                    c[0]!, c[1]!, weight: c[2], ignoreIndex: ignoreIndex, reduction: reduction,
                    labelSmoothing: labelSmoothing)
            }
        }
        // torch's cross entropy starts with log_softmax over the class dim, which refuses integers first.
        if !input.dtype.isFloatingPoint {
            let kernel = input.ndim <= 2 ? "_lastdim_kernel_impl" : "_kernel_impl"
            torchFail("\"log_softmax\(kernel)\" not implemented for '\(input.dtype.scalarTypeName)'")
        }
        // Class probabilities with autograd: torch's composition, which differentiates w.r.t. the target too.
        if target.dtype.isFloatingPoint && (input.requiresGradient || target.requiresGradient) {
            nnCheckSameDType(input, target)
            torchCheck(
                input.sizes == target.sizes,
                "cross_entropy: expected target of size \(input.shape) but got \(target.shape)")
            return crossEntropyReference(input, target, weight, ignoreIndex, reduction, labelSmoothing)
        }
        return CrossEntropyKernel(
            input: input, target: target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction,
            smoothing: labelSmoothing, grad: nil
        )
        .dispatchRounding(input.dtype, "cross_entropy")
        .recorded(
            .crossEntropyLoss(
                target: target, weight: weight, reduction: reduction, ignoreIndex: ignoreIndex,
                labelSmoothing: labelSmoothing),
            input)
    }

    /// Gradient of `crossEntropy` w.r.t. the logits: grad · (softmax · Σ_c a_c − a), where a are the
    /// per-class coefficients of −log p in the loss.
    package static func crossEntropyBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
        reduction: LossReduction = .mean, labelSmoothing: Double = 0
    ) -> Tensor {
        CrossEntropyKernel(
            input: input, target: target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction,
            smoothing: labelSmoothing, grad: gradOutput
        )
        .dispatchRounding(input.dtype, "cross_entropy_backward")
    }

    /// (1 − t)·x + (1 + (pw − 1)·t)·(log1p(exp(−|x|)) + max(−x, 0)), times weight; pos_weight broadcasts
    /// along the last dim.
    package static func binaryCrossEntropyWithLogits(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil,
        reduction: LossReduction = .mean
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input, target, weight, posWeight]) { c in
                binaryCrossEntropyWithLogits(c[0]!, c[1]!, weight: c[2], posWeight: c[3], reduction: reduction)
            }
        }
        torchCheck(
            input.sizes == target.sizes, "Target size (\(target.shape)) must be the same as input size (\(input.shape))"
        )
        return BCELogitsKernel(
            input: input, target: target, weight: weight, posWeight: posWeight, reduction: reduction, grad: nil
        )
        .dispatchRounding(input.dtype, "log_sigmoid_cpu")
        .recorded(
            .binaryCrossEntropyWithLogits(weight: weight, posWeight: posWeight, reduction: reduction), input, target)
    }

    /// Gradient w.r.t. the logits: w · ((1 − t) − lw·(1 − σ(x))), lw = 1 + (pw − 1)·t.
    package static func binaryCrossEntropyWithLogitsBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil,
        reduction: LossReduction = .mean
    ) -> Tensor {
        BCELogitsKernel(
            input: input, target: target, weight: weight, posWeight: posWeight, reduction: reduction, grad: gradOutput
        )
        .dispatchRounding(input.dtype, "binary_cross_entropy_with_logits_backward")
    }
}

/// Positions × classes view of [N, C, d...] (or [C]) input with [N, d...] (or []) class-index target.
struct ClassLayout {
    let batch: Int, classes: Int, inner: Int

    init(_ input: Tensor, _ target: Tensor, _ weight: Tensor?) {
        torchCheck(input.ndim >= 1, "input tensor should be 1D or 2D")
        if input.ndim == 1 {
            torchCheck(target.ndim == 0, "0D or 1D target tensor expected, multi-target not supported")
        } else if input.ndim == 2 {
            torchCheck(target.ndim <= 1, "0D or 1D target tensor expected, multi-target not supported")
        }
        let batchIn = input.ndim == 1 ? 1 : input.size(0)
        let batchT = target.ndim == 0 ? 1 : target.size(0)
        torchCheck(
            input.ndim == 1 || batchIn == batchT,
            "Expected input batch_size (\(batchIn)) to match target batch_size (\(batchT)).")
        if input.ndim > 2 {
            let expected = [input.size(0)] + Array(input.sizes.dropFirst(2))
            torchCheck(
                target.sizes == expected,
                "Expected target size \(shapeString(expected)), got \(shapeString(target.sizes))")
        }
        torchCheck(
            target.dtype == .int64 || target.dtype == .uint8,
            "expected target dtype to be Long or Byte, but got \(target.dtype.scalarTypeName)")
        batch = batchIn
        classes = input.ndim == 1 ? input.size(0) : input.size(1)
        inner = input.ndim > 2 ? input.sizes.dropFirst(2).reduce(1, *) : 1
        if let weight {
            torchCheck(
                weight.ndim == 1 && weight.numel == classes,
                "weight tensor should be defined either for all \(classes) classes or no classes but got weight tensor of shape: \(shapeString(weight.sizes))"
            )
            nnCheckSameDType(input, weight)
        }
    }

    var positions: Int { batch * inner }
    /// Element offset of (position, class 0); classes step by `inner`.
    @inline(__always) func base(_ pos: Int) -> Int { (pos / inner) * classes * inner + pos % inner }
}

/// Class-index targets as Int64 (uint8 widened), checked against the class count.
private func nnTargets(_ target: Tensor, _ classes: Int, _ ignoreIndex: Int) -> [Int64] {
    let t = target.to(.int64).contiguous()
    var out = [Int64](repeating: 0, count: t.numel)
    let p = t.pointer(Int64.self)
    for i in 0..<t.numel {
        let v = p[i]
        if v != Int64(ignoreIndex) { torchCheck(v >= 0 && v < Int64(classes), "Target \(v) is out of bounds.") }
        out[i] = v
    }
    return out
}

private struct NLLKernel: ReducedPrecisionKernel {
    let layout: ClassLayout
    let input: Tensor, target: Tensor, weight: Tensor?
    let reduction: LossReduction
    let ignoreIndex: Int
    let grad: Tensor?, totalWeight: Tensor?

    /// ClassLayout already checked the weight's dtype against the input's.
    func inFloat32() -> Self {
        Self(
            layout: layout, input: input.kernelOpmath, target: target, weight: weight?.kernelOpmath,
            reduction: reduction,
            ignoreIndex: ignoreIndex, grad: grad?.kernelOpmath, totalWeight: totalWeight?.kernelOpmath)
    }

    func run<T: NNFloat>(_: T.Type) -> (forward: (output: Tensor, totalWeight: Tensor)?, backward: Tensor?) {
        torchCheck(reduction != .batchmean, "batchmean is not a valid value for reduction")
        let x = input.contiguous()
        let w = weight?.contiguous()
        let wp = w?.pointer(T.self)
        let targets = nnTargets(target, layout.classes, ignoreIndex)
        let ignore = Int64(ignoreIndex)
        let positions = layout.positions
        let inner = layout.inner
        if let grad {
            let gi = Tensor.zeros(x.sizes, dtype: x.dtype)
            let q = gi.mutablePointer(T.self)
            let g = grad.contiguous()
            let gp = g.pointer(T.self)
            var scale: T = 0
            if reduction != .none {
                scale = gp[0]
                if reduction == .mean { scale /= totalWeight!.to(x.dtype).item(T.self) }
            }
            for pos in 0..<positions where targets[pos] != ignore {
                let c = Int(targets[pos])
                let wc = wp?[c] ?? 1
                q[layout.base(pos) + c * inner] = -wc * (reduction == .none ? gp[pos] : scale)
            }
            return (nil, gi)
        }
        let xp = x.pointer(T.self)
        let targetShape = target.sizes
        if reduction == .none {
            let out = Tensor(uninitializedShape: x.ndim == 1 ? [] : targetShape, dtype: x.dtype)
            let q = out.mutablePointer(T.self)
            for pos in 0..<positions {
                let t = targets[pos]
                if t == ignore {
                    q[pos] = 0
                    continue
                }
                let c = Int(t)
                q[pos] = -(wp?[c] ?? 1) * xp[layout.base(pos) + c * inner]
            }
            return ((out, Tensor(copying: [T(0)], shape: [])), nil)
        }
        var sum = 0.0, total = 0.0
        for pos in 0..<positions where targets[pos] != ignore {
            let c = Int(targets[pos])
            let wc = Double(wp?[c] ?? 1)
            sum -= wc * Double(xp[layout.base(pos) + c * inner])
            total += wc
        }
        if reduction == .mean { sum /= total }
        return ((Tensor(copying: [T(sum)], shape: []), Tensor(copying: [T(total)], shape: [])), nil)
    }
}

private struct CrossEntropyKernel: ReducedPrecisionKernel {
    let input: Tensor, target: Tensor, weight: Tensor?
    let ignoreIndex: Int
    let reduction: LossReduction
    let smoothing: Double
    let grad: Tensor?

    func inFloat32() -> Self {
        if target.dtype.isFloatingPoint { nnCheckSameDType(input, target) }
        if let weight { nnCheckSameDType(input, weight) }
        return Self(
            input: input.kernelOpmath, target: target.kernelOpmath, weight: weight?.kernelOpmath,
            ignoreIndex: ignoreIndex,
            reduction: reduction, smoothing: smoothing, grad: grad?.kernelOpmath)
    }

    func run<T: NNFloat>(_: T.Type) -> Tensor {
        torchCheck(reduction != .batchmean, "batchmean is not a valid value for reduction")
        torchCheck(smoothing >= 0 && smoothing <= 1, "label_smoothing must be between 0.0 and 1.0. Got: \(smoothing)")
        let probabilities = target.dtype.isFloatingPoint
        let layout: ClassLayout
        if probabilities {
            torchCheck(
                input.sizes == target.sizes,
                "Expected target size \(shapeString(input.sizes)), got \(shapeString(target.sizes))")
            nnCheckSameDType(input, target)
            layout = ClassLayout(
                input,
                input.ndim == 1
                    ? Tensor(Int64(0)) : Tensor.zeros([input.size(0)] + Array(input.sizes.dropFirst(2)), dtype: .int64),
                weight)
        } else {
            layout = ClassLayout(input, target, weight)
        }
        let C = layout.classes, inner = layout.inner, positions = layout.positions
        let x = input.contiguous()
        let xp = x.pointer(T.self)
        let w = weight?.to(.float64).contiguous()
        let wp = w?.pointer(Double.self)
        let tProb = probabilities ? target.contiguous() : nil
        let tp = tProb?.pointer(T.self)
        let targets = probabilities ? [] : nnTargets(target, C, ignoreIndex)
        let ignore = Int64(ignoreIndex)
        let ls = smoothing

        // Denominator of "mean": Σ weight[target] over non-ignored (class indices) or the position count.
        var denominator = Double(positions)
        if !probabilities {
            denominator = 0
            for pos in 0..<positions where targets[pos] != ignore { denominator += wp?[Int(targets[pos])] ?? 1 }
        }
        // a_c for one position, into `coef`; returns false for an ignored position.
        func coefficients(_ pos: Int, _ coef: inout [Double]) -> Bool {
            let b = layout.base(pos)
            if probabilities {
                for c in 0..<C {
                    let t = Double(tp![b + c * inner]) * (1 - ls) + ls / Double(C)
                    coef[c] = (wp?[c] ?? 1) * t
                }
                return true
            }
            let t = targets[pos]
            if t == ignore { return false }
            for c in 0..<C { coef[c] = ls / Double(C) * (wp?[c] ?? 1) }
            coef[Int(t)] += (1 - ls) * (wp?[Int(t)] ?? 1)
            return true
        }
        var coef = [Double](repeating: 0, count: C)
        var logp = [Double](repeating: 0, count: C)
        func logSoftmax(_ pos: Int) {
            let b = layout.base(pos)
            var m = -Double.infinity
            for c in 0..<C { m = Swift.max(m, Double(xp[b + c * inner])) }
            var s = 0.0
            for c in 0..<C { s += nnExpD(Double(xp[b + c * inner]) - m) }
            let lse = m + nnLogD(s)
            for c in 0..<C { logp[c] = Double(xp[b + c * inner]) - lse }
        }
        let outShape = input.ndim == 1 ? [] : [layout.batch] + Array(input.sizes.dropFirst(2))
        if let grad {
            let gi = Tensor.zeros(x.sizes, dtype: x.dtype)
            let q = gi.mutablePointer(T.self)
            let g = grad.to(.float64).contiguous()
            let gp = g.pointer(Double.self)
            let scale = reduction == .none ? 1 : gp[0] / (reduction == .mean ? denominator : 1)
            for pos in 0..<positions {
                guard coefficients(pos, &coef) else { continue }
                logSoftmax(pos)
                let gpos = reduction == .none ? gp[pos] : scale
                var total = 0.0
                for c in 0..<C { total += coef[c] }
                let b = layout.base(pos)
                for c in 0..<C { q[b + c * inner] = T(gpos * (nnExpD(logp[c]) * total - coef[c])) }
            }
            return gi
        }
        let out = reduction == .none ? Tensor(uninitializedShape: outShape, dtype: x.dtype) : nil
        let q = out?.mutablePointer(T.self)
        var sum = 0.0
        for pos in 0..<positions {
            guard coefficients(pos, &coef) else {
                q?[pos] = 0
                continue
            }
            logSoftmax(pos)
            var l = 0.0
            for c in 0..<C where coef[c] != 0 { l -= coef[c] * logp[c] }
            q?[pos] = T(l)
            sum += l
        }
        if let out { return out }
        if reduction == .mean { sum /= denominator }
        return Tensor(copying: [T(sum)], shape: [])
    }
}

private struct BCELogitsKernel: ReducedPrecisionKernel {
    let input: Tensor, target: Tensor, weight: Tensor?, posWeight: Tensor?
    let reduction: LossReduction
    let grad: Tensor?

    func inFloat32() -> Self {
        nnCheckSameDType(input, target)
        return Self(
            input: input.kernelOpmath, target: target.kernelOpmath, weight: weight?.kernelOpmath,
            posWeight: posWeight?.kernelOpmath,
            reduction: reduction, grad: grad?.kernelOpmath)
    }

    func run<T: NNFloat>(_: T.Type) -> Tensor {
        torchCheck(reduction != .batchmean, "batchmean is not a valid value for reduction")
        let (x, t) = nnLossOperands(input, target)
        let n = x.numel
        let w = weight.map { nnExpand($0, x) }, pw = posWeight.map { nnExpand($0, x) }
        let xp = x.pointer(T.self), tp = t.pointer(T.self), wp = w?.pointer(T.self), pwp = pw?.pointer(T.self)
        if let grad {
            let out = Tensor(uninitializedShape: x.sizes, dtype: x.dtype)
            let q = out.mutablePointer(T.self)
            let g = reduction == .none ? nnExpand(grad, x) : nil
            let gp = g?.pointer(T.self)
            let scale = reduction == .none ? T(1) : T(grad.item(Double.self) / (reduction == .mean ? Double(n) : 1))
            for i in 0..<n {
                let xi = xp[i], ti = tp[i]
                let lw = pwp.map { 1 + ($0[i] - 1) * ti } ?? 1
                let sig = 1 / (1 + T.nnExp(-xi))
                var d = (1 - ti) - lw * (1 - sig)
                d *= (wp?[i] ?? 1) * (gp?[i] ?? scale)
                q[i] = d
            }
            return out
        }
        func loss(_ i: Int) -> T {
            let xi = xp[i], ti = tp[i]
            let lw = pwp.map { 1 + ($0[i] - 1) * ti } ?? 1
            let l = (1 - ti) * xi + lw * (T.nnLog1p(T.nnExp(-Swift.abs(xi))) + Swift.max(-xi, 0))
            return l * (wp?[i] ?? 1)
        }
        if reduction == .none {
            let out = Tensor(uninitializedShape: x.sizes, dtype: x.dtype)
            let q = out.mutablePointer(T.self)
            for i in 0..<n { q[i] = loss(i) }
            return out
        }
        var s = 0.0
        for i in 0..<n { s += Double(loss(i)) }
        if reduction == .mean { s /= Double(n) }
        return Tensor(copying: [T(s)], shape: [])
    }
}
