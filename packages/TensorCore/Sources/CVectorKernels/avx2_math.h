// The AVX2+FMA exp / tanh / sigmoid shared by this target's kernels (vector_kernels.c, rnn_gates.c):
// Cody–Waite reduction plus Cephes' polynomials, lanes outside the fast range redone with libm. Include
// only inside `#if defined(__x86_64__) || defined(__i386__)`.
#ifndef CVK_AVX2_MATH_H
#define CVK_AVX2_MATH_H

#include <immintrin.h>
#include <math.h>

#ifndef AVX2
#define AVX2 __attribute__((target("avx2,fma")))
#endif

// Lanes the polynomial cannot take (overflow, subnormal results, NaN, ±inf) go through libm one by one.
AVX2 static inline __m256 redo_with_libm(__m256 x, float (*f)(float)) {
    float lanes[8];
    _mm256_storeu_ps(lanes, x);
    for (int i = 0; i < 8; i++) lanes[i] = f(lanes[i]);
    return _mm256_loadu_ps(lanes);
}

AVX2 static inline __m256 exp8(__m256 x) {
    __m256 in_range = _mm256_and_ps(_mm256_cmp_ps(x, _mm256_set1_ps(-87.0f), _CMP_GE_OQ),
                                    _mm256_cmp_ps(x, _mm256_set1_ps(88.0f), _CMP_LE_OQ));
    if (__builtin_expect(_mm256_movemask_ps(in_range) != 0xFF, 0)) return redo_with_libm(x, expf);
    // Cody–Waite: x = n·ln2 + r, n rounded by the 1.5·2^23 trick, exp(r) by Cephes' polynomial.
    const __m256 magic = _mm256_set1_ps(12582912.0f);
    __m256 shifted = _mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504f), magic);
    __m256 n = _mm256_sub_ps(shifted, magic);
    __m256i k = _mm256_sub_epi32(_mm256_castps_si256(shifted), _mm256_castps_si256(magic));
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 z = _mm256_mul_ps(r, r);
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
    __m256 e = _mm256_add_ps(_mm256_fmadd_ps(p, z, r), _mm256_set1_ps(1.0f));
    __m256 scale = _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_add_epi32(k, _mm256_set1_epi32(127)), 23));
    return _mm256_mul_ps(e, scale);
}

// tanh: an odd polynomial up to 0.625, 1 - 2 / (exp(2|x|) + 1) beyond (Cephes' split); the sign bit is
// copied from x, which keeps tanh(-0) = -0.
AVX2 static inline __m256 tanh8(__m256 x) {
    __m256 abs_mask = _mm256_castsi256_ps(_mm256_set1_epi32(0x7FFFFFFF));
    __m256 ax = _mm256_and_ps(x, abs_mask);
    if (__builtin_expect(_mm256_movemask_ps(_mm256_cmp_ps(x, x, _CMP_UNORD_Q)) != 0, 0))
        return redo_with_libm(x, tanhf);
    __m256 z = _mm256_mul_ps(x, x);
    __m256 p = _mm256_set1_ps(-5.70498872745e-3f);
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(2.06390887954e-2f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(-5.37397155531e-2f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(1.33314422036e-1f));
    p = _mm256_fmadd_ps(p, z, _mm256_set1_ps(-3.33332819422e-1f));
    __m256 magnitude = _mm256_and_ps(_mm256_fmadd_ps(_mm256_mul_ps(p, z), x, x), abs_mask);
    __m256 big = _mm256_cmp_ps(ax, _mm256_set1_ps(0.625f), _CMP_GT_OQ);
    if (_mm256_movemask_ps(big) != 0) {
        __m256 clamped = _mm256_min_ps(ax, _mm256_set1_ps(10.0f)); // tanh is 1 in float32 beyond 9.02
        __m256 grown = _mm256_add_ps(exp8(_mm256_add_ps(clamped, clamped)), _mm256_set1_ps(1.0f));
        __m256 far = _mm256_sub_ps(_mm256_set1_ps(1.0f), _mm256_div_ps(_mm256_set1_ps(2.0f), grown));
        magnitude = _mm256_blendv_ps(magnitude, far, big);
    }
    return _mm256_or_ps(magnitude, _mm256_andnot_ps(abs_mask, x));
}

AVX2 static inline __m256 sigmoid8(__m256 x) {
    __m256 one = _mm256_set1_ps(1.0f);
    return _mm256_div_ps(one, _mm256_add_ps(one, exp8(_mm256_xor_ps(x, _mm256_set1_ps(-0.0f)))));
}

#endif
