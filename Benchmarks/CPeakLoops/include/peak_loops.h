// One core's arithmetic peak, the ceiling TensorCore's GEMM kernels aim at: `iterations` rounds of 24
// independent register-only instructions (the micro-kernels' 24 accumulators). Each returns a value made
// from the accumulators so the loop is kept; 0 when the CPU lacks the instructions.
#ifndef PEAK_LOOPS_H
#define PEAK_LOOPS_H

/// 24 vdpbf16ps zmm per round: 64 flops each (16 lanes × 2 bf16 products, each a multiply and an add).
float peak_bf16_dot(long iterations);
/// 24 vfmadd231ps zmm per round: 32 flops each.
float peak_f32_fma(long iterations);

#endif
