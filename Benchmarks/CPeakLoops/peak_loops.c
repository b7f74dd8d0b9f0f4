// See include/peak_loops.h. The empty asm makes the operands opaque each round, so nothing is hoisted.
#include "peak_loops.h"

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("avx512f,avx512bf16"))) static float bf16_loop(long iterations) {
    __m512 acc[24];
    for (int i = 0; i < 24; i++) acc[i] = _mm512_setzero_ps();
    __m512bh x = (__m512bh)_mm512_set1_epi32(0x3F803F80), y = (__m512bh)_mm512_set1_epi32(0x3C003C00);
    for (long it = 0; it < iterations; it++) {
        __asm__ volatile("" : "+v"(x), "+v"(y));
#pragma clang loop unroll(full)
        for (int i = 0; i < 24; i++) acc[i] = _mm512_dpbf16_ps(acc[i], x, y);
    }
    __m512 s = acc[0];
    for (int i = 1; i < 24; i++) s = _mm512_add_ps(s, acc[i]);
    return _mm512_reduce_add_ps(s);
}

__attribute__((target("avx512f"))) static float f32_loop(long iterations) {
    __m512 acc[24];
    for (int i = 0; i < 24; i++) acc[i] = _mm512_setzero_ps();
    __m512 x = _mm512_set1_ps(1.0f), y = _mm512_set1_ps(0x1p-7f);
    for (long it = 0; it < iterations; it++) {
        __asm__ volatile("" : "+v"(x), "+v"(y));
#pragma clang loop unroll(full)
        for (int i = 0; i < 24; i++) acc[i] = _mm512_fmadd_ps(x, y, acc[i]);
    }
    __m512 s = acc[0];
    for (int i = 1; i < 24; i++) s = _mm512_add_ps(s, acc[i]);
    return _mm512_reduce_add_ps(s);
}

float peak_bf16_dot(long iterations) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512bf16") ? bf16_loop(iterations) : 0;
}

float peak_f32_fma(long iterations) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") ? f32_loop(iterations) : 0;
}
#else
float peak_bf16_dot(long iterations) { return 0; }
float peak_f32_fma(long iterations) { return 0; }
#endif
