// See cvk_winograd_* in include/cvk_sgemm.h. Winograd's minimal filtering F(2×2, 3×3): every 2×2 output
// tile is Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A of its 4×4 input patch d, so a 3×3 convolution becomes 16 GEMMs
// (one per point ξ of the 4×4 transform grid: U_ξ [m × channels] · V_ξ [channels × tiles]) with 2.25×
// fewer multiply-adds than im2col's. Tiles, numbered across the batch's images, are processed in blocks
// whose transformed inputs are written straight into packed-B panels; a block spans images when they
// are small, so each U_ξ is reused over enough tiles. 16 tiles ride in the lanes of a vector.
//   Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 1 0 −1], G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1], Aᵀ = [1 1 1 0; 0 1 −1 −1].
#include "cvk_sgemm.h"

#include <stdlib.h>

enum { NR = CVK_SGEMM_NR };

int cvk_winograd_supported(const cvk_conv_geometry *g) {
#if defined(__x86_64__)
    return g->k_h == 3 && g->k_w == 3 && g->s_h == 1 && g->s_w == 1 && g->d_h == 1 && g->d_w == 1 && g->p_h <= 2 &&
           g->p_w <= 2 && g->small_h >= 1 && g->small_w >= 1;
#else
    (void)g;
    return 0;
#endif
}

static ptrdiff_t tiles_w(const cvk_conv_geometry *g) { return (g->small_w + 1) / 2; }

ptrdiff_t cvk_winograd_tiles(const cvk_conv_geometry *g) { return (g->small_h + 1) / 2 * tiles_w(g); }

size_t cvk_winograd_packed_weight_count(ptrdiff_t m, ptrdiff_t channels) {
    return 16 * cvk_sgemm_packed_a_count(m, channels);
}

size_t cvk_winograd_scratch_count(ptrdiff_t m, ptrdiff_t channels, ptrdiff_t block) {
    return 16 * (cvk_sgemm_packed_b_count(channels, block) + (size_t)(m * block));
}

void cvk_winograd_pack_weight(ptrdiff_t m, ptrdiff_t channels, const float *weight, float *packed) {
    float *u = malloc((size_t)(16 * m * channels) * sizeof(float));
    if (!u) abort();
    for (ptrdiff_t o = 0; o < m; o++)
        for (ptrdiff_t c = 0; c < channels; c++) {
            const float *w = weight + (o * channels + c) * 9;
            float t[4][3]; // G·g
            for (int j = 0; j < 3; j++) {
                t[0][j] = w[j];
                t[1][j] = 0.5f * (w[j] + w[3 + j] + w[6 + j]);
                t[2][j] = 0.5f * (w[j] - w[3 + j] + w[6 + j]);
                t[3][j] = w[6 + j];
            }
            for (int i = 0; i < 4; i++) { // (G·g)·Gᵀ
                float r[4] = {t[i][0], 0.5f * (t[i][0] + t[i][1] + t[i][2]), 0.5f * (t[i][0] - t[i][1] + t[i][2]),
                              t[i][2]};
                for (int j = 0; j < 4; j++) u[((4 * i + j) * m + o) * channels + c] = r[j];
            }
        }
    size_t a_count = cvk_sgemm_packed_a_count(m, channels);
    for (int xi = 0; xi < 16; xi++)
        cvk_sgemm_pack_a(0, m, channels, u + xi * m * channels, channels, packed + xi * a_count);
    free(u);
}

size_t cvk_winograd_wgrad_scratch_count(ptrdiff_t m, ptrdiff_t channels, ptrdiff_t block) {
    return (size_t)(16 * (m + channels) * block);
}

void cvk_winograd_wgrad_finish(const float *acc, ptrdiff_t m, ptrdiff_t channels, float *weight_grad) {
    static const float at[3][4] = {{1, 1, 1, 0}, {0, 1, -1, 0}, {0, 1, 1, 1}};
    for (ptrdiff_t o = 0; o < m; o++)
        for (ptrdiff_t c = 0; c < channels; c++) {
            float mt[4][4], s[3][4];
            for (int xi = 0; xi < 16; xi++) mt[xi / 4][xi % 4] = acc[(xi * m + o) * channels + c];
            for (int ky = 0; ky < 3; ky++)
                for (int j = 0; j < 4; j++)
                    s[ky][j] =
                        at[ky][0] * mt[0][j] + at[ky][1] * mt[1][j] + at[ky][2] * mt[2][j] + at[ky][3] * mt[3][j];
            float *w = weight_grad + (o * channels + c) * 9;
            for (int ky = 0; ky < 3; ky++)
                for (int kx = 0; kx < 3; kx++)
                    w[ky * 3 + kx] =
                        at[kx][0] * s[ky][0] + at[kx][1] * s[ky][1] + at[kx][2] * s[ky][2] + at[kx][3] * s[ky][3];
        }
}

#if defined(__x86_64__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f,avx512dq,avx512bw,avx512vl")))

// Where 16 consecutive tiles sit (tiles are numbered across the images of the batch, row-major within
// each): per lane the offset of its patch's top-left corner from image 0's first element (the corner
// may lie in the padding), which of the patch's rows and columns are inside the image, and the image's
// output offset.
typedef struct {
    __m512i corner;
    __mmask16 row_in[4], col_in[4], live;
    ptrdiff_t out_offset[16], out_y[16], out_x[16]; // corner of the lane's output tile
    int one_row;             // all 16 tiles in one tile row of one image, their patches side by side
    ptrdiff_t image, y0, x0; // that image's offset and the row's patch corner (one_row only)
} lane_tiles;

AVX512 static lane_tiles locate(const cvk_conv_geometry *g, ptrdiff_t image_stride, ptrdiff_t out_stride,
                                ptrdiff_t first, ptrdiff_t count) {
    lane_tiles r;
    ptrdiff_t tw = tiles_w(g), per_image = cvk_winograd_tiles(g);
    int32_t corner[16];
    r.live = 0;
    for (int k = 0; k < 4; k++) r.row_in[k] = r.col_in[k] = 0;
    for (int l = 0; l < 16; l++) {
        ptrdiff_t t = first + l, n = t / per_image, local = t % per_image, ty = local / tw, tx = local % tw;
        ptrdiff_t y = 2 * ty - g->p_h, x = 2 * tx - g->p_w;
        corner[l] = (int32_t)(n * image_stride + y * g->big_w + x);
        r.out_offset[l] = n * out_stride + 2 * ty * g->small_w + 2 * tx;
        r.out_y[l] = 2 * ty;
        r.out_x[l] = 2 * tx;
        if (l >= count) continue;
        r.live |= (__mmask16)(1u << l);
        for (int k = 0; k < 4; k++) {
            if (y + k >= 0 && y + k < g->big_h) r.row_in[k] |= (__mmask16)(1u << l);
            if (x + k >= 0 && x + k < g->big_w) r.col_in[k] |= (__mmask16)(1u << l);
        }
    }
    r.corner = _mm512_loadu_si512(corner);
    // Every image has whole tile rows, so the global row index first / tw names one image's row.
    r.one_row = count >= 16 && first / tw == (first + 15) / tw;
    ptrdiff_t local = first % per_image;
    r.image = first / per_image * image_stride;
    r.y0 = 2 * (local / tw) - g->p_h;
    r.x0 = 2 * (local % tw) - g->p_w;
    return r;
}

// The offsets (from image 0's channel) a block's patches read, when they lie within one image and a
// few KB; else an empty span (no prefetch).
AVX512 static void block_span(const cvk_conv_geometry *g, const lane_tiles *lanes, ptrdiff_t n, ptrdiff_t *lo,
                              ptrdiff_t *hi) {
    int32_t first[16], last[16];
    _mm512_storeu_si512(first, lanes[0].corner);
    _mm512_storeu_si512(last, lanes[(n - 1) / 16].corner);
    ptrdiff_t from = first[0], to = last[(n - 1) % 16] + 3 * g->big_w + 4;
    if (from < 0) from = 0;
    if (to - from > 16384) return;
    *lo = from;
    *hi = to;
}

static inline void prefetch_span(const float *plane, ptrdiff_t lo, ptrdiff_t hi) {
    for (ptrdiff_t at = lo; at < hi; at += 16) _mm_prefetch((const char *)(plane + at), _MM_HINT_T0);
}

// Masked 16-lane load of image[x0 + l] for l with 0 <= x0 + l < big_w (others zero).
AVX512 static inline __m512 load_row16(const float *row, ptrdiff_t x0, ptrdiff_t big_w) {
    ptrdiff_t from = -x0 < 0 ? 0 : -x0, to = big_w - x0 > 16 ? 16 : big_w - x0;
    if (to <= from) return _mm512_setzero_ps();
    __mmask16 m = (__mmask16)(((1u << to) - 1) & ~((1u << from) - 1));
    return _mm512_maskz_loadu_ps(m, row + x0);
}

// d[r][c] for one channel (`plane` = that channel of image 0): the 4×4 patches of 16 tiles, lane l = tile l.
AVX512 static void load_patches(const float *plane, const cvk_conv_geometry *g, const lane_tiles *lt, __m512 d[4][4]) {
    if (lt->one_row) {
        // Patches side by side: columns x0 + 2l + c. Two windows of 32 (shifted by 2) split into even
        // and odd lanes give all four columns.
        const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        const __m512i odd = _mm512_add_epi32(even, _mm512_set1_epi32(1));
        for (int r = 0; r < 4; r++) {
            ptrdiff_t y = lt->y0 + r;
            if (y < 0 || y >= g->big_h) {
                for (int c = 0; c < 4; c++) d[r][c] = _mm512_setzero_ps();
                continue;
            }
            const float *row = plane + lt->image + y * g->big_w;
            __m512 a = load_row16(row, lt->x0, g->big_w), b = load_row16(row, lt->x0 + 16, g->big_w);
            __m512 e = load_row16(row, lt->x0 + 32, g->big_w);
            __m512 a2 = _mm512_castsi512_ps(_mm512_alignr_epi32(_mm512_castps_si512(b), _mm512_castps_si512(a), 2));
            __m512 b2 = _mm512_castsi512_ps(_mm512_alignr_epi32(_mm512_castps_si512(e), _mm512_castps_si512(b), 2));
            d[r][0] = _mm512_permutex2var_ps(a, even, b);
            d[r][1] = _mm512_permutex2var_ps(a, odd, b);
            d[r][2] = _mm512_permutex2var_ps(a2, even, b2);
            d[r][3] = _mm512_permutex2var_ps(a2, odd, b2);
        }
        return;
    }
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 4; c++) {
            __mmask16 m = lt->row_in[r] & lt->col_in[c];
            __m512i at = _mm512_add_epi32(lt->corner, _mm512_set1_epi32((int32_t)(r * g->big_w + c)));
            d[r][c] = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), m, at, plane, 4);
        }
}

// V = Bᵀ d B for 16 tiles of one channel into rows v_rows[ξ] (16 consecutive tiles each). The forward's
// F(2×2, 3×3) and the weight gradient's F(3×3, 2×2) share Bᵀ but for its last row: d1 − d3 there,
// d3 − d1 here (`weight_gradient`, a constant at each call).
AVX512 static inline __attribute__((always_inline)) void transform_patches(__m512 d[4][4], float *const *v_rows,
                                                                           int weight_gradient) {
    __m512 t[4][4];
    for (int c = 0; c < 4; c++) {
        t[0][c] = _mm512_sub_ps(d[0][c], d[2][c]);
        t[1][c] = _mm512_add_ps(d[1][c], d[2][c]);
        t[2][c] = _mm512_sub_ps(d[2][c], d[1][c]);
        t[3][c] = weight_gradient ? _mm512_sub_ps(d[3][c], d[1][c]) : _mm512_sub_ps(d[1][c], d[3][c]);
    }
    for (int i = 0; i < 4; i++) {
        _mm512_storeu_ps(v_rows[4 * i + 0], _mm512_sub_ps(t[i][0], t[i][2]));
        _mm512_storeu_ps(v_rows[4 * i + 1], _mm512_add_ps(t[i][1], t[i][2]));
        _mm512_storeu_ps(v_rows[4 * i + 2], _mm512_sub_ps(t[i][2], t[i][1]));
        _mm512_storeu_ps(v_rows[4 * i + 3],
                         weight_gradient ? _mm512_sub_ps(t[i][3], t[i][1]) : _mm512_sub_ps(t[i][1], t[i][3]));
    }
}

// Y = Aᵀ m A (+ bias) for 16 tiles of one output channel (`out_plane` = that channel of image 0).
AVX512 static void transform_output(const float *const *m_rows, float bias, const cvk_conv_geometry *g,
                                    const lane_tiles *lt, float *out_plane) {
    __m512 m[16], s[2][4], y[2][2], b = _mm512_set1_ps(bias);
    for (int xi = 0; xi < 16; xi++) m[xi] = _mm512_loadu_ps(m_rows[xi]);
    for (int j = 0; j < 4; j++) {
        s[0][j] = _mm512_add_ps(_mm512_add_ps(m[j], m[4 + j]), m[8 + j]);
        s[1][j] = _mm512_sub_ps(_mm512_sub_ps(m[4 + j], m[8 + j]), m[12 + j]);
    }
    for (int i = 0; i < 2; i++) {
        y[i][0] = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(s[i][0], s[i][1]), s[i][2]), b);
        y[i][1] = _mm512_add_ps(_mm512_sub_ps(_mm512_sub_ps(s[i][1], s[i][2]), s[i][3]), b);
    }
    ptrdiff_t oy = lt->y0 + g->p_h, ox = lt->x0 + g->p_w; // the first tile's output corner (one_row)
    if (lt->one_row && ox + 32 <= g->small_w) {
        // Interleave the tiles' two columns into 32 consecutive pixels per output row.
        const __m512i lo = _mm512_setr_epi32(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
        const __m512i hi = _mm512_add_epi32(lo, _mm512_set1_epi32(8));
        for (int i = 0; i < 2 && oy + i < g->small_h; i++) {
            float *row = out_plane + lt->out_offset[0] + i * g->small_w;
            _mm512_storeu_ps(row, _mm512_permutex2var_ps(y[i][0], lo, y[i][1]));
            _mm512_storeu_ps(row + 16, _mm512_permutex2var_ps(y[i][0], hi, y[i][1]));
        }
        return;
    }
    float lanes[2][2][16];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) _mm512_storeu_ps(lanes[i][j], y[i][j]);
    ptrdiff_t w = g->small_w, h = g->small_h;
    for (int l = 0; l < 16 && (lt->live >> l & 1); l++) {
        float *corner = out_plane + lt->out_offset[l];
        ptrdiff_t py = lt->out_y[l], px = lt->out_x[l];
        for (int i = 0; i < 2 && py + i < h; i++)
            for (int j = 0; j < 2 && px + j < w; j++) corner[i * w + j] = lanes[i][j][l];
    }
}

AVX512 void cvk_winograd_conv(const float *image, ptrdiff_t image_stride, const cvk_conv_geometry *g, ptrdiff_t m,
                              const float *packed_weight, const float *bias, ptrdiff_t tile_start, ptrdiff_t tile_count,
                              ptrdiff_t block, float *out, ptrdiff_t out_stride, float *scratch) {
    ptrdiff_t channels = g->channels, plane = g->big_h * g->big_w, out_plane = g->small_h * g->small_w;
    size_t a_count = cvk_sgemm_packed_a_count(m, channels), b_count = cvk_sgemm_packed_b_count(channels, block);
    float *v = scratch, *products = scratch + 16 * b_count;
    // lane_tiles holds a vector: 64-byte aligned (malloc's 16 would fault on the aligned moves).
    lane_tiles *lanes = aligned_alloc(64, (size_t)((block + 15) / 16) * sizeof(lane_tiles));
    if (!lanes) abort();
    for (ptrdiff_t start = tile_start; start < tile_start + tile_count; start += block) {
        ptrdiff_t n = tile_start + tile_count - start < block ? tile_start + tile_count - start : block;
        ptrdiff_t np = (n + NR - 1) / NR * NR, kc = cvk_sgemm_kc(channels);
        // Where each group of 16 tiles sits (lanes past n are dead: they load and transform zeros, the
        // packed layout's zero columns).
        for (ptrdiff_t col = 0; col < np; col += 16)
            lanes[col / 16] = locate(g, image_stride, out_stride, start + col, n - col < 0 ? 0 : n - col);
        // Transformed inputs into each point's packed B (K = channel, N = tile), channel by channel so
        // each channel's rows are read front to back. A block reads only a few KB of each plane, too
        // short a stream for the hardware prefetcher: the span two channels ahead is prefetched.
        ptrdiff_t span_lo = 0, span_hi = 0;
        block_span(g, lanes, n, &span_lo, &span_hi);
        for (ptrdiff_t c = 0; c < channels; c++) {
            if (c + 2 < channels) prefetch_span(image + (c + 2) * plane, span_lo, span_hi);
            ptrdiff_t pc = c / kc * kc, kb = channels - pc < kc ? channels - pc : kc;
            for (ptrdiff_t col = 0; col < np; col += 16) {
                size_t at = (size_t)(pc * np + col / NR * NR * kb + (c - pc) * NR + col % NR);
                float *rows[16];
                for (int xi = 0; xi < 16; xi++) rows[xi] = v + xi * b_count + at;
                __m512 d[4][4];
                load_patches(image + c * plane, g, &lanes[col / 16], d);
                transform_patches(d, rows, 0);
            }
        }
        for (int xi = 0; xi < 16; xi++)
            cvk_sgemm_packed(m, n, channels, 1, packed_weight + xi * a_count, v + xi * b_count, 0,
                             products + xi * m * block, block);
        for (ptrdiff_t o = 0; o < m; o++)
            for (ptrdiff_t col = 0; col < n; col += 16) {
                const float *rows[16];
                for (int xi = 0; xi < 16; xi++) rows[xi] = products + (xi * m + o) * block + col;
                transform_output(rows, bias ? bias[o] : 0.0f, g, &lanes[col / 16], out + o * out_plane);
            }
    }
    free(lanes);
}

// ---- Weight gradient, F(3×3, 2×2): dW = Aᵀ[Σ_tiles (G·E·Gᵀ) ⊙ (Bᵀ·D·B)]A with E a tile's 2×2 of dY and D
// the same 4×4 input patch as the forward's; Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0; 0 −1 0 1],
// G = [1 0; ½ ½; ½ −½; 0 1], Aᵀ = [1 1 1 0; 0 1 −1 0; 0 1 1 1]. Per point ξ the sum over tiles is a GEMM
// U_ξ [m × tiles] · V_ξᵀ [tiles × channels], accumulated per thread in the transformed domain.

// e[i][j]: pixel (2ty + i, 2tx + j) of 16 tiles' dY in one output channel (`plane` = that channel of image 0);
// pixels past the grid's edge are zero.
AVX512 static void load_grad_tiles(const float *plane, const cvk_conv_geometry *g, const lane_tiles *lt,
                                   __m512 e[2][2]) {
    ptrdiff_t oy = lt->y0 + g->p_h, ox = lt->x0 + g->p_w;
    if (lt->one_row && ox + 32 <= g->small_w) {
        const __m512i even = _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        const __m512i odd = _mm512_add_epi32(even, _mm512_set1_epi32(1));
        for (int i = 0; i < 2; i++) {
            if (oy + i >= g->small_h) {
                e[i][0] = e[i][1] = _mm512_setzero_ps();
                continue;
            }
            const float *row = plane + lt->out_offset[0] + i * g->small_w;
            __m512 a = _mm512_loadu_ps(row), b = _mm512_loadu_ps(row + 16);
            e[i][0] = _mm512_permutex2var_ps(a, even, b);
            e[i][1] = _mm512_permutex2var_ps(a, odd, b);
        }
        return;
    }
    int32_t at[16];
    __mmask16 in[2][2] = {{0, 0}, {0, 0}};
    for (int l = 0; l < 16; l++) {
        at[l] = (int32_t)lt->out_offset[l];
        if (!(lt->live >> l & 1)) continue;
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 2; j++)
                if (lt->out_y[l] + i < g->small_h && lt->out_x[l] + j < g->small_w) in[i][j] |= (__mmask16)(1u << l);
    }
    __m512i base = _mm512_loadu_si512(at);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            __m512i idx = _mm512_add_epi32(base, _mm512_set1_epi32((int32_t)(i * g->small_w + j)));
            e[i][j] = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), in[i][j], idx, plane, 4);
        }
}

// U = G e Gᵀ for 16 tiles of one output channel into rows u_rows[ξ].
AVX512 static void transform_grad(__m512 e[2][2], float *const *u_rows) {
    const __m512 half = _mm512_set1_ps(0.5f);
    __m512 t[4][2];
    for (int j = 0; j < 2; j++) {
        t[0][j] = e[0][j];
        t[1][j] = _mm512_mul_ps(_mm512_add_ps(e[0][j], e[1][j]), half);
        t[2][j] = _mm512_mul_ps(_mm512_sub_ps(e[0][j], e[1][j]), half);
        t[3][j] = e[1][j];
    }
    for (int i = 0; i < 4; i++) {
        _mm512_storeu_ps(u_rows[4 * i + 0], t[i][0]);
        _mm512_storeu_ps(u_rows[4 * i + 1], _mm512_mul_ps(_mm512_add_ps(t[i][0], t[i][1]), half));
        _mm512_storeu_ps(u_rows[4 * i + 2], _mm512_mul_ps(_mm512_sub_ps(t[i][0], t[i][1]), half));
        _mm512_storeu_ps(u_rows[4 * i + 3], t[i][1]);
    }
}

AVX512 void cvk_winograd_wgrad_accumulate(const float *image, ptrdiff_t image_stride, const float *grad,
                                          ptrdiff_t grad_stride, const cvk_conv_geometry *g, ptrdiff_t m,
                                          ptrdiff_t tile_start, ptrdiff_t tile_count, ptrdiff_t block, float *acc,
                                          float *scratch) {
    ptrdiff_t channels = g->channels, plane = g->big_h * g->big_w, out_plane = g->small_h * g->small_w;
    float *v = scratch, *u = scratch + 16 * channels * block;
    lane_tiles *lanes = aligned_alloc(64, (size_t)((block + 15) / 16) * sizeof(lane_tiles));
    if (!lanes) abort();
    for (ptrdiff_t start = tile_start; start < tile_start + tile_count; start += block) {
        ptrdiff_t n = tile_start + tile_count - start < block ? tile_start + tile_count - start : block;
        for (ptrdiff_t col = 0; col < n; col += 16)
            lanes[col / 16] = locate(g, image_stride, grad_stride, start + col, n - col);
        ptrdiff_t span_lo = 0, span_hi = 0;
        block_span(g, lanes, n, &span_lo, &span_hi);
        for (ptrdiff_t c = 0; c < channels; c++) {
            if (c + 2 < channels) prefetch_span(image + (c + 2) * plane, span_lo, span_hi);
            for (ptrdiff_t col = 0; col < n; col += 16) {
                float *rows[16];
                for (int xi = 0; xi < 16; xi++) rows[xi] = v + (xi * channels + c) * block + col;
                __m512 d[4][4];
                load_patches(image + c * plane, g, &lanes[col / 16], d);
                transform_patches(d, rows, 1);
            }
        }
        for (ptrdiff_t o = 0; o < m; o++)
            for (ptrdiff_t col = 0; col < n; col += 16) {
                float *rows[16];
                for (int xi = 0; xi < 16; xi++) rows[xi] = u + (xi * m + o) * block + col;
                __m512 e[2][2];
                load_grad_tiles(grad + o * out_plane, g, &lanes[col / 16], e);
                transform_grad(e, rows);
            }
        // acc_ξ [m × channels] += U_ξ [m × n] · V_ξᵀ (V_ξ stored [channels × n]).
        for (int xi = 0; xi < 16; xi++)
            cvk_sgemm(0, 1, m, channels, n, 1, u + xi * m * block, block, v + xi * channels * block, block, 1,
                      acc + xi * m * channels, channels);
    }
    free(lanes);
}
#else
void cvk_winograd_wgrad_accumulate(const float *image, ptrdiff_t image_stride, const float *grad, ptrdiff_t grad_stride,
                                   const cvk_conv_geometry *g, ptrdiff_t m, ptrdiff_t tile_start, ptrdiff_t tile_count,
                                   ptrdiff_t block, float *acc, float *scratch) {
    (void)image, (void)image_stride, (void)grad, (void)grad_stride, (void)g, (void)m, (void)tile_start,
        (void)tile_count, (void)block, (void)acc, (void)scratch;
    abort();
}

void cvk_winograd_conv(const float *image, ptrdiff_t image_stride, const cvk_conv_geometry *g, ptrdiff_t m,
                       const float *packed_weight, const float *bias, ptrdiff_t tile_start, ptrdiff_t tile_count,
                       ptrdiff_t block, float *out, ptrdiff_t out_stride, float *scratch) {
    (void)image, (void)image_stride, (void)g, (void)m, (void)packed_weight, (void)bias, (void)tile_start,
        (void)tile_count, (void)block, (void)out, (void)out_stride, (void)scratch;
    abort();
}
#endif
