// See include/cvk_random.h. Bit-identical to drawing with torch's at::mt19937 word by word: the state is
// twisted when torch's `left` counter says so, words are tempered in order, and a bernoulli test on
// random64()'s 53-bit double u < p is done as the equivalent integer test k < ceil(p·2^53).
#include "cvk_random.h"

#include <math.h>

#include "cvector_kernels.h"

#define INLINE static inline __attribute__((always_inline))

enum { MT_N = 624, MT_M = 397 };

static _Thread_local int portable = 0;
void cvk_random_set_portable(int on) { portable = on; }

INLINE uint32_t twist(uint32_t u, uint32_t v) {
    uint32_t mixed = (u & 0x80000000u) | (v & 0x7FFFFFFFu);
    return (mixed >> 1) ^ ((v & 1u) ? 0x9908B0DFu : 0u);
}

// torch's next_state: all 624 words at once (inlined into both bodies below, exported for MT19937).
INLINE void regenerate(uint32_t *p) {
    for (int j = 0; j < MT_N - MT_M; j++) p[j] = p[j + MT_M] ^ twist(p[j], p[j + 1]);
    for (int j = MT_N - MT_M; j < MT_N - 1; j++) p[j] = p[j + MT_M - MT_N] ^ twist(p[j], p[j + 1]);
    p[MT_N - 1] = p[MT_M - 1] ^ twist(p[MT_N - 1], p[0]);
}

void cvk_mt19937_twist(uint32_t *state) { regenerate(state); }

// `count` tempered words into `out`. A word drawn right after a twist does not count down `left` (torch
// sets left = 624 and then takes word 0), hence left = 625 here before taking words.
INLINE void draw_words(uint32_t *state, intptr_t *left, intptr_t *next, uint32_t *out, ptrdiff_t count) {
    while (count > 0) {
        if (*left <= 1) {
            regenerate(state);
            *left = MT_N + 1;
            *next = 0;
        }
        ptrdiff_t k = *left - 1 < count ? *left - 1 : count;
        const uint32_t *src = state + *next;
        for (ptrdiff_t i = 0; i < k; i++) {
            uint32_t y = src[i];
            y ^= y >> 11;
            y ^= (y << 7) & 0x9D2C5680u;
            y ^= (y << 15) & 0xEFC60000u;
            y ^= y >> 18;
            out[i] = y;
        }
        *next += k;
        *left -= k;
        out += k;
        count -= k;
    }
}

INLINE void bernoulli_blocks(uint32_t *state, intptr_t *left, intptr_t *next, float *out, ptrdiff_t n, double p,
                             float value) {
    // u = k·2^-53 < p  ⟺  k < p·2^53 (exact: a power-of-two scaling)  ⟺  k < ceil(p·2^53) for integer k.
    const uint64_t threshold = (uint64_t)ceil(p * 9007199254740992.0);
    enum { BLOCK = 512 };
    uint32_t words[2 * BLOCK];
    for (ptrdiff_t start = 0; start < n; start += BLOCK) {
        ptrdiff_t m = n - start < BLOCK ? n - start : BLOCK;
        draw_words(state, left, next, words, 2 * m);
        float *o = out + start;
        for (ptrdiff_t i = 0; i < m; i++) {
            uint64_t k = ((uint64_t)(words[2 * i] & 0x1FFFFFu) << 32) | words[2 * i + 1];
            o[i] = k < threshold ? value : 0.0f;
        }
    }
}

// The same body compiled twice, for plain x86-64 (SSE2) and for AVX2, which runs the twist, the tempering
// and the 64-bit compares eight lanes wide (about twice as fast). Same bits either way.
static void bernoulli_portable(uint32_t *state, intptr_t *left, intptr_t *next, float *out, ptrdiff_t n, double p,
                               float value) {
    bernoulli_blocks(state, left, next, out, n, p, value);
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void bernoulli_avx2(uint32_t *state, intptr_t *left, intptr_t *next, float *out,
                                                           ptrdiff_t n, double p, float value) {
    bernoulli_blocks(state, left, next, out, n, p, value);
}
#endif

void cvk_mt19937_bernoulli_f32(uint32_t *state, intptr_t *left, intptr_t *next, float *out, ptrdiff_t n, double p,
                               float value) {
#if defined(__x86_64__)
    if (!portable && cvk_avx2_fma_available()) {
        bernoulli_avx2(state, left, next, out, n, p, value);
        return;
    }
#endif
    bernoulli_portable(state, left, next, out, n, p, value);
}
