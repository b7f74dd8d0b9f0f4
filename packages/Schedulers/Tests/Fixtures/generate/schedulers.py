"""Learning-rate sequences of every scheduler over 300 steps (optimizer.step() then scheduler.step()),
with two param groups (lr 0.1 and 0.01). Run: ~/torchenv/bin/python packages/Schedulers/Tests/Fixtures/generate/schedulers.py
"""
import math
import warnings
import torch
from torch.optim import lr_scheduler as S
from fixturelib import save

STEPS = 300
warnings.simplefilter("ignore")


def make_opt(kind="sgd"):
    ps = [torch.zeros(2, requires_grad=True), torch.zeros(3, requires_grad=True)]
    groups = [{"params": [ps[0]]}, {"params": [ps[1]], "lr": 0.01}]
    if kind == "adam":
        return torch.optim.Adam(groups, lr=0.1)
    return torch.optim.SGD(groups, lr=0.1, momentum=0.9)


def record(opt, sched, stepper=None):
    lrs, moms = [sched.get_last_lr()], [[g["betas"][0] if "betas" in g else g["momentum"] for g in opt.param_groups]]
    for t in range(STEPS):
        opt.step()
        (stepper or (lambda t: sched.step()))(t)
        lrs.append(sched.get_last_lr())
        moms.append([g["betas"][0] if "betas" in g else g["momentum"] for g in opt.param_groups])
    return {"lrs": lrs, "momentums": moms}


metrics = [1.0 / (1 + 0.05 * t) if t < 60 else 0.25 + 0.001 * math.sin(t) for t in range(STEPS)]
cases = {"metrics": metrics}

def add(name, build, stepper=None, kind="sgd"):
    opt = make_opt(kind)
    sched = build(opt)
    result = record(opt, sched, stepper(sched) if stepper else None)
    if not name.startswith(("OneCycleLR", "CyclicLR")) or name.endswith("no_momentum"):
        del result["momentums"]  # only OneCycleLR and CyclicLR change momentum
    cases[name] = result

add("StepLR", lambda o: S.StepLR(o, step_size=30, gamma=0.5))
add("MultiStepLR", lambda o: S.MultiStepLR(o, milestones=[50, 100, 100, 250], gamma=0.3))
add("ExponentialLR", lambda o: S.ExponentialLR(o, gamma=0.99))
add("CosineAnnealingLR", lambda o: S.CosineAnnealingLR(o, T_max=70, eta_min=0.001))
add("CosineAnnealingLR_eta0", lambda o: S.CosineAnnealingLR(o, T_max=100))
add("OneCycleLR_cos", lambda o: S.OneCycleLR(o, max_lr=[1.0, 0.1], total_steps=STEPS))
add("OneCycleLR_linear_three_phase", lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=STEPS + 10, anneal_strategy="linear", three_phase=True, pct_start=0.25))
add("OneCycleLR_adam", lambda o: S.OneCycleLR(o, max_lr=0.01, epochs=10, steps_per_epoch=30), kind="adam")
add("ReduceLROnPlateau", lambda o: S.ReduceLROnPlateau(o, patience=5, factor=0.5, threshold=1e-3, cooldown=3, min_lr=[1e-4, 1e-5]),
    stepper=lambda s: (lambda t: s.step(metrics[t])))
add("ReduceLROnPlateau_max_abs", lambda o: S.ReduceLROnPlateau(o, mode="max", threshold_mode="abs", threshold=0.01, patience=3),
    stepper=lambda s: (lambda t: s.step(-metrics[t])))
add("CosineAnnealingWarmRestarts", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=10, T_mult=2, eta_min=1e-3))
add("CosineAnnealingWarmRestarts_fractional", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2),
    stepper=lambda s: (lambda t: s.step(t / 10)))
add("CosineAnnealingWarmRestarts_fractional_mult1", lambda o: S.CosineAnnealingWarmRestarts(o, T_0=4),
    stepper=lambda s: (lambda t: s.step(t / 7)))
add("LambdaLR", lambda o: S.LambdaLR(o, lr_lambda=lambda e: 0.95 ** e))
add("LambdaLR_per_group", lambda o: S.LambdaLR(o, lr_lambda=[lambda e: 0.95 ** e, lambda e: 1.0 / (1 + e)]))
add("MultiplicativeLR", lambda o: S.MultiplicativeLR(o, lr_lambda=lambda e: 0.99))
add("LinearLR", lambda o: S.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=40))
add("ConstantLR", lambda o: S.ConstantLR(o, factor=0.25, total_iters=20))
add("PolynomialLR", lambda o: S.PolynomialLR(o, total_iters=200, power=2.0))
add("SequentialLR", lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.1, total_iters=20), S.CosineAnnealingLR(o, T_max=100), S.ExponentialLR(o, gamma=0.98)], milestones=[20, 150]))
add("ChainedScheduler", lambda o: S.ChainedScheduler([S.ConstantLR(o, factor=0.5, total_iters=10), S.ExponentialLR(o, gamma=0.99), S.StepLR(o, step_size=60, gamma=0.5)]))
add("CyclicLR_triangular", lambda o: S.CyclicLR(o, base_lr=[0.01, 0.001], max_lr=[0.1, 0.05], step_size_up=20))
add("CyclicLR_triangular2", lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=15, step_size_down=35, mode="triangular2",
                                                 base_momentum=[0.85, 0.7], max_momentum=[0.95, 0.9]))
add("CyclicLR_exp_range", lambda o: S.CyclicLR(o, base_lr=0.001, max_lr=0.1, step_size_up=25, mode="exp_range", gamma=0.995))
add("CyclicLR_scale_fn_iterations", lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=12, step_size_down=8,
                                                         scale_fn=lambda x: 1 / (1 + 0.01 * x), scale_mode="iterations"))
add("CyclicLR_scale_fn_cycle", lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=30, scale_fn=lambda x: 0.8 ** x))
add("CyclicLR_adam", lambda o: S.CyclicLR(o, base_lr=0.001, max_lr=0.01, step_size_up=40, step_size_down=10,
                                          base_momentum=0.85, max_momentum=0.95), kind="adam")
add("CyclicLR_no_momentum", lambda o: S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=7, cycle_momentum=False))

# The scheduler's state dict keys and the optimizer's param_groups after a OneCycleLR.
o = make_opt()
s = S.StepLR(o, step_size=30, gamma=0.5)
cases["StepLR_state_keys"] = sorted(s.state_dict().keys())
for kind in ("sgd", "adam"):
    o = make_opt(kind)
    s = S.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=5, mode="exp_range", gamma=0.9)
    for _ in range(7):
        o.step()
        s.step()
    cases[f"CyclicLR_state_{kind}"] = {"state": s.state_dict(), "param_group_keys": [sorted(g.keys()) for g in o.param_groups]}
o = make_opt()
s = S.CyclicLR(o, base_lr=0.01, max_lr=0.1, cycle_momentum=False)
cases["CyclicLR_state_no_momentum"] = {"state": s.state_dict(), "param_group_keys": [sorted(g.keys()) for g in o.param_groups]}
save("schedulers", cases)
