import CBLAS
import Dispatch
import Foundation

/// Intra-op parallelism (`torch.set_num_threads` / `torch.get_num_threads`).
public enum Threads {
    nonisolated(unsafe) private static var count = ProcessInfo.processInfo.activeProcessorCount

    /// Work below this many elements runs on the calling thread (PyTorch's `at::internal::GRAIN_SIZE`).
    public static let grainSize = 32768

    public static func get() -> Int { count }

    /// Sets the threads used by TensorCore's kernels and by OpenBLAS.
    public static func set(_ threads: Int) {
        torchCheck(threads > 0, "set_num_threads expects a positive integer")
        count = threads
        openblas_set_num_threads(Int32(threads))
    }
}

public func setNumThreads(_ threads: Int) { Threads.set(threads) }
public func getNumThreads() -> Int { Threads.get() }

/// Splits `0..<count` into contiguous chunks and runs them on up to `Threads.get()` threads; each chunk
/// has at least `grain` elements, so small work never pays for a thread hand-off.
@inline(__always)
public func parallelFor(_ count: Int, grain: Int = Threads.grainSize, _ body: (Range<Int>) -> Void) {
    let chunks = Swift.min(Threads.get(), (count + grain - 1) / Swift.max(grain, 1))
    if chunks <= 1 {
        if count > 0 { body(0..<count) }
        return
    }
    let ran = ParallelRegion.shared.run(chunks: chunks) { chunk in
        body(count * chunk / chunks..<count * (chunk + 1) / chunks)
    }
    if !ran { body(0..<count) }
}

/// Carries a non-Sendable value into `concurrentPerform`; callers guarantee disjoint writes.
@usableFromInline struct UnsafeSendableBox<T>: @unchecked Sendable {
    @usableFromInline let value: T
    @usableFromInline init(_ value: T) { self.value = value }
}
