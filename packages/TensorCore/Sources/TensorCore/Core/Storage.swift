import Foundation

/// The bytes behind one or more tensors (`torch.UntypedStorage`). Views share a storage; in-place
/// writes bump `version`, which Autodiff reads to catch saved tensors modified in place.
public final class TensorStorage: @unchecked Sendable {
    /// The first byte (PyTorch: `torch.UntypedStorage.data_ptr()`).
    public let data: UnsafeMutableRawPointer
    /// PyTorch: `torch.UntypedStorage.nbytes()`.
    public let byteCount: Int
    private let deallocate: (@Sendable (UnsafeMutableRawPointer) -> Void)?

    /// Bumped by every in-place write to any view of this storage (PyTorch's version counter).
    public internal(set) var version: Int = 0

    /// Fresh, uninitialized memory: 64-byte aligned (cache lines and AVX-512 loads both like it) above
    /// `Self.smallBytes`; small buffers come from malloc (16-byte aligned), whose per-thread cache
    /// posix_memalign bypasses — tiny tensors are allocated several times per op in training loops.
    /// Buffers of 32 MB and more are reused after their tensors die (`LargeBufferCache`).
    /// PyTorch: `torch.UntypedStorage(nbytes)`.
    public init(byteCount: Int) {
        _ = processSetup
        self.byteCount = byteCount
        var pointer: UnsafeMutableRawPointer?
        if byteCount <= Self.smallBytes {
            pointer = malloc(Swift.max(byteCount, 1))
        } else if byteCount >= LargeBufferCache.threshold {
            pointer = LargeBufferCache.allocate(byteCount)
        } else if posix_memalign(&pointer, 64, byteCount) != 0 {
            pointer = nil
        }
        guard let pointer else {
            torchFail(
                "DefaultCPUAllocator: not enough memory: you tried to allocate \(byteCount) bytes.")
        }
        self.data = pointer
        if byteCount >= LargeBufferCache.threshold {
            self.deallocate = { @Sendable in LargeBufferCache.release($0, byteCount: byteCount) }
        } else {
            self.deallocate = { @Sendable in free($0) }
        }
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

    /// Up to this size a buffer fits glibc's per-thread cache (tcache serves up to 1032 bytes).
    static let smallBytes = 1024

    /// PyTorch: C++'s `VariableVersion::bump`, which every view's `torch.Tensor._version` reads.
    @inline(__always) public func bumpVersion() { version &+= 1 }
}
