// Shared by the kernel files: the vector types, the ISA switch and the fused multiply-add spelling.
#ifndef OPTIM_ISA_H
#define OPTIM_ISA_H
#include "COptimizerKernels.h"

// Only the multiply-adds written as FMA below are fused, as in ATen's kernels; the compiler must not
// contract any other `a * b + c`.
#pragma STDC FP_CONTRACT OFF

#define OPTIM_CAT_(a, b) a##b
#define OPTIM_CAT(a, b)  OPTIM_CAT_(a, b)

#if defined(__x86_64__)
#define OPTIM_AVX2 __attribute__((target("avx2,fma")))
#else
#define OPTIM_AVX2
#endif
#define OPTIM_INLINE static inline __attribute__((always_inline))
// 32-byte vectors pass between always-inline helpers only, so the baseline build's ABI note is moot.
#pragma clang diagnostic ignored "-Wpsabi"

typedef float optim_vf32 __attribute__((vector_size(32)));
typedef double optim_vf64 __attribute__((vector_size(32)));
typedef int optim_vi32 __attribute__((vector_size(32)));
typedef long long optim_vi64 __attribute__((vector_size(32)));

#endif
