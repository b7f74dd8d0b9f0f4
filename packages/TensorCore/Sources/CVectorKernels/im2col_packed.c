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
static void row_any(float *base, ptrdiff_t panel_stride, ptrdiff_t j, const float *src, ptrdiff_t s_w, ptrdiff_t width,
                    ptrdiff_t lo, ptrdiff_t hi) {
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
    if (n >= 16)
        _mm512_storeu_ps(dst, v);
    else if (n == 8)
        _mm256_storeu_ps(dst, _mm512_castps512_ps256(v));
    else if (n == 4)
        _mm_storeu_ps(dst, _mm512_castps512_ps128(v));
    else
        _mm512_mask_storeu_ps(dst, (__mmask16)((1u << n) - 1), v);
}

// The whole tile when small_w divides NR (every grid row inside one panel), s_w == 1 and k_w ≤ 8, panel
// by panel: each panel (kb·NR floats per K block) is then written front to back, so the stores stream
// through cache instead of hopping between panels 24 KB apart for every K row (that order measured about
// twice as slow). Load masks depend only on kx and are built once; each grid row of each K row is one or
// two 16-lane loads (masked where padding taps fall outside the image) and plain stores.
AVX512 static void tile_by_panels(const float *image, const cvk_conv_geometry *g, ptrdiff_t row_start,
                                  ptrdiff_t row_count, float *packed, ptrdiff_t np, ptrdiff_t k, ptrdiff_t kc) {
    ptrdiff_t width = g->small_w, plane = g->big_h * g->big_w;
    int chunks = width > 16 ? 2 : 1;
    __mmask16 load[8][2];
    ptrdiff_t offset[8];
    for (ptrdiff_t kx = 0; kx < g->k_w; kx++) {
        ptrdiff_t lo, hi;
        offset[kx] = kx * g->d_w - g->p_w;
        valid_x(g, offset[kx], &lo, &hi);
        for (int q = 0; q < 2; q++) {
            ptrdiff_t x = 16 * q, n = width - x < 16 ? width - x : 16;
            ptrdiff_t from = lo - x < 0 ? 0 : lo - x, to = hi - x > n ? n : hi - x;
            load[kx][q] = to > from ? (__mmask16)(((1u << to) - 1) & ~((1u << from) - 1)) : 0;
        }
    }
    if (np > row_count * width) { // a partial last panel: its unused lanes must be zero
        for (ptrdiff_t pc = 0; pc < k; pc += kc) {
            ptrdiff_t kb = k - pc < kc ? k - pc : kc;
            memset(packed + pc * np + (np - NR) * kb, 0, (size_t)(NR * kb) * sizeof(float));
        }
    }
    for (ptrdiff_t r = 0; r < row_count; r++) {
        ptrdiff_t panel = r * width / NR * NR, lane = r * width % NR;
        ptrdiff_t pc = 0, kb = k < kc ? k : kc, kk = 0;
        float *dst = packed + panel * kb + lane;
        ptrdiff_t oy = (row_start + r) * g->s_h - g->p_h;
        for (ptrdiff_t c = 0; c < g->channels; c++)
            for (ptrdiff_t ky = 0; ky < g->k_h; ky++) {
                ptrdiff_t iy = oy + ky * g->d_h;
                const float *row = iy >= 0 && iy < g->big_h ? image + c * plane + iy * g->big_w : NULL;
                for (ptrdiff_t kx = 0; kx < g->k_w; kx++) {
                    if (kk == kb) { // next K block: panels there are NR·kb' floats
                        pc += kb;
                        kb = k - pc < kc ? k - pc : kc;
                        kk = 0;
                        dst = packed + pc * np + panel * kb + lane;
                    }
                    for (int q = 0; q < chunks; q++) {
                        __mmask16 m = load[kx][q];
                        __m512 v = !row || !m    ? _mm512_setzero_ps()
                                   : m == 0xFFFF ? _mm512_loadu_ps(row + offset[kx] + 16 * q)
                                                 : _mm512_maskz_loadu_ps(m, row + offset[kx] + 16 * q);
                        store_lanes(dst + 16 * q, v, width - 16 * q);
                    }
                    dst += NR;
                    kk++;
                }
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
#ifdef HAVE_ROW_IN_PANEL
    if (g->s_w == 1 && NR % width == 0 && g->k_w <= 8) {
        tile_by_panels(image, g, row_start, row_count, packed, np, k, kc);
        return;
    }
#endif
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
                for (ptrdiff_t r = 0; r < row_count; r++) {
                    ptrdiff_t iy = iy0 + r * g->s_h;
                    // src[x·s_w] is the tap for grid x; only x in [lo, hi) is ever read.
                    const float *src =
                        iy >= 0 && iy < g->big_h && hi > lo ? image + c * plane + iy * g->big_w + off : NULL;
                    row_any(base, panel_stride, r * width, src, g->s_w, width, lo, hi);
                }
                // The last panel's columns past n are zero.
                if (np > n) row_any(base, panel_stride, n, NULL, 1, np - n, 0, 0);
            }
}
