// Fused optimizer update kernels for Optimizers: one pass over a contiguous range of a parameter and
// its gradient and state (read each once, write each once, no temporaries), in torch's order of
// operations. Compiled twice: an AVX2+FMA version (picked at run time when the CPU has both) and a
// baseline one; both round identically (fused multiply-adds exactly where ATen's kernels use them).
#ifndef COPTIMIZERKERNELS_H
#define COPTIMIZERKERNELS_H
#include <stdbool.h>
#include <stddef.h>

/// torch.optim.SGD's per-parameter hyper-parameters. `first`: the momentum buffer was created this
/// step (torch clones the gradient into it instead of decaying it).
typedef struct {
    double lr, momentum, dampening, weight_decay;
    bool nesterov, maximize, first;
} optim_sgd_args;

/// torch.optim.Adam / AdamW: `step_size` is lr / (1 - beta1^step), `bias_correction2_sqrt` is
/// (1 - beta2^step)^0.5, both computed in double as torch's Python code does.
typedef struct {
    double lr, beta1, beta2, eps, weight_decay, step_size, bias_correction2_sqrt;
    bool decoupled_weight_decay, maximize;
} optim_adam_args;

/// `buffer` is NULL when momentum is 0.
void optim_sgd_f32(float *param, const float *grad, float *buffer, size_t n, const optim_sgd_args *args);
void optim_sgd_f64(double *param, const double *grad, double *buffer, size_t n, const optim_sgd_args *args);

/// `max_exp_avg_sq` is NULL unless amsgrad.
void optim_adam_f32(float *param, const float *grad, float *exp_avg, float *exp_avg_sq, float *max_exp_avg_sq, size_t n,
                    const optim_adam_args *args);
void optim_adam_f64(double *param, const double *grad, double *exp_avg, double *exp_avg_sq, double *max_exp_avg_sq,
                    size_t n, const optim_adam_args *args);

/// `dst += alpha * src` with one rounding per element (ATen's `add_(src, alpha=)`).
void optim_add_scaled_f32(float *dst, const float *src, size_t n, double alpha);
void optim_add_scaled_f64(double *dst, const double *src, size_t n, double alpha);

/// The instruction set in use: 1 = AVX2+FMA, 0 = baseline. `optim_kernels_select(isa)` forces one
/// (tests compare both; asking for AVX2 on a CPU without it keeps the baseline) and returns the one in use.
int optim_kernels_isa(void);
int optim_kernels_select(int isa);

#endif
