"""torch.nn.utils.clip_grad_norm_ / clip_grad_value_ / get_total_norm: norm types, mixed-dtype gradient lists
(float32, bfloat16, float16, float64), non-finite gradients, foreach on and off.
Run: ~/torchenv/bin/python packages/Layers/Tests/Fixtures/generate/clip_grad.py"""
import math
import torch
from fixturelib import save

torch.manual_seed(7)
SHAPES = [(4, 3), (5,), (2, 2, 2)]


def params(dtypes, scale=3.0):
    ps = []
    for shape, dtype in zip(SHAPES, dtypes):
        p = torch.zeros(shape, dtype=dtype, requires_grad=True)
        p.grad = (torch.randn(shape) * scale).to(dtype)
        ps.append(p)
    return ps


cases = {}
for label, dtypes in [("float32", [torch.float32] * 3),
                      ("mixed", [torch.float32, torch.bfloat16, torch.float64]),
                      ("half", [torch.float16, torch.bfloat16, torch.float16])]:
    for norm_type in [2.0, 1.0, math.inf, 3.5, 0.0]:
        for max_norm in [0.5, 1e6]:
            for foreach in [None, False]:
                ps = params(dtypes)
                grads = [p.grad.clone() for p in ps]
                total = torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type=norm_type, foreach=foreach)
                name = f"{label}_p{norm_type}_max{max_norm}_foreach{foreach}"
                cases[name] = {"grads": grads, "max_norm": max_norm, "norm_type": str(norm_type),
                               "total": total, "clipped": [p.grad for p in ps]}

# A non-finite gradient without error_if_nonfinite: every gradient is scaled by the coefficient 0 (inf·0 = NaN).
ps = params([torch.float32] * 3)
ps[1].grad[2] = math.inf
grads = [p.grad.clone() for p in ps]
total = torch.nn.utils.clip_grad_norm_(ps, 1.0)
cases["nonfinite"] = {"grads": grads, "total": total, "clipped": [p.grad for p in ps]}
try:
    torch.nn.utils.clip_grad_norm_(params([torch.float32] * 3, scale=math.inf), 1.0, error_if_nonfinite=True)
except RuntimeError as e:
    cases["nonfinite_message"] = str(e)

ps = params([torch.bfloat16, torch.float32, torch.float16])
grads = [p.grad.clone() for p in ps]
torch.nn.utils.clip_grad_value_(ps, 0.7)
cases["value_mixed"] = {"grads": grads, "clipped": [p.grad for p in ps]}
cases["empty_total"] = torch.nn.utils.clip_grad_norm_([], 1.0)

save("clip_grad", cases)
