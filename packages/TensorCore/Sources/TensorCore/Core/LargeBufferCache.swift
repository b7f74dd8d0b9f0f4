import Foundation

/// Buffers of 32 MB and more lie beyond glibc's largest mmap threshold: each allocation is a fresh mapping
/// whose pages fault in on first touch, and each free unmaps it again — for the CIFAR CNN at batch 128
/// (33 MB activations) several percent of every training step. Freed large buffers are kept (up to
/// `capacity` bytes in all) and handed out again for the next request of the same rounded size, as
/// torch's caching allocators do for device memory.
enum LargeBufferCache {
    static let threshold = 32 << 20
    /// Sizes are rounded up to 2 MB (a transparent huge page), so layers of similar size share buffers.
    static let granule = 2 << 20
    static let capacity = 1 << 30

    private static let lock = NSLock()
    nonisolated(unsafe) private static var buffers: [Int: [UnsafeMutableRawPointer]] = [:]
    nonisolated(unsafe) private static var bytes = 0
    /// Bytes currently kept for reuse.
    static var cachedBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return bytes
    }

    static func roundedSize(_ byteCount: Int) -> Int { (byteCount + granule - 1) / granule * granule }

    /// A 64-byte-aligned buffer of at least `byteCount` bytes, reused when one of that size is cached.
    static func allocate(_ byteCount: Int) -> UnsafeMutableRawPointer? {
        let size = roundedSize(byteCount)
        lock.lock()
        if let pointer = buffers[size]?.popLast() {
            bytes -= size
            lock.unlock()
            return pointer
        }
        lock.unlock()
        var pointer: UnsafeMutableRawPointer?
        guard posix_memalign(&pointer, 64, size) == 0, let pointer else { return nil }
        // Huge pages where the kernel offers them on request: 512× fewer faults on first touch.
        _ = madvise(pointer, size, 14)  // MADV_HUGEPAGE (not exported by Glibc's Swift module)
        return pointer
    }

    static func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        let size = roundedSize(byteCount)
        lock.lock()
        if bytes + size <= capacity {
            buffers[size, default: []].append(pointer)
            bytes += size
            lock.unlock()
            return
        }
        lock.unlock()
        free(pointer)
    }

    /// Returns every cached buffer to the system.
    static func releaseAll() {
        lock.lock()
        let all = buffers.values.flatMap { $0 }
        buffers = [:]
        bytes = 0
        lock.unlock()
        for pointer in all { free(pointer) }
    }
}

extension TensorStorage {
    /// Frees the large buffers TensorCore keeps for reuse after their tensors died (see
    /// `LargeBufferCache`): memory goes back to the system, the next large allocations fault in again.
    /// No PyTorch counterpart on the CPU; the CUDA caching allocator's is `torch.cuda.empty_cache`.
    public static func releaseCachedMemory() { LargeBufferCache.releaseAll() }

    /// Bytes of freed large buffers currently kept for reuse.
    /// No PyTorch counterpart on the CPU; the CUDA caching allocator reports it as
    /// `torch.cuda.memory_reserved() - torch.cuda.memory_allocated()`.
    public static var cachedMemoryBytes: Int { LargeBufferCache.cachedBytes }
}
