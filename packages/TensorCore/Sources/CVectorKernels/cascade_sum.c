// See include/cvk_reduce.h. One body, inlined into a baseline (SSE2) and an AVX2 function: the lane-wise
// adds are the same operations at either width, so both return the same bits.
#include "cvk_reduce.h"

#include <string.h>

#include "cvector_kernels.h"

#define INLINE static inline __attribute__((always_inline))

typedef float v8f __attribute__((vector_size(32)));
// Eight-float vectors pass between always-inline helpers only, so the baseline build's ABI note is moot.
#pragma clang diagnostic ignored "-Wpsabi"

static _Thread_local int portable = 0;
void cvk_reduce_set_portable(int on) { portable = on; }

enum { SUM_BLOCK = 2048 };

INLINE v8f load8(const float *p) {
    v8f v;
    memcpy(&v, p, sizeof v);
    return v;
}

INLINE float block_sum(const float *p, ptrdiff_t n) {
    v8f a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
    ptrdiff_t i = 0;
    for (; i + 32 <= n; i += 32) {
        a0 += load8(p + i);
        a1 += load8(p + i + 8);
        a2 += load8(p + i + 16);
        a3 += load8(p + i + 24);
    }
    for (; i + 8 <= n; i += 8) a0 += load8(p + i);
    v8f t = (a0 + a1) + (a2 + a3);
    float s = -0.0f;
    for (int l = 0; l < 8; l++) s += t[l];
    for (; i < n; i++) s += p[i];
    return s;
}

static float cascade_portable(const float *p, ptrdiff_t n) {
    if (n <= SUM_BLOCK) return block_sum(p, n);
    ptrdiff_t half = (n / 2) & ~(ptrdiff_t)31;
    return cascade_portable(p, half) + cascade_portable(p + half, n - half);
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static float cascade_avx2(const float *p, ptrdiff_t n) {
    if (n <= SUM_BLOCK) return block_sum(p, n);
    ptrdiff_t half = (n / 2) & ~(ptrdiff_t)31;
    return cascade_avx2(p, half) + cascade_avx2(p + half, n - half);
}
#endif

float cvk_cascade_sum_f32(const float *p, ptrdiff_t n) {
#if defined(__x86_64__)
    if (!portable && cvk_avx2_fma_available()) return cascade_avx2(p, n);
#endif
    return cascade_portable(p, n);
}
