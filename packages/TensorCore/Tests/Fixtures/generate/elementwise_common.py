"""Helpers shared by the elementwise fixture generators: records of (op, inputs, kwargs, expected).

A tensor input is stored contiguous; a non-contiguous one as {"base": tensor, "view": [shape, strides,
offset]} so the Swift side rebuilds the same as_strided view. Plain numbers are {"scalar": v, "kind":
"int"|"float"|"bool"} so Python ints and floats stay distinct.
"""
import math
import torch
from fixturelib import enc

F, D, H, BF = torch.float32, torch.float64, torch.float16, torch.bfloat16
I8, U8, I16, I32, I64, B = torch.int8, torch.uint8, torch.int16, torch.int32, torch.int64, torch.bool
ALL = [F, D, H, BF, I8, U8, I16, I32, I64, B]
FLOATS = [F, D, H, BF]
INTS = [I8, U8, I16, I32, I64]


def S(v):
    kind = "bool" if isinstance(v, bool) else "int" if isinstance(v, int) else "float"
    value = v if kind != "float" or math.isfinite(v) else str(v)
    return {"scalar": value, "kind": kind}


def T(t):
    if t.is_contiguous():
        return enc(t)
    base = t.as_strided((t.untyped_storage().nbytes() // t.element_size(),), (1,), 0)
    return {"base": enc(base.clone()), "view": [list(t.shape), list(t.stride()), t.storage_offset()]}


def arg(x):
    return T(x) if isinstance(x, torch.Tensor) else S(x)


def values(dtype, shape, seed, nonzero=False, special=False):
    """Small deterministic inputs covering negatives, and for floats optionally NaN/inf/-0."""
    g = torch.Generator().manual_seed(seed)
    n = math.prod(shape)
    if n == 0:
        return torch.zeros(shape, dtype=dtype)
    if dtype == B:
        return (torch.rand(n, generator=g) > 0.5).reshape(shape)
    if dtype.is_floating_point:
        x = (torch.rand(n, generator=g, dtype=D) * 8 - 4)
        if special and n >= 6:
            x[:6] = torch.tensor([float("nan"), float("inf"), -float("inf"), -0.0, 0.0, 2.5], dtype=D)
        if nonzero:
            x[x == 0] = 1.5
        return x.to(dtype).reshape(shape)
    lo, hi = (0, 250) if dtype == U8 else (-120, 120) if dtype == I8 else (-1000, 1000)
    x = torch.randint(lo, hi, (n,), generator=g, dtype=I64)
    if nonzero:
        x[x == 0] = 3
    return x.to(dtype).reshape(shape)


def record(op, inputs, expected, **kwargs):
    r = {"op": op, "inputs": [arg(x) for x in inputs], "expected": enc(expected)}
    if kwargs:
        r["kwargs"] = {k: S(v) if isinstance(v, (bool, int, float)) else v for k, v in kwargs.items()}
    return r


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return str(e).splitlines()[0]
    return None
