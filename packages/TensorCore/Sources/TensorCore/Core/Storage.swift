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
        _ = processSetup
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
