// See cvk_im2col_packed in include/cvk_sgemm.h. Convolution's forward writes its column matrix straight
// into the sgemm kernel's packed-B panels; done in Swift's baseline SSE2 this cost half as much time as
// the GEMM itself, so the common case (unit stride along x, a grid row that fits in one 32-wide panel)
// copies each row with one or two masked 16-lane loads: the mask zeroes the padding taps and never
// touches memory outside the image.
#include "cvk_sgemm.h"

#include <string.h>

enum { NR = CVK_SGEMM_NR };

// Range [lo, hi) of grid x whose tap at offset `off` (kx·d_w − p_w) lands inside a row of width big_w.
static void valid_x(const cvk_conv_geometry *g, ptrdiff_t off, ptrdiff_t *lo, ptrdiff_t *hi) {
    ptrdiff_t l = off >= 0 ? 0 : (-off + g->s_w - 1) / g->s_w;
    ptrdiff_t h = g->big_w - off <= 0 ? 0 : (g->big_w - off + g->s_w - 1) / g->s_w;
    if (l > g->small_w) l = g->small_w;
    if (h < l) h = l;
    if (h > g->small_w) h = g->small_w;
    *lo = l;
    *hi = h;
}

// Any geometry, one element at a time: lane and panel advance with the column instead of dividing.
static void row_any(float *base, ptrdiff_t panel_stride, ptrdiff_t j, const float *src, ptrdiff_t s_w,
                    ptrdiff_t width, ptrdiff_t lo, ptrdiff_t hi) {
    float *panel = base + (j / NR) * panel_stride;
    ptrdiff_t lane = j % NR;
    for (ptrdiff_t x = 0; x < width; x++) {
        panel[lane] = src && x >= lo && x < hi ? src[x * s_w] : 0.0f;
        if (++lane == NR) {
            lane = 0;
            panel += panel_stride;
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))

// Stores the first n (≤ 16) lanes. Widths 16, 8, 4 and 2 use plain stores: a masked store to memory is
// several times slower than a plain one on AMD cores (it was three quarters of this copy's time).
AVX512 static inline void store_lanes(float *dst, __m512 v, ptrdiff_t n) {
    if (n >= 16) _mm512_storeu_ps(dst, v);
    else if (n == 8) _mm256_storeu_ps(dst, _mm512_castps512_ps256(v));
    else if (n == 4) _mm_storeu_ps(dst, _mm512_castps512_ps128(v));
    else _mm512_mask_storeu_ps(dst, (__mmask16)((1u << n) - 1), v);
}

// Every grid row of one K row when small_w divides NR (each row inside one panel) and s_w == 1: the
// load masks depend only on kx, so they are built once; each row is then one or two masked 16-lane
// loads (lanes outside [lo, hi) read as 0) and stores.
AVX512 static void rows_in_panels(float *base, ptrdiff_t panel_stride, const float *image_row0, ptrdiff_t big_w,
                                  ptrdiff_t width, ptrdiff_t lo, ptrdiff_t hi, ptrdiff_t row_count,
                                  const cvk_conv_geometry *g, ptrdiff_t iy0) {
    __mmask16 load[2] = {0, 0};
    int chunks = width > 16 ? 2 : 1;
    for (int q = 0; q < chunks; q++) {
        ptrdiff_t x = 16 * q, n = width - x < 16 ? width - x : 16;
        ptrdiff_t from = lo - x < 0 ? 0 : lo - x, to = hi - x > n ? n : hi - x;
        load[q] = to > from ? (__mmask16)(((1u << to) - 1) & ~((1u << from) - 1)) : 0;
    }
    float *panel = base;
    ptrdiff_t lane = 0;
    for (ptrdiff_t r = 0; r < row_count; r++) {
        ptrdiff_t iy = iy0 + r * g->s_h;
        float *dst = panel + lane;
        const float *src = iy >= 0 && iy < g->big_h && hi > lo ? image_row0 + iy * big_w : NULL;
        for (int q = 0; q < chunks; q++) {
            __m512 v = src ? _mm512_maskz_loadu_ps(load[q], src + 16 * q) : _mm512_setzero_ps();
            store_lanes(dst + 16 * q, v, width - 16 * q);
        }
        lane += width;
        if (lane == NR) {
            lane = 0;
            panel += panel_stride;
        }
    }
}
#define HAVE_ROW_IN_PANEL 1
#endif

void cvk_im2col_packed(const float *image, const cvk_conv_geometry *g, ptrdiff_t row_start, ptrdiff_t row_count,
                       float *packed) {
    ptrdiff_t plane = g->big_h * g->big_w, width = g->small_w;
    ptrdiff_t n = row_count * width, np = (n + NR - 1) / NR * NR;
    ptrdiff_t k = g->channels * g->k_h * g->k_w, kc = cvk_sgemm_kc(k);
    for (ptrdiff_t c = 0; c < g->channels; c++)
        for (ptrdiff_t ky = 0; ky < g->k_h; ky++)
            for (ptrdiff_t kx = 0; kx < g->k_w; kx++) {
                ptrdiff_t kr = (c * g->k_h + ky) * g->k_w + kx, pc = kr / kc * kc;
                ptrdiff_t kb = k - pc < kc ? k - pc : kc;
                // Column j of this K row: panel j / NR (panels of NR·kb floats), lane j % NR.
                float *base = packed + pc * np + (kr - pc) * NR;
                ptrdiff_t panel_stride = NR * kb;
                ptrdiff_t off = kx * g->d_w - g->p_w, lo, hi;
                valid_x(g, off, &lo, &hi);
                ptrdiff_t iy0 = row_start * g->s_h - g->p_h + ky * g->d_h;
#ifdef HAVE_ROW_IN_PANEL
                if (g->s_w == 1 && NR % width == 0) {
                    rows_in_panels(base, panel_stride, image + c * plane + off, g->big_w, width, lo, hi, row_count, g, iy0);
                } else
#endif
                {
                    for (ptrdiff_t r = 0; r < row_count; r++) {
                        ptrdiff_t iy = iy0 + r * g->s_h;
                        // src[x·s_w] is the tap for grid x; only x in [lo, hi) is ever read.
                        const float *src = iy >= 0 && iy < g->big_h && hi > lo ? image + c * plane + iy * g->big_w + off : NULL;
                        row_any(base, panel_stride, r * width, src, g->s_w, width, lo, hi);
                    }
                }
                // The last panel's columns past n are zero.
                if (np > n) row_any(base, panel_stride, n, NULL, 1, np - n, 0, 0);
            }
}
