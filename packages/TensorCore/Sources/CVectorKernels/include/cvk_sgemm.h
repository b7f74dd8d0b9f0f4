// An AVX-512 single-precision GEMM (row-major C = alpha·op(A)·op(B) + beta·C), single-threaded: the
// caller splits work across threads. It exists because OpenBLAS is pinned to its AVX2 (Haswell) kernels
// here, which run at about half the FMA throughput of an AVX-512 CPU. Call only when
// `cvk_avx512_available()` is 1.
//
// Packed layouts (shared with callers that write them directly, e.g. convolution's im2col):
// K is cut into blocks of `cvk_sgemm_kc(k)` (the last one may be shorter; kb = that block's length).
// - packed A: for each K block, ceil(m/MR) panels, each [kb][MR] (row i of the panel at offset p·MR + i);
//   the block starts at pc·roundUp(m, MR) for a block beginning at column pc of A.
// - packed B: for each K block, ceil(n/NR) panels, each [kb][NR] (column j at p·NR + j), columns past n
//   zero; the block starts at pc·roundUp(n, NR).
#ifndef CVK_SGEMM_H
#define CVK_SGEMM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Rows of C per micro-tile (12 rows × 2 vectors = 24 of the 32 zmm registers hold accumulators).
#define CVK_SGEMM_MR 12
/// Columns of C per micro-tile: two 16-float vectors.
#define CVK_SGEMM_NR 32

/// 1 when this file was compiled with optimization (release builds); debug builds compile C at -O0,
/// where the kernel is correct but slow, so automatic routing to it should be off.
int cvk_sgemm_optimized(void);

/// The K block length used for a reduction of length k (balanced blocks of at most 256).
ptrdiff_t cvk_sgemm_kc(ptrdiff_t k);

/// C[m×n] (leading dim ldc) = alpha·op(A)·op(B) + beta·C, op(A) m×k, op(B) k×n; A is read as row-major
/// [m][k] (lda) or, transposed, [k][m]; likewise B [k][n] or [n][k]. beta == 0 never reads C.
/// Uses per-thread packing buffers that are kept for the thread's next call.
void cvk_sgemm(int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha, const float *a,
               ptrdiff_t lda, const float *b, ptrdiff_t ldb, float beta, float *c, ptrdiff_t ldc);

/// cvk_sgemm for float16 (format 0) or bfloat16 (format 1) A and B (raw bits), converted to float32 inside
/// the packing, a panel at a time, instead of whole float32 copies first: float32 products and
/// accumulation, C float32. Same availability rule as cvk_sgemm.
void cvk_sgemm_half(int format, int trans_a, int trans_b, ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha,
                    const uint16_t *a, ptrdiff_t lda, const uint16_t *b, ptrdiff_t ldb, float beta, float *c,
                    ptrdiff_t ldc);

/// Floats needed for all of op(A) (m×k) packed: roundUp(m, MR)·k.
size_t cvk_sgemm_packed_a_count(ptrdiff_t m, ptrdiff_t k);
/// Floats needed for all of op(B) (k×n) packed: roundUp(n, NR)·k.
size_t cvk_sgemm_packed_b_count(ptrdiff_t k, ptrdiff_t n);

/// Packs all of op(A) into `packed` (cvk_sgemm_packed_a_count floats, 64-byte aligned preferred).
void cvk_sgemm_pack_a(int trans_a, ptrdiff_t m, ptrdiff_t k, const float *a, ptrdiff_t lda, float *packed);
/// Packs all of op(B) into `packed` (cvk_sgemm_packed_b_count floats).
void cvk_sgemm_pack_b(int trans_b, ptrdiff_t k, ptrdiff_t n, const float *b, ptrdiff_t ldb, float *packed);

/// C = alpha·A·B + beta·C from fully packed A (m×k) and B (k×n) as laid out above.
void cvk_sgemm_packed(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, float alpha, const float *packed_a, const float *packed_b,
                      float beta, float *c, ptrdiff_t ldc);

/// A convolution's im2col geometry (TensorCore's ConvGeometry): the "big" image is channels × big_h ×
/// big_w, the output grid small_h × small_w, kernel k_h × k_w with stride, padding and dilation.
typedef struct {
    ptrdiff_t channels, big_h, big_w, small_h, small_w, k_h, k_w, s_h, s_w, p_h, p_w, d_h, d_w;
} cvk_conv_geometry;

/// im2col of grid rows [row_start, row_start + row_count) written straight into packed-B layout:
/// K = channels·k_h·k_w (row (c, ky, kx)), N = row_count·small_w, column (oy, ox) holding
/// image[c][oy·s_h − p_h + ky·d_h][ox·s_w − p_w + kx·d_w] (0 outside the image).
void cvk_im2col_packed(const float *image, const cvk_conv_geometry *g, ptrdiff_t row_start, ptrdiff_t row_count,
                       float *packed);

/// 1 when cvk_im2col_packed_transposed handles the geometry (x86 with AVX-512 only): unit stride along x
/// and a grid 8 wide or a multiple of 16 wide.
int cvk_im2col_packed_transposed_supported(const cvk_conv_geometry *g);
/// The column matrix of grid rows [row_start, row_start + row_count), transposed, in packed-B layout: the
/// B of the weight gradient dW = dY · colᵀ. K = row_count·small_w grid positions (p = (oy − row_start)·
/// small_w + ox), N = channels·k_h·k_w (column (c, ky, kx)); element (p, j) is
/// image[c][oy·s_h − p_h + ky·d_h][ox − p_w + kx·d_w] (0 outside the image).
void cvk_im2col_packed_transposed(const float *image, const cvk_conv_geometry *g, ptrdiff_t row_start,
                                  ptrdiff_t row_count, float *packed);

/// Winograd F(2×2, 3×3) convolution forward (winograd_conv.c): 3×3 kernel, unit stride and dilation,
/// padding ≤ 2, x86 with AVX-512 only. Output tiles are 2×2 (row-major over each image's grid,
/// cvk_winograd_tiles per image); 16 GEMMs per block of `block` tiles (a multiple of 32) with 2.25× fewer
/// multiply-adds than im2col. Results differ from the direct sum by rounding only (the transforms add a few ulp).
int cvk_winograd_supported(const cvk_conv_geometry *g);
ptrdiff_t cvk_winograd_tiles(const cvk_conv_geometry *g);
/// Floats of the transformed, packed weight of one group: 16 packed A's of m × channels.
size_t cvk_winograd_packed_weight_count(ptrdiff_t m, ptrdiff_t channels);
/// weight [m][channels][3][3] → U_ξ = G·g·Gᵀ per point ξ, each packed as cvk_sgemm_pack_a does.
void cvk_winograd_pack_weight(ptrdiff_t m, ptrdiff_t channels, const float *weight, float *packed);
/// Floats of one thread's scratch for blocks of `block` tiles.
size_t cvk_winograd_scratch_count(ptrdiff_t m, ptrdiff_t channels, ptrdiff_t block);
/// For tiles [tile_start, tile_start + tile_count) numbered across a batch (image n's tiles follow image
/// n − 1's; images `image_stride` floats apart in `image`, outputs `out_stride` apart in `out`, each
/// output [m][small_h][small_w]): the convolution with the packed weight, plus bias[i] per output
/// channel when bias is non-null. All corner offsets (n·image_stride + y·big_w + x) must fit in int32.
void cvk_winograd_conv(const float *image, ptrdiff_t image_stride, const cvk_conv_geometry *g, ptrdiff_t m,
                       const float *packed_weight, const float *bias, ptrdiff_t tile_start, ptrdiff_t tile_count,
                       ptrdiff_t block, float *out, ptrdiff_t out_stride, float *scratch);

/// The weight gradient by Winograd F(3×3, 2×2), same geometries and tiles as cvk_winograd_conv: for tiles
/// [tile_start, tile_start + tile_count) adds Σ over those tiles of the transformed products to `acc`
/// ([16][m][channels], zeroed by the caller; one per thread), reading the input `image` (images
/// image_stride apart) and dY `grad` ([m][small_h][small_w] per image, grad_stride apart).
/// cvk_winograd_wgrad_finish turns the summed acc into dW [m][channels][3][3] (overwritten).
size_t cvk_winograd_wgrad_scratch_count(ptrdiff_t m, ptrdiff_t channels, ptrdiff_t block);
void cvk_winograd_wgrad_accumulate(const float *image, ptrdiff_t image_stride, const float *grad, ptrdiff_t grad_stride,
                                   const cvk_conv_geometry *g, ptrdiff_t m, ptrdiff_t tile_start, ptrdiff_t tile_count,
                                   ptrdiff_t block, float *acc, float *scratch);
void cvk_winograd_wgrad_finish(const float *acc, ptrdiff_t m, ptrdiff_t channels, float *weight_grad);

/// 1 when cvk_conv_implicit handles the geometry: unit stride along x and a grid 16 or 32 wide (a 32-column
/// panel is then one or two whole grid rows).
int cvk_conv_implicit_supported(const cvk_conv_geometry *g);
/// Bytes of the tap plan cvk_conv_implicit reads: per 32-column panel of the grid and per k = (c, ky, kx),
/// where each 16-lane half loads in the image and which lanes are inside it. Made once per call
/// (cvk_conv_implicit_plan), shared by every image and thread.
size_t cvk_conv_implicit_plan_bytes(const cvk_conv_geometry *g);
void cvk_conv_implicit_plan(const cvk_conv_geometry *g, void *plan);
/// Convolution forward without an im2col copy: for the 32-column panels [panel_start, +panel_count) of the
/// output grid, C[m × grid] (leading dim ldc) = A · im2col(image) (+ bias[i] per row when bias is non-null),
/// A packed by cvk_sgemm_pack_a (m × channels·k_h·k_w). B's vectors are loaded from the image itself.
void cvk_conv_implicit(const float *image, const cvk_conv_geometry *g, const void *plan, ptrdiff_t m,
                       const float *packed_a, const float *bias, ptrdiff_t panel_start, ptrdiff_t panel_count, float *c,
                       ptrdiff_t ldc);

#ifdef __cplusplus
}
#endif

#endif
