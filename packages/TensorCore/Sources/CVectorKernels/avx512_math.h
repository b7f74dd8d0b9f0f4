// The AVX-512 twins of avx2_math.h's exp / tanh / sigmoid: the same reductions, polynomials and
// libm fallback, sixteen lanes at a time. Include only inside `#if defined(__x86_64__) || defined(__i386__)`.
#ifndef CVK_AVX512_MATH_H
#define CVK_AVX512_MATH_H

#include <immintrin.h>
#include <math.h>

#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,fma")))

AVX512 static inline __m512 redo16_with_libm(__m512 x, float (*f)(float)) {
    float lanes[16];
    _mm512_storeu_ps(lanes, x);
    for (int i = 0; i < 16; i++) lanes[i] = f(lanes[i]);
    return _mm512_loadu_ps(lanes);
}

AVX512 static inline __attribute__((always_inline)) __m512 exp16(__m512 x) {
    __mmask16 in_range = _mm512_cmp_ps_mask(x, _mm512_set1_ps(-87.0f), _CMP_GE_OQ) &
                         _mm512_cmp_ps_mask(x, _mm512_set1_ps(88.0f), _CMP_LE_OQ);
    if (__builtin_expect(in_range != 0xFFFF, 0)) return redo16_with_libm(x, expf);
    const __m512 magic = _mm512_set1_ps(12582912.0f);
    __m512 shifted = _mm512_fmadd_ps(x, _mm512_set1_ps(1.44269504f), magic);
    __m512 n = _mm512_sub_ps(shifted, magic);
    __m512i k = _mm512_sub_epi32(_mm512_castps_si512(shifted), _mm512_castps_si512(magic));
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
    __m512 z = _mm512_mul_ps(r, r);
    __m512 p = _mm512_set1_ps(1.9875691500e-4f);
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.3981999507e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.3334519073e-3f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.1665795894e-2f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.6666665459e-1f));
    p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(5.0000001201e-1f));
    __m512 e = _mm512_add_ps(_mm512_fmadd_ps(p, z, r), _mm512_set1_ps(1.0f));
    __m512 scale = _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_add_epi32(k, _mm512_set1_epi32(127)), 23));
    return _mm512_mul_ps(e, scale);
}

AVX512 static inline __attribute__((always_inline)) __m512 tanh16(__m512 x) {
    const __m512i abs_bits = _mm512_set1_epi32(0x7FFFFFFF);
    __m512 ax = _mm512_castsi512_ps(_mm512_and_si512(_mm512_castps_si512(x), abs_bits));
    if (__builtin_expect(_mm512_cmp_ps_mask(x, x, _CMP_UNORD_Q) != 0, 0)) return redo16_with_libm(x, tanhf);
    __m512 z = _mm512_mul_ps(x, x);
    __m512 p = _mm512_set1_ps(-5.70498872745e-3f);
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(2.06390887954e-2f));
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(-5.37397155531e-2f));
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(1.33314422036e-1f));
    p = _mm512_fmadd_ps(p, z, _mm512_set1_ps(-3.33332819422e-1f));
    __m512 magnitude = _mm512_castsi512_ps(
        _mm512_and_si512(_mm512_castps_si512(_mm512_fmadd_ps(_mm512_mul_ps(p, z), x, x)), abs_bits));
    __mmask16 big = _mm512_cmp_ps_mask(ax, _mm512_set1_ps(0.625f), _CMP_GT_OQ);
    if (big != 0) {
        __m512 clamped = _mm512_min_ps(ax, _mm512_set1_ps(10.0f)); // tanh is 1 in float32 beyond 9.02
        __m512 grown = _mm512_add_ps(exp16(_mm512_add_ps(clamped, clamped)), _mm512_set1_ps(1.0f));
        __m512 far = _mm512_sub_ps(_mm512_set1_ps(1.0f), _mm512_div_ps(_mm512_set1_ps(2.0f), grown));
        magnitude = _mm512_mask_blend_ps(big, magnitude, far);
    }
    return _mm512_castsi512_ps(
        _mm512_or_si512(_mm512_castps_si512(magnitude), _mm512_andnot_si512(abs_bits, _mm512_castps_si512(x))));
}

AVX512 static inline __m512 sigmoid16(__m512 x) {
    __m512 one = _mm512_set1_ps(1.0f);
    return _mm512_div_ps(one, _mm512_add_ps(one, exp16(_mm512_castsi512_ps(_mm512_xor_si512(
                                                     _mm512_castps_si512(x), _mm512_set1_epi32((int)0x80000000))))));
}

#endif
