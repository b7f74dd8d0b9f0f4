import CVectorKernels

/// Runtime choice between the AVX2+FMA C kernels (CVectorKernels) and the Swift SIMD paths compiled for
/// baseline x86-64. Checked once; both paths compute the same polynomials.
enum VectorKernels {
    static let avx2: Bool = cvk_avx2_fma_available() != 0
}
