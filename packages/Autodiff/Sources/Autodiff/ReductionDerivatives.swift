import TensorCore

/// max()/min()/amax/amin/median(): the gradient is split evenly among the elements equal to the result.
func evenlyDistributed(_ g: Tensor, _ c: BackwardContext, _ dims: [Int]?, _ keepdim: Bool) -> Tensor {
    let x = c.input(0)
    let shape = c.shape()
    let r = c.output().unreduced(dims, keepdim: keepdim, inputShape: shape)
    let hits = x.eq(r)
    let count = hits.sum(dims: dims ?? Array(0..<x.ndim), keepdim: true)
    return Tensor.where(hits, g.unreduced(dims, keepdim: keepdim, inputShape: shape) / count, 0)
}

/// prod backward without dividing by x (zeros allowed): the product of the other elements of each slice,
/// from exclusive cumulative products taken from both ends.
func prodBackward(_ g: Tensor, _ x: Tensor, _ dims: [Int]?, _ keepdim: Bool) -> Tensor {
    let shape = x.sizes
    if shape.isEmpty { return g }
    let reduced = (dims ?? Array(0..<shape.count)).map { wrapDim($0, shape.count) }.sorted()
    let kept = (0..<shape.count).filter { !reduced.contains($0) }
    // Reduced dims last, flattened into one.
    let order = kept + reduced
    let moved = x.permute(order)
    let keptShape = kept.map { shape[$0] }
    let length = reduced.reduce(1) { $0 * shape[$1] }
    let flat = moved.reshape(keptShape + [length])
    let last = keptShape.count
    let onesShape = keptShape + [1]
    func exclusiveCumprod(_ t: Tensor) -> Tensor {
        if length <= 1 { return Tensor.ones(onesShape, dtype: t.dtype).expand(t.sizes) }
        let shifted = t.narrow(dim: last, start: 0, length: length - 1).cumprod(dim: last)
        return Tensor.cat([Tensor.ones(onesShape, dtype: t.dtype), shifted], dim: last)
    }
    let before = exclusiveCumprod(flat)
    let after = exclusiveCumprod(flat.flip([last])).flip([last])
    let others = (before * after).reshape(keptShape + reduced.map { shape[$0] })
    var inverse = [Int](repeating: 0, count: order.count)
    for (i, d) in order.enumerated() { inverse[d] = i }
    let othersInPlace = others.permute(inverse)
    return g.unreduced(dims, keepdim: keepdim, inputShape: shape) * othersInPlace
}

/// scatter_reduce backward for "sum", "mean", "amax", "amin" (torch's formulas); "prod" divides by the
/// source values, as torch does when no zeros are present.
func scatterReduceBackward(
    _ g: Tensor, _ c: BackwardContext, _ dim: Int, _ index: Tensor, _ reduce: String, _ includeSelf: Bool
) -> [Tensor?] {
    let x = c.input(0), src = c.input(1), r = c.output()
    // Positions of self that some source element reduces into.
    let touched = Tensor.zerosLike(g).scatterAdd(dim: dim, index: index, src: Tensor.onesLike(src).to(g.dtype)).ne(0)
    func excludeTouched(_ t: Tensor) -> Tensor { includeSelf ? t : Tensor.where(touched, 0, g) }
    switch reduce {
    case "sum":
        return [includeSelf ? g : g.maskedFill(touched, 0), g.gather(dim: dim, index: index)]
    case "mean":
        let start = includeSelf ? Tensor.onesLike(g) : Tensor.zerosLike(g)
        let counts = start.scatterAdd(dim: dim, index: index, src: Tensor.onesLike(src).to(g.dtype))
        let share = g / counts.maskedFill(counts.eq(0), 1)
        return [excludeTouched(share), share.gather(dim: dim, index: index)]
    case "amax", "amin":
        let selfHits = includeSelf ? x.eq(r).to(g.dtype) : Tensor.zerosLike(g)
        let srcHits = src.eq(r.gather(dim: dim, index: index)).to(g.dtype)
        let counts = selfHits.scatterAdd(dim: dim, index: index, src: srcHits)
        let share = g / counts.maskedFill(counts.eq(0), 1)
        return [excludeTouched(share * selfHits), share.gather(dim: dim, index: index) * srcHits]
    default:  // "prod"
        return [excludeTouched(g * r / x), (g * r).gather(dim: dim, index: index) / src]
    }
}

/// vector_norm backward for every order torch defines (0: zero gradient; ±inf: split among the ties).
func vectorNormBackward(_ g: Tensor, _ x: Tensor, _ r: Tensor, ord: Double, dims: [Int]?, keepdim: Bool) -> Tensor {
    let shape = x.sizes
    let dimsOrNil = (dims?.isEmpty ?? true) ? nil : dims
    let gu = g.unreduced(dimsOrNil, keepdim: keepdim, inputShape: shape)
    let ru = r.unreduced(dimsOrNil, keepdim: keepdim, inputShape: shape)
    switch ord {
    case 0: return Tensor.zerosLike(x)
    case 1: return gu * x.sign()
    case 2: return (gu * x / ru).maskedFill(ru.eq(0).expand(shape), 0)
    case .infinity, -.infinity:
        let hits = x.abs().eq(ru)
        let count = hits.sum(dims: dimsOrNil ?? Array(0..<x.ndim), keepdim: true)
        return Tensor.where(hits, gu * x.sign() / count, 0)
    default:
        let scaled = x * x.abs().pow(.double(ord - 2)) / ru.pow(.double(ord - 1))
        return (gu * scaled).maskedFill(ru.eq(0).expand(shape), 0)
    }
}
