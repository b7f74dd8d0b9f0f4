/// Turns "reduce tensor x over these dims" into a 3-D problem over contiguous memory:
/// `[outer, reduce, inner]`, output `[outer, inner]` in row-major kept-dim order.
/// `inner == 1` means each output reduces one contiguous run (innermost reduction); `inner > 1`
/// means whole rows are accumulated (outer reduction), so memory is always read contiguously.
struct ReducePlan {
    let source: Tensor
    let outer: Int
    let reduce: Int
    let inner: Int
    /// Output shape with `keepdim` applied.
    let outShape: [Int]

    /// `dims == nil` or empty reduces every dim (PyTorch treats `dim=[]` as "all").
    /// `ordered`: reduced elements must be visited in logical order (arg reductions report positions).
    init(_ x: Tensor, dims: [Int]?, keepdim: Bool, ordered: Bool = false) {
        var mask = reductionMask(dims, ndim: x.ndim)
        var shape = x.sizes
        var outShape: [Int] = []
        for d in 0..<shape.count where !mask[d] || keepdim { outShape.append(mask[d] ? 1 : shape[d]) }
        self.outShape = outShape

        var kept = 1, reduced = 1
        for d in 0..<shape.count { if mask[d] { reduced *= shape[d] } else { kept *= shape[d] } }
        var source = x
        if !x.isContiguous {
            // A permuted dense layout (e.g. a transpose) is read in memory order without a copy, as
            // long as the kept dims keep their relative order (so outputs stay row-major), and the
            // reduced ones too when positions matter.
            if let (view, order) = memoryOrderView(x), orderPreserved(order, mask, shape, reducedToo: ordered) {
                source = view
                mask = order.map { mask[$0] }
                shape = view.sizes
            } else {
                source = x.contiguous()
            }
        }
        if kept == 0 || reduced == 0 {
            (self.source, self.outer, self.reduce, self.inner) = (source, kept, reduced, 1)
            return
        }
        // Merge dims of equal kind (size-1 dims do not matter), then look for a [kept, reduced, kept] pattern.
        var groups: [(size: Int, reduced: Bool)] = []
        for d in 0..<shape.count where shape[d] != 1 {
            if let last = groups.last, last.reduced == mask[d] {
                groups[groups.count - 1].size *= shape[d]
            } else {
                groups.append((shape[d], mask[d]))
            }
        }
        let reducedGroups = groups.indices.filter { groups[$0].reduced }
        if reducedGroups.count <= 1 {
            var outer = 1, inner = 1
            if let r = reducedGroups.first {
                for g in 0..<r { outer *= groups[g].size }
                for g in (r + 1)..<groups.count { inner *= groups[g].size }
            } else {
                outer = kept
            }
            (self.source, self.outer, self.reduce, self.inner) = (source, outer, reduced, inner)
        } else {
            // Interleaved dims: move kept dims first, reduced last, in one copy.
            let order = (0..<shape.count).filter { !mask[$0] } + (0..<shape.count).filter { mask[$0] }
            let permuted = source.asStrided(order.map { shape[$0] }, order.map { source.strideValues[$0] })
            (self.source, self.outer, self.reduce, self.inner) = (permuted.contiguous(), kept, reduced, 1)
        }
    }

    var outputCount: Int { outer * inner }

    /// Base pointer of the source as `T` (bool storage may be read as UInt8).
    func base<T>(_: T.Type) -> UnsafePointer<T> {
        UnsafePointer(source.rawPointer.assumingMemoryBound(to: T.self))
    }
}

/// The tensor with its dims sorted by decreasing stride, and that order, when that view is contiguous.
private func memoryOrderView(_ x: Tensor) -> (Tensor, [Int])? {
    let strides = x.strideValues, shape = x.sizes
    let order = (0..<shape.count).sorted { strides[$0] > strides[$1] || (strides[$0] == strides[$1] && $0 < $1) }
    let view = x.asStrided(order.map { shape[$0] }, order.map { strides[$0] })
    return view.isContiguous ? (view, order) : nil
}

private func orderPreserved(_ order: [Int], _ mask: [Bool], _ shape: [Int], reducedToo: Bool) -> Bool {
    let kept = order.filter { !mask[$0] && shape[$0] != 1 }
    let reduced = order.filter { mask[$0] && shape[$0] != 1 }
    return kept == kept.sorted() && (!reducedToo || reduced == reduced.sorted())
}

/// Which dims a reduction covers, validating like PyTorch (`dim_list_to_bitset`).
func reductionMask(_ dims: [Int]?, ndim: Int) -> [Bool] {
    guard let dims, !dims.isEmpty else { return [Bool](repeating: true, count: ndim) }
    var mask = [Bool](repeating: false, count: ndim)
    for dim in dims {
        let d = wrapDim(dim, ndim)
        if ndim == 0 { continue }  // a 0-dim tensor accepts dim 0/-1 and reduces its one element
        torchCheck(!mask[d], "dim \(d) appears multiple times in the list of dims")
        mask[d] = true
    }
    return mask
}

/// A tensor viewed as `[outer, size, inner]` around one dim, contiguous: each "lane" (o, i) is the
/// `size` elements at `base + o*size*inner + i` with stride `inner`. Used by scans, softmax, sort, ...
struct DimLanes {
    let source: Tensor
    let outer: Int
    let size: Int
    let inner: Int
    let dim: Int

    init(_ x: Tensor, dim: Int) {
        let d = wrapDim(dim, x.ndim)
        self.dim = d
        source = x.contiguous()
        let shape = x.sizes
        if shape.isEmpty {
            (outer, size, inner) = (1, 1, 1)
            return
        }
        outer = shape[..<d].reduce(1, *)
        size = shape[d]
        inner = shape[(d + 1)...].reduce(1, *)
    }

    var laneCount: Int { outer * inner }

    func base<T>(_: T.Type) -> UnsafePointer<T> {
        UnsafePointer(source.rawPointer.assumingMemoryBound(to: T.self))
    }

    /// Start offset of lane `lane` (row-major over [outer, inner]).
    @inline(__always) func offset(ofLane lane: Int) -> Int {
        (lane / inner) * size * inner + lane % inner
    }
}
