/// Runs `body` over `0..<count` split exactly as ATen's OpenMP `parallel_for` splits it: at most
/// `Threads.get()` chunks of `ceil(count / chunks)` elements, one chunk when `count <= grain`.
/// Range kernels restart their vector alignment at each chunk start, so matching torch's values for
/// large tensors means matching its chunk boundaries (for the same thread count).
func torchParallelFor(_ count: Int, grain: Int = Threads.grainSize, _ body: (Range<Int>) -> Void) {
    guard count > 0 else { return }
    let width = Determinism.partitionWidth
    if count <= grain || width == 1 {
        body(0..<count)
        return
    }
    let chunks = Swift.min(width, (count + grain - 1) / grain)
    let size = (count + chunks - 1) / chunks
    func chunk(_ index: Int) {
        let start = index * size
        if start < count { body(start..<Swift.min(count, start + size)) }
    }
    // The same boundaries either way: on the worker threads, or one after another when the pool is busy.
    if !ParallelRegion.shared.run(chunks: chunks, chunk) { for c in 0..<chunks { chunk(c) } }
}

/// ATen's `cpu_serial_kernel_vec` over a contiguous output: pairs of `width`-lane vectors from the
/// chunk start, then single elements for the remainder. `vector(index, lane)` and `scalar(index)`
/// are the two code paths torch compiles.
@inline(__always)
func vectorizedFill<T>(
    _ out: UnsafeMutablePointer<T>, _ range: Range<Int>, width: Int,
    vector: (_ index: Int, _ lane: Int) -> T, scalar: (Int) -> T
) {
    var i = range.lowerBound
    while i + 2 * width <= range.upperBound {
        for index in stride(from: i, to: i + 2 * width, by: width) {
            for lane in 0..<width { out[index + lane] = vector(index, lane) }
        }
        i += 2 * width
    }
    while i < range.upperBound {
        out[i] = scalar(i)
        i += 1
    }
}
