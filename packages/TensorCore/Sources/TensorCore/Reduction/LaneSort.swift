/// Shared machinery for the sort-based ops (sort, topk, median, kthvalue, mode, unique): each lane
/// along the dim is gathered into (value, index) pairs and ordered with PyTorch's rules: NaN sorts
/// as the largest value, equal values keep their original order (PyTorch's CPU sort is stable).

typealias SortKey<T> = (value: T, index: Int)

@inline(__always)
func ascendingBefore<T: ReduceOrdered>(_ a: SortKey<T>, _ b: SortKey<T>) -> Bool {
    let aNaN = T.isNaN(a.value), bNaN = T.isNaN(b.value)
    if aNaN || bNaN { return aNaN == bNaN ? a.index < b.index : bNaN }
    if T.lt(a.value, b.value) { return true }
    if T.lt(b.value, a.value) { return false }
    return a.index < b.index
}

@inline(__always)
func descendingBefore<T: ReduceOrdered>(_ a: SortKey<T>, _ b: SortKey<T>) -> Bool {
    let aNaN = T.isNaN(a.value), bNaN = T.isNaN(b.value)
    if aNaN || bNaN { return aNaN == bNaN ? a.index < b.index : aNaN }
    if T.lt(b.value, a.value) { return true }
    if T.lt(a.value, b.value) { return false }
    return a.index < b.index
}

/// Sorts the pairs in place.
@inline(__always)
func sortKeyed<T: ReduceOrdered>(_ keys: UnsafeMutableBufferPointer<SortKey<T>>, descending: Bool) {
    var keys = keys
    if descending {
        keys.sort(by: descendingBefore)
    } else {
        keys.sort(by: ascendingBefore)
    }
}

/// Rearranges `keys` so that `keys[k]` is the element the ascending sort would put there
/// (quickselect; the order is total thanks to the index tie-break, so the answer equals the sort's).
@inline(__always)
func selectKth<T: ReduceOrdered>(_ keys: UnsafeMutableBufferPointer<SortKey<T>>, _ k: Int) {
    var lo = 0, hi = keys.count - 1
    while hi > lo {
        if hi - lo < 16 {
            // Small ranges: insertion sort.
            for i in (lo + 1)...hi {
                let item = keys[i]
                var j = i
                while j > lo && ascendingBefore(item, keys[j - 1]) {
                    keys[j] = keys[j - 1]
                    j -= 1
                }
                keys[j] = item
            }
            return
        }
        // Median of three as pivot, then Hoare partition.
        let mid = lo + (hi - lo) / 2
        if ascendingBefore(keys[mid], keys[lo]) { keys.swapAt(mid, lo) }
        if ascendingBefore(keys[hi], keys[lo]) { keys.swapAt(hi, lo) }
        if ascendingBefore(keys[hi], keys[mid]) { keys.swapAt(hi, mid) }
        let pivot = keys[mid]
        var i = lo, j = hi
        while i <= j {
            while ascendingBefore(keys[i], pivot) { i += 1 }
            while ascendingBefore(pivot, keys[j]) { j -= 1 }
            if i <= j {
                keys.swapAt(i, j)
                i += 1
                j -= 1
            }
        }
        if k <= j {
            hi = j
        } else if k >= i {
            lo = i
        } else {
            return
        }
    }
}

/// Calls `body(lane, keys)` for every lane, in parallel, with the lane's elements gathered as
/// (value, position) pairs in a per-thread buffer (`keys.count == lanes.size`).
func forEachKeyedLane<T: ReduceOrdered>(
    _ lanes: DimLanes, _: T.Type, _ body: (_ lane: Int, _ keys: UnsafeMutableBufferPointer<SortKey<T>>) -> Void
) {
    let size = lanes.size, inner = lanes.inner
    let src = lanes.base(T.self)
    let work = Swift.max(1, size * Swift.max(1, size.bitWidth - size.leadingZeroBitCount))
    parallelFor(lanes.laneCount, grain: Swift.max(1, Threads.grainSize / work)) { range in
        withUnsafeTemporaryAllocation(of: SortKey<T>.self, capacity: Swift.max(size, 1)) { buffer in
            let keys = UnsafeMutableBufferPointer(rebasing: buffer[0..<size])
            for lane in range {
                let x = src + lanes.offset(ofLane: lane)
                for k in 0..<size { (keys.baseAddress! + k).initialize(to: (x[k * inner], k)) }
                body(lane, keys)
            }
        }
    }
}

/// Shape of a dim-wise result: the dim removed, or kept as `keptSize` (1 for reductions, k for topk).
func laneResultShape(_ shape: [Int], dim: Int, keepdim: Bool, keptSize: Int = 1) -> [Int] {
    if shape.isEmpty { return [] }
    var result = shape
    if keepdim { result[dim] = keptSize } else { result.remove(at: dim) }
    return result
}
