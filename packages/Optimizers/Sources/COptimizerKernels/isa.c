// Run-time choice between the AVX2+FMA kernels and the baseline ones (x86-64 without AVX2, or any
// other architecture).
#include "isa.h"
#include "cvector_kernels.h"

// Relaxed atomics: threads racing on the first call all compute and store the same value.
static int selected = -1;

static int load(int *v) { return __atomic_load_n(v, __ATOMIC_RELAXED); }
static void store(int *v, int x) { __atomic_store_n(v, x, __ATOMIC_RELAXED); }

// TensorCore's one instruction-set switch (the CPU, lowered by ATEN_CPU_CAPABILITY) decides here too.
static int cpu_has_avx2_fma(void) { return cvk_avx2_fma_available(); }

int optim_kernels_isa(void) {
    if (load(&selected) < 0) store(&selected, cpu_has_avx2_fma());
    return load(&selected);
}

int optim_kernels_select(int isa) {
    store(&selected, isa && cpu_has_avx2_fma() ? 1 : 0);
    return load(&selected);
}
