// SGD's fused update for one element type (see vec_impl.h), in torch's single-tensor order:
//   d = ±grad; d = d + wd·p; buf = d (first step) or buf·momentum + (1−dampening)·d;
//   d = nesterov ? d + momentum·buf : buf; p = p − lr·d
// where each `x + a·y` is ATen's `add(alpha=)`, an FMA.

typedef struct {
    T neg_lr, momentum, keep, wd, sign;
} FN(sgd_k_);

enum { FN(SGD_PLAIN_), FN(SGD_FIRST_), FN(SGD_FIRST_NESTEROV_), FN(SGD_MOMENTUM_), FN(SGD_NESTEROV_) };

OPTIM_INLINE void FN(sgd_vec_)(T *p, const T *g, T *b, const FN(sgd_k_) * k, int wd, int mode) {
    V pv = FN(load_)(p);
    V d = FN(load_)(g) * k->sign;
    if (wd) d = FMA(pv, FN(splat_)(k->wd), d);
    if (mode != FN(SGD_PLAIN_)) {
        const V mom = FN(splat_)(k->momentum);
        const int first = mode == FN(SGD_FIRST_) || mode == FN(SGD_FIRST_NESTEROV_);
        const int nesterov = mode == FN(SGD_FIRST_NESTEROV_) || mode == FN(SGD_NESTEROV_);
        V bv = first ? d : FMA(d, FN(splat_)(k->keep), FN(load_)(b) * mom);
        FN(store_)(b, bv);
        d = nesterov ? FMA(bv, mom, d) : bv;
    }
    FN(store_)(p, FMA(d, FN(splat_)(k->neg_lr), pv));
}

OPTIM_INLINE void FN(sgd_range_)(T *p, const T *g, T *b, size_t n, const FN(sgd_k_) * k, int wd, int mode) {
    size_t i = 0;
    for (; i + W <= n; i += W) FN(sgd_vec_)(p + i, g + i, mode ? b + i : b, k, wd, mode);
    if (i == n) return;
    // The tail goes through the same vector code on a padded copy, so every element rounds alike.
    T tp[W] = {0}, tg[W] = {0}, tb[W] = {0};
    const size_t r = n - i;
    __builtin_memcpy(tp, p + i, r * sizeof(T));
    __builtin_memcpy(tg, g + i, r * sizeof(T));
    if (mode) __builtin_memcpy(tb, b + i, r * sizeof(T));
    FN(sgd_vec_)(tp, tg, tb, k, wd, mode);
    __builtin_memcpy(p + i, tp, r * sizeof(T));
    if (mode) __builtin_memcpy(b + i, tb, r * sizeof(T));
}

// Each (weight decay, mode) pair gets its own branch-free loop.
#define SGD_MODES(wd)                                                                                                  \
    switch (mode) {                                                                                                    \
    case FN(SGD_PLAIN_):                                                                                               \
        FN(sgd_range_)(p, g, b, n, k, wd, FN(SGD_PLAIN_));                                                             \
        break;                                                                                                         \
    case FN(SGD_FIRST_):                                                                                               \
        FN(sgd_range_)(p, g, b, n, k, wd, FN(SGD_FIRST_));                                                             \
        break;                                                                                                         \
    case FN(SGD_FIRST_NESTEROV_):                                                                                      \
        FN(sgd_range_)(p, g, b, n, k, wd, FN(SGD_FIRST_NESTEROV_));                                                    \
        break;                                                                                                         \
    case FN(SGD_MOMENTUM_):                                                                                            \
        FN(sgd_range_)(p, g, b, n, k, wd, FN(SGD_MOMENTUM_));                                                          \
        break;                                                                                                         \
    default:                                                                                                           \
        FN(sgd_range_)(p, g, b, n, k, wd, FN(SGD_NESTEROV_));                                                          \
        break;                                                                                                         \
    }
#define SGD_DISPATCH                                                                                                   \
    if (has_wd) {                                                                                                      \
        SGD_MODES(1)                                                                                                   \
    } else {                                                                                                           \
        SGD_MODES(0)                                                                                                   \
    }

static OPTIM_AVX2 void FN(sgd_avx2_)(T *p, const T *g, T *b, size_t n, const FN(sgd_k_) * k, int has_wd, int mode) {
    SGD_DISPATCH
}

static void FN(sgd_base_)(T *p, const T *g, T *b, size_t n, const FN(sgd_k_) * k, int has_wd, int mode) { SGD_DISPATCH }

void FN(optim_sgd_)(T *p, const T *g, T *b, size_t n, const optim_sgd_args *a) {
    // torch rounds each Python-float scalar to the parameter's dtype.
    const FN(sgd_k_)
        k = {(T)(-a->lr), (T)a->momentum, (T)(1 - a->dampening), (T)a->weight_decay, a->maximize ? (T)-1 : (T)1};
    int mode = FN(SGD_PLAIN_);
    if (b) {
        if (a->first)
            mode = a->nesterov ? FN(SGD_FIRST_NESTEROV_) : FN(SGD_FIRST_);
        else
            mode = a->nesterov ? FN(SGD_NESTEROV_) : FN(SGD_MOMENTUM_);
    }
    if (optim_kernels_isa())
        FN(sgd_avx2_)(p, g, b, n, &k, a->weight_decay != 0, mode);
    else
        FN(sgd_base_)(p, g, b, n, &k, a->weight_decay != 0, mode);
}

#undef SGD_MODES
#undef SGD_DISPATCH
