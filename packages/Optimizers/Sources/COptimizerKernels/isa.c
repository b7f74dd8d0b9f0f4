// Run-time choice between the AVX2+FMA kernels and the baseline ones (x86-64 without AVX2, or any
// other architecture).
#include "isa.h"
#if defined(__x86_64__)
#include <cpuid.h>
#endif

// Relaxed atomics: threads racing on the first call all compute and store the same value.
static int detected = -1;
static int selected = -1;

static int load(int *v) { return __atomic_load_n(v, __ATOMIC_RELAXED); }
static void store(int *v, int x) { __atomic_store_n(v, x, __ATOMIC_RELAXED); }

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

static int cpu_has_avx2_fma(void) {
    if (load(&detected) < 0) store(&detected, detect());
    return load(&detected);
}

int optim_kernels_isa(void) {
    if (load(&selected) < 0) store(&selected, cpu_has_avx2_fma());
    return load(&selected);
}

int optim_kernels_select(int isa) {
    store(&selected, isa && cpu_has_avx2_fma() ? 1 : 0);
    return load(&selected);
}
