import Foundation

/// The bytes behind one or more tensors (`torch.UntypedStorage`). Views share a storage; in-place
/// writes bump `version`, which Autodiff reads to catch saved tensors modified in place.
public final class TensorStorage: @unchecked Sendable {
    public let data: UnsafeMutableRawPointer
    public let byteCount: Int
    private let deallocate: (@Sendable (UnsafeMutableRawPointer) -> Void)?

    /// Bumped by every in-place write to any view of this storage (PyTorch's version counter).
    public internal(set) var version: Int = 0

    /// Fresh, uninitialized, 64-byte-aligned memory (cache lines and AVX-512 loads both like it).
    public init(byteCount: Int) {
        _ = mallocKeepsFreedMemory
        self.byteCount = byteCount
        var pointer: UnsafeMutableRawPointer?
        let status = posix_memalign(&pointer, 64, Swift.max(byteCount, 1))
        guard status == 0, let pointer else {
            torchFail(
                "DefaultCPUAllocator: not enough memory: you tried to allocate \(byteCount) bytes.")
        }
        self.data = pointer
        self.deallocate = { free($0) }
    }

    /// Wraps memory owned elsewhere without copying (`torch.from_blob`); `deallocator` runs when the
    /// last tensor using it goes away (nil: the caller keeps the memory alive longer than the tensor).
    public init(
        borrowing data: UnsafeMutableRawPointer, byteCount: Int,
        deallocator: (@Sendable (UnsafeMutableRawPointer) -> Void)?
    ) {
        self.data = data
        self.byteCount = byteCount
        self.deallocate = deallocator
    }

    deinit { deallocate?(data) }

    @inline(__always) public func bumpVersion() { version &+= 1 }
}

/// Training steps free and reallocate the same large buffers every iteration. By default glibc serves
/// blocks above its (adaptive) mmap threshold with fresh mappings and trims the heap top after each
/// step, so every step page-faults its buffers in again (a fifth of an MNIST-MLP step). Raising both
/// thresholds once keeps freed memory mapped for reuse, as a caching allocator would.
private let mallocKeepsFreedMemory: Void = {
    // mallopt lives in <malloc.h>, which Swift's Glibc module does not export; glibc's values of
    // M_TRIM_THRESHOLD and M_MMAP_THRESHOLD are -1 and -3.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    _ = mallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD: glibc's maximum
    _ = mallopt(-1, 256 << 20)  // M_TRIM_THRESHOLD
}()
