import TensorCore

/// torch's `_cubic_interpolate`: the minimizer of the cubic through two points with their
/// derivatives, clamped to the bounds (the bounds' midpoint when the cubic has no minimum).
func cubicInterpolate(
    _ x1: Double, _ f1: Double, _ g1: Double, _ x2: Double, _ f2: Double, _ g2: Double,
    bounds: (Double, Double)? = nil
) -> Double {
    let (lo, hi) = bounds ?? (x1 <= x2 ? (x1, x2) : (x2, x1))
    let d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
    let d2Square = d1 * d1 - g1 * g2
    guard d2Square >= 0 else { return (lo + hi) / 2.0 }
    let d2 = d2Square.squareRoot()
    let minPos = x1 <= x2
        ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
        : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2))
    return Swift.min(Swift.max(minPos, lo), hi)
}

/// torch's `_strong_wolfe` line search along `d` from step `t`: returns the loss, flat gradient and
/// step it settles on, and how many evaluations it used.
func strongWolfe(
    _ objective: (Double, Tensor) -> (Double, Tensor), t initialT: Double, d: Tensor, f: Double, g: Tensor,
    gtd: Double, c1: Double = 1e-4, c2: Double = 0.9, toleranceChange: Double = 1e-9, maxLS: Int = 25
) -> (Double, Tensor, Double, Int) {
    var t = initialT
    let dNorm = d.abs().max().item(Double.self)
    var (fNew, gNew) = objective(t, d)
    var evals = 1
    var gtdNew = gNew.dot(d).item(Double.self)
    var tPrev = 0.0, fPrev = f, gPrev = g.clone(), gtdPrev = gtd
    var done = false
    var lsIter = 0
    var bracket: [Double] = [], bracketF: [Double] = [], bracketG: [Tensor] = [], bracketGtd: [Double] = []
    while lsIter < maxLS {
        if fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev) {
            (bracket, bracketF, bracketG, bracketGtd) = ([tPrev, t], [fPrev, fNew], [gPrev, gNew.clone()], [gtdPrev, gtdNew])
            break
        }
        if abs(gtdNew) <= -c2 * gtd {
            (bracket, bracketF, bracketG) = ([t], [fNew], [gNew])
            done = true
            break
        }
        if gtdNew >= 0 {
            (bracket, bracketF, bracketG, bracketGtd) = ([tPrev, t], [fPrev, fNew], [gPrev, gNew.clone()], [gtdPrev, gtdNew])
            break
        }
        let minStep = t + 0.01 * (t - tPrev), maxStep = t * 10
        let tmp = t
        t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, bounds: (minStep, maxStep))
        tPrev = tmp
        fPrev = fNew
        gPrev = gNew.clone()
        gtdPrev = gtdNew
        (fNew, gNew) = objective(t, d)
        evals += 1
        gtdNew = gNew.dot(d).item(Double.self)
        lsIter += 1
    }
    if lsIter == maxLS {
        (bracket, bracketF, bracketG) = ([0, t], [f, fNew], [g, gNew])
        // torch leaves bracket_gtd from before (or undefined); a zoom would need it.
        if bracketGtd.count != 2 { bracketGtd = [gtd, gtdNew] }
    }

    var insufficientProgress = false
    var (low, high) = bracketF[0] <= bracketF[bracketF.count - 1] ? (0, 1) : (1, 0)
    while !done && lsIter < maxLS {
        if abs(bracket[1] - bracket[0]) * dNorm < toleranceChange { break }
        t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1])
        let bMax = Swift.max(bracket[0], bracket[1]), bMin = Swift.min(bracket[0], bracket[1])
        let eps = 0.1 * (bMax - bMin)
        if Swift.min(bMax - t, t - bMin) < eps {
            if insufficientProgress || t >= bMax || t <= bMin {
                t = abs(t - bMax) < abs(t - bMin) ? bMax - eps : bMin + eps
                insufficientProgress = false
            } else {
                insufficientProgress = true
            }
        } else {
            insufficientProgress = false
        }
        (fNew, gNew) = objective(t, d)
        evals += 1
        gtdNew = gNew.dot(d).item(Double.self)
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
    return (bracketF[low], bracketG[low], bracket[low], evals)
}
