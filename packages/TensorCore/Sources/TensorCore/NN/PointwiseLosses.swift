/// Elementwise losses with reduction: mse, l1, smooth_l1, huber, binary_cross_entropy, kl_div; each
/// with its backward kernel (which Autodiff's formulas call). Each loss is a `LossFunction` (value and
/// derivative w.r.t. input); one generic kernel applies weight and reduction. Reductions accumulate in
/// Double; "mean" of an empty input is NaN as in torch.
extension NNOps {
    package static func mseLoss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input, target]) { c in mseLoss(c[0]!, c[1]!, reduction: reduction) }
        }
        return lossForward(MSE.self, input, target, nil, reduction, 0, "mse_cpu")
            .recorded(.mseLoss(reduction: reduction), input, target)
    }

    package static func mseLossBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean
    ) -> Tensor {
        lossBackward(MSE.self, gradOutput, input, target, nil, reduction, 0, "mse_loss_backward")
    }

    package static func l1Loss(_ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input, target]) { c in l1Loss(c[0]!, c[1]!, reduction: reduction) }
        }
        // torch takes |input − target| in the integer dtype, then its mean refuses it.
        torchCheck(
            input.dtype.isFloatingPoint || reduction != .mean,
            "mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: \(input.dtype.scalarTypeName)"
        )
        return lossForward(L1.self, input, target, nil, reduction, 0, "l1_loss")
            .recorded(.l1Loss(reduction: reduction), input, target)
    }

    /// sign(input - target) · grad.
    package static func l1LossBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean
    ) -> Tensor {
        lossBackward(L1.self, gradOutput, input, target, nil, reduction, 0, "l1_loss_backward")
    }

    package static func smoothL1Loss(
        _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, beta: Double = 1.0
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input, target]) { c in
                smoothL1Loss(c[0]!, c[1]!, reduction: reduction, beta: beta)
            }
        }
        torchCheck(beta >= 0, "smooth_l1_loss does not support negative values for beta.")
        if beta == 0 { return l1Loss(input, target, reduction: reduction) }
        return lossForward(SmoothL1.self, input, target, nil, reduction, beta, "smooth_l1_cpu")
            .recorded(.smoothL1Loss(reduction: reduction, beta: beta), input, target)
    }

    package static func smoothL1LossBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, beta: Double = 1.0
    ) -> Tensor {
        if beta == 0 { return l1LossBackward(gradOutput, input, target, reduction: reduction) }
        return lossBackward(SmoothL1.self, gradOutput, input, target, nil, reduction, beta, "smooth_l1_loss_backward")
    }

    package static func huberLoss(
        _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, delta: Double = 1.0
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input, target]) { c in
                huberLoss(c[0]!, c[1]!, reduction: reduction, delta: delta)
            }
        }
        torchCheck(delta > 0, "huber_loss does not support non-positive values for delta.")
        return lossForward(Huber.self, input, target, nil, reduction, delta, "huber_cpu")
            .recorded(.huberLoss(reduction: reduction, delta: delta), input, target)
    }

    package static func huberLossBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, delta: Double = 1.0
    ) -> Tensor {
        lossBackward(Huber.self, gradOutput, input, target, nil, reduction, delta, "huber_loss_backward")
    }

    /// `binary_cross_entropy`: logs clamped at -100 as in torch; input must lie in [0, 1].
    package static func binaryCrossEntropy(
        _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input, target, weight]) { c in
                binaryCrossEntropy(c[0]!, c[1]!, weight: c[2], reduction: reduction)
            }
        }
        torchCheck(
            input.sizes == target.sizes,
            "Using a target size (\(target.shape)) that is different to the input size (\(input.shape)) is deprecated. Please ensure they have the same size."
        )
        return lossForward(BCE.self, input, target, weight, reduction, 0, "binary_cross_entropy")
            .recorded(.binaryCrossEntropy(weight: weight, reduction: reduction), input, target)
    }

    package static func binaryCrossEntropyBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: LossReduction = .mean
    ) -> Tensor {
        lossBackward(BCE.self, gradOutput, input, target, weight, reduction, 0, "binary_cross_entropy_backward")
    }

    /// `kl_div(input, target)` with input in log space (target too when `logTarget`). "batchmean" divides
    /// the sum by input.size(0).
    package static func klDiv(
        _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean, logTarget: Bool = false
    ) -> Tensor {
        if Autocast.isActive {
            return Autocast.run(.float32, [input, target]) { c in
                klDiv(c[0]!, c[1]!, reduction: reduction, logTarget: logTarget)
            }
        }
        torchCheck(
            input.dtype.isFloatingPoint && target.dtype.isFloatingPoint, "kl_div: Integral inputs not supported.")
        if input.requiresGradient || target.requiresGradient {
            return klDivComposed(input, target, reduction: reduction, logTarget: logTarget)
        }
        let out =
            logTarget
            ? lossForward(KLLog.self, input, target, nil, reduction, 0, "kl_div", batchmean: true)
            : lossForward(KL.self, input, target, nil, reduction, 0, "kl_div", batchmean: true)
        return out
    }

    package static func klDivBackward(
        _ gradOutput: Tensor, _ input: Tensor, _ target: Tensor, reduction: LossReduction = .mean,
        logTarget: Bool = false
    ) -> Tensor {
        logTarget
            ? lossBackward(KLLog.self, gradOutput, input, target, nil, reduction, 0, "kl_div_backward", batchmean: true)
            : lossBackward(KL.self, gradOutput, input, target, nil, reduction, 0, "kl_div_backward", batchmean: true)
    }

    static func lossForward<F: LossFunction>(
        _: F.Type, _ input: Tensor, _ target: Tensor, _ weight: Tensor?, _ reduction: LossReduction, _ param: Double,
        _ name: String, batchmean: Bool = false
    ) -> Tensor {
        torchCheck(reduction != .batchmean || batchmean, "batchmean is not a valid value for reduction")
        let (x, t) = nnLossOperands(input, target)
        let w = weight.map { nnExpand($0, x) }
        return PointwiseLossKernel<F>(input: x, target: t, weight: w, grad: nil, reduction: reduction, param: param)
            .dispatchRounding(x.dtype, name)
    }

    static func lossBackward<F: LossFunction>(
        _: F.Type, _ gradOutput: Tensor, _ input: Tensor, _ target: Tensor, _ weight: Tensor?,
        _ reduction: LossReduction,
        _ param: Double, _ name: String, batchmean: Bool = false
    ) -> Tensor {
        let (x, t) = nnLossOperands(input, target)
        let w = weight.map { nnExpand($0, x) }
        return PointwiseLossKernel<F>(
            input: x, target: t, weight: w, grad: gradOutput, reduction: reduction, param: param
        )
        .dispatchRounding(x.dtype, name)
    }
}

/// Input and target broadcast to a common shape as contiguous tensors of one float dtype.
func nnLossOperands(_ input: Tensor, _ target: Tensor) -> (Tensor, Tensor) {
    let shape = broadcastShapes(input.sizes, target.sizes)
    nnCheckSameDType(input, target)
    func materialize(_ t: Tensor) -> Tensor {
        if t.sizes == shape { return t.contiguous() }
        let out = Tensor(uninitializedShape: shape, dtype: t.dtype)
        out.copy_(t)
        return out
    }
    return (materialize(input), materialize(target))
}

/// `t` broadcast to `like`'s shape as a contiguous tensor of `like`'s dtype.
func nnExpand(_ t: Tensor, _ like: Tensor) -> Tensor {
    let shape = broadcastShapes(like.sizes, t.sizes)
    torchCheck(
        shape == like.sizes,
        "The size of tensor a (\(t.sizes.last ?? 1)) must match the size of tensor b (\(like.sizes.last ?? 1)) at non-singleton dimension \(like.ndim - 1)"
    )
    let out = Tensor(uninitializedShape: like.sizes, dtype: like.dtype)
    out.copy_(t)
    return out
}

/// One elementwise loss: its value and its derivative w.r.t. the input; `p` is beta/delta where used.
protocol LossFunction {
    static func value<T: NNFloat>(_ x: T, _ t: T, _ p: T) -> T
    static func derivative<T: NNFloat>(_ x: T, _ t: T, _ p: T) -> T
}

private enum MSE: LossFunction {
    @inline(__always) static func value<T: NNFloat>(_ x: T, _ t: T, _: T) -> T {
        let d = x - t
        return d * d
    }
    @inline(__always) static func derivative<T: NNFloat>(_ x: T, _ t: T, _: T) -> T { 2 * (x - t) }
}

private enum L1: LossFunction {
    @inline(__always) static func value<T: NNFloat>(_ x: T, _ t: T, _: T) -> T { Swift.abs(x - t) }
    @inline(__always) static func derivative<T: NNFloat>(_ x: T, _ t: T, _: T) -> T {
        let d = x - t
        return d > 0 ? 1 : (d < 0 ? -1 : d)  // sgn, NaN stays NaN
    }
}

private enum SmoothL1: LossFunction {
    @inline(__always) static func value<T: NNFloat>(_ x: T, _ t: T, _ b: T) -> T {
        let z = Swift.abs(x - t)
        return z < b ? 0.5 * z * z / b : z - 0.5 * b
    }
    @inline(__always) static func derivative<T: NNFloat>(_ x: T, _ t: T, _ b: T) -> T {
        let d = x - t
        return d < -b ? -1 : (d > b ? 1 : d / b)
    }
}

private enum Huber: LossFunction {
    @inline(__always) static func value<T: NNFloat>(_ x: T, _ t: T, _ dl: T) -> T {
        let z = Swift.abs(x - t)
        return z < dl ? 0.5 * z * z : dl * (z - 0.5 * dl)
    }
    @inline(__always) static func derivative<T: NNFloat>(_ x: T, _ t: T, _ dl: T) -> T {
        let d = x - t
        return d < -dl ? -dl : (d > dl ? dl : d)
    }
}

private enum BCE: LossFunction {
    @inline(__always) static func value<T: NNFloat>(_ x: T, _ t: T, _: T) -> T {
        torchCheck(x >= 0 && x <= 1, "all elements of input should be between 0 and 1")
        let lx = Swift.max(T.nnLog(x), -100), l1x = Swift.max(T.nnLog(1 - x), -100)
        return (t - 1) * l1x - t * lx
    }
    @inline(__always) static func derivative<T: NNFloat>(_ x: T, _ t: T, _: T) -> T {
        // torch clamps with EPSILON = 1e-12 stored as a float.
        (x - t) / Swift.max((1 - x) * x, T(Float(1e-12)))
    }
}

private enum KL: LossFunction {
    /// xlogy(t, t) - t·x: 0·log 0 counts as 0, NaN targets propagate.
    @inline(__always) static func value<T: NNFloat>(_ x: T, _ t: T, _: T) -> T {
        let xlogy = t.isNaN ? t : (t == 0 ? 0 : t * T.nnLog(t))
        return xlogy - t * x
    }
    @inline(__always) static func derivative<T: NNFloat>(_: T, _ t: T, _: T) -> T { -t }
}

private enum KLLog: LossFunction {
    @inline(__always) static func value<T: NNFloat>(_ x: T, _ t: T, _: T) -> T { T.nnExp(t) * (t - x) }
    @inline(__always) static func derivative<T: NNFloat>(_: T, _ t: T, _: T) -> T { -T.nnExp(t) }
}

/// Forward (grad == nil) or input-gradient of an elementwise loss with optional weight and reduction.
private struct PointwiseLossKernel<F: LossFunction>: ReducedPrecisionKernel {
    let input: Tensor, target: Tensor, weight: Tensor?, grad: Tensor?
    let reduction: LossReduction
    let param: Double

    func inFloat32() -> Self {
        Self(
            input: input.kernelOpmath, target: target.kernelOpmath, weight: weight?.kernelOpmath,
            grad: grad?.kernelOpmath,
            reduction: reduction, param: param)
    }

    func run<T: NNFloat>(_: T.Type) -> Tensor {
        let n = input.numel
        let x = input.pointer(T.self), t = target.pointer(T.self), w = weight?.pointer(T.self)
        let p = T(param)
        // batchmean divides by the batch size; mean by the element count.
        let divisor: Double = reduction == .batchmean ? Double(input.ndim == 0 ? 1 : input.size(0)) : Double(n)
        if let grad {
            nnCheckSameDType(input, grad)
            let out = Tensor(uninitializedShape: input.sizes, dtype: input.dtype)
            let q = out.mutablePointer(T.self)
            if reduction == .none {
                let g = nnExpand(grad, input)
                let gp = g.pointer(T.self)
                for i in 0..<n { q[i] = F.derivative(x[i], t[i], p) * gp[i] * (w?[i] ?? 1) }
            } else {
                torchCheck(grad.numel == 1, "grad_output must be a scalar for reduction '\(reduction.rawValue)'")
                let scale = T(grad.item(Double.self) / (reduction == .sum ? 1 : divisor))
                for i in 0..<n { q[i] = F.derivative(x[i], t[i], p) * scale * (w?[i] ?? 1) }
            }
            return out
        }
        if reduction == .none {
            let out = Tensor(uninitializedShape: input.sizes, dtype: input.dtype)
            let q = out.mutablePointer(T.self)
            for i in 0..<n { q[i] = F.value(x[i], t[i], p) * (w?[i] ?? 1) }
            return out
        }
        var s = 0.0
        for i in 0..<n { s += Double(F.value(x[i], t[i], p) * (w?[i] ?? 1)) }
        if reduction != .sum { s /= divisor }
        return Tensor(copying: [T(s)], shape: [])
    }
}
