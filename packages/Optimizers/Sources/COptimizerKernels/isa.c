// Run-time choice between the AVX2+FMA kernels and the baseline ones (x86-64 without AVX2, or any
// other architecture).
#include "isa.h"
#if defined(__x86_64__)
#include <cpuid.h>
#endif

static int detected = -1;  // a benign race: every thread computes the same value
static int selected = -1;

static int detect(void) {
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const bool fma = c & (1u << 12), osxsave = c & (1u << 27), avx = c & (1u << 28);
    if (!(fma && osxsave && avx)) return 0;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 6) != 6) return 0;  // the OS saves XMM and YMM registers
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & (1u << 5)) ? 1 : 0;  // AVX2
#else
    return 0;
#endif
}

int optim_kernels_isa(void) {
    if (selected < 0) {
        if (detected < 0) detected = detect();
        selected = detected;
    }
    return selected;
}

int optim_kernels_select(int isa) {
    if (detected < 0) detected = detect();
    selected = isa && detected ? 1 : 0;
    return selected;
}
