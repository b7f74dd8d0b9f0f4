// Vector helpers for one element type; included by each kernel file once per type with
// T (float or double), SUF (f32 or f64) and W (lanes in 32 bytes) defined.
#define V        OPTIM_CAT(optim_v, SUF)
#define FN(name) OPTIM_CAT(name, SUF)

OPTIM_INLINE V FN(load_)(const T *p) {
    V v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

OPTIM_INLINE void FN(store_)(T *p, V v) { __builtin_memcpy(p, &v, sizeof v); }

/// Broadcast (exact, keeps -0.0).
OPTIM_INLINE V FN(splat_)(T s) {
    V v;
    for (int i = 0; i < W; i++) v[i] = s;
    return v;
}

/// torch.maximum: NaN wins.
OPTIM_INLINE V FN(nanmax_)(V a, V b) {
    __typeof__(a > b) take = (a > b) | (a != a);
    return (V)((take & (__typeof__(take))a) | (~take & (__typeof__(take))b));
}

#define FMA __builtin_elementwise_fma
