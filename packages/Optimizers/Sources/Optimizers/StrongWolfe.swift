import TensorCore

// torch's `_cubic_interpolate` and `_strong_wolfe`, on `TorchScalar`s so that, with float32
// parameters, each scalar rounds where torch's (a 0-dim tensor or a Python float) does.

/// The minimizer of the cubic through two points with their derivatives, clamped to the bounds (the
/// bounds' midpoint when the cubic has no minimum).
func cubicInterpolate(
    _ x1: TorchScalar, _ f1: TorchScalar, _ g1: TorchScalar, _ x2: TorchScalar, _ f2: TorchScalar, _ g2: TorchScalar,
    bounds: (TorchScalar, TorchScalar)? = nil
) -> TorchScalar {
    let (lo, hi) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
    let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    let d2Square = d1 * d1 - g1 * g2
    guard d2Square >= 0 else { return (lo + hi) / 2.0 }
    let d2 = sqrt(d2Square)
    let minPos =
        x1 <= x2
        ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
    return pyMin(pyMax(minPos, lo), hi)
}

/// The strong-Wolfe line search along `d` from step `t`: returns the loss, flat gradient and step it
/// settles on, and how many evaluations it used. `f` is a Python float, `gtd` a tensor.
func strongWolfe(
    _ objective: (TorchScalar, Tensor) -> (Double, Tensor), t initialT: TorchScalar, d: Tensor, f fValue: Double,
    g: Tensor, gtd: TorchScalar, c1: Double = 1e-4, c2: Double = 0.9, toleranceChange: Double = 1e-9, maxLS: Int = 25
) -> (Double, Tensor, TorchScalar, Int) {
    let single = gtd.single
    func python(_ x: Double) -> TorchScalar { TorchScalar(x, single: single) }
    func tensor(_ x: Tensor) -> TorchScalar { TorchScalar(tensor: x.item(Double.self), single: single) }
    /// Evaluates at `t`: the loss (a Python float), the gradient and its directional derivative.
    func evaluate(_ t: TorchScalar) -> (TorchScalar, Tensor, TorchScalar) {
        let (loss, grad) = objective(t, d)
        return (python(loss), grad, tensor(grad.dot(d)))
    }
    let f = python(fValue)
    var t = initialT
    let dNorm = tensor(d.abs().max())
    var (fNew, gNew, gtdNew) = evaluate(t)
    var evals = 1
    var tPrev = python(0), fPrev = f, gPrev = g.clone(), gtdPrev = gtd
    var done = false
    var lsIter = 0
    var bracket: [TorchScalar] = [], bracketF: [TorchScalar] = [], bracketG: [Tensor] = [],
        bracketGtd: [TorchScalar] = []
    while lsIter < maxLS {
        if fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev) {
            (bracket, bracketF, bracketG, bracketGtd) = (
                [tPrev, t], [fPrev, fNew], [gPrev, gNew.clone()], [gtdPrev, gtdNew]
            )
            break
        }
        if abs(gtdNew) <= -c2 * gtd {
            (bracket, bracketF, bracketG) = ([t], [fNew], [gNew])
            done = true
            break
        }
        if gtdNew >= 0 {
            (bracket, bracketF, bracketG, bracketGtd) = (
                [tPrev, t], [fPrev, fNew], [gPrev, gNew.clone()], [gtdPrev, gtdNew]
            )
            break
        }
        let minStep = t + 0.01 * (t - tPrev), maxStep = t * 10
        let tmp = t
        t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, bounds: (minStep, maxStep))
        tPrev = tmp
        fPrev = fNew
        gPrev = gNew.clone()
        gtdPrev = gtdNew
        (fNew, gNew, gtdNew) = evaluate(t)
        evals += 1
        lsIter += 1
    }
    if lsIter == maxLS {
        (bracket, bracketF, bracketG) = ([python(0), t], [f, fNew], [g, gNew])
        // torch leaves bracket_gtd from before (or undefined); a zoom would need it.
        if bracketGtd.count != 2 { bracketGtd = [gtd, gtdNew] }
    }

    var insufficientProgress = false
    var (low, high) = bracketF[0] <= bracketF[bracketF.count - 1] ? (0, 1) : (1, 0)
    while !done && lsIter < maxLS {
        if abs(bracket[1] - bracket[0]) * dNorm < toleranceChange { break }
        t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1])
        // Python's max(list) / min(list): the first of equal values.
        let bMax = pyMax(bracket[0], bracket[1]), bMin = pyMin(bracket[0], bracket[1])
        let eps = 0.1 * (bMax - bMin)
        if pyMin(bMax - t, t - bMin) < eps {
            if insufficientProgress || t >= bMax || t <= bMin {
                t = abs(t - bMax) < abs(t - bMin) ? bMax - eps : bMin + eps
                insufficientProgress = false
            } else {
                insufficientProgress = true
            }
        } else {
            insufficientProgress = false
        }
        (fNew, gNew, gtdNew) = evaluate(t)
        evals += 1
        lsIter += 1
        if fNew > f + c1 * t * gtd || fNew >= bracketF[low] {
            bracket[high] = t
            bracketF[high] = fNew
            bracketG[high] = gNew.clone()
            bracketGtd[high] = gtdNew
            (low, high) = bracketF[0] <= bracketF[1] ? (0, 1) : (1, 0)
        } else {
            if abs(gtdNew) <= -c2 * gtd {
                done = true
            } else if gtdNew * (bracket[high] - bracket[low]) >= 0 {
                bracket[high] = bracket[low]
                bracketF[high] = bracketF[low]
                bracketG[high] = bracketG[low]
                bracketGtd[high] = bracketGtd[low]
            }
            bracket[low] = t
            bracketF[low] = fNew
            bracketG[low] = gNew.clone()
            bracketGtd[low] = gtdNew
        }
    }
    return (bracketF[low].value, bracketG[low], bracket[low], evals)
}
