// Bulk float32 ↔ bfloat16/float16 conversion of contiguous arrays (Tensor.to, autocast's casts, the
// half-type GEMMs). Bit-exact with torch: float32 → bfloat16 rounds to nearest even on the bits (denormals
// kept); float32 → float16 is IEEE round-to-nearest-even (F16C vcvtps2ph: denormals kept, NaN quieted with
// its sign and top payload bits, as torch's vectorized copy). AVX-512 or F16C when the capability allows
// them, portable C otherwise.
#ifndef CVK_HALF_H
#define CVK_HALF_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when F16C may be used (the CPU has it and ATEN_CPU_CAPABILITY allows AVX2).
int cvk_f16c_available(void);

/// Every NaN becomes `nan`: torch's vectorized copy (contiguous .to) writes 0xFFFF, its scalar
/// c10::BFloat16 (strided copies, the bf16 GEMM's output) 0x7FC0.
void cvk_f32_to_bf16(const float *x, uint16_t *y, ptrdiff_t n, uint16_t nan);
void cvk_bf16_to_f32(const uint16_t *x, float *y, ptrdiff_t n);
void cvk_f32_to_f16(const float *x, uint16_t *y, ptrdiff_t n);
void cvk_f16_to_f32(const uint16_t *x, float *y, ptrdiff_t n);

#ifdef __cplusplus
}
#endif

#endif
