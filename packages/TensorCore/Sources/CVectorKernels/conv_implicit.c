// See cvk_conv_implicit in include/cvk_sgemm.h. Convolution forward as an implicit GEMM: the packed weight
// times im2col(image), with the micro-kernel loading its B vectors straight from the image instead of from
// a packed im2col tile (writing that tile was about a quarter of the convolution's time). Each 32-column
// panel of the output grid — one grid row of width 32, or two of width 16 — gets a table of its K taps:
// for k = (c, ky, kx), where each 16-lane half of the panel reads in the image and which lanes are inside
// it (padding lanes load as zero through the mask and never touch memory).
#include "cvk_sgemm.h"

#include <stdint.h>
#include <stdlib.h>

enum { MR = CVK_SGEMM_MR, NR = CVK_SGEMM_NR };

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "sgemm_tile_store.h"

int cvk_conv_implicit_supported(const cvk_conv_geometry *g) {
    return g->s_w == 1 && (g->small_w == 32 || g->small_w == 16);
}

#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))

typedef struct {
    ptrdiff_t offset[2]; // from the image's first element
    __mmask16 mask[2];
} tap;

// The taps of the panel covering grid pixels [first, first + 32) for every k.
static void build_taps(const cvk_conv_geometry *g, ptrdiff_t first, tap *taps) {
    ptrdiff_t plane = g->big_h * g->big_w, grid = g->small_h * g->small_w;
    ptrdiff_t oy[2], ox0[2];
    int inside[2];
    for (int q = 0; q < 2; q++) {
        ptrdiff_t pixel = first + 16 * q;
        inside[q] = pixel < grid;
        oy[q] = pixel / g->small_w;
        ox0[q] = pixel % g->small_w;
    }
    tap *t = taps;
    for (ptrdiff_t c = 0; c < g->channels; c++)
        for (ptrdiff_t ky = 0; ky < g->k_h; ky++)
            for (ptrdiff_t kx = 0; kx < g->k_w; kx++, t++)
                for (int q = 0; q < 2; q++) {
                    ptrdiff_t iy = oy[q] * g->s_h - g->p_h + ky * g->d_h;
                    ptrdiff_t x = ox0[q] + kx * g->d_w - g->p_w; // image x of lane 0 (s_w == 1)
                    // Lanes l with 0 ≤ x + l < big_w and ox0 + l < small_w.
                    ptrdiff_t lo = x < 0 ? -x : 0, hi = g->big_w - x;
                    if (hi > 16) hi = 16;
                    if (hi > g->small_w - ox0[q]) hi = g->small_w - ox0[q];
                    int valid = inside[q] && iy >= 0 && iy < g->big_h && hi > lo;
                    t->mask[q] = valid ? (__mmask16)(((1u << hi) - 1) & ~((1u << lo) - 1)) : 0;
                    // Masked-off lanes are never read, so the address may sit before the row's start.
                    t->offset[q] = valid ? c * plane + iy * g->big_w + x : 0;
                }
}

// C[0..ROWS)[0..cols) (+)= Σ_p a[p][i]·B[p][j], B's rows loaded through the taps.
AVX512 static inline __attribute__((always_inline)) void tile_taps(const int ROWS, ptrdiff_t kb, const float *a,
                                                                   const float *image, const tap *t, float *c,
                                                                   ptrdiff_t ldc, ptrdiff_t cols, int accumulate) {
    uintptr_t base = (uintptr_t)image;
    __m512 lo[MR], hi[MR];
#pragma clang loop unroll(full)
    for (int i = 0; i < ROWS; i++) {
        lo[i] = _mm512_setzero_ps();
        hi[i] = _mm512_setzero_ps();
    }
#pragma clang loop unroll_count(2)
    for (ptrdiff_t p = 0; p < kb; p++, t++) {
        __m512 b0 = _mm512_maskz_loadu_ps(t->mask[0], (const void *)(base + t->offset[0] * (ptrdiff_t)sizeof(float)));
        __m512 b1 = _mm512_maskz_loadu_ps(t->mask[1], (const void *)(base + t->offset[1] * (ptrdiff_t)sizeof(float)));
#pragma clang loop unroll(full)
        for (int i = 0; i < ROWS; i++) {
            __m512 ai = _mm512_set1_ps(a[i]);
            lo[i] = _mm512_fmadd_ps(ai, b0, lo[i]);
            hi[i] = _mm512_fmadd_ps(ai, b1, hi[i]);
        }
        a += MR;
    }
    sgemm_store_tile(ROWS, lo, hi, c, ldc, cols, 1, accumulate ? 1 : 0);
}

AVX512 static void micro_taps(ptrdiff_t rows, ptrdiff_t kb, const float *a, const float *image, const tap *t, float *c,
                              ptrdiff_t ldc, ptrdiff_t cols, int accumulate) {
    switch (rows) {
#define ROWS_CASE(r)                                                                                                   \
    case r:                                                                                                            \
        tile_taps(r, kb, a, image, t, c, ldc, cols, accumulate);                                                       \
        break;
        ROWS_CASE(1)
        ROWS_CASE(2) ROWS_CASE(3) ROWS_CASE(4) ROWS_CASE(5) ROWS_CASE(6) ROWS_CASE(7) ROWS_CASE(8) ROWS_CASE(9)
            ROWS_CASE(10) ROWS_CASE(11) ROWS_CASE(12)
#undef ROWS_CASE
                default : break;
    }
}

static ptrdiff_t panel_count_of(const cvk_conv_geometry *g) { return (g->small_h * g->small_w + NR - 1) / NR; }

size_t cvk_conv_implicit_plan_bytes(const cvk_conv_geometry *g) {
    return (size_t)(panel_count_of(g) * g->channels * g->k_h * g->k_w) * sizeof(tap);
}

void cvk_conv_implicit_plan(const cvk_conv_geometry *g, void *plan) {
    ptrdiff_t k = g->channels * g->k_h * g->k_w;
    for (ptrdiff_t panel = 0; panel < panel_count_of(g); panel++) build_taps(g, panel * NR, (tap *)plan + panel * k);
}

void cvk_conv_implicit(const float *image, const cvk_conv_geometry *g, const void *plan, ptrdiff_t m,
                       const float *packed_a, const float *bias, ptrdiff_t panel_start, ptrdiff_t panel_count, float *c,
                       ptrdiff_t ldc) {
    ptrdiff_t k = g->channels * g->k_h * g->k_w, kc = cvk_sgemm_kc(k), mp = (m + MR - 1) / MR * MR;
    ptrdiff_t grid = g->small_h * g->small_w;
    for (ptrdiff_t panel = panel_start; panel < panel_start + panel_count; panel++) {
        ptrdiff_t first = panel * NR, cols = grid - first < NR ? grid - first : NR;
        float *cp = c + first;
        const tap *taps = (const tap *)plan + panel * k;
        // K blocks outermost: the panel's m×32 of C stays in L1 while A streams from L2.
        for (ptrdiff_t pc = 0; pc < k; pc += kc) {
            ptrdiff_t kb = k - pc < kc ? k - pc : kc;
            for (ptrdiff_t ir = 0; ir < m; ir += MR)
                micro_taps(m - ir < MR ? m - ir : MR, kb, packed_a + pc * mp + ir * kb, image, taps + pc, cp + ir * ldc,
                           ldc, cols, pc > 0);
        }
        if (bias)
            for (ptrdiff_t i = 0; i < m; i++) {
                float *row = cp + i * ldc, b = bias[i];
                for (ptrdiff_t j = 0; j < cols; j++) row[j] += b;
            }
    }
}
#else
// Other architectures never route here (cvk_avx512_available() is 0).
int cvk_conv_implicit_supported(const cvk_conv_geometry *g) { return 0; }
size_t cvk_conv_implicit_plan_bytes(const cvk_conv_geometry *g) { return 0; }
void cvk_conv_implicit_plan(const cvk_conv_geometry *g, void *plan) { abort(); }
void cvk_conv_implicit(const float *image, const cvk_conv_geometry *g, const void *plan, ptrdiff_t m,
                       const float *packed_a, const float *bias, ptrdiff_t panel_start, ptrdiff_t panel_count, float *c,
                       ptrdiff_t ldc) {
    abort();
}
#endif
