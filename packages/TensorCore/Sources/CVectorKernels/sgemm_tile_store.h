// The store half of the sgemm micro-kernels (sgemm_avx512.c, conv_implicit.c): one ROWS×32 register tile
// lo/hi (two zmm per row) written to C as alpha·tile + beta·C. beta == 0 never reads C (it may hold NaN).
// Full tiles use plain stores — a masked store to memory is much slower on AMD cores — and short ones
// mask off the columns past `cols`, so C beyond n is never read or written. Private to this target.
#ifndef SGEMM_TILE_STORE_H
#define SGEMM_TILE_STORE_H

#include <immintrin.h>
#include <stddef.h>

__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl"))) static inline __attribute__((always_inline)) void
sgemm_store_tile(const int ROWS, const __m512 *lo, const __m512 *hi, float *c, ptrdiff_t ldc, ptrdiff_t cols,
                 float alpha, float beta) {
    __m512 va = _mm512_set1_ps(alpha), vb = _mm512_set1_ps(beta);
    if (cols == 32) {
#pragma clang loop unroll(full)
        for (int i = 0; i < ROWS; i++) {
            float *row = c + i * ldc;
            __m512 r0 = _mm512_mul_ps(lo[i], va), r1 = _mm512_mul_ps(hi[i], va);
            if (beta != 0) {
                r0 = _mm512_fmadd_ps(_mm512_loadu_ps(row), vb, r0);
                r1 = _mm512_fmadd_ps(_mm512_loadu_ps(row + 16), vb, r1);
            }
            _mm512_storeu_ps(row, r0);
            _mm512_storeu_ps(row + 16, r1);
        }
        return;
    }
    __mmask16 m0 = cols >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << cols) - 1);
    __mmask16 m1 = cols >= 32 ? (__mmask16)0xFFFF : cols <= 16 ? 0 : (__mmask16)((1u << (cols - 16)) - 1);
#pragma clang loop unroll(full)
    for (int i = 0; i < ROWS; i++) {
        float *row = c + i * ldc;
        __m512 r0 = _mm512_mul_ps(lo[i], va), r1 = _mm512_mul_ps(hi[i], va);
        if (beta != 0) {
            r0 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m0, row), vb, r0);
            r1 = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m1, row + 16), vb, r1);
        }
        _mm512_mask_storeu_ps(row, m0, r0);
        _mm512_mask_storeu_ps(row + 16, m1, r1);
    }
}

#endif
