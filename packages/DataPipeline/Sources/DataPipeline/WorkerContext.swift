import Foundation
import TensorCore

/// `torch.utils.data.get_worker_info()`: which worker this thread is, and its seed.
public struct WorkerInfo: Sendable, Equatable {
    /// The worker's index, in `0..<numWorkers` (PyTorch: `torch.utils.data.get_worker_info().id`).
    public let id: Int
    /// The loader's worker count (PyTorch: `torch.utils.data.get_worker_info().num_workers`).
    public let numWorkers: Int
    /// `base_seed + id`; the worker's generator (`DataRandom.current`) is seeded with it.
    /// PyTorch: `torch.utils.data.get_worker_info().seed`.
    public let seed: UInt64
}

/// Returns the calling worker's info, or nil outside DataLoader workers.
/// PyTorch: `torch.utils.data.get_worker_info`.
public func getWorkerInfo() -> WorkerInfo? { WorkerContext.current?.info }

/// Per-thread state of a DataLoader worker, kept in a pthread key so lookups cost one call.
final class WorkerContext: @unchecked Sendable {
    let info: WorkerInfo
    let generator: Generator

    init(info: WorkerInfo) {
        self.info = info
        self.generator = Generator(seed: info.seed)
    }

    nonisolated(unsafe) private static var key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    static var current: WorkerContext? {
        guard let raw = pthread_getspecific(key) else { return nil }
        return Unmanaged<WorkerContext>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Installs `context` for the calling thread (nil clears it); the thread keeps it alive.
    static func install(_ context: WorkerContext?) {
        if let old = pthread_getspecific(key) { Unmanaged<WorkerContext>.fromOpaque(old).release() }
        pthread_setspecific(key, context.map { Unmanaged.passRetained($0).toOpaque() })
    }
}

/// Carries values across threads where the code guarantees exclusive or read-only access.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
