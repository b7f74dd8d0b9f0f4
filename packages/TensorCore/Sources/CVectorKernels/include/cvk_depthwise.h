// Depthwise convolution (groups == in channels == out channels: MobileNet's and EfficientNet's 3×3 and 5×5
// layers) computed directly, one plane at a time. Through im2col + GEMM each such group is a 1-row GEMM
// that wastes all but one row of the micro-kernel; here each output row is accumulated tap by tap from
// contiguous input rows, which the compiler vectorizes.
#ifndef CVK_DEPTHWISE_H
#define CVK_DEPTHWISE_H

#include <stddef.h>

#include "cvk_sgemm.h"

#ifdef __cplusplus
extern "C" {
#endif

/// out[oy][ox] = bias + Σ_{ky,kx} w[ky][kx]·image[oy·s_h − p_h + ky·d_h][ox·s_w − p_w + kx·d_w] over one plane
/// (g->channels is ignored; taps outside the image are skipped), summed tap by tap in (ky, kx) order after the
/// bias. AVX-512 or AVX2 bodies (fused multiply-adds) as the CPU capability allows, else plain C (a product
/// then a sum).
void cvk_depthwise_conv2d_f32(const float *image, const float *w, float bias, const cvk_conv_geometry *g, float *out);

/// Tests only: every call takes the body of `level` (a CVK_CPU_* no higher than the CPU's), or the CPU
/// capability's again for -1. Process-wide, so the worker threads follow it; every body is correct, so
/// other callers meanwhile only run another kernel.
void cvk_depthwise_force_level(int level);

#ifdef __cplusplus
}
#endif

#endif
