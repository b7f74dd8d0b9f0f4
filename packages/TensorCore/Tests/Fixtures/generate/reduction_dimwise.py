"""Parity fixtures for TensorCore's dim-wise ops: softmax/log_softmax, cumsum/cumprod/cummax/cummin,
sort/argsort/topk, median/nanmedian/kthvalue/mode, unique (flat and along a dim). Same case layout as reduction.py.
Tie-breaking that PyTorch leaves unspecified (topk, median, kthvalue indices among equal values) is
avoided: those cases use distinct values, or the Swift side compares values only ("values_only")."""
import torch
from fixturelib import save

torch.manual_seed(1)
cases = {}
inputs = {}
_input_keys = {}
_keepalive = []


def base_for(x, view):
    if view == "t":
        return x.transpose(-1, -2).contiguous()
    return x


def add(name, op, x, out, view=None, **args):
    key = (id(x), view)
    if key not in _input_keys:
        _input_keys[key] = f"in{len(_input_keys)}"
        inputs[_input_keys[key]] = base_for(x, view)
        _keepalive.append(x)
    cases[name] = {"op": op, "input": _input_keys[key], "view": view, "args": args,
                   "out": list(out) if isinstance(out, tuple) else out}


def rnd(shape, dtype=torch.float32):
    if dtype.is_floating_point:
        return torch.randn(shape).to(dtype)
    if dtype == torch.bool:
        return torch.rand(shape) > 0.5
    if dtype == torch.uint8:
        return torch.randint(0, 255, shape, dtype=dtype)
    return torch.randint(-50, 50, shape).to(dtype)


def distinct(shape, dtype=torch.float32):
    n = 1
    for s in shape:
        n *= s
    return (torch.randperm(n).reshape(shape) - n // 2).to(dtype)


floats = [torch.float32, torch.float64, torch.float16, torch.bfloat16]
ints = [torch.int64, torch.int32, torch.int16, torch.uint8]

# --- softmax / log_softmax ---
for dt in floats:
    x = rnd((3, 4, 5), dt) * 3
    tag = str(dt)[6:]
    for d in [0, 1, -1]:
        add(f"softmax_{tag}_{d}", "softmax", x, x.softmax(d), dim=d)
        add(f"log_softmax_{tag}_{d}", "log_softmax", x, x.log_softmax(d), dim=d)
xl = torch.randn(4, 1003) * 5
add("softmax_long", "softmax", xl, xl.softmax(-1), dim=-1)
add("log_softmax_long", "log_softmax", xl, xl.log_softmax(-1), dim=-1)
xm = torch.tensor([[1000.0, 1001.0, 999.0], [-1e4, float("-inf"), 0.0], [float("-inf")] * 3, [1.0, float("nan"), 2.0], [float("inf"), 0.0, 1.0]])
add("softmax_extreme", "softmax", xm, xm.softmax(1), dim=1)
add("log_softmax_extreme", "log_softmax", xm, xm.log_softmax(1), dim=1)
xmask = torch.randn(3, 20)
xmask[:, 5:] = float("-inf")
add("softmax_masked", "softmax", xmask, xmask.softmax(1), dim=1)
xi = rnd((3, 4), torch.int64)
add("softmax_int_dtype", "softmax", xi, xi.softmax(1, dtype=torch.float64), dim=1, dtype="float64")
xh = rnd((3, 4), torch.float16)
add("softmax_half_to_f32", "log_softmax", xh, xh.log_softmax(0, dtype=torch.float32), dim=0, dtype="float32")
xt = rnd((5, 6))
add("softmax_view_t", "softmax", xt, xt.softmax(1), view="t", dim=1)
add("softmax_scalar", "softmax", torch.tensor(3.0), torch.tensor(3.0).softmax(0), dim=0)

# --- cumsum / cumprod / cummax / cummin ---
for dt in floats + ints + [torch.bool, torch.int8]:
    x = rnd((3, 4), dt)
    if dt.is_floating_point:
        x = x * 0.9
    elif dt != torch.bool:
        x = (x % 5).to(dt)
    tag = str(dt)[6:]
    for d in [0, -1]:
        add(f"cumsum_{tag}_{d}", "cumsum", x, x.cumsum(d), dim=d)
        add(f"cumprod_{tag}_{d}", "cumprod", x, x.cumprod(d), dim=d)
        add(f"cummax_{tag}_{d}", "cummax", x, x.cummax(d), dim=d)
        add(f"cummin_{tag}_{d}", "cummin", x, x.cummin(d), dim=d)
x3 = rnd((2, 3, 4))
add("cumsum_mid", "cumsum", x3, x3.cumsum(1), dim=1)
add("cumsum_dtype", "cumsum", xi, xi.cumsum(1, dtype=torch.int32), dim=1, dtype="int32")
add("cumprod_dtype", "cumprod", xh, xh.cumprod(1, dtype=torch.float64), dim=1, dtype="float64")
xc = torch.tensor([[1.0, 3.0, 2.0, 3.0, float("nan"), 1.0, float("nan"), 5.0]])
add("cummax_nan", "cummax", xc, xc.cummax(1), dim=1)
add("cummin_nan", "cummin", xc, xc.cummin(1), dim=1)
add("cumsum_nan", "cumsum", xc, xc.cumsum(1), dim=1)
add("cumsum_view_t", "cumsum", xt, xt.cumsum(0), view="t", dim=0)
add("cumsum_long", "cumsum", xl, xl.cumsum(1), dim=1)
add("cumsum_empty", "cumsum", torch.zeros(0, 3), torch.zeros(0, 3).cumsum(0), dim=0)

# --- sort / argsort / topk ---
for dt in floats + ints + [torch.int8]:
    x = rnd((4, 6), dt)
    tag = str(dt)[6:]
    for d in [0, -1]:
        for desc in [False, True]:
            add(f"sort_{tag}_{d}_{int(desc)}", "sort", x, x.sort(d, descending=desc), dim=d, descending=desc)
        add(f"argsort_{tag}_{d}", "argsort", x, x.argsort(dim=d, descending=True, stable=True), dim=d, descending=True)
xb = rnd((3, 5), torch.bool)
add("sort_bool", "sort", xb, xb.sort(1), dim=1, descending=False)
xs = torch.tensor([[3.0, float("nan"), 1.0, 3.0, -0.0, 0.0, float("nan"), float("-inf"), 2.0, 1.0]])
add("sort_nan_asc", "sort", xs, xs.sort(1), dim=1, descending=False)
add("sort_nan_desc", "sort", xs, xs.sort(1, descending=True), dim=1, descending=True)
add("sort_view_t", "sort", xt, xt.sort(0), view="t", dim=0, descending=False)
add("sort_scalar", "sort", torch.tensor(3.0), torch.tensor(3.0).sort(), dim=-1, descending=False)
for dt in floats + ints:
    x = distinct((4, 7), dt) if dt != torch.uint8 else torch.randperm(28).reshape(4, 7).to(dt)
    tag = str(dt)[6:]
    add(f"topk_{tag}", "topk", x, x.topk(3), k=3, dim=-1, largest=True)
    add(f"topk_small_{tag}", "topk", x, x.topk(2, dim=0, largest=False), k=2, dim=0, largest=False)
xn = torch.tensor([[1.0, float("nan"), 3.0, 2.0], [4.0, 3.0, 1.0, 2.0]])
add("topk_nan", "topk", xn, xn.topk(2), k=2, dim=-1, largest=True)
add("topk_nan_smallest", "topk", xn, xn.topk(2, largest=False), k=2, dim=-1, largest=False)
add("topk_k0", "topk", xn, xn.topk(0), k=0, dim=-1, largest=True)
add("topk_all", "topk", xn[1:], xn[1:].topk(4), k=4, dim=-1, largest=True)
xk = torch.randperm(600).reshape(3, 200).float() / 7
xk[1, 50] = float("nan")
add("topk_wide", "topk", xk, xk.topk(5), k=5, dim=-1, largest=True)
add("topk_wide_smallest", "topk", xk, xk.topk(6, largest=False), k=6, dim=-1, largest=False)
xk64 = torch.randperm(600).reshape(200, 3).to(torch.int64)
add("topk_wide_dim0", "topk", xk64, xk64.topk(4, dim=0), k=4, dim=0, largest=True)
add("topk_ties_values", "topk_values", torch.tensor([[2.0, 1, 2, 1, 3, 1, 2]]), torch.tensor([[2.0, 1, 2, 1, 3, 1, 2]]).topk(3), k=3)

# --- median / nanmedian / kthvalue / mode ---
for dt in floats + ints:
    x = distinct((3, 5), dt) if dt != torch.uint8 else torch.randperm(15).reshape(3, 5).to(dt)
    tag = str(dt)[6:]
    add(f"median_all_{tag}", "median_all", x, x.median())
    add(f"median_{tag}_1", "median", x, x.median(1), dim=1)
    add(f"median_{tag}_0k", "median", x, x.median(0, keepdim=True), dim=0, keepdim=True)
    add(f"kth_{tag}", "kthvalue", x, x.kthvalue(2, 1), k=2, dim=1)
    add(f"kth_{tag}_0", "kthvalue", x, x.kthvalue(3, 0, keepdim=True), k=3, dim=0, keepdim=True)
wide = torch.randperm(903).reshape(3, 301).float() - 450
wide[2, 100] = float("nan")
add("median_wide", "median", wide, wide.median(1), dim=1)
add("nanmedian_wide", "nanmedian", wide, wide.nanmedian(1), dim=1)
add("kth_wide", "kthvalue", wide, wide.kthvalue(77, 1), k=77, dim=1)
add("median_wide_all", "median_all", wide[:2], wide[:2].median())
even = torch.tensor([[4.0, 1.0, 3.0, 2.0]])
add("median_even", "median", even, even.median(1), dim=1)
add("median_all_even", "median_all", even, even.median())
mn = torch.tensor([[3.0, float("nan"), 1.0, float("nan"), 2.0], [5.0, 1.0, 4.0, 2.0, 3.0], [float("nan")] * 5])
add("median_nan", "median", mn, mn.median(1), dim=1)
add("median_all_nan", "median_all", mn, mn.median())
add("nanmedian_nan", "nanmedian", mn[:2], mn[:2].nanmedian(1), dim=1)
add("nanmedian_all_nan_row", "nanmedian_values", mn, mn.nanmedian(1), dim=1)
add("nanmedian_all", "nanmedian_all", mn, mn.nanmedian())
add("kth_nan", "kthvalue", mn[:1], mn[:1].kthvalue(3), k=3, dim=-1)
add("median_empty_all", "median_all", torch.zeros(0), torch.zeros(0).median())
add("median_empty_rows", "median", torch.zeros(0, 3), torch.zeros(0, 3).median(1), dim=1)
add("median_ties_values", "median_values", torch.tensor([[2.0, 1, 2, 1, 3, 1, 2]]), torch.tensor([[2.0, 1, 2, 1, 3, 1, 2]]).median(1), dim=1)
add("median_view_t", "median", xt, xt.median(0), view="t", dim=0)
for dt in [torch.float32, torch.int64, torch.int32, torch.uint8, torch.bool, torch.float16]:
    x = torch.randint(0, 4, (4, 9)).to(dt)
    tag = str(dt)[6:]
    add(f"mode_{tag}", "mode", x, x.mode(1), dim=1)
    add(f"mode_{tag}_0", "mode", x, x.mode(0, keepdim=True), dim=0, keepdim=True)
mm = torch.tensor([[1, 2, 2, 1, 3, 3], [7, 2, 7, 1, 2, 3], [5, 5, 1, 5, 5, 1]])
add("mode_ties", "mode", mm, mm.mode(1), dim=1)
mf = torch.tensor([[3.0, float("nan"), 1.0, float("nan"), 2.0], [float("nan"), float("nan"), 2.0, 2.0, 1.0]])
add("mode_nan", "mode", mf, mf.mode(1), dim=1)

# --- unique (dim=None) ---
for dt in [torch.float32, torch.int64, torch.int32, torch.uint8, torch.bool, torch.float64, torch.float16, torch.bfloat16]:
    x = torch.randint(0, 6, (3, 5)).to(dt)
    tag = str(dt)[6:]
    out = torch.unique(x, return_inverse=True, return_counts=True)
    add(f"unique_{tag}", "unique", x, out, inverse=True, counts=True)
uf = torch.tensor([float("nan"), 1.0, float("nan"), 1.0, -0.0, 0.0, float("inf")])
add("unique_nan", "unique", uf, torch.unique(uf, return_inverse=True, return_counts=True), inverse=True, counts=True)
add("unique_plain", "unique", uf, [torch.unique(uf)], inverse=False, counts=False)
add("unique_empty", "unique", torch.zeros(0), torch.unique(torch.zeros(0), return_inverse=True, return_counts=True), inverse=True, counts=True)

ud = torch.tensor([[1, 2, 0], [1, 2, 0], [0, 5, 3], [0, 4, 9]])
for d in [0, 1, -1]:
    add(f"unique_dim_{d}", "unique", ud, torch.unique(ud, dim=d, return_inverse=True, return_counts=True), inverse=True, counts=True, dim=d)
u3 = torch.randint(0, 2, (2, 5, 2)).float()
add("unique_dim_3d", "unique", u3, torch.unique(u3, dim=1, return_inverse=True, return_counts=True), inverse=True, counts=True, dim=1)
add("unique_dim_plain", "unique", u3, [torch.unique(u3, dim=2)], inverse=False, counts=False, dim=2)
ue = torch.zeros(0, 3)
add("unique_dim_empty", "unique", ue, torch.unique(ue, dim=0, return_inverse=True, return_counts=True), inverse=True, counts=True, dim=0)

cases["__inputs__"] = inputs
save("reduction_dimwise", cases)
