// A bfloat16 GEMM on AVX512_BF16 (row-major C = alpha·op(A)·op(B) + beta·C, C float32), single-threaded:
// the caller splits work across threads as for cvk_sgemm. vdpbf16ps multiplies bf16 pairs and adds them
// into float32 lanes, two multiply-adds per lane per instruction: twice the float32 FMA rate. Its
// arithmetic is not an fp32 FMA chain: bf16 denormal inputs and denormal results are flushed to zero and
// each pair's sum is rounded once (Intel SDM, VDPBF16PS), as in oneDNN's kernels behind torch's bf16 matmul.
//
// Packed layouts: K is cut into blocks of cvk_bf16gemm_kc(k) (even, except a last odd one); a block of kb
// values is kq = ceil(kb/2) pairs, an odd block's last pair padded with a zero.
// - packed A: ceil(m/MR) panels of [kq][MR] 32-bit words, word (q, i) = (a[i][2q] low, a[i][2q+1] high).
// - packed B: ceil(n/NR) panels of [kq][NR] words, word (q, j) = (b[2q][j] low, b[2q+1][j] high), zero past n.
#ifndef CVK_BF16GEMM_H
#define CVK_BF16GEMM_H

#include <stddef.h>
#include <stdint.h>

#include "cvk_sgemm.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Rows and columns of C per micro-tile (as cvk_sgemm: 24 zmm accumulators).
#define CVK_BF16GEMM_MR 12
#define CVK_BF16GEMM_NR 32

/// 1 when the kernels may use AVX512_BF16: the CPU has it and ATEN_CPU_CAPABILITY allows AVX-512.
int cvk_avx512_bf16_available(void);

/// C[m×n] (ldc, float32) = alpha·op(A)·op(B) + beta·C for bfloat16 A and B (raw bits): A is read as
/// row-major [m][k] (lda) or, transposed, [k][m]; likewise B [k][n] or [n][k]. beta == 0 never reads C.
/// On x86 call only when cvk_avx512_bf16_available() is 1 (other architectures get a portable loop).
void cvk_bf16gemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha, const uint16_t *a,
                  ptrdiff_t lda, const uint16_t *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc);

/// Words of A packed once for cvk_bf16gemm_packed_a: every K block's ceil(m/MR) panels, blocks in K order.
size_t cvk_bf16gemm_packed_a_count(ptrdiff_t m, ptrdiff_t k);
/// Packs op(A) (bf16, [m][k] or transposed [k][m]) for cvk_bf16gemm_packed_a.
void cvk_bf16gemm_pack_a(int trans_a, ptrdiff_t m, ptrdiff_t k, const uint16_t *a, ptrdiff_t lda, uint32_t *packed);
/// cvk_bf16gemm with A packed by cvk_bf16gemm_pack_a (same m and k): a convolution packs its weight once
/// per call instead of once per tile. Same availability rule as cvk_bf16gemm.
void cvk_bf16gemm_packed_a(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha, const uint32_t *packed_a, int trans_b,
                           const uint16_t *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc);

/// im2col of bf16 (or any 16-bit) values for grid rows [row_start, row_start + row_count): row (c, ky, kx)
/// of `dst` (ldd apart), column (oy − row_start)·small_w + ox, holds
/// image[c][oy·s_h − p_h + ky·d_h][ox·s_w − p_w + kx·d_w] (0 outside the image). Bits are copied.
void cvk_im2col_u16(const uint16_t *image, const cvk_conv_geometry *g, ptrdiff_t row_start, ptrdiff_t row_count,
                    uint16_t *dst, ptrdiff_t ldd);

#ifdef __cplusplus
}
#endif

#endif
