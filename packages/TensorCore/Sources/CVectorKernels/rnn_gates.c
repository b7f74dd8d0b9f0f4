// See include/cvk_rnn.h. Eight (AVX-512: sixteen) hidden units per vector; a row's tail is loaded with
// zero padding and stored masked, so every unit takes the same arithmetic path. The formulas and
// their evaluation order are RNNGates' (RNNGateKernels.swift) so both paths round alike.
#include "cvk_rnn.h"
#include "cvector_kernels.h"

#if defined(__x86_64__) || defined(__i386__)
#include "avx2_math.h"
#include "avx512_math.h"

AVX2 static inline __m256i lane_mask(ptrdiff_t count) {
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(count < 8 ? count : 8)),
                              _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

// Full blocks use plain loads and stores (masked stores are slow on some cores); only a tail is masked.
AVX2 static inline __m256 load(const float *p, ptrdiff_t n) {
    return n >= 8 ? _mm256_loadu_ps(p) : _mm256_maskload_ps(p, lane_mask(n));
}

AVX2 static inline void store(float *p, __m256 v, ptrdiff_t n) {
    if (n >= 8)
        _mm256_storeu_ps(p, v);
    else
        _mm256_maskstore_ps(p, lane_mask(n), v);
}

AVX2 static void lstm_forward_avx2(ptrdiff_t rows, ptrdiff_t h, const float *gi, const float *gh, const float *bias,
                                   const float *cx, float *hy, float *cy, float *ws) {
    for (ptrdiff_t b = 0; b < rows; b++) {
        const float *xi = gi + b * 4 * h, *xh = gh + b * 4 * h, *c0 = cx + b * h;
        float *h1 = hy + b * h, *c1 = cy + b * h, *w = ws + b * 5 * h;
        for (ptrdiff_t j = 0; j < h; j += 8) {
            ptrdiff_t m = h - j;
            __m256 pre[4];
            for (int k = 0; k < 4; k++) {
                __m256 hidden = load(xh + k * h + j, m);
                if (bias) hidden = _mm256_add_ps(hidden, load(bias + k * h + j, m));
                pre[k] = _mm256_add_ps(load(xi + k * h + j, m), hidden);
            }
            __m256 i = sigmoid8(pre[0]), f = sigmoid8(pre[1]), g = tanh8(pre[2]), o = sigmoid8(pre[3]);
            __m256 c = _mm256_add_ps(_mm256_mul_ps(f, load(c0 + j, m)), _mm256_mul_ps(i, g));
            __m256 tc = tanh8(c);
            store(c1 + j, c, m);
            store(h1 + j, _mm256_mul_ps(o, tc), m);
            store(w + j, i, m);
            store(w + h + j, f, m);
            store(w + 2 * h + j, g, m);
            store(w + 3 * h + j, o, m);
            store(w + 4 * h + j, tc, m);
        }
    }
}

AVX2 void cvk_lstm_backward_f32(ptrdiff_t rows, ptrdiff_t h, const float *dhy, const float *dcy, const float *cx,
                                const float *ws, float *dgates, float *dcx) {
    const __m256 one = _mm256_set1_ps(1.0f);
    for (ptrdiff_t b = 0; b < rows; b++) {
        const float *w = ws + b * 5 * h, *c0 = cx + b * h;
        float *dg = dgates + b * 4 * h, *dc0 = dcx + b * h;
        for (ptrdiff_t j = 0; j < h; j += 8) {
            ptrdiff_t m = h - j;
            __m256 i = load(w + j, m), f = load(w + h + j, m), g = load(w + 2 * h + j, m);
            __m256 o = load(w + 3 * h + j, m), tc = load(w + 4 * h + j, m);
            __m256 dh = dhy ? load(dhy + b * h + j, m) : _mm256_setzero_ps();
            __m256 dc = dcy ? load(dcy + b * h + j, m) : _mm256_setzero_ps();
            // dc += dh·o·(1 − tanh²c'), then each gate's derivative through its activation.
            dc = _mm256_add_ps(dc, _mm256_mul_ps(_mm256_mul_ps(dh, o), _mm256_sub_ps(one, _mm256_mul_ps(tc, tc))));
            __m256 di = _mm256_mul_ps(_mm256_mul_ps(dc, g), _mm256_mul_ps(i, _mm256_sub_ps(one, i)));
            __m256 df = _mm256_mul_ps(_mm256_mul_ps(dc, load(c0 + j, m)), _mm256_mul_ps(f, _mm256_sub_ps(one, f)));
            __m256 dgg = _mm256_mul_ps(_mm256_mul_ps(dc, i), _mm256_sub_ps(one, _mm256_mul_ps(g, g)));
            __m256 d_o = _mm256_mul_ps(_mm256_mul_ps(dh, tc), _mm256_mul_ps(o, _mm256_sub_ps(one, o)));
            store(dg + j, di, m);
            store(dg + h + j, df, m);
            store(dg + 2 * h + j, dgg, m);
            store(dg + 3 * h + j, d_o, m);
            store(dc0 + j, _mm256_mul_ps(dc, f), m);
        }
    }
}

// The same two kernels sixteen units per vector (AVX-512 masks make the tail loads and stores cheap).
AVX512 static inline __mmask16 lanes16(ptrdiff_t n) { return n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1); }

AVX512 static inline __m512 load16(const float *p, __mmask16 m) { return _mm512_maskz_loadu_ps(m, p); }

AVX512 static void lstm_forward_avx512(ptrdiff_t rows, ptrdiff_t h, const float *gi, const float *gh, const float *bias,
                                       const float *cx, float *hy, float *cy, float *ws) {
    for (ptrdiff_t b = 0; b < rows; b++) {
        const float *xi = gi + b * 4 * h, *xh = gh + b * 4 * h, *c0 = cx + b * h;
        float *h1 = hy + b * h, *c1 = cy + b * h, *w = ws + b * 5 * h;
        for (ptrdiff_t j = 0; j < h; j += 16) {
            __mmask16 m = lanes16(h - j);
            __m512 pre[4];
            for (int k = 0; k < 4; k++) {
                __m512 hidden = load16(xh + k * h + j, m);
                if (bias) hidden = _mm512_add_ps(hidden, load16(bias + k * h + j, m));
                pre[k] = _mm512_add_ps(load16(xi + k * h + j, m), hidden);
            }
            __m512 i = sigmoid16(pre[0]), f = sigmoid16(pre[1]), g = tanh16(pre[2]), o = sigmoid16(pre[3]);
            __m512 c = _mm512_add_ps(_mm512_mul_ps(f, load16(c0 + j, m)), _mm512_mul_ps(i, g));
            __m512 tc = tanh16(c);
            _mm512_mask_storeu_ps(c1 + j, m, c);
            _mm512_mask_storeu_ps(h1 + j, m, _mm512_mul_ps(o, tc));
            _mm512_mask_storeu_ps(w + j, m, i);
            _mm512_mask_storeu_ps(w + h + j, m, f);
            _mm512_mask_storeu_ps(w + 2 * h + j, m, g);
            _mm512_mask_storeu_ps(w + 3 * h + j, m, o);
            _mm512_mask_storeu_ps(w + 4 * h + j, m, tc);
        }
    }
}

void cvk_lstm_forward_f32(ptrdiff_t rows, ptrdiff_t h, const float *gi, const float *gh, const float *bias,
                          const float *cx, float *hy, float *cy, float *ws) {
    static int avx512 = -1;
    if (avx512 < 0) avx512 = cvk_avx512_available();
    (avx512 ? lstm_forward_avx512 : lstm_forward_avx2)(rows, h, gi, gh, bias, cx, hy, cy, ws);
}

#else
// Other architectures: TensorCore uses its Swift rows (AVX2 availability is 0); these keep the symbols
// defined and correct.
#include <math.h>

static float sigmoidf_(float v) { return 1.0f / (1.0f + expf(-v)); }

void cvk_lstm_forward_f32(ptrdiff_t rows, ptrdiff_t h, const float *gi, const float *gh, const float *bias,
                          const float *cx, float *hy, float *cy, float *ws) {
    for (ptrdiff_t b = 0; b < rows; b++)
        for (ptrdiff_t j = 0; j < h; j++) {
            float pre[4];
            for (int k = 0; k < 4; k++)
                pre[k] = gi[b * 4 * h + k * h + j] + (gh[b * 4 * h + k * h + j] + (bias ? bias[k * h + j] : 0.0f));
            float i = sigmoidf_(pre[0]), f = sigmoidf_(pre[1]), g = tanhf(pre[2]), o = sigmoidf_(pre[3]);
            float c = f * cx[b * h + j] + i * g, tc = tanhf(c);
            cy[b * h + j] = c;
            hy[b * h + j] = o * tc;
            float *w = ws + b * 5 * h;
            w[j] = i, w[h + j] = f, w[2 * h + j] = g, w[3 * h + j] = o, w[4 * h + j] = tc;
        }
}

void cvk_lstm_backward_f32(ptrdiff_t rows, ptrdiff_t h, const float *dhy, const float *dcy, const float *cx,
                           const float *ws, float *dgates, float *dcx) {
    for (ptrdiff_t b = 0; b < rows; b++)
        for (ptrdiff_t j = 0; j < h; j++) {
            const float *w = ws + b * 5 * h;
            float i = w[j], f = w[h + j], g = w[2 * h + j], o = w[3 * h + j], tc = w[4 * h + j];
            float dh = dhy ? dhy[b * h + j] : 0.0f, dc = dcy ? dcy[b * h + j] : 0.0f;
            dc += dh * o * (1 - tc * tc);
            float *dg = dgates + b * 4 * h;
            dg[j] = dc * g * (i * (1 - i));
            dg[h + j] = dc * cx[b * h + j] * (f * (1 - f));
            dg[2 * h + j] = dc * i * (1 - g * g);
            dg[3 * h + j] = dh * tc * (o * (1 - o));
            dcx[b * h + j] = dc * f;
        }
}
#endif
