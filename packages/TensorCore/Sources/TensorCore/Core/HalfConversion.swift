import CVectorKernels

/// Contiguous float32 ↔ bfloat16/float16 conversion on the C kernels (CVectorKernels/half_convert.c:
/// AVX-512, F16C or portable C by CPUCapability), rounding as `convertElement` and torch do (nearest even).
/// Swift's own Float16(Float) is a compiler-rt call per element on baseline x86-64, and the BFloat16
/// rounding's NaN branch keeps the copy loop scalar.
enum HalfConversion {
    /// Converts `src` into `dst` (both contiguous, same shape) when the dtypes are such a pair and says
    /// whether it did. A NaN becomes bfloat16 `bf16NaN`: 0xFFFF is what torch's vectorized copy writes for
    /// a contiguous `.to(torch.bfloat16)`; its scalar c10::BFloat16 (strided copies, GEMM outputs) 0x7FC0.
    static func run(_ src: Tensor, into dst: Tensor, bf16NaN: UInt16 = 0xFFFF) -> Bool {
        let s = UnsafeRawPointer(src.rawPointer), d = dst.rawPointer
        let convert: (Int, Int) -> Void
        switch (src.dtype, dst.dtype) {
        case (.float32, .bfloat16):
            convert = {
                cvk_f32_to_bf16(
                    s.assumingMemoryBound(to: Float.self) + $0, d.assumingMemoryBound(to: UInt16.self) + $0, $1, bf16NaN
                )
            }
        case (.bfloat16, .float32):
            convert = {
                cvk_bf16_to_f32(
                    s.assumingMemoryBound(to: UInt16.self) + $0, d.assumingMemoryBound(to: Float.self) + $0, $1)
            }
        case (.float32, .float16):
            convert = {
                cvk_f32_to_f16(
                    s.assumingMemoryBound(to: Float.self) + $0, d.assumingMemoryBound(to: UInt16.self) + $0, $1)
            }
        case (.float16, .float32):
            convert = {
                cvk_f16_to_f32(
                    s.assumingMemoryBound(to: UInt16.self) + $0, d.assumingMemoryBound(to: Float.self) + $0, $1)
            }
        default:
            return false
        }
        // Memory-bound: chunks big enough that a hand-off never costs more than the copy.
        parallelFor(src.numel, grain: 4 * Threads.grainSize) { range in convert(range.lowerBound, range.count) }
        return true
    }
}
