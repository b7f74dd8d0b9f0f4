/// A reduction kernel for one dtype, driven by `runReduction` over a `ReducePlan`.
/// `run` handles a contiguous run (the vectorized innermost case, also the n == 0 identity);
/// `rows` accumulates whole rows (the outer case); `combine` merges the partials of one run that was
/// split across threads, earlier part first, so results do not depend on scheduling.
protocol Reducer {
    associatedtype Element
    associatedtype Acc
    /// Reduces `p[0..<n]`; `start` is p[0]'s position along the reduced axis (for arg reductions).
    func run(_ p: UnsafePointer<Element>, _ n: Int, start: Int) -> Acc
    /// Reduces `rows` rows of `width` elements (row r at `p + r*stride`) into `acc[0..<width]`.
    func rows(
        _ acc: UnsafeMutablePointer<Acc>, _ p: UnsafePointer<Element>, rows: Int, stride: Int, width: Int, start: Int)
    func combine(_ a: Acc, _ b: Acc) -> Acc
    /// Writes the final value of output `index` (row-major over [outer, inner]).
    func store(_ acc: Acc, at index: Int)
}

/// Columns of an outer reduction handled together: the accumulators stay in L1.
let reduceTileWidth = 256

/// Executes a reduction: parallel over outputs when there are enough of them, otherwise over parts of
/// each run (innermost) or over row blocks (outer), with partials combined in a fixed order.
func runReduction<R: Reducer>(_ plan: ReducePlan, _ reducer: R) {
    let (outer, size, inner) = (plan.outer, plan.reduce, plan.inner)
    let outputs = outer * inner
    if outputs == 0 { return }
    let base = plan.base(R.Element.self)
    let threads = Determinism.partitionWidth
    let grain = Threads.grainSize
    if size == 0 {
        for index in 0..<outputs { reducer.store(reducer.run(base, 0, start: 0), at: index) }
        return
    }
    if inner == 1 {
        if outer >= threads || outer * size < 2 * grain {
            parallelFor(outer, grain: Swift.max(1, grain / size)) { range in
                for o in range { reducer.store(reducer.run(base + o * size, size, start: 0), at: o) }
            }
            return
        }
        // Few long runs: split each into one part per thread.
        let parts = Swift.min(threads, Swift.max(1, size / grain))
        withUnsafeTemporaryAllocation(of: R.Acc.self, capacity: parts) { partials in
            for o in 0..<outer {
                let row = base + o * size
                parallelFor(parts, grain: 1) { range in
                    for part in range {
                        let lo = size * part / parts, hi = size * (part + 1) / parts
                        (partials.baseAddress! + part).initialize(to: reducer.run(row + lo, hi - lo, start: lo))
                    }
                }
                var acc = partials[0]
                for part in 1..<parts { acc = reducer.combine(acc, partials[part]) }
                reducer.store(acc, at: o)
                _ = partials.baseAddress!.deinitialize(count: parts)
            }
        }
        return
    }
    let tiles = (inner + reduceTileWidth - 1) / reduceTileWidth
    let items = outer * tiles
    let work = size * inner
    if items >= threads || outer * work < 2 * grain {
        parallelFor(items, grain: Swift.max(1, grain / (size * Swift.min(inner, reduceTileWidth)))) { range in
            withUnsafeTemporaryAllocation(of: R.Acc.self, capacity: reduceTileWidth) { buffer in
                let acc = buffer.baseAddress!
                for item in range {
                    let o = item / tiles
                    let c0 = (item % tiles) * reduceTileWidth
                    let width = Swift.min(reduceTileWidth, inner - c0)
                    reducer.rows(acc, base + o * work + c0, rows: size, stride: inner, width: width, start: 0)
                    for j in 0..<width { reducer.store(acc[j], at: o * inner + c0 + j) }
                }
            }
        }
        return
    }
    // Few narrow outputs over many rows: each thread takes a block of rows, then blocks combine in order.
    let parts = Swift.min(threads, Swift.max(1, size * inner / grain))
    let partials = UnsafeMutablePointer<R.Acc>.allocate(capacity: parts * inner)
    defer { partials.deallocate() }
    for o in 0..<outer {
        parallelFor(parts, grain: 1) { range in
            for part in range {
                let lo = size * part / parts, hi = size * (part + 1) / parts
                for c0 in stride(from: 0, to: inner, by: reduceTileWidth) {
                    let width = Swift.min(reduceTileWidth, inner - c0)
                    reducer.rows(
                        partials + part * inner + c0, base + o * work + lo * inner + c0,
                        rows: hi - lo, stride: inner, width: width, start: lo)
                }
            }
        }
        for j in 0..<inner {
            var acc = partials[j]
            for part in 1..<parts { acc = reducer.combine(acc, partials[part * inner + j]) }
            reducer.store(acc, at: o * inner + j)
        }
    }
}
