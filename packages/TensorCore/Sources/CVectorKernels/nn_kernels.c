// See include/cvk_nn.h. Each function has an AVX-512 body and a plain C body with the same arithmetic:
// the reductions keep 32 double accumulators (element i goes to accumulator i mod 32) combined in one
// fixed order, so both paths return the same bits.
#include "cvk_nn.h"

#include <string.h>
#include "cvector_kernels.h"

#pragma STDC FP_CONTRACT OFF

static _Thread_local int portable = 0;
void cvk_nn_set_portable(int on) { portable = on; }

#if defined(__x86_64__)
#include <immintrin.h>
#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))

static int use_avx512(void) {
    static int cached = -1;
    if (cached < 0) cached = cvk_avx512_available();
    return cached && !portable;
}

AVX512 static inline __mmask16 first16(ptrdiff_t n) { return n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1); }
AVX512 static inline __mmask8 first8(ptrdiff_t n) {
    return n >= 8 ? (__mmask8)0xFF : n <= 0 ? (__mmask8)0 : (__mmask8)((1u << n) - 1);
}

AVX512 static void threshold_backward_avx512(const float *g, const float *x, float *out, ptrdiff_t n, float t) {
    const __m512 tv = _mm512_set1_ps(t);
    for (ptrdiff_t i = 0; i < n; i += 16) {
        __mmask16 m = first16(n - i);
        // Not (x <= t), unordered included: NaN passes the gradient.
        __mmask16 pass = _mm512_mask_cmp_ps_mask(m, _mm512_maskz_loadu_ps(m, x + i), tv, _CMP_NLE_UQ);
        _mm512_mask_storeu_ps(out + i, m, _mm512_maskz_loadu_ps(pass, g + i));
    }
}

// bf16: 16 values widened exactly to float32 (bits << 16) per compare, gradient bits passed through or zeroed.
AVX512 static void threshold_backward_bf16_avx512(const uint16_t *g, const uint16_t *x, uint16_t *out, ptrdiff_t n,
                                                  float t) {
    const __m512 tv = _mm512_set1_ps(t);
    for (ptrdiff_t i = 0; i < n; i += 16) {
        __mmask16 m = first16(n - i);
        __m256i xs = _mm256_maskz_loadu_epi16(m, x + i);
        __m512 xf = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(xs), 16));
        __mmask16 pass = _mm512_mask_cmp_ps_mask(m, xf, tv, _CMP_NLE_UQ);
        _mm256_mask_storeu_epi16(out + i, m, _mm256_maskz_loadu_epi16(pass, g + i));
    }
}

// One output row: 16 windows per step; even and odd columns of both input rows are split with a
// two-source permute.
AVX512 static void max_pool2x2_row_avx512(const float *r0, const float *r1, float *out, int64_t *ind, int32_t base,
                                          ptrdiff_t in_w, ptrdiff_t out_w) {
    const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
    const __m512i odd = _mm512_add_epi32(even, _mm512_set1_epi32(1));
    const __m512i two_lanes = _mm512_add_epi32(even, _mm512_set1_epi32(base));
    for (ptrdiff_t ow = 0; ow < out_w; ow += 16) {
        ptrdiff_t k = out_w - ow < 16 ? out_w - ow : 16;
        __mmask16 lo = first16(2 * k), hi = first16(2 * k - 16 > 0 ? 2 * k - 16 : 0), m = first16(k);
        const float *p0 = r0 + 2 * ow, *p1 = r1 + 2 * ow;
        __m512 l0 = _mm512_maskz_loadu_ps(lo, p0), h0 = _mm512_maskz_loadu_ps(hi, p0 + 16);
        __m512 l1 = _mm512_maskz_loadu_ps(lo, p1), h1 = _mm512_maskz_loadu_ps(hi, p1 + 16);
        __m512 a = _mm512_permutex2var_ps(l0, even, h0), b = _mm512_permutex2var_ps(l0, odd, h0);
        __m512 c = _mm512_permutex2var_ps(l1, even, h1), d = _mm512_permutex2var_ps(l1, odd, h1);
        __m512i ia = _mm512_add_epi32(two_lanes, _mm512_set1_epi32((int32_t)(2 * ow)));
        __m512 best = a;
        __m512i index = ia;
        __mmask16 take = _mm512_cmp_ps_mask(b, best, _CMP_GT_OQ) | _mm512_cmp_ps_mask(b, b, _CMP_UNORD_Q);
        best = _mm512_mask_mov_ps(best, take, b);
        index = _mm512_mask_add_epi32(index, take, ia, _mm512_set1_epi32(1));
        take = _mm512_cmp_ps_mask(c, best, _CMP_GT_OQ) | _mm512_cmp_ps_mask(c, c, _CMP_UNORD_Q);
        best = _mm512_mask_mov_ps(best, take, c);
        index = _mm512_mask_add_epi32(index, take, ia, _mm512_set1_epi32((int32_t)in_w));
        take = _mm512_cmp_ps_mask(d, best, _CMP_GT_OQ) | _mm512_cmp_ps_mask(d, d, _CMP_UNORD_Q);
        best = _mm512_mask_mov_ps(best, take, d);
        index = _mm512_mask_add_epi32(index, take, ia, _mm512_set1_epi32((int32_t)in_w + 1));
        _mm512_mask_storeu_ps(out + ow, m, best);
        _mm512_mask_storeu_epi64(ind + ow, (__mmask8)m, _mm512_cvtepi32_epi64(_mm512_castsi512_si256(index)));
        _mm512_mask_storeu_epi64(ind + ow + 8, (__mmask8)(m >> 8),
                                 _mm512_cvtepi32_epi64(_mm512_extracti64x4_epi64(index, 1)));
    }
}

AVX512 static void max_pool2x2_avx512(const float *x, float *out, int64_t *ind, ptrdiff_t in_w, ptrdiff_t out_h,
                                      ptrdiff_t out_w) {
    for (ptrdiff_t oh = 0; oh < out_h; oh++) {
        const float *r0 = x + 2 * oh * in_w;
        max_pool2x2_row_avx512(r0, r0 + in_w, out + oh * out_w, ind + oh * out_w, (int32_t)(2 * oh * in_w), in_w,
                               out_w);
    }
}

// The reductions: four vectors of 8 doubles = accumulators 0..31; a tail goes through masked lanes.
// `kind` is a constant at every call, so each public function gets its own loop.
enum reduction { SUM, SQUARED_DEVIATION, DOT_DEVIATION };

AVX512 static inline __attribute__((always_inline)) __m512d term8(enum reduction kind, __m512d p, __m512d q,
                                                                  __m512d mean) {
    switch (kind) {
    case SUM:
        return p;
    case SQUARED_DEVIATION:
        return _mm512_mul_pd(_mm512_sub_pd(p, mean), _mm512_sub_pd(p, mean));
    case DOT_DEVIATION:
        break;
    }
    return _mm512_mul_pd(p, _mm512_sub_pd(q, mean));
}

AVX512 static inline __attribute__((always_inline)) double reduce_avx512(enum reduction kind, const float *p,
                                                                         const float *q, ptrdiff_t n, double mean) {
    const __m512d mv = _mm512_set1_pd(mean), zero = _mm512_setzero_pd();
    __m512d acc[4] = {zero, zero, zero, zero};
    ptrdiff_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int j = 0; j < 4; j++) {
            __m512d x = _mm512_cvtps_pd(_mm256_loadu_ps(p + i + 8 * j));
            __m512d y = kind == DOT_DEVIATION ? _mm512_cvtps_pd(_mm256_loadu_ps(q + i + 8 * j)) : zero;
            acc[j] = _mm512_add_pd(acc[j], term8(kind, x, y, mv));
        }
    for (int j = 0; j < 4 && i + 8 * j < n; j++) {
        __mmask8 m = first8(n - i - 8 * j);
        __m512d x = _mm512_cvtps_pd(_mm256_maskz_loadu_ps(m, p + i + 8 * j));
        __m512d y = kind == DOT_DEVIATION ? _mm512_cvtps_pd(_mm256_maskz_loadu_ps(m, q + i + 8 * j)) : zero;
        acc[j] = _mm512_mask_add_pd(acc[j], m, acc[j], term8(kind, x, y, mv));
    }
    double lanes[8];
    _mm512_storeu_pd(lanes, _mm512_add_pd(_mm512_add_pd(acc[0], acc[1]), _mm512_add_pd(acc[2], acc[3])));
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

AVX512 static double sum_avx512(const float *p, ptrdiff_t n) { return reduce_avx512(SUM, p, 0, n, 0); }
AVX512 static double squared_deviation_avx512(const float *p, ptrdiff_t n, double mean) {
    return reduce_avx512(SQUARED_DEVIATION, p, 0, n, mean);
}
AVX512 static double dot_deviation_avx512(const float *a, const float *x, ptrdiff_t n, double mean) {
    return reduce_avx512(DOT_DEVIATION, a, x, n, mean);
}

AVX512 static void scale_shift_avx512(const float *x, float *y, ptrdiff_t n, float alpha, float beta) {
    const __m512 av = _mm512_set1_ps(alpha), bv = _mm512_set1_ps(beta);
    for (ptrdiff_t i = 0; i < n; i += 16) {
        __mmask16 m = first16(n - i);
        _mm512_mask_storeu_ps(y + i, m, _mm512_add_ps(_mm512_mul_ps(_mm512_maskz_loadu_ps(m, x + i), av), bv));
    }
}

AVX512 static void scale2_shift_avx512(const float *dy, const float *x, float *y, ptrdiff_t n, float a, float b,
                                       float c) {
    const __m512 av = _mm512_set1_ps(a), bv = _mm512_set1_ps(b), cv = _mm512_set1_ps(c);
    for (ptrdiff_t i = 0; i < n; i += 16) {
        __mmask16 m = first16(n - i);
        __m512 t = _mm512_add_ps(_mm512_mul_ps(_mm512_maskz_loadu_ps(m, dy + i), av),
                                 _mm512_mul_ps(_mm512_maskz_loadu_ps(m, x + i), bv));
        _mm512_mask_storeu_ps(y + i, m, _mm512_add_ps(t, cv));
    }
}
#else
static int use_avx512(void) { return 0; }
#endif

void cvk_threshold_backward_f32(const float *grad, const float *x, float *out, ptrdiff_t n, float threshold) {
#if defined(__x86_64__)
    if (use_avx512()) {
        threshold_backward_avx512(grad, x, out, n, threshold);
        return;
    }
#endif
    for (ptrdiff_t i = 0; i < n; i++) {
        float g = grad[i];
        out[i] = x[i] <= threshold ? 0.0f : g;
    }
}

void cvk_threshold_backward_bf16(const uint16_t *grad, const uint16_t *x, uint16_t *out, ptrdiff_t n, float threshold) {
#if defined(__x86_64__)
    if (use_avx512()) {
        threshold_backward_bf16_avx512(grad, x, out, n, threshold);
        return;
    }
#endif
    for (ptrdiff_t i = 0; i < n; i++) {
        uint32_t bits = (uint32_t)x[i] << 16;
        float v;
        memcpy(&v, &bits, sizeof v);
        out[i] = v <= threshold ? 0 : grad[i];
    }
}

void cvk_max_pool2x2_f32(const float *x, float *out, int64_t *indices, ptrdiff_t in_h, ptrdiff_t in_w, ptrdiff_t out_h,
                         ptrdiff_t out_w) {
    (void)in_h;
#if defined(__x86_64__)
    if (use_avx512()) {
        max_pool2x2_avx512(x, out, indices, in_w, out_h, out_w);
        return;
    }
#endif
    for (ptrdiff_t oh = 0; oh < out_h; oh++)
        for (ptrdiff_t ow = 0; ow < out_w; ow++) {
            ptrdiff_t first = 2 * oh * in_w + 2 * ow;
            ptrdiff_t candidates[3] = {first + 1, first + in_w, first + in_w + 1};
            float best = x[first];
            ptrdiff_t index = first;
            for (int k = 0; k < 3; k++) {
                float v = x[candidates[k]];
                if (v > best || v != v) {
                    best = v;
                    index = candidates[k];
                }
            }
            out[oh * out_w + ow] = best;
            indices[oh * out_w + ow] = index;
        }
}

// The plain-C reductions: the same 32 accumulators and the same final order as the AVX-512 bodies.
static double combine32(const double *acc) {
    double lanes[8];
    for (int l = 0; l < 8; l++) lanes[l] = (acc[l] + acc[8 + l]) + (acc[16 + l] + acc[24 + l]);
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

double cvk_sum_f32(const float *p, ptrdiff_t n) {
#if defined(__x86_64__)
    if (use_avx512()) return sum_avx512(p, n);
#endif
    double acc[32] = {0};
    for (ptrdiff_t i = 0; i < n; i++) acc[i % 32] += (double)p[i];
    return combine32(acc);
}

double cvk_sum_squared_deviation_f32(const float *p, ptrdiff_t n, double mean) {
#if defined(__x86_64__)
    if (use_avx512()) return squared_deviation_avx512(p, n, mean);
#endif
    double acc[32] = {0};
    for (ptrdiff_t i = 0; i < n; i++) {
        double d = (double)p[i] - mean;
        acc[i % 32] += d * d;
    }
    return combine32(acc);
}

double cvk_dot_deviation_f32(const float *a, const float *x, ptrdiff_t n, double mean) {
#if defined(__x86_64__)
    if (use_avx512()) return dot_deviation_avx512(a, x, n, mean);
#endif
    double acc[32] = {0};
    for (ptrdiff_t i = 0; i < n; i++) {
        double d = (double)x[i] - mean;
        acc[i % 32] += (double)a[i] * d;
    }
    return combine32(acc);
}

void cvk_scale_shift_f32(const float *x, float *y, ptrdiff_t n, float alpha, float beta) {
#if defined(__x86_64__)
    if (use_avx512()) {
        scale_shift_avx512(x, y, n, alpha, beta);
        return;
    }
#endif
    for (ptrdiff_t i = 0; i < n; i++) {
        float t = x[i] * alpha;
        y[i] = t + beta;
    }
}

void cvk_scale2_shift_f32(const float *dy, const float *x, float *y, ptrdiff_t n, float a, float b, float c) {
#if defined(__x86_64__)
    if (use_avx512()) {
        scale2_shift_avx512(dy, x, y, n, a, b, c);
        return;
    }
#endif
    for (ptrdiff_t i = 0; i < n; i++) {
        float u = dy[i] * a, v = x[i] * b;
        float t = u + v;
        y[i] = t + c;
    }
}
