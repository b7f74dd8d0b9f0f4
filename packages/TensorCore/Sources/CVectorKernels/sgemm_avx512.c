// See include/cvk_sgemm.h. The classic three-level blocking:
//   for each NC-wide column block of B, for each KC-deep slice of K: pack that slice of B (stays in L3/L2);
//     for each MC-tall row block of A: pack it (stays in L2, MC·KC·4 bytes ≈ 240 KB);
//       for each NR-wide B panel (KC·NR·4 = 32 KB at KC = 256: lives in the 48 KB L1 while it is reused),
//         for each MR-tall A panel (streamed from L2): the micro-kernel, MR×NR of C in registers.
// The micro-kernel holds 12×32 of C in 24 zmm accumulators; per step of k it loads two B vectors and
// broadcasts 12 A values straight from memory into the FMAs (24 FMAs for 14 loads, enough to keep two
// FMA pipes busy while the loads go through the load ports).
#include "cvk_sgemm.h"
#include "cvk_half.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum {
    MR = CVK_SGEMM_MR,
    NR = CVK_SGEMM_NR,
    KC_MAX = 256, // B panel KC·NR·4 = 32 KB of the 48 KB L1
    MC = 240,     // A block MC·KC·4 = 240 KB of the 1 MB L2 (a multiple of MR)
    NC = 2048,    // B block KC·NC·4 = 2 MB, shared through L3 by every A block
};

int cvk_sgemm_optimized(void) {
#ifdef __OPTIMIZE__
    return 1;
#else
    return 0;
#endif
}

ptrdiff_t cvk_sgemm_kc(ptrdiff_t k) {
    if (k <= KC_MAX) return k < 1 ? 1 : k;
    ptrdiff_t blocks = (k + KC_MAX - 1) / KC_MAX;
    return (k + blocks - 1) / blocks; // equal blocks: K = 576 runs as 3 × 192, not 256 + 256 + 64
}

static ptrdiff_t round_up(ptrdiff_t x, ptrdiff_t to) { return (x + to - 1) / to * to; }
static ptrdiff_t min_(ptrdiff_t a, ptrdiff_t b) { return a < b ? a : b; }

size_t cvk_sgemm_packed_a_count(ptrdiff_t m, ptrdiff_t k) { return (size_t)(round_up(m, MR) * k); }
size_t cvk_sgemm_packed_b_count(ptrdiff_t k, ptrdiff_t n) { return (size_t)(round_up(n, NR) * k); }

// C = beta·C for the degenerate products (k == 0 or alpha == 0), which read neither A nor B.
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

static ptrdiff_t transpose_columns(const float *s, ptrdiff_t ldb, ptrdiff_t kb, ptrdiff_t cols, float *d);
static ptrdiff_t transpose_rows12(const float *s, ptrdiff_t lda, ptrdiff_t kb, float *d);

// Packs rows [i0, i0+mc) × columns [p0, p0+kb) of op(A) as MR-row panels [kb][MR]. Rows past mc in the
// last panel are left unwritten: the micro-kernel for a short panel never reads them.
static void pack_a_block(int trans, const float *a, ptrdiff_t lda, ptrdiff_t i0, ptrdiff_t p0, ptrdiff_t mc,
                         ptrdiff_t kb, float *dst) {
    for (ptrdiff_t ir = 0; ir < mc; ir += MR) {
        ptrdiff_t rows = min_(MR, mc - ir);
        float *d = dst + ir * kb;
        if (trans) { // element (i, p) at a[p·lda + i]: each k step is a contiguous run of rows
            for (ptrdiff_t p = 0; p < kb; p++) {
                const float *s = a + (p0 + p) * lda + i0 + ir;
                for (ptrdiff_t i = 0; i < rows; i++) d[p * MR + i] = s[i];
            }
        } else {
            // Whole panels transpose 16 k steps at a time in registers (the strided scalar copy was 6% of a
            // Transformer layer's step); the rest, and short panels, element by element.
            ptrdiff_t done = rows == MR ? transpose_rows12(a + (i0 + ir) * lda + p0, lda, kb, d) : 0;
            for (ptrdiff_t i = 0; i < rows; i++) {
                const float *s = a + (i0 + ir + i) * lda + p0;
                for (ptrdiff_t p = done; p < kb; p++) d[p * MR + i] = s[p];
            }
        }
    }
}

// Packs rows [p0, p0+kb) × columns [j0, j0+nc) of op(B) as NR-column panels [kb][NR], zero past nc.
static void pack_b_block(int trans, const float *b, ptrdiff_t ldb, ptrdiff_t p0, ptrdiff_t j0, ptrdiff_t kb,
                         ptrdiff_t nc, float *dst) {
    for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
        ptrdiff_t cols = min_(NR, nc - jr);
        float *d = dst + jr * kb;
        if (trans) { // element (p, j) at b[j·ldb + p]: each column of the panel is a contiguous run
            if (cols < NR)
                for (ptrdiff_t p = 0; p < kb; p++) memset(d + p * NR + cols, 0, (size_t)(NR - cols) * sizeof(float));
            ptrdiff_t j = transpose_columns(b + (j0 + jr) * ldb + p0, ldb, kb, cols, d);
            for (; j < cols; j++) {
                const float *s = b + (j0 + jr + j) * ldb + p0;
                for (ptrdiff_t p = 0; p < kb; p++) d[p * NR + j] = s[p];
            }
        } else {
            for (ptrdiff_t p = 0; p < kb; p++) {
                const float *s = b + (p0 + p) * ldb + j0 + jr;
                memcpy(d + p * NR, s, (size_t)cols * sizeof(float));
                if (cols < NR) memset(d + p * NR + cols, 0, (size_t)(NR - cols) * sizeof(float));
            }
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#include "sgemm_tile_store.h"
#include "transpose16.h"

#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))

// Packs the first multiple-of-16 columns of a transposed-B panel (column j = row j of s, kb long) in 16×16
// transposed tiles; a strided scalar copy would dominate products whose B is reused over few rows of C
// (a Linear layer's x·Wᵀ). Returns how many columns it packed.
AVX512 static ptrdiff_t transpose_columns(const float *s, ptrdiff_t ldb, ptrdiff_t kb, ptrdiff_t cols, float *d) {
    ptrdiff_t j = 0;
    for (; j + 16 <= cols; j += 16) {
        const float *col = s + j * ldb;
        ptrdiff_t p = 0;
        for (; p + 16 <= kb; p += 16) {
            __m512 r[16];
            for (int q = 0; q < 16; q++) r[q] = _mm512_loadu_ps(col + q * ldb + p);
            transpose16(r);
            for (int t = 0; t < 16; t++) _mm512_storeu_ps(d + (p + t) * NR + j, r[t]);
        }
        for (; p < kb; p++)
            for (int q = 0; q < 16; q++) d[p * NR + j + q] = col[q * ldb + p];
    }
    return j;
}

// Packs the first multiple-of-16 k steps of one whole A panel (MR rows of s, lda apart) as [kb][MR]: 12 rows
// and 4 zero rows transposed, each k step's 12 values stored 16 wide — the 4 extra lanes land on the next
// step's slots, which its own store overwrites; the last step of a group stores 12 lanes so nothing is
// written past the group. Returns how many k steps it packed.
AVX512 static ptrdiff_t transpose_rows12(const float *s, ptrdiff_t lda, ptrdiff_t kb, float *d) {
    ptrdiff_t p = 0;
    for (; p + 16 <= kb; p += 16) {
        __m512 r[16];
        for (int q = 0; q < MR; q++) r[q] = _mm512_loadu_ps(s + q * lda + p);
        for (int q = MR; q < 16; q++) r[q] = _mm512_setzero_ps();
        transpose16(r);
        for (int t = 0; t < 15; t++) _mm512_storeu_ps(d + (p + t) * MR, r[t]);
        _mm512_mask_storeu_ps(d + (p + 15) * MR, (__mmask16)((1u << MR) - 1), r[15]);
    }
    return p;
}

// One MR×NR (or ROWS×NR) tile: C[0..ROWS)[0..cols) = alpha·Σ_p a[p][i]·b[p][j] + beta·C. ROWS is a
// compile-time constant in every instantiation (see micro_kernel) so the accumulators stay in registers
// and short M edges cost only their own rows.
AVX512 static inline __attribute__((always_inline)) void tile(const int ROWS, ptrdiff_t kb, const float *a,
                                                              const float *b, float *c, ptrdiff_t ldc, ptrdiff_t cols,
                                                              float alpha, float beta) {
    __m512 lo[MR], hi[MR];
#pragma clang loop unroll(full)
    for (int i = 0; i < ROWS; i++) {
        lo[i] = _mm512_setzero_ps();
        hi[i] = _mm512_setzero_ps();
    }
#pragma clang loop unroll_count(4)
    for (ptrdiff_t p = 0; p < kb; p++) {
        __m512 b0 = _mm512_loadu_ps(b), b1 = _mm512_loadu_ps(b + 16);
#pragma clang loop unroll(full)
        for (int i = 0; i < ROWS; i++) {
            __m512 ai = _mm512_set1_ps(a[i]); // folds into the FMA as an embedded {1to16} broadcast
            lo[i] = _mm512_fmadd_ps(ai, b0, lo[i]);
            hi[i] = _mm512_fmadd_ps(ai, b1, hi[i]);
        }
        a += MR;
        b += NR;
    }
    sgemm_store_tile(ROWS, lo, hi, c, ldc, cols, alpha, beta);
}

AVX512 static void micro_kernel(ptrdiff_t rows, ptrdiff_t kb, const float *a, const float *b, float *c, ptrdiff_t ldc,
                                ptrdiff_t cols, float alpha, float beta) {
    switch (rows) {
// One line of cases per row count, as the tile sizes read.
// clang-format off
#define ROWS_CASE(r) \
    case r: tile(r, kb, a, b, c, ldc, cols, alpha, beta); break;
        ROWS_CASE(1) ROWS_CASE(2) ROWS_CASE(3) ROWS_CASE(4) ROWS_CASE(5) ROWS_CASE(6)
        ROWS_CASE(7) ROWS_CASE(8) ROWS_CASE(9) ROWS_CASE(10) ROWS_CASE(11) ROWS_CASE(12)
#undef ROWS_CASE
        default: break;
        // clang-format on
    }
}

// C block [mc × nc] from a packed A block (panels of MR·kb) and a packed B block (panels of NR·kb).
AVX512 static void macro_kernel(ptrdiff_t mc, ptrdiff_t nc, ptrdiff_t kb, float alpha, const float *pa, const float *pb,
                                float beta, float *c, ptrdiff_t ldc) {
    for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
        ptrdiff_t cols = min_(NR, nc - jr);
        for (ptrdiff_t ir = 0; ir < mc; ir += MR)
            micro_kernel(min_(MR, mc - ir), kb, pa + ir * kb, pb + jr * kb, c + ir * ldc + jr, ldc, cols, alpha, beta);
    }
}

#else
static ptrdiff_t transpose_columns(const float *s, ptrdiff_t ldb, ptrdiff_t kb, ptrdiff_t cols, float *d) { return 0; }
static ptrdiff_t transpose_rows12(const float *s, ptrdiff_t lda, ptrdiff_t kb, float *d) { return 0; }

// Other architectures never route here (cvk_avx512_available() is 0); a plain tile keeps the
// functions correct for any other caller.
static void macro_kernel(ptrdiff_t mc, ptrdiff_t nc, ptrdiff_t kb, float alpha, const float *pa, const float *pb,
                         float beta, float *c, ptrdiff_t ldc) {
    for (ptrdiff_t i = 0; i < mc; i++)
        for (ptrdiff_t j = 0; j < nc; j++) {
            const float *ap = pa + (i / MR) * MR * kb + i % MR, *bp = pb + (j / NR) * NR * kb + j % NR;
            float s = 0;
            for (ptrdiff_t p = 0; p < kb; p++) s += ap[p * MR] * bp[p * NR];
            float *cij = c + i * ldc + j;
            *cij = beta == 0 ? alpha * s : alpha * s + beta * *cij;
        }
}
#endif

// Per-thread packing buffers, grown on demand and kept: a thread's next GEMM allocates nothing.
static _Thread_local float *scratch = NULL;
static _Thread_local size_t scratch_count = 0;

static float *thread_scratch(size_t count) {
    if (count > scratch_count) {
        free(scratch);
        scratch = aligned_alloc(64, (count * sizeof(float) + 63) / 64 * 64);
        scratch_count = scratch ? count : 0;
    }
    return scratch;
}

static void gemm_driver(int format, int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha,
                        const void *a, ptrdiff_t lda, const void *b, ptrdiff_t ldb, float beta, float *c,
                        ptrdiff_t ldc);

void cvk_sgemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha, const float *a,
               ptrdiff_t lda, const float *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc) {
    gemm_driver(-1, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void cvk_sgemm_pack_a(int trans_a, ptrdiff_t m, ptrdiff_t k, const float *a, ptrdiff_t lda, float *packed) {
    ptrdiff_t kc = cvk_sgemm_kc(k), mp = round_up(m, MR);
    for (ptrdiff_t pc = 0; pc < k; pc += kc)
        pack_a_block(trans_a, a, lda, 0, pc, m, min_(kc, k - pc), packed + pc * mp);
}

void cvk_sgemm_pack_b(int trans_b, ptrdiff_t k, ptrdiff_t n, const float *b, ptrdiff_t ldb, float *packed) {
    ptrdiff_t kc = cvk_sgemm_kc(k), np = round_up(n, NR);
    for (ptrdiff_t pc = 0; pc < k; pc += kc)
        pack_b_block(trans_b, b, ldb, pc, 0, min_(kc, k - pc), n, packed + pc * np);
}

void cvk_sgemm_packed(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha, const float *packed_a, const float *packed_b,
                      float beta, float *c, ptrdiff_t ldc) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0 || alpha == 0) {
        scale_c(m, n, beta, c, ldc);
        return;
    }
    ptrdiff_t kc = cvk_sgemm_kc(k), mp = round_up(m, MR), np = round_up(n, NR);
    for (ptrdiff_t pc = 0; pc < k; pc += kc) {
        ptrdiff_t kb = min_(kc, k - pc);
        const float *pb = packed_b + pc * np;
        // A's K slice is MC-blocked so the block reused across all of B's panels stays in L2.
        for (ptrdiff_t ic = 0; ic < m; ic += MC)
            macro_kernel(min_(MC, m - ic), n, kb, alpha, packed_a + pc * mp + ic * kb, pb, pc == 0 ? beta : 1,
                         c + ic * ldc, ldc);
    }
}

// float16/bfloat16 sources: each panel's rows (or columns) are converted into `stage` (MR or NR runs of kb
// floats, in L1) and packed from there as float32 ones are; k-major runs convert straight into the panel.
static void to_f32(int format, const uint16_t *s, float *d, ptrdiff_t n) {
    if (format)
        cvk_bf16_to_f32(s, d, n);
    else
        cvk_f16_to_f32(s, d, n);
}

static void pack_a_block_half(int format, int trans, const uint16_t *a, ptrdiff_t lda, ptrdiff_t i0, ptrdiff_t p0,
                              ptrdiff_t mc, ptrdiff_t kb, float *dst, float *stage) {
    for (ptrdiff_t ir = 0; ir < mc; ir += MR) {
        ptrdiff_t rows = min_(MR, mc - ir);
        float *d = dst + ir * kb;
        if (trans) {
            for (ptrdiff_t p = 0; p < kb; p++) to_f32(format, a + (p0 + p) * lda + i0 + ir, d + p * MR, rows);
        } else {
            for (ptrdiff_t i = 0; i < rows; i++) to_f32(format, a + (i0 + ir + i) * lda + p0, stage + i * kb, kb);
            ptrdiff_t done = rows == MR ? transpose_rows12(stage, kb, kb, d) : 0;
            for (ptrdiff_t i = 0; i < rows; i++)
                for (ptrdiff_t p = done; p < kb; p++) d[p * MR + i] = stage[i * kb + p];
        }
    }
}

static void pack_b_block_half(int format, int trans, const uint16_t *b, ptrdiff_t ldb, ptrdiff_t p0, ptrdiff_t j0,
                              ptrdiff_t kb, ptrdiff_t nc, float *dst, float *stage) {
    for (ptrdiff_t jr = 0; jr < nc; jr += NR) {
        ptrdiff_t cols = min_(NR, nc - jr);
        float *d = dst + jr * kb;
        if (trans) {
            if (cols < NR)
                for (ptrdiff_t p = 0; p < kb; p++) memset(d + p * NR + cols, 0, (size_t)(NR - cols) * sizeof(float));
            for (ptrdiff_t j = 0; j < cols; j++) to_f32(format, b + (j0 + jr + j) * ldb + p0, stage + j * kb, kb);
            ptrdiff_t j = transpose_columns(stage, kb, kb, cols, d);
            for (; j < cols; j++)
                for (ptrdiff_t p = 0; p < kb; p++) d[p * NR + j] = stage[j * kb + p];
        } else {
            for (ptrdiff_t p = 0; p < kb; p++) {
                to_f32(format, b + (p0 + p) * ldb + j0 + jr, d + p * NR, cols);
                if (cols < NR) memset(d + p * NR + cols, 0, (size_t)(NR - cols) * sizeof(float));
            }
        }
    }
}

void cvk_sgemm_half(int format, int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha,
                    const uint16_t *a, ptrdiff_t lda, const uint16_t *b, ptrdiff_t ldb, float beta, float *c,
                    ptrdiff_t ldc) {
    gemm_driver(format, trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

// cvk_sgemm (format −1: float32 operands) and cvk_sgemm_half (0: float16, 1: bfloat16) share the blocking.
static void gemm_driver(int format, int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha,
                        const void *a, ptrdiff_t lda, const void *b, ptrdiff_t ldb, float beta, float *c,
                        ptrdiff_t ldc) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0 || alpha == 0) {
        scale_c(m, n, beta, c, ldc);
        return;
    }
    ptrdiff_t kc = cvk_sgemm_kc(k);
    ptrdiff_t nc_max = min_(NC, round_up(n, NR)), mc_max = min_(MC, round_up(m, MR));
    ptrdiff_t a_count = round_up(mc_max * kc, 16), b_count = round_up(nc_max * kc, 16); // panels 64-byte aligned
    float *pa = thread_scratch((size_t)(a_count + b_count + (format < 0 ? 0 : NR * kc)));
    if (!pa) abort();
    float *pb = pa + a_count, *stage = pb + b_count;
    for (ptrdiff_t jc = 0; jc < n; jc += NC) {
        ptrdiff_t nc = min_(NC, n - jc);
        for (ptrdiff_t pc = 0; pc < k; pc += kc) {
            ptrdiff_t kb = min_(kc, k - pc);
            if (format < 0)
                pack_b_block(trans_b, b, ldb, pc, jc, kb, nc, pb);
            else
                pack_b_block_half(format, trans_b, b, ldb, pc, jc, kb, nc, pb, stage);
            float beta_here = pc == 0 ? beta : 1; // later K slices accumulate onto the first
            for (ptrdiff_t ic = 0; ic < m; ic += MC) {
                ptrdiff_t mc = min_(MC, m - ic);
                if (format < 0)
                    pack_a_block(trans_a, a, lda, ic, pc, mc, kb, pa);
                else
                    pack_a_block_half(format, trans_a, a, lda, ic, pc, mc, kb, pa, stage);
                macro_kernel(mc, nc, kb, alpha, pa, pb, beta_here, c + ic * ldc + jc, ldc);
            }
        }
    }
}
