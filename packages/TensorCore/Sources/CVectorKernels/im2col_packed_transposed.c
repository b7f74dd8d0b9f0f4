// See cvk_im2col_packed_transposed in include/cvk_sgemm.h. The weight gradient dW = dY · colᵀ reduces over
// grid positions, which are contiguous in both dY and the image: its B operand is the column matrix
// transposed. Writing im2col and then letting the sgemm packer transpose it cost a third of the weight
// gradient's time (two passes over a matrix as large as the GEMM's B); here 16 columns' runs of 16 grid
// positions are loaded straight from the image (masked where padding taps fall outside it), transposed in
// registers and stored once, panel by panel.
#include "cvk_sgemm.h"

#include <stdlib.h>

enum { NR = CVK_SGEMM_NR };

#if defined(__x86_64__)
#include <immintrin.h>

#include "transpose16.h"

#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))

int cvk_im2col_packed_transposed_supported(const cvk_conv_geometry *g) {
    return g->s_w == 1 && (g->small_w % 16 == 0 || g->small_w == 8);
}

// Lanes [from, to) of 16.
static inline unsigned lanes_between(ptrdiff_t from, ptrdiff_t to) {
    if (from < 0) from = 0;
    if (to > 16) to = 16;
    return to <= from ? 0u : ((1u << to) - 1) & ~((1u << from) - 1);
}

// One chunk of 16 grid positions lies in one grid row (width a multiple of 16) or two (width 8): per
// part, the image offset of its first lane's row and column (for tap offset 0), the grid y it reads
// from (before ky), the lanes it owns and which 16-wide column block it starts at.
typedef struct {
    int parts;
    ptrdiff_t shift[2], iy0[2], xblock[2];
    unsigned lanes[2];
} chunk_rows;

static chunk_rows chunk_at(const cvk_conv_geometry *g, ptrdiff_t row_start, ptrdiff_t p0, ptrdiff_t k) {
    chunk_rows r = {0, {0, 0}, {0, 0}, {0, 0}, {0, 0}};
    ptrdiff_t span = g->small_w == 8 ? 8 : 16;
    for (ptrdiff_t lane0 = 0; lane0 < 16 && p0 + lane0 < k; lane0 += span) {
        ptrdiff_t p = p0 + lane0, left = k - p, ox0 = p % g->small_w;
        r.iy0[r.parts] = (row_start + p / g->small_w) * g->s_h - g->p_h;
        r.shift[r.parts] = ox0 - lane0; // lane l reads grid x = l + shift
        r.xblock[r.parts] = ox0 / 16;
        r.lanes[r.parts] = lanes_between(lane0, lane0 + (left < span ? left : span));
        r.parts++;
    }
    return r;
}

// Per column j = (c, ky, kx) of the column matrix: its offset in the image for grid (0, 0) and row ky·d_h.
typedef struct {
    ptrdiff_t offset, ky_d;
    int kx;
} column_tap;

enum { PREFETCH_AHEAD = 64 }; // floats: four chunks of one grid row

// The 16 grid positions of `rows` for the 16 columns starting at j0 (zero past n), transposed: r[t] holds
// position t's 16 columns.
AVX512 static inline void load_block(const float *image, const cvk_conv_geometry *g, const column_tap *columns,
                                     const unsigned *inside, ptrdiff_t xblocks, const chunk_rows *rows, ptrdiff_t j0,
                                     ptrdiff_t n, __m512 r[16]) {
    // Whole blocks of 16 columns (all but possibly the last), one or two grid rows per chunk: the same
    // loads with the per-part bookkeeping hoisted. Each kx = 0 column prefetches its row a few chunks
    // ahead: a block reads about two channels' rows at once, more streams than the hardware prefetcher
    // follows when the image comes from DRAM.
    if (rows->parts == 1 && j0 + 16 <= n) {
        const float *base = image + rows->iy0[0] * g->big_w + rows->shift[0];
        const unsigned *in = inside + rows->xblock[0];
        unsigned lanes = rows->lanes[0];
        size_t limit = (size_t)g->big_h;
        for (int q = 0; q < 16; q++) {
            const column_tap *col = &columns[j0 + q];
            size_t iy = (size_t)(rows->iy0[0] + col->ky_d);
            __mmask16 m = iy < limit ? (__mmask16)(in[col->kx * xblocks] & lanes) : 0;
            const float *src = base + col->offset + col->ky_d * g->big_w;
            if (col->kx == 0) _mm_prefetch((const char *)(src + PREFETCH_AHEAD), _MM_HINT_T0);
            r[q] = _mm512_maskz_loadu_ps(m, src);
        }
        transpose16(r);
        return;
    }
    if (rows->parts == 2 && j0 + 16 <= n) { // width 8: lanes 8..15 read grid x = l − 8 of the next grid row
        const float *base0 = image + rows->iy0[0] * g->big_w, *base1 = image + rows->iy0[1] * g->big_w - 8;
        unsigned lanes0 = rows->lanes[0], lanes1 = rows->lanes[1];
        size_t limit = (size_t)g->big_h;
        for (int q = 0; q < 16; q++) {
            const column_tap *col = &columns[j0 + q];
            size_t iy0 = (size_t)(rows->iy0[0] + col->ky_d), iy1 = (size_t)(rows->iy0[1] + col->ky_d);
            unsigned in = inside[col->kx * xblocks];
            __mmask16 m0 = iy0 < limit ? (__mmask16)(in & lanes0) : 0;
            __mmask16 m1 = iy1 < limit ? (__mmask16)((in << 8) & lanes1) : 0;
            ptrdiff_t at = col->offset + col->ky_d * g->big_w;
            r[q] = _mm512_mask_loadu_ps(_mm512_maskz_loadu_ps(m0, base0 + at), m1, base1 + at);
        }
        transpose16(r);
        return;
    }
    for (int q = 0; q < 16; q++) {
        __m512 v = _mm512_setzero_ps();
        if (j0 + q < n) {
            const column_tap *col = &columns[j0 + q];
            for (int part = 0; part < rows->parts; part++) {
                ptrdiff_t iy = rows->iy0[part] + col->ky_d;
                if ((size_t)iy >= (size_t)g->big_h) continue;
                unsigned in = inside[col->kx * xblocks + rows->xblock[part]];
                // A part starting at lane 8 (width 8) reads grid x = l − 8: its lanes sit 8 higher.
                if (rows->shift[part] < 0) in <<= -rows->shift[part];
                __mmask16 m = (__mmask16)(in & rows->lanes[part]);
                if (m) v = _mm512_mask_loadu_ps(v, m, image + col->offset + iy * g->big_w + rows->shift[part]);
            }
        }
        r[q] = v;
    }
    transpose16(r);
}

AVX512 void cvk_im2col_packed_transposed(const float *image, const cvk_conv_geometry *g, ptrdiff_t row_start,
                                         ptrdiff_t row_count, float *packed) {
    ptrdiff_t k = row_count * g->small_w, taps = g->k_h * g->k_w, chunks = (k + 15) / 16;
    ptrdiff_t n = g->channels * taps, np = (n + NR - 1) / NR * NR, kc = cvk_sgemm_kc(k);
    ptrdiff_t xblocks = (g->small_w + 15) / 16;
    column_tap *columns = malloc((size_t)n * sizeof(column_tap));
    // In-image lanes per (kx, 16-wide block of grid x), for a part starting at lane 0 of that block; a
    // width-8 part starting at lane 8 shifts it (its block is block 0).
    unsigned *inside = malloc((size_t)(g->k_w * xblocks) * sizeof(unsigned));
    chunk_rows *chunk = malloc((size_t)chunks * sizeof(chunk_rows));
    // Position p's row in packed B: K block pc (panels NR·kb floats), row p − pc.
    ptrdiff_t *row_offset = malloc((size_t)(chunks * 16) * sizeof(ptrdiff_t));
    ptrdiff_t *panel_stride = malloc((size_t)(chunks * 16) * sizeof(ptrdiff_t));
    if (!columns || !inside || !chunk || !row_offset || !panel_stride) abort();
    for (ptrdiff_t j = 0; j < n; j++) {
        ptrdiff_t c = j / taps, ky = j % taps / g->k_w, kx = j % g->k_w;
        columns[j].offset = c * g->big_h * g->big_w + kx * g->d_w - g->p_w;
        columns[j].ky_d = ky * g->d_h;
        columns[j].kx = (int)kx;
    }
    for (ptrdiff_t kx = 0; kx < g->k_w; kx++)
        for (ptrdiff_t b = 0; b < xblocks; b++) {
            // grid x = 16b + l reads image x = 16b + l + off, inside when 0 <= that < big_w.
            ptrdiff_t off = kx * g->d_w - g->p_w;
            inside[kx * xblocks + b] = lanes_between(-off - 16 * b, g->big_w - off - 16 * b);
        }
    for (ptrdiff_t i = 0; i < chunks; i++) chunk[i] = chunk_at(g, row_start, 16 * i, k);
    for (ptrdiff_t p = 0; p < chunks * 16; p++) {
        ptrdiff_t q = p < k ? p : k - 1, pc = q / kc * kc;
        row_offset[p] = pc * np + (q - pc) * NR;
        panel_stride[p] = NR * (k - pc < kc ? k - pc : kc);
    }
    // Panel by panel, positions in order: the loads walk a few channels' rows front to back. (Walking all
    // columns for one chunk of positions instead reads every channel at the same offset, planes a power
    // of two apart: those lines share an L1 set and evict each other.)
    for (ptrdiff_t j0 = 0; j0 < np; j0 += NR)
        for (ptrdiff_t i = 0; i < chunks; i++) {
            ptrdiff_t p0 = 16 * i, valid = k - p0 < 16 ? k - p0 : 16;
            for (int h = 0; h < NR / 16; h++) {
                __m512 r[16];
                load_block(image, g, columns, inside, xblocks, &chunk[i], j0 + 16 * h, n, r);
                for (ptrdiff_t t = 0; t < valid; t++) {
                    ptrdiff_t p = p0 + t;
                    _mm512_storeu_ps(packed + row_offset[p] + j0 / NR * panel_stride[p] + 16 * h, r[t]);
                }
            }
        }
    free(panel_stride);
    free(row_offset);
    free(chunk);
    free(inside);
    free(columns);
}
#else
// Other architectures never route here (supported is 0).
int cvk_im2col_packed_transposed_supported(const cvk_conv_geometry *g) {
    (void)g;
    return 0;
}

void cvk_im2col_packed_transposed(const float *image, const cvk_conv_geometry *g, ptrdiff_t row_start,
                                  ptrdiff_t row_count, float *packed) {
    (void)image, (void)g, (void)row_start, (void)row_count, (void)packed;
    abort();
}
#endif
