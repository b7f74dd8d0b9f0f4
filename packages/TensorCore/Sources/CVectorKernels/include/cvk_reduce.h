// The float32 pairwise sum behind `sum`/`mean` of contiguous runs, in C so it runs eight lanes per
// instruction on AVX2 (Swift compiles for baseline SSE2, where its SIMD8 is two registers).
#ifndef CVK_REDUCE_H
#define CVK_REDUCE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Σ p[0..<n] in float, bit for bit the arithmetic of TensorCore's Swift `cascadeSum`: blocks of at most
/// 2048 summed in 32 lanes (four 8-lane accumulators), the lanes combined as ((a0+a1)+(a2+a3)) and then
/// in order from -0, the tail added in order; longer runs split at (n/2) rounded down to 32 and summed
/// pairwise.
float cvk_cascade_sum_f32(const float *p, ptrdiff_t n);

/// Tests: 1 runs the plain C body on this thread even where AVX2 is available (same bits either way).
void cvk_reduce_set_portable(int on);

#ifdef __cplusplus
}
#endif

#endif
