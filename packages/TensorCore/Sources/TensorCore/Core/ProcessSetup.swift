import CBLAS
import CVectorKernels
import Foundation

/// Process-wide tuning done once, when the first tensor storage is allocated (before any kernel or BLAS
/// call can run).
let processSetup: Void = {
    keepFreedMemoryMapped()
    chooseOpenBLASCore()
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

/// Debian 12's OpenBLAS (0.3.21, built for every x86 core) does not know AVX-512 AMD cores (Zen 4) and
/// runs its Haswell kernels there, at half the SGEMM throughput of its SkylakeX kernels, which such a
/// CPU executes. When the CPU has the AVX-512 subsets those kernels use and OpenBLAS picked an AVX2
/// core, re-run OpenBLAS's own core selection forced to SkylakeX (what `OPENBLAS_CORETYPE=SkylakeX`
/// does at load time: twice the SGEMM throughput on an EPYC Zen 4). A user's own OPENBLAS_CORETYPE
/// always wins (this project's build machines pin `Haswell` in their environment); builds without runtime core
/// selection (no `gotoblas_dynamic_init`) are left alone.
private func chooseOpenBLASCore() {
    guard getenv("OPENBLAS_CORETYPE") == nil, cvk_avx512_available() != 0,
          let name = openblas_get_corename(), ["haswell", "zen"].contains(String(cString: name).lowercased())
    else { return }
    typealias Hook = @convention(c) () -> Void
    let library = UnsafeMutableRawPointer(bitPattern: 0)  // RTLD_DEFAULT: the loaded libopenblas
    guard let quit = dlsym(library, "gotoblas_dynamic_quit"), let initialize = dlsym(library, "gotoblas_dynamic_init")
    else { return }
    setenv("OPENBLAS_CORETYPE", "SkylakeX", 1)
    unsafeBitCast(quit, to: Hook.self)()
    unsafeBitCast(initialize, to: Hook.self)()
    unsetenv("OPENBLAS_CORETYPE")
}
