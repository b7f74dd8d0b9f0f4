// See include/cvk_half.h. Each conversion has an AVX-512 loop, an AVX2/F16C loop where the instruction set
// has one, and the portable C that also finishes the tails.
#include <string.h>

#include "cvector_kernels.h"
#include "cvk_half.h"

static uint16_t bf16_from_f32(float x, uint16_t nan) {
    uint32_t bits;
    memcpy(&bits, &x, sizeof bits);
    if ((bits & 0x7FFFFFFFu) > 0x7F800000u) return nan;
    return (uint16_t)((bits + 0x7FFFu + ((bits >> 16) & 1)) >> 16);
}

static float f32_from_bits(uint32_t bits) {
    float x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))
#define AVX2   __attribute__((target("avx2,fma,f16c")))

// Integer round-to-nearest-even (vcvtneps2bf16 would flush denormals and keep NaN payloads).
AVX512 static ptrdiff_t f32_to_bf16_avx512(const float *x, uint16_t *y, ptrdiff_t n, uint16_t nan_bits) {
    const __m512i bias = _mm512_set1_epi32(0x7FFF), one = _mm512_set1_epi32(1), nan = _mm512_set1_epi32(nan_bits);
    ptrdiff_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512 v = _mm512_loadu_ps(x + i);
        __m512i bits = _mm512_castps_si512(v);
        __m512i r = _mm512_srli_epi32(
            _mm512_add_epi32(bits, _mm512_add_epi32(bias, _mm512_and_si512(_mm512_srli_epi32(bits, 16), one))), 16);
        r = _mm512_mask_mov_epi32(r, _mm512_cmp_ps_mask(v, v, _CMP_UNORD_Q), nan);
        _mm256_storeu_si256((__m256i *)(y + i), _mm512_cvtepi32_epi16(r));
    }
    return i;
}

AVX2 static ptrdiff_t f32_to_bf16_avx2(const float *x, uint16_t *y, ptrdiff_t n, uint16_t nan_bits) {
    const __m256i bias = _mm256_set1_epi32(0x7FFF), one = _mm256_set1_epi32(1), nan = _mm256_set1_epi32(nan_bits);
    ptrdiff_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m256i r[2];
        for (int h = 0; h < 2; h++) {
            __m256 v = _mm256_loadu_ps(x + i + 8 * h);
            __m256i bits = _mm256_castps_si256(v);
            __m256i t = _mm256_srli_epi32(
                _mm256_add_epi32(bits, _mm256_add_epi32(bias, _mm256_and_si256(_mm256_srli_epi32(bits, 16), one))), 16);
            r[h] = _mm256_blendv_epi8(t, nan, _mm256_castps_si256(_mm256_cmp_ps(v, v, _CMP_UNORD_Q)));
        }
        // packus works per 128-bit lane: (r0 lo, r1 lo, r0 hi, r1 hi), so fix the 64-bit order after.
        __m256i packed = _mm256_permute4x64_epi64(_mm256_packus_epi32(r[0], r[1]), 0xD8);
        _mm256_storeu_si256((__m256i *)(y + i), packed);
    }
    return i;
}

AVX512 static ptrdiff_t bf16_to_f32_avx512(const uint16_t *x, float *y, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m512i w = _mm512_cvtepu16_epi32(_mm256_loadu_si256((const __m256i *)(x + i)));
        _mm512_storeu_si512(y + i, _mm512_slli_epi32(w, 16));
    }
    return i;
}

AVX2 static ptrdiff_t bf16_to_f32_avx2(const uint16_t *x, float *y, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) {
        __m256i w = _mm256_cvtepu16_epi32(_mm_loadu_si128((const __m128i *)(x + i)));
        _mm256_storeu_si256((__m256i *)(y + i), _mm256_slli_epi32(w, 16));
    }
    return i;
}

AVX512 static ptrdiff_t f32_to_f16_avx512(const float *x, uint16_t *y, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 16 <= n; i += 16)
        _mm256_storeu_si256((__m256i *)(y + i),
                            _mm512_cvtps_ph(_mm512_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    return i;
}

AVX2 static ptrdiff_t f32_to_f16_avx2(const float *x, uint16_t *y, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8)
        _mm_storeu_si128((__m128i *)(y + i),
                         _mm256_cvtps_ph(_mm256_loadu_ps(x + i), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    return i;
}

AVX512 static ptrdiff_t f16_to_f32_avx512(const uint16_t *x, float *y, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 16 <= n; i += 16) _mm512_storeu_ps(y + i, _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(x + i))));
    return i;
}

AVX2 static ptrdiff_t f16_to_f32_avx2(const uint16_t *x, float *y, ptrdiff_t n) {
    ptrdiff_t i = 0;
    for (; i + 8 <= n; i += 8) _mm256_storeu_ps(y + i, _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(x + i))));
    return i;
}

#define PICK(name, ...)                                                                                                \
    (cvk_avx512_available() ? name##_avx512(__VA_ARGS__)                                                               \
     : cvk_f16c_available() ? name##_avx2(__VA_ARGS__)                                                                 \
                            : (ptrdiff_t)0)
#else
#define PICK(name, ...) ((ptrdiff_t)0)
#endif

void cvk_f32_to_bf16(const float *x, uint16_t *y, ptrdiff_t n, uint16_t nan) {
    for (ptrdiff_t i = PICK(f32_to_bf16, x, y, n, nan); i < n; i++) y[i] = bf16_from_f32(x[i], nan);
}

void cvk_bf16_to_f32(const uint16_t *x, float *y, ptrdiff_t n) {
    for (ptrdiff_t i = PICK(bf16_to_f32, x, y, n); i < n; i++) y[i] = f32_from_bits((uint32_t)x[i] << 16);
}

// The portable float16 tails use the compiler's _Float16 (IEEE rounding; compiler-rt without F16C).
void cvk_f32_to_f16(const float *x, uint16_t *y, ptrdiff_t n) {
    for (ptrdiff_t i = PICK(f32_to_f16, x, y, n); i < n; i++) {
        _Float16 h = (_Float16)x[i];
        memcpy(y + i, &h, sizeof h);
    }
}

void cvk_f16_to_f32(const uint16_t *x, float *y, ptrdiff_t n) {
    for (ptrdiff_t i = PICK(f16_to_f32, x, y, n); i < n; i++) {
        _Float16 h;
        memcpy(&h, x + i, sizeof h);
        y[i] = (float)h;
    }
}
