import Testing

@testable import TensorCore

/// Large buffers (≥ 32 MB) are reused after their tensors die instead of being unmapped and faulted in again.
@Suite(.serialized) struct LargeBufferCacheTests {
    @Test func freedLargeBufferIsReusedAndCanBeReleased() {
        TensorStorage.releaseCachedMemory()
        let count = 10_000_000  // 40 MB of float32
        var first: UnsafeMutableRawPointer?
        do {
            let t = Tensor.zeros([count])
            first = t.storage.data
            #expect(t.sum().item(Double.self) == 0)
        }
        #expect(TensorStorage.cachedMemoryBytes == LargeBufferCache.roundedSize(count * 4))
        let again = Tensor.ones([count])
        #expect(again.storage.data == first)
        #expect(again.sum().item(Double.self) == Double(count))  // fully rewritten, nothing stale
        #expect(TensorStorage.cachedMemoryBytes == 0)
        TensorStorage.releaseCachedMemory()
        #expect(TensorStorage.cachedMemoryBytes == 0)
    }

    @Test func smallerBuffersAreNotCached() {
        TensorStorage.releaseCachedMemory()
        do { _ = Tensor.zeros([1_000_000]) }  // 4 MB: glibc's heap keeps it
        #expect(TensorStorage.cachedMemoryBytes == 0)
    }
}
