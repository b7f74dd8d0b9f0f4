"""Unary elementwise ops (elementwise_unary.json) and float32 accuracy sweeps, clamp, where, lerp, addcmul/addcdiv vs real torch: every dtype (int/bool
inputs promoting to float), NaN/inf/-0, non-contiguous views, empty and 0-dim tensors, in-place forms (elementwise_misc.json)."""
import torch
import torch.nn.functional as Fn
from fixturelib import save
from elementwise_common import *

UNARY = {
    "neg": torch.neg, "abs": torch.abs, "sign": torch.sign, "sgn": torch.sgn, "exp": torch.exp,
    "exp2": torch.exp2, "expm1": torch.expm1, "log": torch.log, "log2": torch.log2, "log10": torch.log10,
    "log1p": torch.log1p, "sqrt": torch.sqrt, "rsqrt": torch.rsqrt, "reciprocal": torch.reciprocal,
    "sin": torch.sin, "cos": torch.cos, "tan": torch.tan, "asin": torch.asin, "acos": torch.acos,
    "atan": torch.atan, "sinh": torch.sinh, "cosh": torch.cosh, "tanh": torch.tanh, "asinh": torch.asinh,
    "acosh": torch.acosh, "atanh": torch.atanh, "sigmoid": torch.sigmoid, "logit": torch.logit,
    "relu": torch.relu, "erf": torch.erf, "erfc": torch.erfc, "erfinv": torch.erfinv, "floor": torch.floor,
    "ceil": torch.ceil, "round": torch.round, "trunc": torch.trunc, "frac": torch.frac, "square": torch.square,
    "isnan": torch.isnan, "isinf": torch.isinf, "isfinite": torch.isfinite, "isposinf": torch.isposinf,
    "isneginf": torch.isneginf, "signbit": torch.signbit, "nan_to_num": torch.nan_to_num,
    "bitwise_not": torch.bitwise_not, "logical_not": torch.logical_not,
    "gelu": Fn.gelu, "silu": Fn.silu, "softplus": Fn.softplus,
    "lgamma": torch.lgamma, "digamma": torch.digamma, "polygamma": lambda x, n: torch.polygamma(n, x),
}
records = []


def add(op, inputs, fn=None, **kw):
    fn = fn or UNARY[op]
    try:
        out = fn(*inputs, **kw)
    except Exception:  # noqa: BLE001
        return
    records.append(record(op, inputs, out, **kw))


def domain(op, x):
    """Keeps most inputs inside the function's domain (the special values still probe the edges)."""
    if op in ("asin", "acos", "atanh", "erfinv", "logit"):
        return x / 4.5
    if op == "acosh":
        return x.abs() + 1 if x.dtype != B else x
    return x


for op in (o for o in UNARY if o != "polygamma"):
    for i, dt in enumerate(ALL):
        x = values(dt, [2, 5], 100 + i, special=dt.is_floating_point)
        if op == "gelu" and dt in (F, BF):
            x = x.nan_to_num(posinf=1e30)  # torch's vectorized float/bfloat16 gelu returns NaN at +inf
        add(op, [domain(op, x)])
    # Non-contiguous, empty, 0-dim.
    add(op, [domain(op, values(F, [5, 3], 120)).t()])
    add(op, [domain(op, values(D, [4, 6], 121))[:, 1::2]])
    add(op, [values(F, [0, 2], 122)])
    add(op, [domain(op, torch.tensor(0.75))])

# Keyword variants.
x = values(F, [12], 130, special=True)
for eps in [0.1, 0.0, -1.0]:
    add("logit", [x / 4.5], eps=eps)
for d in [1, 2, -1, 3]:
    add("round", [x * 37.3], decimals=d)
    add("round", [values(D, [8], 131) * 100], decimals=d)
add("round", [torch.tensor([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.4999])])
for approximate in ["none", "tanh"]:
    for dt in FLOATS:
        add("gelu", [values(dt, [3, 4], 132, special=True).nan_to_num(posinf=1e4)], approximate=approximate)
for beta, threshold in [(2.0, 20.0), (1.0, 1.0), (0.5, 5.0)]:
    add("softplus", [values(F, [3, 4], 133) * 5], beta=beta, threshold=threshold)
for dt in FLOATS:
    add("nan_to_num", [values(dt, [8], 134, special=True)], nan=1.5, posinf=100.0, neginf=-7.0)
    add("nan_to_num", [values(dt, [8], 134, special=True)], nan=-2.0)
# polygamma(n, x): poles at 0 and the negative integers, both signs, large x (asymptotic series).
gamma_points = torch.cat([values(D, [12], 135, special=True) * 3, torch.tensor([0.0, -0.0, -1.0, -2.5, 1e-8, 30.0, 1e6])])
for n in [0, 1, 2, 3, 5]:
    for dt in [F, D, BF]:
        add("polygamma", [gamma_points.to(dt)], n=n)
    add("polygamma", [gamma_points[12:].to(I64)], n=n)  # integers promote to float32 (NaN/inf have no int64)
for op in ["lgamma", "digamma"]:
    add(op, [gamma_points])

split = len(records)
# Float32 transcendental accuracy over a wide range (SIMD paths vs SLEEF).
wide = torch.cat([torch.linspace(-100, 100, 401), torch.linspace(-5, 5, 401), torch.logspace(-30, 30, 121),
                  -torch.logspace(-30, 30, 121), torch.tensor([1e-40, -1e-40, 88.7, 88.72, 89.0, -87.3, -103.9, -104.5])])
for op in ["exp", "log", "tanh", "sigmoid", "silu", "expm1", "log1p", "sin", "erf"]:
    add(op, [wide])
add("gelu", [wide], approximate="tanh")
add("gelu", [wide])

# In-place unary forms.
INPLACE = ["neg", "abs", "sign", "exp", "log", "sqrt", "sigmoid", "tanh", "relu", "floor", "round", "trunc",
           "frac", "reciprocal", "sin", "erf", "square", "logical_not", "bitwise_not", "nan_to_num", "clamp"]
for name in INPLACE:
    for dt in [F, D, H, I64, I8, B]:
        x = values(dt, [2, 3], 140, special=dt.is_floating_point)
        target = x.clone()
        try:
            if name == "clamp":
                target.clamp_(-1, 2)
            else:
                getattr(target, name + "_")()
        except Exception:  # noqa: BLE001
            continue
        records.append(record(name + "_", [x], target))

# clamp / clip / clamp_min / clamp_max with numbers and tensors.
NAN = float("nan")
for dt in [F, D, H, BF, I64, I8, U8, I32]:
    x = values(dt, [2, 4], 150, special=dt.is_floating_point)
    # A NaN bound makes every element NaN (torch fills the result), integers included (promoted to float).
    for lo, hi in [(-1, 2), (None, 0), (0, None), (-0.5, 1.5), (3, 1), (NAN, 2), (0, NAN), (NAN, None)]:
        add("clamp", [x], fn=lambda t, lo=lo, hi=hi: torch.clamp(t, lo, hi), lo=lo, hi=hi)
    lo_t, hi_t = values(dt, [4], 151), values(dt, [2, 1], 152)
    add("clamp_tensor", [x, lo_t, hi_t], fn=torch.clamp)
    add("clamp_min_tensor", [x, lo_t], fn=torch.clamp_min)
    add("clamp_max_tensor", [x, hi_t], fn=torch.clamp_max)
add("clamp_tensor", [values(F, [3], 153, special=True), values(D, [3], 154, special=True), torch.tensor([0.5])], fn=torch.clamp)
add("clamp", [values(B, [4], 155)], fn=lambda t: torch.clamp(t, 0, 1), lo=0, hi=1)
add("clamp", [values(I64, [4], 156)], fn=lambda t: torch.clamp(t, 0.5, 1.5), lo=0.5, hi=1.5)

# where: promotion between branches, numbers, broadcasting.
c = values(B, [2, 3], 160)
for da, db in [(F, F), (I64, F), (I8, U8), (H, D), (B, I32)]:
    add("where", [c, values(da, [3], 161), values(db, [2, 1], 162)], fn=torch.where)
for a, b in [(values(I64, [2, 3], 163), 2.5), (2, values(F, [3], 164)), (2, 3), (2.0, 3), (True, False),
             (values(H, [3], 165), 7), (values(I8, [2, 3], 166), 100)]:
    add("where", [c, a, b], fn=torch.where)
add("where", [values(B, [3, 2], 167).t(), values(F, [2, 6], 168)[:, ::2], 0.0], fn=torch.where)

# lerp, addcmul, addcdiv.
for dt in FLOATS:
    s, e = values(dt, [2, 3], 170), values(dt, [3], 171)
    for w in [0.25, 0.5, 0.75, -1.0, 2.0]:
        add("lerp", [s, e, w], fn=torch.lerp)
    add("lerp", [s, e, values(dt, [2, 1], 172) / 4 + 0.5], fn=torch.lerp)
for da, db in [(F, F), (I64, I64), (H, H), (I32, F), (D, F)]:
    x, t1, t2 = values(da, [2, 3], 173), values(db, [3], 174), values(db, [2, 1], 175, nonzero=True)
    for v in [1, 2, 0.5, -1.5]:
        add("addcmul", [x, t1, t2], fn=torch.addcmul, value=v)
        add("addcdiv", [x, t1, t2], fn=torch.addcdiv, value=v)
for name in ["addcmul_", "addcdiv_", "lerp_"]:
    x, t1, t2 = values(F, [2, 3], 176), values(F, [3], 177), values(F, [2, 1], 178, nonzero=True)
    target = x.clone()
    getattr(target, name)(t1, t2 if name != "lerp_" else 0.3)
    records.append(record(name, [x, t1, t2], target))

save("elementwise_unary", {"records": records[:split]})
save("elementwise_misc", {"records": records[split:]})
