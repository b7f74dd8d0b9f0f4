// Adam's fused update for one element type (see vec_impl.h), in torch's single-tensor order:
//   p = p·(1 − lr·wd) (decoupled);  d = ±grad (+ wd·p, coupled);  m = lerp(m, d, 1 − β1);
//   v = v·β2 + ((1 − β2)·d)·d;  v̂ = max(v̂, v) (amsgrad);  p = p + (−step_size·m) / (√v / bc2 + eps)
// with ATen's FMAs: `add(alpha=)`, `lerp` (its base switching at weight 0.5) and `addcmul`.

typedef struct {
    T decay, wd, sign, w1, w1m1, b2, w2, bc2, eps, neg_step;
} FN(adam_k_);

enum { FN(ADAM_NO_WD_), FN(ADAM_COUPLED_), FN(ADAM_DECOUPLED_) };

OPTIM_INLINE void FN(adam_vec_)(T *p, const T *g, T *m, T *v, T *vmax, const FN(adam_k_) * k, int wd, int amsgrad,
                                int small_weight) {
    V pv = FN(load_)(p);
    if (wd == FN(ADAM_DECOUPLED_)) pv = pv * k->decay;
    V d = FN(load_)(g) * k->sign;
    if (wd == FN(ADAM_COUPLED_)) d = FMA(pv, FN(splat_)(k->wd), d);
    V mv = FN(load_)(m);
    mv = small_weight ? FMA(FN(splat_)(k->w1), d - mv, mv) : FMA(FN(splat_)(k->w1m1), d - mv, d);
    FN(store_)(m, mv);
    V vv = FMA(d * k->w2, d, FN(load_)(v) * k->b2);
    FN(store_)(v, vv);
    if (amsgrad) {
        vv = FN(nanmax_)(FN(load_)(vmax), vv);
        FN(store_)(vmax, vv);
    }
    const V denom = __builtin_elementwise_sqrt(vv) / k->bc2 + k->eps;
    FN(store_)(p, pv + (mv * k->neg_step) / denom);
}

OPTIM_INLINE void FN(adam_range_)(T *p, const T *g, T *m, T *v, T *vmax, size_t n, const FN(adam_k_) * k, int wd,
                                  int amsgrad, int small_weight) {
    size_t i = 0;
    for (; i + W <= n; i += W)
        FN(adam_vec_)(p + i, g + i, m + i, v + i, amsgrad ? vmax + i : vmax, k, wd, amsgrad, small_weight);
    if (i == n) return;
    // The tail goes through the same vector code on a padded copy, so every element rounds alike.
    T tp[W] = {0}, tg[W] = {0}, tm[W] = {0}, tv[W] = {0}, tx[W] = {0};
    const size_t r = n - i, bytes = r * sizeof(T);
    __builtin_memcpy(tp, p + i, bytes);
    __builtin_memcpy(tg, g + i, bytes);
    __builtin_memcpy(tm, m + i, bytes);
    __builtin_memcpy(tv, v + i, bytes);
    if (amsgrad) __builtin_memcpy(tx, vmax + i, bytes);
    FN(adam_vec_)(tp, tg, tm, tv, tx, k, wd, amsgrad, small_weight);
    __builtin_memcpy(p + i, tp, bytes);
    __builtin_memcpy(m + i, tm, bytes);
    __builtin_memcpy(v + i, tv, bytes);
    if (amsgrad) __builtin_memcpy(vmax + i, tx, bytes);
}

// Each (weight decay, amsgrad, lerp formula) triple gets its own branch-free loop.
#define ADAM_CASE(wd, ams, small) FN(adam_range_)(p, g, m, v, vmax, n, k, wd, ams, small)
#define ADAM_WD(ams, small)                                                                                            \
    switch (wd) {                                                                                                      \
    case FN(ADAM_NO_WD_):                                                                                              \
        ADAM_CASE(FN(ADAM_NO_WD_), ams, small);                                                                        \
        break;                                                                                                         \
    case FN(ADAM_COUPLED_):                                                                                            \
        ADAM_CASE(FN(ADAM_COUPLED_), ams, small);                                                                      \
        break;                                                                                                         \
    default:                                                                                                           \
        ADAM_CASE(FN(ADAM_DECOUPLED_), ams, small);                                                                    \
        break;                                                                                                         \
    }
#define ADAM_DISPATCH                                                                                                  \
    if (vmax) {                                                                                                        \
        if (small_weight) {                                                                                            \
            ADAM_WD(1, 1)                                                                                              \
        } else {                                                                                                       \
            ADAM_WD(1, 0)                                                                                              \
        }                                                                                                              \
    } else {                                                                                                           \
        if (small_weight) {                                                                                            \
            ADAM_WD(0, 1)                                                                                              \
        } else {                                                                                                       \
            ADAM_WD(0, 0)                                                                                              \
        }                                                                                                              \
    }

static OPTIM_AVX2 void FN(adam_avx2_)(T *p, const T *g, T *m, T *v, T *vmax, size_t n, const FN(adam_k_) * k, int wd,
                                      int small_weight) {
    ADAM_DISPATCH
}

static void FN(adam_base_)(T *p, const T *g, T *m, T *v, T *vmax, size_t n, const FN(adam_k_) * k, int wd,
                           int small_weight) {
    ADAM_DISPATCH
}

void FN(optim_adam_)(T *p, const T *g, T *m, T *v, T *vmax, size_t n, const optim_adam_args *a) {
    // torch rounds each Python-float scalar to the parameter's dtype; lerp's `weight - 1` is computed
    // in that dtype too.
    const T w1 = (T)(1 - a->beta1);
    const FN(adam_k_) k = {
        (T)(1 - a->lr * a->weight_decay),
        (T)a->weight_decay,
        a->maximize ? (T)-1 : (T)1,
        w1,
        w1 - (T)1,
        (T)a->beta2,
        (T)(1 - a->beta2),
        (T)a->bias_correction2_sqrt,
        (T)a->eps,
        (T)(-a->step_size),
    };
    const int wd = a->weight_decay == 0        ? FN(ADAM_NO_WD_)
                   : a->decoupled_weight_decay ? FN(ADAM_DECOUPLED_)
                                               : FN(ADAM_COUPLED_);
    const int small_weight = __builtin_fabs((double)w1) < 0.5;
    if (optim_kernels_isa())
        FN(adam_avx2_)(p, g, m, v, vmax, n, &k, wd, small_weight);
    else
        FN(adam_base_)(p, g, m, v, vmax, n, &k, wd, small_weight);
}

#undef ADAM_CASE
#undef ADAM_WD
#undef ADAM_DISPATCH
