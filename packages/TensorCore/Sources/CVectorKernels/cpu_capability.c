// The instruction-set level every kernel may use: the CPU's best, lowered by ATEN_CPU_CAPABILITY — torch's
// own switch, so one variable forces both libraries onto their AVX2 or portable paths (an AVX2-only
// machine, or a bug hunt, is testable on an AVX-512 one). Read once; a level the CPU lacks is never used.
#include "cvector_kernels.h"
#include "cvk_bf16gemm.h"
#include "cvk_half.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hardware_level(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
        __builtin_cpu_supports("avx512dq"))
        return CVK_CPU_AVX512;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return CVK_CPU_AVX2;
#endif
    return CVK_CPU_DEFAULT;
}

// The level named by `value` (torch's spellings), or -1 when it names none.
static int requested_level(const char *value) {
    if (strcmp(value, "avx512") == 0) return CVK_CPU_AVX512;
    if (strcmp(value, "avx2") == 0) return CVK_CPU_AVX2;
    if (strcmp(value, "default") == 0) return CVK_CPU_DEFAULT;
    return -1;
}

static int compute_level(void) {
    int level = hardware_level();
    const char *value = getenv("ATEN_CPU_CAPABILITY");
    if (value == NULL) return level;
    int requested = requested_level(value);
    if (requested < 0) {
        // torch's warning for the same mistake; the CPU's own level stays.
        fprintf(stderr, "Warning: ignoring invalid value for ATEN_CPU_CAPABILITY: %s\n", value);
        return level;
    }
    return requested < level ? requested : level;
}

// Relaxed atomics: threads racing on the first call all compute and store the same value (the
// environment is read before any thread could change it).
static int cached = -1;

int cvk_cpu_capability(void) {
    int level = __atomic_load_n(&cached, __ATOMIC_RELAXED);
    if (level < 0) {
        level = compute_level();
        __atomic_store_n(&cached, level, __ATOMIC_RELAXED);
    }
    return level;
}

int cvk_cpu_hardware_capability(void) { return hardware_level(); }

int cvk_avx2_fma_available(void) { return cvk_cpu_capability() >= CVK_CPU_AVX2; }

int cvk_avx512_available(void) { return cvk_cpu_capability() >= CVK_CPU_AVX512; }

// AVX512_BF16 rides on the AVX-512 level (ATEN_CPU_CAPABILITY=avx2 turns it off with the rest).
int cvk_avx512_bf16_available(void) {
#if defined(__x86_64__) || defined(__i386__)
    return cvk_avx512_available() && __builtin_cpu_supports("avx512bf16");
#else
    return 0;
#endif
}

// F16C ships with every AVX2 and AVX-512 x86 CPU but is its own CPUID bit, so it is checked too.
int cvk_f16c_available(void) {
#if defined(__x86_64__) || defined(__i386__)
    return cvk_avx2_fma_available() && __builtin_cpu_supports("f16c");
#else
    return 0;
#endif
}
