// The LSTM cell's element math over a block of batch rows, for float32 when `cvk_avx2_fma_available()`
// (AVX2+FMA; the forward runs AVX-512 where the CPU has it, with the same operations lane for lane).
// TensorCore's Swift SIMD rows (RNNGateKernels.swift) are the fallback.
// Row layouts as torch's: gates [rows, 4H] in the order i, f, g, o; states [rows, H]; the workspace the
// backward reads [rows, 5H] = i, f, g, o, tanh(c').
#ifndef CVK_RNN_H
#define CVK_RNN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// gates = gi + (gh + bias) (bias [4H] may be null); c' = f·c + i·g; h' = o·tanh(c').
void cvk_lstm_forward_f32(ptrdiff_t rows, ptrdiff_t hidden, const float *gi, const float *gh, const float *bias,
                          const float *cx, float *hy, float *cy, float *ws);

/// d(gates) [rows, 4H] and dc [rows, H] from dh' and dc' (either may be null: zero). dcx may alias dcy.
void cvk_lstm_backward_f32(ptrdiff_t rows, ptrdiff_t hidden, const float *dhy, const float *dcy, const float *cx,
                           const float *ws, float *dgates, float *dcx);

#ifdef __cplusplus
}
#endif

#endif
