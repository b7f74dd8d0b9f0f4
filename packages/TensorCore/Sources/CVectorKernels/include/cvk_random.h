// Bulk draws from PyTorch's mt19937 (at::mt19937): the same words in the same order as drawing them one
// at a time, produced a block at a time so the twist and the tempering run as vector loops.
#ifndef CVK_RANDOM_H
#define CVK_RANDOM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// torch's bernoulli_(p) on a contiguous float buffer: element i is `value` when the i-th 53-bit uniform
/// double (two 32-bit draws, the first high: random64()) is below p, else 0. `state` is the 624-word state,
/// `left`/`next` torch's counters (updated). 0 <= p <= 1.
void cvk_mt19937_bernoulli_f32(uint32_t *state, intptr_t *left, intptr_t *next, float *out, ptrdiff_t n, double p,
                               float value);

/// torch's next_state: twists all 624 words of `state` in place (MT19937.regenerate calls it too, so the
/// Swift word-at-a-time draws and the block draws share one twist).
void cvk_mt19937_twist(uint32_t *state);

/// Tests: 1 runs the plain C body on this thread even where AVX2 is available (same bits either way).
void cvk_random_set_portable(int on);

#ifdef __cplusplus
}
#endif

#endif
