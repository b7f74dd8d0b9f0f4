// AVX2+FMA float32 kernels for TensorCore's transcendental-heavy loops. Swift compiles for baseline
// x86-64 (SSE2) and a package may not pass -march, so these functions carry their own target attribute
// and TensorCore calls them only when `cvk_avx2_fma_available()` says the CPU has both extensions.
// The algorithms are the ones in TensorCore's VectorMath.swift (same reductions and polynomials,
// lanes outside the fast range redone with libm), so results agree with the SSE2 path to rounding.
#ifndef CVECTOR_KERNELS_H
#define CVECTOR_KERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Instruction-set levels, as torch's CPUCapability: DEFAULT (portable code), AVX2 (+FMA), AVX512.
enum { CVK_CPU_DEFAULT = 0, CVK_CPU_AVX2 = 1, CVK_CPU_AVX512 = 2 };

/// The level the kernels use: the CPU's best, lowered by ATEN_CPU_CAPABILITY ("default", "avx2",
/// "avx512"; read once, on the first call).
int cvk_cpu_capability(void);

/// The CPU's own best level, whatever ATEN_CPU_CAPABILITY says.
int cvk_cpu_hardware_capability(void);

/// 1 when the kernels may use AVX2 and FMA (the CPU has both and the capability allows them).
int cvk_avx2_fma_available(void);

/// 1 when the kernels may use the AVX-512 subsets OpenBLAS's SkylakeX kernels use (F, BW, VL, DQ).
int cvk_avx512_available(void);

/// Which elementwise function `cvk_unary_f32` applies.
typedef enum {
    CVK_EXP = 0,
    CVK_LOG = 1,
    CVK_TANH = 2,
    CVK_SIGMOID = 3,
    /// x / (1 + exp(−x)), torch's silu kernel's formula.
    CVK_SILU = 4,
} cvk_unary_kind;

/// y[i] = f(x[i]) for i < n (x and y contiguous; they may alias exactly).
void cvk_unary_f32(cvk_unary_kind kind, const float *x, float *y, ptrdiff_t n);

/// The largest element of x[0..<n] (n >= 1), NaN if any element is NaN.
float cvk_max_f32(const float *x, ptrdiff_t n);

/// Stores y[i] = exp(x[i] - shift) when y is non-null and returns the float sum of those exps.
float cvk_exp_shift_sum_f32(const float *x, float *y, ptrdiff_t n, float shift);

/// y[i] *= scale.
void cvk_scale_f32(float *y, ptrdiff_t n, float scale);

/// y[i] = (x[i] - first) - second (log_softmax's two subtractions, rounded as PyTorch does).
void cvk_subtract2_f32(const float *x, float *y, ptrdiff_t n, float first, float second);

/// A spin-wait hint for busy loops (x86 `pause`: lets the sibling hyper-thread run, saves power).
static inline void cvk_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/// Whether the calling thread is running a chunk of a parallel region (a nested region runs serially).
int cvk_in_parallel_region(void);
void cvk_set_in_parallel_region(int value);

#ifdef __cplusplus
}
#endif

#endif
