/// cumsum / cumprod / cummax / cummin along one dim. Floating scans accumulate in Double (PyTorch's
/// CPU acc type for float; at least as precise for half types); bool and integer inputs scan in
/// int64 (PyTorch's result dtype).

/// Calls `body(offset, width)` for every tile of up to `reduceTileWidth` adjacent lanes (lanes are the
/// `inner` positions; an innermost dim has one lane per row), in parallel. The body advances its tile
/// row by row along the dim, so memory is read contiguously whatever the dim.
private func forEachScanBlock(
    _ lanes: DimLanes, _ body: (_ offset: Int, _ width: Int) -> Void
) {
    let (outer, size, inner) = (lanes.outer, lanes.size, lanes.inner)
    if size == 0 || outer * inner == 0 { return }
    let tiles = (inner + reduceTileWidth - 1) / reduceTileWidth
    let width = Swift.min(inner, reduceTileWidth)
    parallelFor(outer * tiles, grain: Swift.max(1, Threads.grainSize / (size * width))) { range in
        for item in range {
            let o = item / tiles, c0 = (item % tiles) * reduceTileWidth
            body(o * size * inner + c0, Swift.min(reduceTileWidth, inner - c0))
        }
    }
}

private struct FloatScanVisitor: ReduceFloatVisitor {
    let lanes: DimLanes
    let out: Tensor
    let product: Bool

    func visit<T: FloatReduceElement>(_: T.Type) {
        let src = lanes.base(T.self), dst = out.mutablePointer(T.self)
        let (size, inner) = (lanes.size, lanes.inner)
        let product = product
        forEachScanBlock(lanes) { offset, width in
            // PyTorch's CPU scans accumulate in acc_type<T, false>: double for float and double.
            withUnsafeTemporaryAllocation(of: Double.self, capacity: width) { buffer in
                let acc = buffer.baseAddress!
                acc.update(repeating: product ? 1 : 0, count: width)
                for r in 0..<size {
                    let x = src + offset + r * inner, y = dst + offset + r * inner
                    for j in 0..<width {
                        let v = Double(T.widen(x[j]))
                        acc[j] = product ? acc[j] * v : acc[j] + v
                        y[j] = T.narrow(T.Acc(acc[j]))
                    }
                }
            }
        }
    }
}

private func intScan(_ lanes: DimLanes, _ out: Tensor, product: Bool) {
    let src = lanes.base(Int64.self), dst = out.mutablePointer(Int64.self)
    let (size, inner) = (lanes.size, lanes.inner)
    forEachScanBlock(lanes) { offset, width in
        let y0 = dst + offset
        let x0 = src + offset
        for j in 0..<width { y0[j] = x0[j] }
        for r in 1..<Swift.max(size, 1) {
            let x = x0 + r * inner, y = y0 + r * inner, prev = y0 + (r - 1) * inner
            if product {
                for j in 0..<width { y[j] = prev[j] &* x[j] }
            } else {
                for j in 0..<width { y[j] = prev[j] &+ x[j] }
            }
        }
    }
}

private func accumulateScan(_ x: Tensor, _ dim: Int, _ dtype: DType?, product: Bool) -> Tensor {
    let resultType = dtype ?? (x.dtype.isFloatingPoint ? x.dtype : .int64)
    let input = x.to(resultType.isFloatingPoint ? resultType : .int64)
    let lanes = DimLanes(input, dim: dim)
    let out = Tensor(uninitializedShape: input.sizes, dtype: input.dtype)
    if input.dtype.isFloatingPoint {
        input.dtype.visitReduceFloat(FloatScanVisitor(lanes: lanes, out: out, product: product))
    } else {
        intScan(lanes, out, product: product)
    }
    return out.to(resultType)
}

/// cummax/cummin: a new element replaces the running extremum when it is NaN or ties/beats it (so the
/// index of ties is the latest, as PyTorch's `>=`), and nothing replaces a NaN except a later NaN.
private struct CumExtremumVisitor<D: ExtremumDirection>: ReduceOrderedVisitor {
    let lanes: DimLanes
    let values: Tensor
    let indices: Tensor

    func visit<T: ReduceOrdered>(_: T.Type) {
        let src = lanes.base(T.self)
        let vals = values.mutablePointer(T.self), idx = indices.mutablePointer(Int64.self)
        let (size, inner) = (lanes.size, lanes.inner)
        forEachScanBlock(lanes) { offset, width in
            let x0 = src + offset, v0 = vals + offset, i0 = idx + offset
            for j in 0..<width { (v0[j], i0[j]) = (x0[j], 0) }
            for r in 1..<Swift.max(size, 1) {
                let x = x0 + r * inner, v = v0 + r * inner, ix = i0 + r * inner
                let pv = v0 + (r - 1) * inner, pi = i0 + (r - 1) * inner
                for j in 0..<width {
                    let value = x[j], current = pv[j]
                    if T.isNaN(value) || (!T.isNaN(current) && !D.better(current, than: value)) {
                        (v[j], ix[j]) = (value, Int64(r))
                    } else {
                        (v[j], ix[j]) = (current, pi[j])
                    }
                }
            }
        }
    }
}

private func cumExtremum<D: ExtremumDirection>(_ x: Tensor, _ dim: Int, _: D.Type) -> ValuesIndices {
    let lanes = DimLanes(x, dim: dim)
    let values = Tensor(uninitializedShape: x.sizes, dtype: x.dtype)
    let indices = Tensor(uninitializedShape: x.sizes, dtype: .int64)
    x.dtype.visitReduceOrdered(CumExtremumVisitor<D>(lanes: lanes, values: values, indices: indices))
    return (values: values, indices: indices)
}

extension Tensor {
    /// `torch.cumsum`: bool/integer inputs give int64 unless `dtype` says otherwise.
    public func cumsum(dim: Int, dtype: DType? = nil) -> Tensor {
        accumulateScan(self, dim, dtype, product: false).recorded(.cumsum(dim: wrapDim(dim, Swift.max(ndim, 1))), self)
    }
    /// `torch.cumprod`.
    public func cumprod(dim: Int, dtype: DType? = nil) -> Tensor {
        accumulateScan(self, dim, dtype, product: true).recorded(.cumprod(dim: wrapDim(dim, Swift.max(ndim, 1))), self)
    }
    /// `torch.cummax`: running maximum and the index where it was (last) attained.
    public func cummax(dim: Int) -> ValuesIndices {
        recordedPair(
            cumExtremum(self, dim, MaxDirection.self),
            .alongIndices(dim: wrapDim(dim, Swift.max(ndim, 1)), keepdim: true, name: "CummaxBackward0"), self)
    }
    /// `torch.cummin`.
    public func cummin(dim: Int) -> ValuesIndices {
        recordedPair(
            cumExtremum(self, dim, MinDirection.self),
            .alongIndices(dim: wrapDim(dim, Swift.max(ndim, 1)), keepdim: true, name: "CumminBackward0"), self)
    }
}
