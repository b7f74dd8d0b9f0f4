import Foundation

/// Process-wide tuning done once, when the first tensor storage is allocated (before any kernel or BLAS
/// call can run). OpenBLAS keeps the core it selects itself (or the one OPENBLAS_CORETYPE names): older
/// builds compute wrong results or crash with kernels forced beyond what they know of a CPU, and float32
/// GEMM on AVX-512 CPUs runs TensorCore's own kernel anyway (LinearAlgebra/SgemmKernel.swift).
let processSetup: Void = {
    keepFreedMemoryMapped()
}()

/// Training steps free and reallocate the same large buffers every iteration. By default glibc serves
/// blocks above its (adaptive) mmap threshold with fresh mappings and trims the heap top after each
/// step, so every step page-faults its buffers in again (a fifth of an MNIST-MLP step). Raising both
/// thresholds once keeps freed memory mapped for reuse, as a caching allocator would.
private func keepFreedMemoryMapped() {
    // mallopt lives in <malloc.h>, which Swift's Glibc module does not export; glibc's values of
    // M_TRIM_THRESHOLD and M_MMAP_THRESHOLD are -1 and -3.
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    _ = mallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD: glibc's maximum
    _ = mallopt(-1, 256 << 20)  // M_TRIM_THRESHOLD
}
