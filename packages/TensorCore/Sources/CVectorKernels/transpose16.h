// A 16×16 float transpose in registers, shared by the sgemm packer (sgemm_avx512.c) and the weight
// gradient's transposed im2col (im2col_packed_transposed.c). Private to this target.
#ifndef TRANSPOSE16_H
#define TRANSPOSE16_H

#include <immintrin.h>

// Transposes 16 rows of 16 floats: out[t] = (r[0][t], r[1][t], ..., r[15][t]). Interleave pairs of rows
// (unpack ps), then pairs of pairs (unpack pd): vector 4i+e then holds, in 128-bit lane L, column 4L+e of
// rows 4i..4i+3; two rounds of 128-bit lane shuffles gather lane L of the four row groups.
__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl"))) static inline void transpose16(__m512 r[16]) {
    __m512 t[16], u[16];
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    for (int i = 0; i < 4; i++) {
        __m512d a = _mm512_castps_pd(t[4 * i]), b = _mm512_castps_pd(t[4 * i + 1]);
        __m512d c = _mm512_castps_pd(t[4 * i + 2]), d = _mm512_castps_pd(t[4 * i + 3]);
        u[4 * i] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, c));
        u[4 * i + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, c));
        u[4 * i + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(b, d));
        u[4 * i + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(b, d));
    }
    for (int e = 0; e < 4; e++) {
        __m512 v02 = _mm512_shuffle_f32x4(u[e], u[4 + e], 0x88), v13 = _mm512_shuffle_f32x4(u[e], u[4 + e], 0xDD);
        __m512 w02 = _mm512_shuffle_f32x4(u[8 + e], u[12 + e], 0x88),
               w13 = _mm512_shuffle_f32x4(u[8 + e], u[12 + e], 0xDD);
        r[e] = _mm512_shuffle_f32x4(v02, w02, 0x88);
        r[4 + e] = _mm512_shuffle_f32x4(v13, w13, 0x88);
        r[8 + e] = _mm512_shuffle_f32x4(v02, w02, 0xDD);
        r[12 + e] = _mm512_shuffle_f32x4(v13, w13, 0xDD);
    }
}

#endif
