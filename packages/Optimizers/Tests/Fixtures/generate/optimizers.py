"""Optimizer trajectories: 50 steps with fixed gradients (set .grad explicitly each step) from fixed
parameters, for every option that changes the update, in float64 and float32. Also the state dict's
param_groups and state keys. Run: ~/torchenv/bin/python packages/Optimizers/Tests/Fixtures/generate/optimizers.py
"""
import math
import torch
from fixturelib import save

torch.manual_seed(0)
STEPS = 50
SHAPES = [(3, 4), (5,)]
init = [torch.randn(s, dtype=torch.float64) for s in SHAPES]
grads = [[torch.randn(s, dtype=torch.float64) for s in SHAPES] for _ in range(STEPS)]

CONFIGS = [
    ("SGD", {"lr": 0.1}),
    ("SGD", {"lr": 0.1, "momentum": 0.9}),
    ("SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.5}),
    ("SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    ("SGD", {"lr": 0.1, "weight_decay": 0.1}),
    ("SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.01, "maximize": True}),
    ("Adam", {"lr": 0.01}),
    ("Adam", {"lr": 0.01, "amsgrad": True}),
    ("Adam", {"lr": 0.01, "weight_decay": 0.1}),
    ("Adam", {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True}),
    ("Adam", {"lr": 0.01, "maximize": True}),
    ("Adam", {"lr": 0.05, "betas": [0.5, 0.9], "eps": 1e-3}),
    ("AdamW", {"lr": 0.01}),
    ("AdamW", {"lr": 0.01, "amsgrad": True, "weight_decay": 0.1}),
    ("AdamW", {"lr": 0.01, "maximize": True}),
    ("RMSprop", {}),
    ("RMSprop", {"centered": True}),
    ("RMSprop", {"momentum": 0.9}),
    ("RMSprop", {"alpha": 0.5, "centered": True, "momentum": 0.5, "weight_decay": 0.1}),
    ("RMSprop", {"maximize": True, "eps": 1e-3}),
    ("Adagrad", {"lr": 0.1}),
    ("Adagrad", {"lr": 0.1, "lr_decay": 0.01}),
    ("Adagrad", {"lr": 0.1, "initial_accumulator_value": 0.5, "eps": 1e-3}),
    ("Adagrad", {"lr": 0.1, "weight_decay": 0.1, "maximize": True}),
    ("Adadelta", {}),
    ("Adadelta", {"lr": 0.5, "rho": 0.5}),
    ("Adadelta", {"weight_decay": 0.1, "maximize": True, "eps": 1e-3}),
    ("Adamax", {}),
    ("Adamax", {"lr": 0.01, "weight_decay": 0.1}),
    ("Adamax", {"lr": 0.01, "betas": [0.5, 0.9], "maximize": True}),
    ("NAdam", {}),
    ("NAdam", {"lr": 0.01, "weight_decay": 0.1}),
    ("NAdam", {"lr": 0.01, "weight_decay": 0.1, "decoupled_weight_decay": True}),
    ("NAdam", {"lr": 0.01, "momentum_decay": 0.01, "maximize": True}),
    ("RAdam", {}),
    ("RAdam", {"lr": 0.01, "betas": [0.9, 0.99]}),
    ("RAdam", {"lr": 0.01, "betas": [0.9, 0.99], "weight_decay": 0.1}),
    ("RAdam", {"lr": 0.01, "betas": [0.9, 0.99], "weight_decay": 0.1, "decoupled_weight_decay": True}),
    ("RAdam", {"lr": 0.01, "betas": [0.9, 0.99], "maximize": True}),
]


def plain(v):
    """Python values of a param group as JSON (tuples become lists, floats stay floats)."""
    if isinstance(v, (list, tuple)):
        return [plain(x) for x in v]
    return v


def run(name, kwargs, dtype, groups=None):
    params = [t.clone().to(dtype).requires_grad_() for t in init]
    cls = getattr(torch.optim, name)
    kw = dict(kwargs)
    if "betas" in kw:
        kw["betas"] = tuple(kw["betas"])
    opt = cls(params if groups is None else [dict(g, params=[params[i] for i in g["params"]]) for g in groups], **kw)
    for step in range(STEPS):
        for p, g in zip(params, grads[step]):
            p.grad = g.to(dtype)
        opt.step()
    sd = opt.state_dict()
    return {
        "params": [p.detach() for p in params],
        "param_groups": [{k: plain(v) for k, v in g.items()} for g in sd["param_groups"]],
        "state_keys": [list(sd["state"][i].keys()) for i in sorted(sd["state"])],
        "state": [{k: v for k, v in sd["state"][i].items()} for i in sorted(sd["state"])],
    }


cases = {"init": init, "grads": grads, "configs": []}
for name, kwargs in CONFIGS + [("SGD", {"lr": 0.1, "momentum": 0.9, "groups": [{"params": [0], "lr": 0.05}, {"params": [1]}]})]:
    kw = dict(kwargs)
    groups = kw.pop("groups", None)
    entry = {"optimizer": name, "kwargs": kw, "groups": groups}
    for dtype in (torch.float64, torch.float32):
        entry[str(dtype).split(".")[1]] = run(name, kw, dtype, groups)
    cases["configs"].append(entry)
save("optimizers", cases)
