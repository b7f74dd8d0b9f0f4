"""Fixtures for the indexing functions (gather/scatter/index_*/masked_*/nonzero/take/put).

Each case: {"op": name, "input": tensor, "perm": optional permutation applied as a view, arguments...,
"out": expected}. Numbers are {"kind": "int" | "float" | "bool", "value": v}.
"""
import math
import torch
from fixturelib import save

torch.manual_seed(0)
cases = {}
L = lambda *v: torch.tensor(v, dtype=torch.int64)
B = lambda *v: torch.tensor(v, dtype=torch.bool)
DTYPES = [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32,
          torch.int16, torch.int8, torch.uint8, torch.bool]


def num(v):
    # JSON has no NaN/inf: non-finite floats travel as strings ("nan", "inf", "-inf").
    if isinstance(v, float) and not math.isfinite(v):
        return {"kind": "float", "value": str(v)}
    return {"kind": type(v).__name__, "value": v}


def make(shape, dtype):
    n = 1
    for s in shape:
        n *= s
    if dtype == torch.bool:
        return (torch.arange(n) % 3 == 1).reshape(shape)
    if dtype.is_floating_point:
        return (torch.randn(n, dtype=torch.float64) * 3).round(decimals=2).to(dtype).reshape(shape)
    if dtype == torch.uint8:
        return torch.randint(0, 200, (n,)).to(dtype).reshape(shape)
    return torch.randint(-50, 50, (n,)).to(dtype).reshape(shape)


def case(name, op, x, out, perm=None, **args):
    c = {"op": op, "input": x, "out": out}
    if perm:
        c["perm"] = list(perm)
    for k, v in args.items():
        c[k] = num(v) if isinstance(v, (int, float, bool)) and k not in ("dim", "accumulate", "as_tuple", "include_self") else v
    cases[name] = c


def view(x, perm):
    return x.permute(perm) if perm else x


# gather
for dt in DTYPES:
    x = make([3, 4], dt)
    idx = torch.tensor([[0, 2, 1, 2], [2, 0, 0, 1]])
    case(f"gather0_{dt}".replace("torch.", ""), "gather", x, x.gather(0, idx), dim=0, index=idx)
x = make([3, 4, 5], torch.float32)
idx = torch.randint(0, 5, (2, 3, 3))
case("gather_last_dim", "gather", x, x.gather(-1, idx), dim=-1, index=idx)
idx = torch.randint(0, 4, (3, 6, 2), dtype=torch.int32)
case("gather_dim1_int32_longer", "gather", x, x.gather(1, idx), dim=1, index=idx)
idx = torch.randint(0, 3, (5, 2, 2))
case("gather_noncontig", "gather", x, view(x, (2, 0, 1)).gather(1, idx), perm=(2, 0, 1), dim=1, index=idx)
idx = torch.zeros(0, 4, dtype=torch.int64)
case("gather_empty", "gather", make([3, 4], torch.float32), make([3, 4], torch.float32).gather(0, idx), dim=0, index=idx)
x0 = torch.tensor(2.5)
case("gather_0dim", "gather", x0, x0.gather(0, torch.tensor(0)), dim=0, index=torch.tensor(0))

# scatter / scatter_add
for dt in DTYPES:
    x = make([3, 5], dt)
    idx = torch.tensor([[0, 1, 2, 0, 1], [2, 0, 1, 1, 0]])
    src = make([2, 5], dt)
    n = str(dt).replace("torch.", "")
    case(f"scatter_{n}", "scatter", x, x.scatter(0, idx, src), dim=0, index=idx, src=src)
    # duplicates (1,0) and (0,0) hit the same cell twice in column 0
    idx2 = torch.tensor([[1, 1, 2, 0, 2], [1, 0, 2, 0, 2], [0, 0, 0, 0, 0]])
    src2 = make([3, 5], dt)
    case(f"scatter_add_{n}", "scatter_add", x, x.scatter_add(0, idx2, src2), dim=0, index=idx2, src=src2)
x = make([4, 6], torch.float32)
idx = torch.randint(0, 6, (4, 3))
case("scatter_value_dim1", "scatter_value", x, x.scatter(1, idx, 7.5), dim=1, index=idx, value=7.5)
case("scatter_value_int_on_float", "scatter_value", x, x.scatter(1, idx.abs() % 6, 3), dim=1, index=idx.abs() % 6, value=3)
xi = make([4, 6], torch.int64)
case("scatter_value_float_on_int", "scatter_value", xi, xi.scatter(1, idx.abs() % 6, 2.7), dim=1, index=idx.abs() % 6, value=2.7)
idx = torch.tensor([[0, 0, 1], [1, 1, 1]])
src = make([2, 3], torch.float32)
case("scatter_reduce_add", "scatter", x, x.scatter(1, idx, src, reduce="add"), dim=1, index=idx, src=src, reduce="add")
case("scatter_reduce_multiply", "scatter", x, x.scatter(1, idx, src, reduce="multiply"), dim=1, index=idx, src=src, reduce="multiply")
for dt in [torch.float16, torch.bfloat16]:
    xh = make([2, 5], dt)
    ih = torch.randint(0, 2, (6, 5))
    sh = make([6, 5], dt)
    n = str(dt).replace("torch.", "")
    case(f"scatter_reduce_multiply_{n}", "scatter", xh, xh.scatter(0, ih, sh, reduce="multiply"), dim=0, index=ih, src=sh, reduce="multiply")
    ia = torch.randint(0, 4, (12,))
    xa = make([4, 3], dt)
    sa = make([12, 3], dt)
    case(f"index_add_many_{n}", "index_add", xa, xa.index_add(0, ia, sa, alpha=1.37), dim=0, index=ia, source=sa, alpha=1.37)
    xa1 = make([4], dt)
    case(f"index_add_1d_{n}", "index_add", xa1, xa1.index_add(0, ia, sa[:, 0].contiguous(), alpha=1.37), dim=0, index=ia, source=sa[:, 0].contiguous(), alpha=1.37)
    case(f"index_put_accumulate_{n}", "index_put", xa1, xa1.index_put((ia,), sa[:, 0].contiguous(), accumulate=True), indices=[ia], values=sa[:, 0].contiguous(), accumulate=True)
xf = make([40], torch.float32)
iaf = torch.randint(0, 40, (200,))
sf = make([200], torch.float32)
case("index_add_1d_float_alpha", "index_add", xf, xf.index_add(0, iaf, sf, alpha=1.37), dim=0, index=iaf, source=sf, alpha=1.37)
xf2 = make([40, 3], torch.float64)
sf2 = make([200, 3], torch.float64)
case("index_add_2d_double_alpha", "index_add", xf2, xf2.index_add(0, iaf, sf2, alpha=1.37), dim=0, index=iaf, source=sf2, alpha=1.37)
case("scatter_value_reduce_multiply", "scatter_value", x, x.scatter(1, idx, 2.0, reduce="multiply"), dim=1, index=idx, value=2.0, reduce="multiply")
src = make([3, 6], torch.float32)
idx = torch.randint(0, 4, (2, 5))
case("scatter_add_src_larger", "scatter_add", x, x.scatter_add(0, idx, src), dim=0, index=idx, src=src)
x3 = make([2, 3, 4], torch.float64)
idx = torch.randint(0, 2, (2, 3, 4))
src = make([2, 3, 4], torch.float64)
case("scatter_add_noncontig", "scatter_add", x3, view(x3, (1, 2, 0)).scatter_add(2, idx.permute(1, 2, 0), src.permute(1, 2, 0)), perm=(1, 2, 0), dim=2, index=idx.permute(1, 2, 0).contiguous(), src=src.permute(1, 2, 0).contiguous())
big = make([16, 20], torch.float32)
idx = torch.randint(0, 16, (100, 20))
srcb = make([100, 20], torch.float32)
case("scatter_add_many_dups", "scatter_add", big, big.scatter_add(0, idx, srcb), dim=0, index=idx, src=srcb, rtol=1e-5)

# scatter_reduce
xr = torch.tensor([[1., float("nan"), 3., 4.], [0.5, -2., 7., -0.0]])
ir = torch.tensor([[0, 0, 2, 3, 3], [1, 1, 1, 3, 0]])
sr = torch.tensor([[5., 2., float("nan"), 0.5, -1.], [3., -4., 8., 0.25, 6.]])
for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.uint8]:
    n = str(dt).replace("torch.", "")
    xd, sd = (xr.to(dt), sr.to(dt)) if dt.is_floating_point else (make([2, 4], dt), make([2, 5], dt))
    for r in ["sum", "prod", "mean", "amax", "amin"]:
        for inc in [True, False]:
            case(f"scatter_reduce_{r}_{inc}_{n}", "scatter_reduce", xd, xd.scatter_reduce(1, ir, sd, r, include_self=inc),
                 dim=1, index=ir, src=sd, reduce=r, include_self=inc)
xb = make([2, 4], torch.bool)
sb = make([2, 5], torch.bool)
for r in ["sum", "prod", "amax", "amin"]:
    case(f"scatter_reduce_{r}_bool", "scatter_reduce", xb, xb.scatter_reduce(1, ir, sb, r, include_self=False),
         dim=1, index=ir, src=sb, reduce=r, include_self=False)

# index_select
for dt in DTYPES:
    x = make([4, 3], dt)
    idx = L(3, 0, 3, 1)
    case(f"index_select_{dt}".replace("torch.", ""), "index_select", x, x.index_select(0, idx), dim=0, index=idx)
x = make([3, 4, 5], torch.float32)
case("index_select_dim1_int32", "index_select", x, x.index_select(1, torch.tensor([2, 2, 0], dtype=torch.int32)), dim=1, index=torch.tensor([2, 2, 0], dtype=torch.int32))
case("index_select_last_dim", "index_select", x, x.index_select(-1, L(4, 0)), dim=-1, index=L(4, 0))
case("index_select_noncontig", "index_select", x, view(x, (2, 1, 0)).index_select(0, L(4, 1)), perm=(2, 1, 0), dim=0, index=L(4, 1))
case("index_select_empty", "index_select", x, x.index_select(0, L()), dim=0, index=L())
case("index_select_0dim_index", "index_select", x, x.index_select(1, torch.tensor(2)), dim=1, index=torch.tensor(2))

# index_add / index_copy / index_fill
for dt in [torch.float32, torch.float64, torch.float16, torch.bfloat16, torch.int64, torch.int32, torch.uint8]:
    n = str(dt).replace("torch.", "")
    x = make([5, 3], dt)
    idx = L(0, 4, 0, 2, 0)
    src = make([5, 3], dt)
    case(f"index_add_{n}", "index_add", x, x.index_add(0, idx, src), dim=0, index=idx, source=src)
    case(f"index_copy_{n}", "index_copy", x, x.index_copy(0, L(4, 1, 2), src[:3]), dim=0, index=L(4, 1, 2), source=src[:3])
    case(f"index_fill_{n}", "index_fill", x, x.index_fill(1, L(2, 0), 5), dim=1, index=L(2, 0), value=5)
x = make([3, 4, 2], torch.float32)
src = make([3, 3, 2], torch.float32)
case("index_add_dim1_alpha", "index_add", x, x.index_add(1, L(1, 1, 3), src, alpha=2.5), dim=1, index=L(1, 1, 3), source=src, alpha=2.5)
xi = make([3, 4], torch.int64)
srci = make([3, 2], torch.int64)
case("index_add_int_alpha", "index_add", xi, xi.index_add(1, torch.tensor([3, 3], dtype=torch.int32), srci, alpha=3), dim=1, index=torch.tensor([3, 3], dtype=torch.int32), source=srci, alpha=3)
case("index_add_noncontig", "index_add", x, view(x, (2, 0, 1)).index_add(2, L(0, 3), src.permute(2, 0, 1)[:, :, :2]), perm=(2, 0, 1), dim=2, index=L(0, 3), source=src.permute(2, 0, 1)[:, :, :2].contiguous())
case("index_fill_negative", "index_fill", x, x.index_fill(1, L(-1, 0), 1), dim=1, index=L(-1, 0), value=1)
case("index_fill_float_value", "index_fill", x, x.index_fill(-1, L(1), -2.25), dim=-1, index=L(1), value=-2.25)
case("index_fill_tensor_value", "index_fill_tensor", x, x.index_fill(0, L(0, 2), torch.tensor(4.0)), dim=0, index=L(0, 2), value=torch.tensor(4.0))
xb = make([3, 3], torch.bool)
case("index_fill_bool", "index_fill", xb, xb.index_fill(0, L(1), True), dim=0, index=L(1), value=True)

# masked_fill / masked_select / masked_scatter
for dt in DTYPES:
    n = str(dt).replace("torch.", "")
    x = make([3, 4], dt)
    m = make([3, 4], torch.float32) > 0
    case(f"masked_fill_{n}", "masked_fill", x, x.masked_fill(m, 1), mask=m, value=1)
    case(f"masked_select_{n}", "masked_select", x, x.masked_select(m), mask=m)
x = make([3, 4], torch.float32)
m = B(True, False, True, True)
case("masked_fill_broadcast_row", "masked_fill", x, x.masked_fill(m, -1.5), mask=m, value=-1.5)
m3 = make([2, 3, 4], torch.float32) > 0
case("masked_fill_broadcast_self", "masked_fill", x, x.masked_fill(m3, 9.0), mask=m3, value=9.0)
case("masked_fill_nan", "masked_fill", x, x.masked_fill(m, float("nan")), mask=m, value=float("nan"))
xi = make([3, 4], torch.int32)
case("masked_fill_float_on_int", "masked_fill", xi, xi.masked_fill(m, 2.9), mask=m, value=2.9)
case("masked_fill_tensor_value", "masked_fill_tensor", x, x.masked_fill(m, torch.tensor(3.25)), mask=m, value=torch.tensor(3.25))
case("masked_fill_noncontig", "masked_fill", x, view(x, (1, 0)).masked_fill(B(False, True, True), 0.0), perm=(1, 0), mask=B(False, True, True), value=0.0)
mcol = torch.tensor([[True], [False], [True]])
case("masked_select_broadcast", "masked_select", x, x.masked_select(mcol), mask=mcol)
case("masked_select_broadcast_self", "masked_select", x, x.masked_select(m3), mask=m3)
mt = make([4, 3], torch.float32) > 0
case("masked_select_noncontig", "masked_select", x, view(x, (1, 0)).masked_select(mt), perm=(1, 0), mask=mt)
case("masked_select_none", "masked_select", x, x.masked_select(torch.zeros(3, 4, dtype=torch.bool)), mask=torch.zeros(3, 4, dtype=torch.bool))
src = make([12], torch.float32)
m = make([3, 4], torch.float32) > 0
case("masked_scatter", "masked_scatter", x, x.masked_scatter(m, src), mask=m, source=src)
case("masked_scatter_broadcast", "masked_scatter", x, x.masked_scatter(mcol, src.reshape(3, 4)), mask=mcol, source=src.reshape(3, 4))

# nonzero / argwhere
special = torch.tensor([[0.0, -0.0, float("nan")], [1.0, 0.0, float("inf")]])
case("nonzero_special_floats", "nonzero", special, special.nonzero())
for dt in DTYPES:
    n = str(dt).replace("torch.", "")
    x = make([2, 3, 4], dt)
    x = x * (make([2, 3, 4], torch.float32) > 0).to(dt) if dt != torch.bool else x
    case(f"nonzero_{n}", "nonzero", x, x.nonzero())
case("nonzero_tuple", "nonzero_tuple", special, list(special.nonzero(as_tuple=True)))
case("nonzero_0dim", "nonzero", torch.tensor(5), torch.tensor(5).nonzero())
case("nonzero_0dim_tuple", "nonzero_tuple", torch.tensor(5), list(torch.tensor(5).nonzero(as_tuple=True)))
case("nonzero_empty", "nonzero", torch.zeros(0, 3), torch.zeros(0, 3).nonzero())
case("nonzero_noncontig", "nonzero", special, special.t().nonzero(), perm=(1, 0))
case("argwhere", "argwhere", special, torch.argwhere(special))

# take / take_along_dim / put_
x = make([3, 4], torch.float32)
case("take", "take", x, x.take(L(0, 11, -1, 5).reshape(2, 2)), index=L(0, 11, -1, 5).reshape(2, 2))
case("take_noncontig", "take", x, view(x, (1, 0)).take(L(1, 2, 3)), perm=(1, 0), index=L(1, 2, 3))
xs = make([3, 4], torch.int16)
case("take_int16", "take", xs, xs.take(L(7)), index=L(7))
idx = torch.argsort(x, dim=1)
case("take_along_dim1", "take_along_dim", x, torch.take_along_dim(x, idx, 1), index=idx, dim=1)
idx = L(0, 2).reshape(2, 1)
case("take_along_dim0_broadcast", "take_along_dim", x, torch.take_along_dim(x, idx, 0), index=idx, dim=0)
case("take_along_dim_negative", "take_along_dim", x, torch.take_along_dim(x, L(-1, 0, -3).reshape(1, 3), 1), index=L(-1, 0, -3).reshape(1, 3), dim=1)
case("take_along_dim_none", "take_along_dim_flat", x, torch.take_along_dim(x, L(3, 1, 10)), index=L(3, 1, 10))
src = make([4], torch.float32)
case("put", "put", x, x.put(L(0, 5, -1, 5), src), index=L(0, 5, -1, 5), source=src, accumulate=False)
case("put_accumulate", "put", x, x.put(L(0, 5, -1, 5), src, accumulate=True), index=L(0, 5, -1, 5), source=src, accumulate=True)
case("put_noncontig", "put", x, view(x, (1, 0)).put(L(1, 2), src[:2]), perm=(1, 0), index=L(1, 2), source=src[:2], accumulate=False)

# index_put with accumulate (duplicates)
x = make([4, 3], torch.float32)
i0 = L(0, 2, 0, 0)
v = make([4, 3], torch.float32)
case("index_put_accumulate", "index_put", x, x.index_put((i0,), v, accumulate=True), indices=[i0], values=v, accumulate=True)
i1 = L(1, 1, 2, 1)
v1 = make([4], torch.float32)
case("index_put_accumulate_2d", "index_put", x, x.index_put((i0, i1), v1, accumulate=True), indices=[i0, i1], values=v1, accumulate=True)
xi = make([4, 3], torch.int64)
case("index_put_accumulate_int_broadcast", "index_put", xi, xi.index_put((i0,), torch.tensor([1, 2, 3]), accumulate=True), indices=[i0], values=torch.tensor([1, 2, 3]), accumulate=True)
xb = make([4, 3], torch.bool)
case("index_put_accumulate_bool", "index_put", xb, xb.index_put((i0,), torch.tensor(True), accumulate=True), indices=[i0], values=torch.tensor(True), accumulate=True)
case("index_put_mask", "index_put", x, x.index_put((x > 0,), torch.tensor(0.0)), indices=[x > 0], values=torch.tensor(0.0), accumulate=False)

save("indexing_ops", cases)
