// `dst.add_(src, alpha=alpha)` for one element type (see vec_impl.h): dst + alpha·src as one FMA per
// element, as ATen's add kernel computes it (LBFGS's vector updates).

OPTIM_INLINE void FN(axpy_range_)(T *dst, const T *src, size_t n, T alpha) {
    const V a = FN(splat_)(alpha);
    size_t i = 0;
    for (; i + W <= n; i += W) FN(store_)(dst + i, FMA(FN(load_)(src + i), a, FN(load_)(dst + i)));
    if (i == n) return;
    T td[W] = {0}, ts[W] = {0};
    const size_t bytes = (n - i) * sizeof(T);
    __builtin_memcpy(td, dst + i, bytes);
    __builtin_memcpy(ts, src + i, bytes);
    FN(store_)(td, FMA(FN(load_)(ts), a, FN(load_)(td)));
    __builtin_memcpy(dst + i, td, bytes);
}

static OPTIM_AVX2 void FN(axpy_avx2_)(T *dst, const T *src, size_t n, T alpha) { FN(axpy_range_)(dst, src, n, alpha); }
static void FN(axpy_base_)(T *dst, const T *src, size_t n, T alpha) { FN(axpy_range_)(dst, src, n, alpha); }

void FN(optim_add_scaled_)(T *dst, const T *src, size_t n, double alpha) {
    if (optim_kernels_isa())
        FN(axpy_avx2_)(dst, src, n, (T)alpha);
    else
        FN(axpy_base_)(dst, src, n, (T)alpha);
}
