// See include/cvk_depthwise.h. One body, compiled three times (AVX-512, AVX2+FMA, baseline) by target
// attributes; the CPU capability picks one per call.
#include "cvk_depthwise.h"
#include "cvector_kernels.h"

// Output row `oy`: bias, then each tap's contribution over the columns whose input lies inside the row.
#define DEPTHWISE_BODY                                                                                                 \
    for (ptrdiff_t oy = 0; oy < g->small_h; oy++) {                                                                    \
        float *row = out + oy * g->small_w;                                                                            \
        for (ptrdiff_t ox = 0; ox < g->small_w; ox++) row[ox] = bias;                                                  \
        for (ptrdiff_t ky = 0; ky < g->k_h; ky++) {                                                                    \
            ptrdiff_t iy = oy * g->s_h - g->p_h + ky * g->d_h;                                                         \
            if (iy < 0 || iy >= g->big_h) continue;                                                                    \
            const float *in = image + iy * g->big_w;                                                                   \
            for (ptrdiff_t kx = 0; kx < g->k_w; kx++) {                                                                \
                ptrdiff_t shift = kx * g->d_w - g->p_w; /* input column of output column 0 */                          \
                /* ox ∈ [lo, hi) with 0 ≤ ox·s_w + shift < big_w */                                               \
                ptrdiff_t lo = shift >= 0 ? 0 : (-shift + g->s_w - 1) / g->s_w;                                        \
                ptrdiff_t hi = g->big_w - shift <= 0 ? 0 : (g->big_w - shift + g->s_w - 1) / g->s_w;                   \
                if (hi > g->small_w) hi = g->small_w;                                                                  \
                float wv = w[ky * g->k_w + kx];                                                                        \
                const float *src = in + shift;                                                                         \
                if (g->s_w == 1)                                                                                       \
                    for (ptrdiff_t ox = lo; ox < hi; ox++) row[ox] = FMA(wv, src[ox], row[ox]);                        \
                else                                                                                                   \
                    for (ptrdiff_t ox = lo; ox < hi; ox++) row[ox] = FMA(wv, src[ox * g->s_w], row[ox]);               \
            }                                                                                                          \
        }                                                                                                              \
    }

#if defined(__x86_64__)
#define FMA(a, b, c) __builtin_fmaf(a, b, c)
__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,fma"))) static void
depthwise_avx512(const float *image, const float *w, float bias, const cvk_conv_geometry *g, float *out) {
    DEPTHWISE_BODY
}
__attribute__((target("avx2,fma"))) static void depthwise_avx2(const float *image, const float *w, float bias,
                                                               const cvk_conv_geometry *g, float *out) {
    DEPTHWISE_BODY
}
#undef FMA
#endif

#pragma STDC FP_CONTRACT OFF
#define FMA(a, b, c) ((c) + (a) * (b))
static void depthwise_portable(const float *image, const float *w, float bias, const cvk_conv_geometry *g, float *out) {
    DEPTHWISE_BODY
}
#undef FMA

static int forced_level = -1;
void cvk_depthwise_force_level(int level) { __atomic_store_n(&forced_level, level, __ATOMIC_RELAXED); }

void cvk_depthwise_conv2d_f32(const float *image, const float *w, float bias, const cvk_conv_geometry *g, float *out) {
#if defined(__x86_64__)
    int forced = __atomic_load_n(&forced_level, __ATOMIC_RELAXED);
    int level = forced >= 0 && forced <= cvk_cpu_hardware_capability() ? forced : cvk_cpu_capability();
    if (level >= CVK_CPU_AVX512) return depthwise_avx512(image, w, bias, g, out);
    if (level >= CVK_CPU_AVX2) return depthwise_avx2(image, w, bias, g, out);
#endif
    depthwise_portable(image, w, bias, g, out);
}
