// See include/cvector_kernels.h. Every kernel processes 8 lanes at a time; a tail is padded into one
// more vector so every element takes the same arithmetic path (as VectorMath's Swift loops do).
#include "cvector_kernels.h"

#include <math.h>

static _Thread_local int in_parallel_region = 0;
int cvk_in_parallel_region(void) { return in_parallel_region; }
void cvk_set_in_parallel_region(int value) { in_parallel_region = value; }

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))

#include "avx2_math.h"

AVX2 static inline __m256 log8(__m256 x) {
    __m256 normal = _mm256_and_ps(_mm256_cmp_ps(x, _mm256_set1_ps(1.17549435e-38f), _CMP_GE_OQ),
                                  _mm256_cmp_ps(x, _mm256_set1_ps(INFINITY), _CMP_LT_OQ));
    if (__builtin_expect(_mm256_movemask_ps(normal) != 0xFF, 0)) return redo_with_libm(x, logf);
    __m256i bits = _mm256_castps_si256(x);
    __m256 e = _mm256_cvtepi32_ps(_mm256_sub_epi32(_mm256_srai_epi32(bits, 23), _mm256_set1_epi32(126)));
    // Mantissa in [0.5, 1); below sqrt(1/2) it is doubled so m - 1 stays small.
    __m256 m = _mm256_castsi256_ps(
        _mm256_or_si256(_mm256_and_si256(bits, _mm256_set1_epi32(0x007FFFFF)), _mm256_set1_epi32(0x3F000000)));
    __m256 small = _mm256_cmp_ps(m, _mm256_set1_ps(0.707106781186547524f), _CMP_LT_OQ);
    e = _mm256_blendv_ps(e, _mm256_sub_ps(e, _mm256_set1_ps(1.0f)), small);
    m = _mm256_blendv_ps(_mm256_sub_ps(m, _mm256_set1_ps(1.0f)),
                         _mm256_sub_ps(_mm256_add_ps(m, m), _mm256_set1_ps(1.0f)), small);
    __m256 z = _mm256_mul_ps(m, m);
    __m256 p = _mm256_set1_ps(7.0376836292e-2f);
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(-1.1514610310e-1f));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(1.1676998740e-1f));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(-1.2420140846e-1f));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(1.4249322787e-1f));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(-1.6668057665e-1f));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(2.0000714765e-1f));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(-2.4999993993e-1f));
    p = _mm256_fmadd_ps(p, m, _mm256_set1_ps(3.3333331174e-1f));
    __m256 y = _mm256_mul_ps(_mm256_mul_ps(p, m), z);
    y = _mm256_fmadd_ps(e, _mm256_set1_ps(-2.12194440e-4f), y);
    y = _mm256_fnmadd_ps(_mm256_set1_ps(0.5f), z, y);
    return _mm256_fmadd_ps(e, _mm256_set1_ps(0.693359375f), _mm256_add_ps(m, y));
}

AVX2 static inline __m256 apply8(cvk_unary_kind kind, __m256 v) {
    switch (kind) {
    case CVK_EXP:
        return exp8(v);
    case CVK_LOG:
        return log8(v);
    case CVK_TANH:
        return tanh8(v);
    case CVK_SIGMOID:
        return sigmoid8(v);
    case CVK_SILU:
        return _mm256_div_ps(v, _mm256_add_ps(_mm256_set1_ps(1.0f), exp8(_mm256_xor_ps(v, _mm256_set1_ps(-0.0f)))));
    }
    return v;
}

// A mask selecting the first `count` (< 8) lanes, for tails.
AVX2 static inline __m256i tail_mask(ptrdiff_t count) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

AVX2 void cvk_unary_f32(cvk_unary_kind kind, const float *x, float *y, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, apply8(kind, _mm256_loadu_ps(x + i)));
    if (i < n) {
        // Padding lanes hold 1, which every function takes on its fast path; their results are discarded.
        __m256i mask = tail_mask(n - i);
        __m256 v = _mm256_blendv_ps(_mm256_set1_ps(1.0f), _mm256_maskload_ps(x + i, mask), _mm256_castsi256_ps(mask));
        _mm256_maskstore_ps(y + i, mask, apply8(kind, v));
    }
}

AVX2 float cvk_max_f32(const float *x, ptrdiff_t n) {
    __m256 best = _mm256_set1_ps(-INFINITY);
    __m256 nan_seen = _mm256_setzero_ps();
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 v = _mm256_loadu_ps(x + i);
        nan_seen = _mm256_or_ps(nan_seen, _mm256_cmp_ps(v, v, _CMP_UNORD_Q));
        best = _mm256_max_ps(best, v);
    }
    if (_mm256_movemask_ps(nan_seen) != 0) return NAN;
    float lanes[8];
    _mm256_storeu_ps(lanes, best);
    float m = lanes[0];
    for (int k = 1; k < 8; k++) m = lanes[k] > m ? lanes[k] : m;
    for (; i < n; i++) {
        if (isnan(x[i])) return NAN;
        if (x[i] > m) m = x[i];
    }
    return m;
}

AVX2 float cvk_exp_shift_sum_f32(const float *x, float *y, ptrdiff_t n, float shift) {
    __m256 s = _mm256_set1_ps(shift);
    __m256 acc = _mm256_setzero_ps();
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(x + i), s));
        if (y) _mm256_storeu_ps(y + i, e);
        acc = _mm256_add_ps(acc, e);
    }
    float lanes[8];
    _mm256_storeu_ps(lanes, acc);
    float total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
    for (; i < n; i++) {
        float e = expf(x[i] - shift);
        if (y) y[i] = e;
        total += e;
    }
    return total;
}

AVX2 void cvk_scale_f32(float *y, ptrdiff_t n, float scale) {
    __m256 s = _mm256_set1_ps(scale);
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_mul_ps(_mm256_loadu_ps(y + i), s));
    for (; i < n; i++) y[i] *= scale;
}

AVX2 void cvk_subtract2_f32(const float *x, float *y, ptrdiff_t n, float first, float second) {
    __m256 a = _mm256_set1_ps(first), b = _mm256_set1_ps(second);
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_sub_ps(_mm256_sub_ps(_mm256_loadu_ps(x + i), a), b));
    for (; i < n; i++) y[i] = (x[i] - first) - second;
}

#else
// Other architectures: TensorCore keeps its Swift SIMD paths (availability is 0); plain C versions keep
// the functions correct for any other caller.

static float sigmoidf_(float v) { return 1.0f / (1.0f + expf(-v)); }
static float siluf_(float v) { return v / (1.0f + expf(-v)); }

void cvk_unary_f32(cvk_unary_kind kind, const float *x, float *y, ptrdiff_t n) {
    float (*f)(float) = kind == CVK_EXP    ? expf
                        : kind == CVK_LOG  ? logf
                        : kind == CVK_TANH ? tanhf
                        : kind == CVK_SILU ? siluf_
                                           : sigmoidf_;
    for (ptrdiff_t i = 0; i < n; i++) y[i] = f(x[i]);
}

float cvk_max_f32(const float *x, ptrdiff_t n) {
    float m = x[0];
    for (ptrdiff_t i = 0; i < n; i++) {
        if (isnan(x[i])) return NAN;
        if (x[i] > m) m = x[i];
    }
    return m;
}

float cvk_exp_shift_sum_f32(const float *x, float *y, ptrdiff_t n, float shift) {
    float total = 0;
    for (ptrdiff_t i = 0; i < n; i++) {
        float e = expf(x[i] - shift);
        if (y) y[i] = e;
        total += e;
    }
    return total;
}

void cvk_scale_f32(float *y, ptrdiff_t n, float scale) {
    for (ptrdiff_t i = 0; i < n; i++) y[i] *= scale;
}

void cvk_subtract2_f32(const float *x, float *y, ptrdiff_t n, float first, float second) {
    for (ptrdiff_t i = 0; i < n; i++) y[i] = (x[i] - first) - second;
}
#endif
