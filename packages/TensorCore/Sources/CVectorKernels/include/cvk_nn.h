// Memory-bound float32 loops of the NN kernels (ReLU's backward, 2×2 max pooling, the normalization
// reductions), in AVX-512 where the CPU has it and in plain C otherwise. Swift compiles for baseline
// SSE2: there these loops ran scalar, branchy (a mispredicted branch per element on ReLU data) or
// two doubles wide. Every function gives the same result on both paths.
#ifndef CVK_NN_H
#define CVK_NN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// out[i] = x[i] <= threshold ? 0 : grad[i] (NaN in x lets the gradient through, as torch).
void cvk_threshold_backward_f32(const float *grad, const float *x, float *out, ptrdiff_t n, float threshold);
/// The same on bfloat16 bits (each x widened exactly to float32); the gradient's bits pass through or become +0.
void cvk_threshold_backward_bf16(const uint16_t *grad, const uint16_t *x, uint16_t *out, ptrdiff_t n, float threshold);

/// 2×2 max pooling with stride 2 over one plane whose windows all lie inside it (2·out_h <= in_h,
/// 2·out_w <= in_w): the maximum and its index in the plane (h·in_w + w). Windows are scanned row by
/// row; a larger value or a NaN takes over, so the last NaN wins, as in torch's kernel.
void cvk_max_pool2x2_f32(const float *x, float *out, int64_t *indices, ptrdiff_t in_h, ptrdiff_t in_w, ptrdiff_t out_h,
                         ptrdiff_t out_w);

/// Σ p[i], accumulated in double.
double cvk_sum_f32(const float *p, ptrdiff_t n);

/// Σ (p[i] − mean)², accumulated in double.
double cvk_sum_squared_deviation_f32(const float *p, ptrdiff_t n, double mean);

/// Σ a[i]·(x[i] − mean), accumulated in double.
double cvk_dot_deviation_f32(const float *a, const float *x, ptrdiff_t n, double mean);

/// y[i] = x[i]·alpha + beta (a product then a sum, two roundings, as torch's vectorized loop).
void cvk_scale_shift_f32(const float *x, float *y, ptrdiff_t n, float alpha, float beta);

/// y[i] = dy[i]·a + x[i]·b + c (BatchNorm's input gradient with its per-channel coefficients folded).
void cvk_scale2_shift_f32(const float *dy, const float *x, float *y, ptrdiff_t n, float a, float b, float c);

/// Tests only: while set (on the calling thread), these functions take their plain C bodies.
void cvk_nn_set_portable(int on);

#ifdef __cplusplus
}
#endif

#endif
