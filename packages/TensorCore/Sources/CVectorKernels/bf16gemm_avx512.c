// See include/cvk_bf16gemm.h. The blocking of sgemm_avx512.c with bf16 pairs in place of floats: a K block
// of 512 values is 256 pairs, so a B panel (256·32 words) is the same 32 KB of L1 and an A block the same
// 240 KB of L2. The micro-kernel holds 12×32 float32 accumulators; per pair of k it loads two B vectors
// (16 columns × 2 values each) and broadcasts 12 A words into 24 vdpbf16ps.
#include "cvk_bf16gemm.h"
#include "cvector_kernels.h"

#include <stdlib.h>
#include <string.h>

enum {
    MR = CVK_BF16GEMM_MR,
    NR = CVK_BF16GEMM_NR,
    KC_MAX = 512, // values of k per block: 256 pairs
    MC = 240,
    NC = 2048,
};

static ptrdiff_t round_up(ptrdiff_t x, ptrdiff_t to) { return (x + to - 1) / to * to; }
static ptrdiff_t min_(ptrdiff_t a, ptrdiff_t b) { return a < b ? a : b; }

// Balanced even blocks (an odd k leaves its odd value in the last block only).
static ptrdiff_t block_k(ptrdiff_t k) {
    if (k <= KC_MAX) return k;
    ptrdiff_t blocks = (k + KC_MAX - 1) / KC_MAX;
    return round_up((k + blocks - 1) / blocks, 2);
}

static uint32_t pair(uint16_t lo, uint16_t hi) { return (uint32_t)lo | (uint32_t)hi << 16; }

static void scale_c(ptrdiff_t m, ptrdiff_t n, float beta, float *c, ptrdiff_t ldc) {
    if (beta == 1) return;
    for (ptrdiff_t i = 0; i < m; i++) {
        float *row = c + i * ldc;
        if (beta == 0)
            memset(row, 0, (size_t)n * sizeof(float));
        else
            for (ptrdiff_t j = 0; j < n; j++) row[j] *= beta;
    }
}

static ptrdiff_t words_rows12(const uint16_t *s, ptrdiff_t lda, ptrdiff_t kq, uint32_t *d);
static ptrdiff_t words_columns(const uint16_t *s, ptrdiff_t ldb, ptrdiff_t kq, ptrdiff_t cols, uint32_t *d);
static ptrdiff_t interleave_rows(const uint16_t *r0, const uint16_t *r1, ptrdiff_t cols, uint32_t *d);

// Rows [i0, i0+mc) × values [p0, p0+kb) of op(A) as MR-row panels [kq][MR]; rows past mc unwritten (the
// micro-kernel of a short panel never reads them).
static void pack_a_block(int trans, const uint16_t *a, ptrdiff_t lda, ptrdiff_t i0, ptrdiff_t p0, ptrdiff_t mc,
                         ptrdiff_t kb, uint32_t *dst) {
    ptrdiff_t kq = (kb + 1) / 2, full = kb / 2;
    for (ptrdiff_t ir = 0; ir < mc; ir += MR) {
        ptrdiff_t rows = min_(MR, mc - ir);
        uint32_t *d = dst + ir * kq;
        if (trans) { // (i, p) at a[p·lda + i]: two rows of the source make one row of words
            for (ptrdiff_t q = 0; q < kq; q++) {
                const uint16_t *s0 = a + (p0 + 2 * q) * lda + i0 + ir, *s1 = s0 + lda;
                for (ptrdiff_t i = 0; i < rows; i++) d[q * MR + i] = pair(s0[i], q < full ? s1[i] : 0);
            }
        } else { // (i, p) at a[i·lda + p]: a pair is one 32-bit word of the row, so this is a word transpose
            ptrdiff_t done = rows == MR ? words_rows12(a + (i0 + ir) * lda + p0, lda, full, d) : 0;
            for (ptrdiff_t i = 0; i < rows; i++) {
                const uint16_t *s = a + (i0 + ir + i) * lda + p0;
                for (ptrdiff_t q = done; q < kq; q++) d[q * MR + i] = pair(s[2 * q], q < full ? s[2 * q + 1] : 0);
            }
        }
    }
}

// Values [p0, p0+kb) × columns [j0, j0+nc) of op(B) as NR-column panels [kq][NR], zero past nc.
static void pack_b_block(int trans, const uint16_t *b, ptrdiff_t ldb, ptrdiff_t p0, ptrdiff_t j0, ptrdiff_t kb,
                         ptrdiff_t nc, uint32_t *dst) {
    static const uint16_t zeros[NR];
    ptrdiff_t kq = (kb + 1) / 2, full = kb / 2;
    for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
        ptrdiff_t cols = min_(NR, nc - jr);
        uint32_t *d = dst + jr * kq;
        if (trans) { // (p, j) at b[j·ldb + p]: column j's pairs are consecutive words of source row j
            if (cols < NR)
                for (ptrdiff_t q = 0; q < kq; q++) memset(d + q * NR + cols, 0, (size_t)(NR - cols) * sizeof(uint32_t));
            const uint16_t *s = b + (j0 + jr) * ldb + p0;
            ptrdiff_t j = words_columns(s, ldb, full, cols, d);
            for (; j < cols; j++)
                for (ptrdiff_t q = 0; q < kq; q++)
                    d[q * NR + j] = pair(s[j * ldb + 2 * q], q < full ? s[j * ldb + 2 * q + 1] : 0);
            if (j > 0 && full < kq) // the odd last value of the vector-packed columns
                for (ptrdiff_t jj = 0; jj < j; jj++) d[full * NR + jj] = pair(s[jj * ldb + 2 * full], 0);
        } else { // (p, j) at b[p·ldb + j]: rows 2q and 2q+1 interleaved
            for (ptrdiff_t q = 0; q < kq; q++) {
                const uint16_t *r0 = b + (p0 + 2 * q) * ldb + j0 + jr;
                const uint16_t *r1 = q < full ? r0 + ldb : zeros;
                ptrdiff_t j = interleave_rows(r0, r1, cols, d + q * NR);
                for (; j < cols; j++) d[q * NR + j] = pair(r0[j], r1[j]);
                for (; j < NR; j++) d[q * NR + j] = 0;
            }
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "sgemm_tile_store.h"
#include "transpose16.h"

#define AVX512     __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))
#define AVX512BF16 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl,avx512bf16")))

// The first multiple-of-16 pairs of a whole A panel (12 rows, lda apart) as [q][MR] words, 16 pairs at a
// time through the float transpose (bits only: shuffles never touch NaN payloads); 16-wide stores whose 4
// extra lanes the next step's store overwrites, the last of a group masked. Returns the pairs packed.
AVX512 static ptrdiff_t words_rows12(const uint16_t *s, ptrdiff_t lda, ptrdiff_t kq, uint32_t *d) {
    ptrdiff_t q = 0;
    for (; q + 16 <= kq; q += 16) {
        __m512 r[16];
        for (int i = 0; i < MR; i++) r[i] = _mm512_loadu_ps(s + i * lda + 2 * q);
        for (int i = MR; i < 16; i++) r[i] = _mm512_setzero_ps();
        transpose16(r);
        float *df = (float *)d;
        for (int t = 0; t < 15; t++) _mm512_storeu_ps(df + (q + t) * MR, r[t]);
        _mm512_mask_storeu_ps(df + (q + 15) * MR, (__mmask16)((1u << MR) - 1), r[15]);
    }
    return q;
}

// The first multiple-of-16 columns of a transposed-B panel (column j = source row j), first multiple-of-16
// pairs of each through the transpose, the remaining pairs of those columns word by word. Returns columns.
AVX512 static ptrdiff_t words_columns(const uint16_t *s, ptrdiff_t ldb, ptrdiff_t kq, ptrdiff_t cols, uint32_t *d) {
    ptrdiff_t j = 0;
    for (; j + 16 <= cols; j += 16) {
        const uint16_t *col = s + j * ldb;
        ptrdiff_t q = 0;
        for (; q + 16 <= kq; q += 16) {
            __m512 r[16];
            for (int t = 0; t < 16; t++) r[t] = _mm512_loadu_ps(col + t * ldb + 2 * q);
            transpose16(r);
            for (int t = 0; t < 16; t++) _mm512_storeu_ps((float *)d + (q + t) * NR + j, r[t]);
        }
        for (; q < kq; q++)
            for (int t = 0; t < 16; t++) d[q * NR + j + t] = pair(col[t * ldb + 2 * q], col[t * ldb + 2 * q + 1]);
    }
    return j;
}

// Words (r0[j], r1[j]) for the columns of a whole 32-wide panel: two 32-value loads, two permutes.
AVX512 static ptrdiff_t interleave_rows(const uint16_t *r0, const uint16_t *r1, ptrdiff_t cols, uint32_t *d) {
    if (cols < NR) return 0;
    const __m512i lo = _mm512_set_epi16(47, 15, 46, 14, 45, 13, 44, 12, 43, 11, 42, 10, 41, 9, 40, 8, 39, 7, 38, 6, 37,
                                        5, 36, 4, 35, 3, 34, 2, 33, 1, 32, 0);
    const __m512i hi = _mm512_add_epi16(lo, _mm512_set1_epi16(16));
    __m512i x = _mm512_loadu_si512(r0), y = _mm512_loadu_si512(r1);
    _mm512_storeu_si512(d, _mm512_permutex2var_epi16(x, lo, y));
    _mm512_storeu_si512(d + 16, _mm512_permutex2var_epi16(x, hi, y));
    return NR;
}

// One ROWS×NR tile: C = alpha·Σ_q dot(a[q][i], b[q][j]) + beta·C, ROWS a compile-time constant per case.
AVX512BF16 static inline __attribute__((always_inline)) void tile(const int ROWS, ptrdiff_t kq, const uint32_t *a,
                                                                  const uint32_t *b, float *c, ptrdiff_t ldc,
                                                                  ptrdiff_t cols, float alpha, float beta) {
    __m512 lo[MR], hi[MR];
#pragma clang loop unroll(full)
    for (int i = 0; i < ROWS; i++) {
        lo[i] = _mm512_setzero_ps();
        hi[i] = _mm512_setzero_ps();
    }
#pragma clang loop unroll_count(4)
    for (ptrdiff_t q = 0; q < kq; q++) {
        __m512bh b0 = (__m512bh)_mm512_loadu_si512(b), b1 = (__m512bh)_mm512_loadu_si512(b + 16);
#pragma clang loop unroll(full)
        for (int i = 0; i < ROWS; i++) {
            __m512bh ai = (__m512bh)_mm512_set1_epi32((int)a[i]);
            lo[i] = _mm512_dpbf16_ps(lo[i], ai, b0);
            hi[i] = _mm512_dpbf16_ps(hi[i], ai, b1);
        }
        a += MR;
        b += NR;
    }
    sgemm_store_tile(ROWS, lo, hi, c, ldc, cols, alpha, beta);
}

AVX512BF16 static void macro_kernel(ptrdiff_t mc, ptrdiff_t nc, ptrdiff_t kq, float alpha, const uint32_t *pa,
                                    const uint32_t *pb, float beta, float *c, ptrdiff_t ldc) {
    for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
        ptrdiff_t cols = min_(NR, nc - jr);
        for (ptrdiff_t ir = 0; ir < mc; ir += MR) {
            const uint32_t *a = pa + ir * kq, *b = pb + jr * kq;
            float *ct = c + ir * ldc + jr;
            switch (min_(MR, mc - ir)) {
// One line of cases per row count, as the tile sizes read.
// clang-format off
#define ROWS_CASE(r) \
    case r: tile(r, kq, a, b, ct, ldc, cols, alpha, beta); break;
                ROWS_CASE(1) ROWS_CASE(2) ROWS_CASE(3) ROWS_CASE(4) ROWS_CASE(5) ROWS_CASE(6)
                ROWS_CASE(7) ROWS_CASE(8) ROWS_CASE(9) ROWS_CASE(10) ROWS_CASE(11) ROWS_CASE(12)
#undef ROWS_CASE
                default: break;
                // clang-format on
            }
        }
    }
}

#else
static ptrdiff_t words_rows12(const uint16_t *s, ptrdiff_t lda, ptrdiff_t kq, uint32_t *d) { return 0; }
static ptrdiff_t words_columns(const uint16_t *s, ptrdiff_t ldb, ptrdiff_t kq, ptrdiff_t cols, uint32_t *d) {
    return 0;
}
static ptrdiff_t interleave_rows(const uint16_t *r0, const uint16_t *r1, ptrdiff_t cols, uint32_t *d) { return 0; }

static float bf16_value(uint32_t bits) {
    float f;
    bits <<= 16;
    memcpy(&f, &bits, sizeof f);
    return f;
}

// Other architectures never route here; float32 products keep the function correct for any caller.
static void macro_kernel(ptrdiff_t mc, ptrdiff_t nc, ptrdiff_t kq, float alpha, const uint32_t *pa, const uint32_t *pb,
                         float beta, float *c, ptrdiff_t ldc) {
    for (ptrdiff_t i = 0; i < mc; i++)
        for (ptrdiff_t j = 0; j < nc; j++) {
            const uint32_t *ap = pa + (i / MR) * MR * kq + i % MR, *bp = pb + (j / NR) * NR * kq + j % NR;
            float s = 0;
            for (ptrdiff_t q = 0; q < kq; q++) {
                uint32_t x = ap[q * MR], y = bp[q * NR];
                s += bf16_value(x & 0xFFFF) * bf16_value(y & 0xFFFF) + bf16_value(x >> 16) * bf16_value(y >> 16);
            }
            float *cij = c + i * ldc + j;
            *cij = beta == 0 ? alpha * s : alpha * s + beta * *cij;
        }
}

#endif

// Per-thread packing buffers, grown on demand and kept (separate from cvk_sgemm's).
static _Thread_local uint32_t *scratch = NULL;
static _Thread_local size_t scratch_count = 0;

static uint32_t *thread_scratch(size_t count) {
    if (count > scratch_count) {
        free(scratch);
        scratch = aligned_alloc(64, (count * sizeof(uint32_t) + 63) / 64 * 64);
        scratch_count = scratch ? count : 0;
    }
    return scratch;
}

void cvk_bf16gemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha, const uint16_t *a,
                  ptrdiff_t lda, const uint16_t *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0 || alpha == 0) {
        scale_c(m, n, beta, c, ldc);
        return;
    }
    ptrdiff_t kc = block_k(k), kq_max = (kc + 1) / 2;
    ptrdiff_t nc_max = min_(NC, round_up(n, NR)), mc_max = min_(MC, round_up(m, MR));
    ptrdiff_t a_count = round_up(mc_max * kq_max, 16); // B's panels start 64-byte aligned
    uint32_t *pa = thread_scratch((size_t)(a_count + nc_max * kq_max));
    if (!pa) abort();
    uint32_t *pb = pa + a_count;
    for (ptrdiff_t jc = 0; jc < n; jc += NC) {
        ptrdiff_t nc = min_(NC, n - jc);
        for (ptrdiff_t pc = 0; pc < k; pc += kc) {
            ptrdiff_t kb = min_(kc, k - pc), kq = (kb + 1) / 2;
            pack_b_block(trans_b, b, ldb, pc, jc, kb, nc, pb);
            float beta_here = pc == 0 ? beta : 1; // later K slices accumulate onto the first
            for (ptrdiff_t ic = 0; ic < m; ic += MC) {
                ptrdiff_t mc = min_(MC, m - ic);
                pack_a_block(trans_a, a, lda, ic, pc, mc, kb, pa);
                macro_kernel(mc, nc, kq, alpha, pa, pb, beta_here, c + ic * ldc + jc, ldc);
            }
        }
    }
}

size_t cvk_bf16gemm_packed_a_count(ptrdiff_t m, ptrdiff_t k) {
    if (m <= 0 || k <= 0) return 0;
    ptrdiff_t kc = block_k(k), words = 0;
    for (ptrdiff_t pc = 0; pc < k; pc += kc) words += round_up(m, MR) * ((min_(kc, k - pc) + 1) / 2);
    return (size_t)words;
}

// Block pc's panels start after the earlier blocks'; within a block, rows [ic, ic + mc) start at ic·kq.
void cvk_bf16gemm_pack_a(int trans_a, ptrdiff_t m, ptrdiff_t k, const uint16_t *a, ptrdiff_t lda, uint32_t *packed) {
    if (m <= 0 || k <= 0) return;
    ptrdiff_t kc = block_k(k);
    for (ptrdiff_t pc = 0; pc < k; pc += kc) {
        ptrdiff_t kb = min_(kc, k - pc);
        pack_a_block(trans_a, a, lda, 0, pc, m, kb, packed);
        packed += round_up(m, MR) * ((kb + 1) / 2);
    }
}

void cvk_bf16gemm_packed_a(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha, const uint32_t *packed_a, int trans_b,
                           const uint16_t *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0 || alpha == 0) {
        scale_c(m, n, beta, c, ldc);
        return;
    }
    ptrdiff_t kc = block_k(k), kq_max = (kc + 1) / 2, nc_max = min_(NC, round_up(n, NR));
    uint32_t *pb = thread_scratch((size_t)(nc_max * kq_max));
    if (!pb) abort();
    for (ptrdiff_t jc = 0; jc < n; jc += NC) {
        ptrdiff_t nc = min_(NC, n - jc);
        const uint32_t *pa = packed_a;
        for (ptrdiff_t pc = 0; pc < k; pc += kc) {
            ptrdiff_t kb = min_(kc, k - pc), kq = (kb + 1) / 2;
            pack_b_block(trans_b, b, ldb, pc, jc, kb, nc, pb);
            float beta_here = pc == 0 ? beta : 1;
            for (ptrdiff_t ic = 0; ic < m; ic += MC)
                macro_kernel(min_(MC, m - ic), nc, kq, alpha, pa + ic * kq, pb, beta_here, c + ic * ldc + jc, ldc);
            pa += round_up(m, MR) * kq;
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)
// Unit x stride: each grid row of a tap is one masked 32-value load and store per 32 columns (zeros where
// the tap falls outside the image come from the load mask), instead of memset/memcpy calls per short row.
AVX512 static int im2col_u16_avx512(const uint16_t *image, const cvk_conv_geometry *g, ptrdiff_t row_start,
                                    ptrdiff_t row_count, uint16_t *dst, ptrdiff_t ldd) {
    if (g->s_w != 1) return 0;
    ptrdiff_t plane = g->big_h * g->big_w, sw = g->small_w;
    for (ptrdiff_t c = 0; c < g->channels; c++)
        for (ptrdiff_t ky = 0; ky < g->k_h; ky++)
            for (ptrdiff_t kx = 0; kx < g->k_w; kx++) {
                uint16_t *row = dst + ((c * g->k_h + ky) * g->k_w + kx) * ldd;
                ptrdiff_t off = kx * g->d_w - g->p_w;                              // image x of grid x 0
                ptrdiff_t lo = off >= 0 ? 0 : -off, hi = min_(sw, g->big_w - off); // grid x inside: [lo, hi)
                for (ptrdiff_t r = 0; r < row_count; r++) {
                    uint16_t *d = row + r * sw;
                    ptrdiff_t iy = (row_start + r) * g->s_h - g->p_h + ky * g->d_h;
                    int inside = iy >= 0 && iy < g->big_h;
                    const uint16_t *s = image + c * plane + (inside ? iy : 0) * g->big_w + off;
                    for (ptrdiff_t x0 = 0; x0 < sw; x0 += 32) {
                        ptrdiff_t n = min_(32, sw - x0);
                        __mmask32 store = (__mmask32)(n == 32 ? 0xFFFFFFFFu : (1u << n) - 1);
                        __mmask32 load = 0;
                        if (inside) {
                            ptrdiff_t a = lo > x0 ? lo - x0 : 0, b = hi - x0 < n ? hi - x0 : n;
                            if (b > a) load = (__mmask32)((b - a == 32 ? 0xFFFFFFFFu : (1u << (b - a)) - 1) << a);
                        }
                        _mm512_mask_storeu_epi16(d + x0, store, _mm512_maskz_loadu_epi16(load, s + x0));
                    }
                }
            }
    return 1;
}
#else
static int im2col_u16_avx512(const uint16_t *image, const cvk_conv_geometry *g, ptrdiff_t row_start,
                             ptrdiff_t row_count, uint16_t *dst, ptrdiff_t ldd) {
    return 0;
}
#endif

void cvk_im2col_u16(const uint16_t *image, const cvk_conv_geometry *g, ptrdiff_t row_start, ptrdiff_t row_count,
                    uint16_t *dst, ptrdiff_t ldd) {
    if (cvk_avx512_available() && im2col_u16_avx512(image, g, row_start, row_count, dst, ldd)) return;
    ptrdiff_t plane = g->big_h * g->big_w, sw = g->small_w;
    for (ptrdiff_t c = 0; c < g->channels; c++)
        for (ptrdiff_t ky = 0; ky < g->k_h; ky++)
            for (ptrdiff_t kx = 0; kx < g->k_w; kx++) {
                uint16_t *row = dst + ((c * g->k_h + ky) * g->k_w + kx) * ldd;
                // Grid x whose tap lands inside the image: [lo, hi).
                ptrdiff_t off = kx * g->d_w - g->p_w;
                ptrdiff_t lo = off >= 0 ? 0 : (-off + g->s_w - 1) / g->s_w;
                ptrdiff_t hi = g->big_w - off <= 0 ? 0 : (g->big_w - off + g->s_w - 1) / g->s_w;
                lo = min_(lo, sw);
                hi = min_(hi < lo ? lo : hi, sw);
                for (ptrdiff_t r = 0; r < row_count; r++) {
                    uint16_t *d = row + r * sw;
                    ptrdiff_t iy = (row_start + r) * g->s_h - g->p_h + ky * g->d_h;
                    if (iy < 0 || iy >= g->big_h || hi <= lo) {
                        memset(d, 0, (size_t)sw * sizeof(uint16_t));
                        continue;
                    }
                    const uint16_t *s = image + c * plane + iy * g->big_w + off;
                    if (lo > 0) memset(d, 0, (size_t)lo * sizeof(uint16_t));
                    if (g->s_w == 1)
                        memcpy(d + lo, s + lo, (size_t)(hi - lo) * sizeof(uint16_t));
                    else
                        for (ptrdiff_t x = lo; x < hi; x++) d[x] = s[x * g->s_w];
                    if (hi < sw) memset(d + hi, 0, (size_t)(sw - hi) * sizeof(uint16_t));
                }
            }
}
