import TensorCore

// Derivatives of the linear-algebra ops (torch's FunctionsManual.cpp formulas, real case).

/// matmul in all its cases: 1-D operands get a dim added (and removed from the gradient), batch dims
/// broadcast (the engine sums the gradient back to each operand's shape).
func matmulBackward(_ g: Tensor, _ c: BackwardContext) -> [Tensor?] {
    let a = c.input(0), b = c.input(1)
    if a.ndim == 2 && b.ndim == 2 {  // torch's matmul is mm here, and so is its backward
        return [
            c.needs(0) ? mmMat1Backward(g, mat1: a, mat2: b) : nil,
            c.needs(1) ? mmMat2Backward(g, mat1: a, mat2: b) : nil,
        ]
    }
    let a2 = a.ndim == 1 ? a.unsqueeze(0) : a
    let b2 = b.ndim == 1 ? b.unsqueeze(1) : b
    let batch = broadcastShapes(Array(a2.sizes.dropLast(2)), Array(b2.sizes.dropLast(2)))
    let shape2 = batch + [a2.sizes[a2.ndim - 2], b2.sizes[b2.ndim - 1]]
    let g2 = g.sizes == shape2 ? g : g.reshape(shape2)
    func fitted(_ t: Tensor, _ shape2: [Int], _ shape: [Int]) -> Tensor {
        let r = t.sumTo(shape2)
        return r.sizes == shape ? r : r.reshape(shape)
    }
    let ga = c.needs(0) ? fitted(g2.matmul(b2.mTransposed), a2.sizes, a.sizes) : nil
    let gb = c.needs(1) ? fitted(a2.mTransposed.matmul(g2), b2.sizes, b.sizes) : nil
    return [ga, gb]
}

/// linalg.solve: AX = B (left) or XA = B; B may be a (batch of) vector(s).
func solveBackward(_ g: Tensor, _ c: BackwardContext, left: Bool) -> [Tensor?] {
    let a = c.input(0), b = c.input(1), x = c.output()
    if left {
        let vectorCase = b.ndim == 1 || (b.ndim == a.ndim - 1 && Array(b.sizes) == Array(a.sizes.dropLast()))
        let gb = Linalg.solve(a.mTransposed, g)
        let ga = vectorCase ? -(gb.unsqueeze(-1) * x.unsqueeze(-2)) : -gb.matmul(x.mTransposed)
        return [c.needs(0) ? ga : nil, c.needs(1) ? gb : nil]
    }
    let gb = Linalg.solve(a.mTransposed, g, left: false)
    return [c.needs(0) ? -x.mTransposed.matmul(gb) : nil, c.needs(1) ? gb : nil]
}

/// linalg.cholesky: gA = L⁻ᵀ Φ(Lᵀ gL) L⁻¹ with Φ keeping the lower triangle, diagonal halved (symmetric).
func choleskyBackward(_ g: Tensor, _ out: Tensor, upper: Bool) -> Tensor {
    let l = upper ? out.mTransposed : out
    let gl = upper ? g.mTransposed : g
    let lower = l.mTransposed.matmul(gl).tril()
    let symmetric = (lower + lower.tril(diagonal: -1).mTransposed) * 0.5
    let inverse = Linalg.inv(l)
    return inverse.mTransposed.matmul(symmetric).matmul(inverse)
}

/// linalg.qr (reduced, m ≥ n): gA = (gQ + Q copyltu(M)) R⁻ᵀ with M = R gRᵀ − gQᵀ Q.
func qrBackward(_ grads: [Tensor?], _ c: BackwardContext, mode: String) -> Tensor? {
    let q = c.output(0), r = c.output(1)
    let shape = c.shape()
    let m = shape[shape.count - 2], n = shape[shape.count - 1]
    torchCheck(
        mode != "r",
        "The derivative of linalg.qr depends on Q, which is not computed when mode='r'. Please use linalg.qr(A, mode='reduced') if you are going to differentiate through linalg.qr."
    )
    torchCheck(
        m >= n && (mode == "reduced" || m == n),
        "The QR decomposition is not differentiable when mode='complete' and nrows > ncols.")
    let gq = grads[0] ?? Tensor.zerosLike(q)
    let gr = (grads.count > 1 ? grads[1] : nil) ?? Tensor.zerosLike(r)
    let mMat = r.matmul(gr.mTransposed) - gq.mTransposed.matmul(q)
    let copyltu = mMat.tril() + mMat.tril(diagonal: -1).mTransposed
    let b = gq + q.matmul(copyltu)
    // B R⁻ᵀ, i.e. solve X Rᵀ = B.
    return Linalg.solve(r.mTransposed, b, left: false)
}

/// linalg.svd (real): torch's svd_backward, including the terms for non-square inputs.
func svdBackward(_ grads: [Tensor?], _ c: BackwardContext, fullMatrices: Bool) -> Tensor? {
    var u = c.output(0), vh = c.output(2)
    let s = c.output(1)
    let k = s.size(-1)
    var gu = grads[0], gvh = grads.count > 2 ? grads[2] : nil
    let gs = grads.count > 1 ? grads[1] : nil
    if fullMatrices {
        u = u.narrow(dim: -1, start: 0, length: k)
        vh = vh.narrow(dim: -2, start: 0, length: k)
        gu = gu?.narrow(dim: -1, start: 0, length: k)
        gvh = gvh?.narrow(dim: -2, start: 0, length: k)
    }
    let shape = c.shape()
    let m = shape[shape.count - 2], n = shape[shape.count - 1]
    var inner = gs.map { $0.diagEmbed() } ?? Tensor.zeros(Array(s.sizes) + [k], dtype: s.dtype)
    if gu == nil && gvh == nil { return u.matmul(inner).matmul(vh) }
    let s2 = s * s
    let e = s2.unsqueeze(-2) - s2.unsqueeze(-1) + Tensor.eye(k, dtype: s.dtype)
    var result: Tensor?
    if let gu {
        let uhgu = u.mTransposed.matmul(gu)
        inner = inner + ((uhgu - uhgu.mTransposed) / e) * s.unsqueeze(-2)
        if m > k {
            let extra = (gu - u.matmul(uhgu)) / s.unsqueeze(-2)
            result = extra.matmul(vh)
        }
    }
    if let gvh {
        let vhgv = vh.matmul(gvh.mTransposed)
        inner = inner + s.unsqueeze(-1) * ((vhgv - vhgv.mTransposed) / e)
        if n > k {
            let extra = u.matmul((gvh - vhgv.mTransposed.matmul(vh)) / s.unsqueeze(-1))
            result = result.map { $0 + extra } ?? extra
        }
    }
    let main = u.matmul(inner).matmul(vh)
    return result.map { main + $0 } ?? main
}

/// linalg.eigh: gA = V (diag(gL) + skew(Vᵀ gV)/2 ∘ 1/(λⱼ − λᵢ)) Vᵀ.
func eighBackward(_ gl: Tensor?, _ gv: Tensor?, _ l: Tensor, _ v: Tensor) -> Tensor {
    let n = l.size(-1)
    var inner = gl.map { $0.diagEmbed() } ?? Tensor.zeros(Array(l.sizes) + [n], dtype: l.dtype)
    if let gv {
        let vhgv = v.mTransposed.matmul(gv)
        let e = l.unsqueeze(-2) - l.unsqueeze(-1) + Tensor.eye(n, dtype: l.dtype)
        inner = inner + (vhgv - vhgv.mTransposed) * 0.5 / e
    }
    return v.matmul(inner).matmul(v.mTransposed)
}

/// pinv for full-rank inputs through differentiable ops (torch's pinv backward also assumes constant rank).
func pinvReference(_ a: Tensor) -> Tensor {
    let m = a.size(-2), n = a.size(-1)
    if m >= n { return Linalg.solve(a.mTransposed.matmul(a), a.mTransposed) }
    return Linalg.solve(a.matmul(a.mTransposed), a, left: true).mTransposed
}

/// lstsq's solution for full-rank A: pinv(A) B.
func lstsqReference(_ a: Tensor, _ b: Tensor) -> Tensor {
    let vectorCase = b.ndim == 1 || (b.ndim == a.ndim - 1 && Array(b.sizes) == Array(a.sizes.dropLast()))
    let rhs = vectorCase ? b.unsqueeze(-1) : b
    let x = pinvReference(a).matmul(rhs)
    return vectorCase ? x.squeeze(dim: -1) : x
}

/// matrix_norm with differentiable ops: singular values for nuc/±2, abs-sums then extremes for ±1/±inf.
func matrixNormReference(_ a: Tensor, _ ord: NormOrder, _ dims: [Int], _ keepdim: Bool) -> Tensor {
    let d0 = wrapDim(dims[0], a.ndim), d1 = wrapDim(dims[1], a.ndim)
    var r: Tensor
    switch ord {
    case .fro:
        return Linalg.vectorNorm(a, ord: 2, dim: [d0, d1], keepdim: keepdim)
    case .nuc, .p(2), .p(-2):
        let s = Linalg.svdvals(a.movedim([d0, d1], [a.ndim - 2, a.ndim - 1]))
        r = ord == .nuc ? s.sum(dim: -1) : (ord == .p(2) ? s.amax(dim: -1) : s.amin(dim: -1))
        if keepdim { for d in [d0, d1].sorted() { r = r.unsqueeze(d) } }
        return r
    case .p(let p):
        let (sumDim, extremeDim) = Swift.abs(p) == 1 ? (d0, d1) : (d1, d0)
        let sums = a.abs().sum(dim: sumDim, keepdim: true)
        r = p > 0 ? sums.amax(dim: extremeDim, keepdim: true) : sums.amin(dim: extremeDim, keepdim: true)
        return keepdim ? r : r.squeeze(dims: [d0, d1])
    }
}
