"""Optimizers on bfloat16 and float16 parameters: 30 steps with fixed gradients from fixed parameters,
each optimizer with a couple of option sets, in both dtypes; the parameters and the state dict's state
after the steps, the state after 15 steps, and the parameters of a run saved after 15 steps with
`torch.save(opt.state_dict())`, loaded into a new optimizer and continued (torch casts loaded state
but "step" to the parameter's dtype, so NAdam's mu_product continues in bfloat16/float16). Sizes 12, 80 and 100
put elements both in ATen's 32-element vectorized blocks and in its scalar tails, whose roundings differ
for `add(..., alpha)`. Also mixed-dtype groups (float32 with bfloat16/float16). Inputs are stored in the
parameters' dtype, as torch converted them. Run:
~/torchenv/bin/python packages/Optimizers/Tests/Fixtures/generate/reduced_precision.py
"""
import io
import torch
from fixturelib import save

torch.manual_seed(0)
STEPS, HALF = 30, 15
SHAPES = [(3, 4), (2, 40), (100,)]
DTYPES = {"bfloat16": torch.bfloat16, "float16": torch.float16}
init = [torch.randn(s, dtype=torch.float64) for s in SHAPES]
grads = [[torch.randn(s, dtype=torch.float64) for s in SHAPES] for _ in range(STEPS)]

CONFIGS = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.1, "weight_decay": 0.01}),
    ("SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01, "maximize": True}),
    ("Adam", {"lr": 0.01}),
    ("Adam", {"lr": 0.01, "amsgrad": True, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.01, "betas": [0.3, 0.9], "weight_decay": 0.1, "decoupled_weight_decay": True, "maximize": True}),
    ("AdamW", {"lr": 0.01, "amsgrad": True}),
    ("Adamax", {}),
    ("Adamax", {"lr": 0.01, "betas": [0.3, 0.9], "weight_decay": 0.1, "maximize": True}),
    ("NAdam", {}),
    ("NAdam", {"lr": 0.01, "weight_decay": 0.1}),
    ("NAdam", {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True, "maximize": True}),
    ("RAdam", {}),
    ("RAdam", {"lr": 0.01, "betas": [0.9, 0.99], "weight_decay": 0.1}),
    ("RAdam", {"lr": 0.01, "betas": [0.9, 0.99], "weight_decay": 0.1, "decoupled_weight_decay": True, "maximize": True}),
    ("RMSprop", {}),
    ("RMSprop", {"centered": True, "momentum": 0.9}),
    ("RMSprop", {"alpha": 0.5, "centered": True, "momentum": 0.5, "weight_decay": 0.1, "maximize": True}),
    ("Adagrad", {"lr": 0.1}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01, "weight_decay": 0.1, "initial_accumulator_value": 0.5, "maximize": True}),
    ("Adadelta", {}),
    ("Adadelta", {"lr": 0.9, "rho": 0.5, "weight_decay": 0.1, "maximize": True, "eps": 1e-3}),
]
# Mixed-dtype groups: parameter i in dtypes[i] (the other dtype key names the reduced one).
MIXED = [
    ("SGD", {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.01}),
    ("Adam", {"lr": 0.01, "amsgrad": True}),
    ("RMSprop", {"centered": True, "momentum": 0.9}),
]


def make(name, kwargs, params):
    kw = dict(kwargs)
    if "betas" in kw:
        kw["betas"] = tuple(kw["betas"])
    return getattr(torch.optim, name)(params, **kw)


def steps(opt, params, dtypes, first, last):
    for step in range(first, last):
        for p, g, d in zip(params, grads[step], dtypes):
            p.grad = g.to(d)
        opt.step()


def run(name, kwargs, dtypes):
    params = [t.clone().to(d).requires_grad_() for t, d in zip(init, dtypes)]
    opt = make(name, kwargs, params)
    steps(opt, params, dtypes, 0, HALF)
    out = {"half_state": state_of(opt)}
    buffer = io.BytesIO()
    torch.save(opt.state_dict(), buffer)
    resumed = [p.detach().clone().requires_grad_() for p in params]
    steps(opt, params, dtypes, HALF, STEPS)
    out["params"] = [p.detach().clone() for p in params]
    out["state"] = state_of(opt)
    buffer.seek(0)
    again = make(name, kwargs, resumed)
    again.load_state_dict(torch.load(buffer))
    steps(again, resumed, dtypes, HALF, STEPS)
    out["resumed_params"] = [p.detach().clone() for p in resumed]
    return out


def state_of(opt):
    sd = opt.state_dict()
    return [{k: v.clone() for k, v in sd["state"][i].items()} for i in sorted(sd["state"])]


cases = {"configs": [], "mixed": []}
for key, dtype in DTYPES.items():
    cases["init_" + key] = [t.to(dtype) for t in init]
    cases["grads_" + key] = [[g.to(dtype) for g in gs] for gs in grads]
cases["init_float32"] = [t.to(torch.float32) for t in init]
cases["grads_float32"] = [[g.to(torch.float32) for g in gs] for gs in grads]
for name, kwargs in CONFIGS:
    entry = {"optimizer": name, "kwargs": kwargs}
    for key, dtype in DTYPES.items():
        entry[key] = run(name, kwargs, [dtype] * len(SHAPES))
    cases["configs"].append(entry)
for name, kwargs in MIXED:
    for key, dtype in DTYPES.items():
        dtypes = [torch.float32, dtype, torch.float32]
        entry = {"optimizer": name, "kwargs": kwargs, "dtypes": ["float32", key, "float32"]}
        entry.update(run(name, kwargs, dtypes))
        cases["mixed"].append(entry)
save("reduced_precision", cases)
