import Dispatch

/// Runs `body` over `0..<count` split exactly as ATen's OpenMP `parallel_for` splits it: at most
/// `Threads.get()` chunks of `ceil(count / chunks)` elements, one chunk when `count <= grain`.
/// Range kernels restart their vector alignment at each chunk start, so matching torch's values for
/// large tensors means matching its chunk boundaries (for the same thread count).
func torchParallelFor(_ count: Int, grain: Int = Threads.grainSize, _ body: (Range<Int>) -> Void) {
    guard count > 0 else { return }
    if count <= grain || Threads.get() == 1 {
        body(0..<count)
        return
    }
    let chunks = Swift.min(Threads.get(), (count + grain - 1) / grain)
    let size = (count + chunks - 1) / chunks
    withoutActuallyEscaping(body) { body in
        let run = UnsafeSendableBox(body)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let start = chunk * size
            if start < count { run.value(start..<Swift.min(count, start + size)) }
        }
    }
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
