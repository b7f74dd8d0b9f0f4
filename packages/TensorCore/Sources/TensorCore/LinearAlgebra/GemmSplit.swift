/// How TensorCore's own GEMM kernels (SgemmKernel, Bf16GemmKernel) share C among up to `Threads.get()`
/// workers: whole NR-column panels, or MR-row panels when C is taller than wide, each worker calling the
/// single-threaded C kernel on its block with its own packing buffers. A chunk gets at least `minWork`
/// multiply-adds, so a second thread is only woken when it pays for its hand-off.
func gemmSplit(
    m: Int, n: Int, k: Int, mr: Int, nr: Int, minWork: Int, _ body: (_ rows: Range<Int>, _ cols: Range<Int>) -> Void
) {
    if n >= m {
        let panels = (n + nr - 1) / nr
        parallelFor(panels, grain: Swift.max(1, minWork / Swift.max(m * k * nr, 1))) { range in
            body(0..<m, range.lowerBound * nr..<Swift.min(range.upperBound * nr, n))
        }
    } else {
        let panels = (m + mr - 1) / mr
        parallelFor(panels, grain: Swift.max(1, minWork / Swift.max(n * k * mr, 1))) { range in
            body(range.lowerBound * mr..<Swift.min(range.upperBound * mr, m), 0..<n)
        }
    }
}
