import CBLAS
import Dispatch
import Foundation

/// Intra-op parallelism (`torch.set_num_threads` / `torch.get_num_threads`).
public enum Threads {
    /// Read on first use, like torch's lazily initialised pool. OpenBLAS is told at once: LAPACK calls
    /// do not go through `laSyncBlasThreads`, and OpenBLAS ignores MKL_NUM_THREADS.
    nonisolated(unsafe) private static var count: Int = {
        let threads = defaultCount(
            environment: ProcessInfo.processInfo.environment, cores: ProcessInfo.processInfo.activeProcessorCount)
        openblas_set_num_threads(Int32(threads))
        return threads
    }()

    /// Work below this many elements runs on the calling thread (PyTorch's `at::internal::GRAIN_SIZE`).
    public static let grainSize = 32768

    /// The threads kernels may use (PyTorch: `torch.get_num_threads`).
    public static func get() -> Int { count }

    /// Sets the threads used by TensorCore's kernels and by OpenBLAS.
    /// PyTorch: `torch.set_num_threads`.
    public static func set(_ threads: Int) {
        torchCheck(threads > 0, "set_num_threads expects a positive integer")
        count = threads
        openblas_set_num_threads(Int32(threads))
    }

    /// torch's `at::intraop_default_num_threads()`: OMP_NUM_THREADS, overridden by MKL_NUM_THREADS (torch
    /// reads it even without MKL), else every core. An invalid value is ignored with a warning, as torch
    /// does; `warn` receives it.
    static func defaultCount(
        environment: [String: String], cores: Int,
        warn: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) -> Int {
        var threads = cores
        for name in ["OMP_NUM_THREADS", "MKL_NUM_THREADS"] {
            guard let value = environment[name] else { continue }
            if let parsed = parseCount(value) {
                threads = parsed
            } else {
                warn("Warning: Invalid \(name) variable value '\(value)', expected a positive integer; ignoring it\n")
            }
        }
        return threads
    }

    /// A positive integer, or an OpenMP list ("4,2": threads per nesting level) whose first entry is ours.
    static func parseCount(_ value: String) -> Int? {
        let first = value.split(separator: ",", omittingEmptySubsequences: false).first ?? ""
        var digits = first.trimmingCharacters(in: .whitespaces)
        if digits.hasPrefix("+") { digits.removeFirst() }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let count = Int(digits), count > 0
        else { return nil }
        return count
    }
}

/// `torch.set_num_threads` / `torch.get_num_threads`, spelled as torch does.
public func setNumThreads(_ threads: Int) { Threads.set(threads) }
/// PyTorch: `torch.get_num_threads`.
public func getNumThreads() -> Int { Threads.get() }

/// Splits `0..<count` into contiguous chunks and runs them on up to `Threads.get()` threads; each chunk
/// has at least `grain` elements, so small work never pays for a thread hand-off.
/// PyTorch: ATen's `at::parallel_for(begin, end, grain_size, f)`.
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
