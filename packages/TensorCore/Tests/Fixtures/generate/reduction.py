"""Parity fixtures for TensorCore's reductions (sum/mean/prod/extrema/arg/logical/var/logsumexp).

Each case: {"op", "input" (a key of cases["__inputs__"]), "view", "args", "out"}. `view` rebuilds a non-contiguous input in Swift from
the stored contiguous base: "t" swaps the last two dims, "step2" takes every other element of the last
dim, "rot" is base.permute(2, 0, 1) of a 3-d base. `out` is a tensor or a list of tensors (values, indices)."""
import math
import torch
from fixturelib import save

torch.manual_seed(0)
cases = {}


def base_for(x, view):
    if view == "t":
        return x.transpose(-1, -2).contiguous()  # stored base; Swift transposes it back
    if view == "rot":
        return x.permute(1, 2, 0).contiguous()  # Swift views it back as base.permute(2, 0, 1)
    if view == "step2":
        shape = list(x.shape)
        shape[-1] *= 2
        b = torch.zeros(shape, dtype=x.dtype)
        b[..., ::2] = x
        return b
    return x


inputs = {}  # shared inputs, stored once: many cases reduce the same tensor
_input_keys = {}


def add(name, op, x, out, view=None, **args):
    key = (id(x), view)
    if key not in _input_keys:
        _input_keys[key] = f"in{len(_input_keys)}"
        inputs[_input_keys[key]] = base_for(x, view)
        _keepalive.append(x)
    cases[name] = {"op": op, "input": _input_keys[key], "view": view, "args": args, "out": out}


_keepalive = []


def rnd(shape, dtype=torch.float32):
    if dtype.is_floating_point:
        return torch.randn(shape).to(dtype)
    if dtype == torch.bool:
        return torch.rand(shape) > 0.5
    if dtype == torch.uint8:
        return torch.randint(0, 255, shape, dtype=dtype)
    return torch.randint(-50, 50, shape).to(dtype)


floats = [torch.float32, torch.float64, torch.float16, torch.bfloat16]
ints = [torch.int64, torch.int32, torch.int8, torch.uint8, torch.bool]

# --- sum / nansum / prod / mean / nanmean over dims, keepdim, dtype ---
dimsets = [None, 0, 1, -1, [0, 2], [-1, -3], [1, 2]]
for dt in floats + ints:
    x = rnd((3, 4, 5), dt)
    for i, d in enumerate(dimsets):
        if not dt.is_floating_point and i in (2, 6):
            continue  # integer inputs: fewer dim sets, the kernels are shared
        for keep in ([False, True] if d is not None else [False]):
            tag = f"{dt}_{i}_{int(keep)}".replace("torch.", "")
            if d is None:
                add(f"sum_{tag}", "sum", x, x.sum())
                add(f"prod_{tag}", "prod", x, x.prod())
            else:
                add(f"sum_{tag}", "sum", x, x.sum(d, keepdim=keep), dim=d, keepdim=keep)
                if isinstance(d, int):
                    add(f"prod_{tag}", "prod", x, x.prod(d, keepdim=keep), dim=d, keepdim=keep)
            if dt.is_floating_point:
                args = {} if d is None else {"dim": d, "keepdim": keep}
                add(f"mean_{tag}", "mean", x, x.mean(**args), **args)
for dt in [torch.int32, torch.bool, torch.float16]:
    x = rnd((4, 6), dt)
    add(f"sum_dtype_f64_{dt}", "sum", x, x.sum(1, dtype=torch.float64), dim=1, dtype="float64")
    add(f"sum_dtype_i32_{dt}", "sum", x, x.sum(dtype=torch.int32), dtype="int32")
    add(f"cast_mean_{dt}", "mean", x, x.mean(0, dtype=torch.float64), dim=0, dtype="float64")
xi = rnd((5, 6), torch.int64)
add("prod_int_dim0", "prod", xi, xi.prod(0), dim=0)
# NaN / inf handling
xn = torch.tensor([[1.0, float("nan"), 3.0], [float("inf"), 2.0, -1.0], [0.5, 0.25, float("-inf")]])
for d in [None, 0, 1]:
    args = {} if d is None else {"dim": d}
    add(f"nan_sum_{d}", "sum", xn, xn.sum(**args), **args)
    add(f"nan_nansum_{d}", "nansum", xn, xn.nansum(**args), **args)
    add(f"nan_mean_{d}", "mean", xn, xn.mean(**args), **args)
    add(f"nan_nanmean_{d}", "nanmean", xn, xn.nanmean(**args), **args)
    add(f"nan_prod_{d}", "prod", xn, xn.prod(**args), **args)
xh = rnd((6, 7), torch.float16)
xh[1, 2] = float("nan")
add("nansum_half", "nansum", xh, xh.nansum(1), dim=1)
add("nanmean_half", "nanmean", xh, xh.nanmean(0), dim=0)
# non-contiguous inputs
for view in ["t", "step2"]:
    x = rnd((6, 5))
    for d in [0, 1, None]:
        args = {} if d is None else {"dim": d}
        add(f"view_{view}_sum_{d}", "sum", x, x.sum(**args), view=view, **args)
        add(f"view_{view}_amax_{d}", "amax", x, x.amax(**({} if d is None else {"dim": d})), view=view, **({} if d is None else {"dims": [d]}))
        add(f"view_{view}_std_{d}", "std", x, x.std(**args), view=view, **args)
    add(f"view_{view}_argmax", "argmax", x, x.argmax(), view=view)
    add(f"view_{view}_max1", "max_dim", x, list(x.max(1)), view=view, dim=1)
xr = rnd((4, 3, 5))
for d in [0, 1, 2, [0, 1], [1, 2], [0, 2]]:
    add(f"rot_sum_{d}", "sum", xr, xr.sum(d), view="rot", dim=d)
    add(f"rot_amax_{d}", "amax", xr, xr.amax(d), view="rot", dims=d if isinstance(d, list) else [d])
for d in [0, 1, 2]:
    add(f"rot_argmax_{d}", "argmax", xr, xr.argmax(d), view="rot", dim=d)
    add(f"rot_var_{d}", "var", xr, xr.var(d), view="rot", dim=d)
add("rot_argmax", "argmax", xr, xr.argmax(), view="rot")
add("rot_argmin", "argmin", xr, xr.argmin(), view="rot")
add("rot_sum", "sum", xr, xr.sum(), view="rot")
x4 = rnd((2, 3, 4, 5))
add("sum4_02", "sum", x4, x4.sum((0, 2)), dim=[0, 2])
add("sum4_13k", "sum", x4, x4.sum((1, 3), keepdim=True), dim=[1, 3], keepdim=True)
add("sum4_023", "sum", x4, x4.sum((0, 2, 3)), dim=[0, 2, 3])
add("sum4_empty_list", "sum", x4, x4.sum([]), dim=[])
# empty tensors and 0-dim
e = torch.zeros(0, 3)
add("empty_sum", "sum", e, e.sum())
add("empty_sum0", "sum", e, e.sum(0), dim=0)
add("empty_sum1", "sum", e, e.sum(1), dim=1)
add("empty_prod0", "prod", e, e.prod(0), dim=0)
add("empty_mean0", "mean", e, e.mean(0), dim=0)
add("empty_amax1", "amax", e, e.amax(1), dims=[1])
add("empty_max1", "max_dim", e, list(e.max(1)), dim=1)
add("empty_argmax1", "argmax", e, e.argmax(1), dim=1)
add("empty_all", "all", e, e.all())
add("empty_any0", "any", e, e.any(0), dim=0)
add("empty_logsumexp0", "logsumexp", e, e.logsumexp(0), dim=[0])
add("empty_count", "count_nonzero", e, e.count_nonzero())
s = torch.tensor(2.5)
add("scalar_sum", "sum", s, s.sum())
add("scalar_sum_dim", "sum", s, s.sum(0), dim=0)
add("scalar_max_dim", "max_dim", s, list(s.max(0)), dim=0)
add("scalar_mean_keep", "mean", s, s.mean(-1, keepdim=True), dim=-1, keepdim=True)

# --- amax/amin/max/min/argmax/argmin: dtypes, NaN, ties ---
for dt in floats + ints:
    x = rnd((4, 5), dt)
    tag = str(dt).replace("torch.", "")
    add(f"max_all_{tag}", "max", x, x.max())
    add(f"min_all_{tag}", "min", x, x.min())
    for d in [0, -1]:
        add(f"maxdim_{tag}_{d}", "max_dim", x, list(x.max(d)), dim=d)
        add(f"mindim_{tag}_{d}", "min_dim", x, list(x.min(d, keepdim=True)), dim=d, keepdim=True)
        if dt != torch.bool:  # torch: "argmax(): does not support bool input"
            add(f"argmax_{tag}_{d}", "argmax", x, x.argmax(d), dim=d)
            add(f"argmin_{tag}_{d}", "argmin", x, x.argmin(d), dim=d)
        add(f"amax_{tag}_{d}", "amax", x, x.amax(d), dims=[d])
        add(f"amin_{tag}_{d}", "amin", x, x.amin(d, keepdim=True), dims=[d], keepdim=True)
    if dt != torch.bool:
        add(f"argmax_flat_{tag}", "argmax", x, x.argmax())
        add(f"argmin_flat_{tag}", "argmin", x, x.argmin())
ties = torch.tensor([[3.0, 1.0, 3.0, 1.0], [2.0, 2.0, 2.0, 2.0], [0.0, 5.0, -1.0, 5.0]])
for d in [0, 1]:
    add(f"ties_max_{d}", "max_dim", ties, list(ties.max(d)), dim=d)
    add(f"ties_min_{d}", "min_dim", ties, list(ties.min(d)), dim=d)
    add(f"ties_argmax_{d}", "argmax", ties, ties.argmax(d), dim=d)
    add(f"ties_argmin_{d}", "argmin", ties, ties.argmin(d), dim=d)
add("ties_argmax_flat", "argmax", ties, ties.argmax())
add("ties_argmin_flat", "argmin", ties, ties.argmin())
add("argmax_keepdim_flat", "argmax", ties, ties.argmax(keepdim=True), keepdim=True)
nanx = torch.tensor([[1.0, float("nan"), 3.0, float("nan")], [5.0, 2.0, 9.0, -1.0], [float("nan"), 0.0, 0.0, 7.0]])
add("nan_max", "max", nanx, nanx.max())
add("nan_min", "min", nanx, nanx.min())
add("nan_argmax", "argmax", nanx, nanx.argmax())
for d in [0, 1]:
    add(f"nan_maxdim_{d}", "max_dim", nanx, list(nanx.max(d)), dim=d)
    add(f"nan_mindim_{d}", "min_dim", nanx, list(nanx.min(d)), dim=d)
    add(f"nan_amax_{d}", "amax", nanx, nanx.amax(d), dims=[d])
    add(f"nan_argmin_{d}", "argmin", nanx, nanx.argmin(d), dim=d)
nanh = nanx.half()
add("nan_amax_half", "amax", nanh, nanh.amax(1), dims=[1])
x3 = rnd((3, 4, 5))
add("amax_multi", "amax", x3, x3.amax((0, 2)), dims=[0, 2])
add("amin_multi_keep", "amin", x3, x3.amin((-1, 0), keepdim=True), dims=[-1, 0], keepdim=True)
add("amax_all", "amax", x3, x3.amax(), dims=[])
# long rows exercising the vectorized paths (lengths not multiples of 8)
xl = torch.randn(3, 1003)
xl[1, 517] = float("nan")
add("long_amax", "amax", xl, xl.amax(1), dims=[1])
add("long_amin", "amin", xl, xl.amin(1), dims=[1])
add("long_argmax", "argmax", xl, xl.argmax(1), dim=1)
add("long_sum", "sum", xl, xl.sum(1), dim=1)
add("long_nansum", "nansum", xl, xl.nansum(1), dim=1)
xl64 = torch.randn(2, 1001, dtype=torch.float64)
add("long_amax_f64", "amax", xl64, xl64.amax(1), dims=[1])
add("long_sum_f64", "sum", xl64, xl64.sum(1), dim=1)

# --- all / any / count_nonzero ---
for dt in floats + ints:
    x = rnd((4, 5), dt)
    if dt.is_floating_point:
        x[x.abs() < 0.7] = 0
        x[0, 0] = float("nan")
    elif dt != torch.bool:
        x[x.abs() % 3 == 0] = 0
    tag = str(dt).replace("torch.", "")
    add(f"all_{tag}", "all", x, x.all())
    add(f"any_{tag}", "any", x, x.any())
    add(f"all1_{tag}", "all", x, x.all(1), dim=1)
    add(f"any0_{tag}", "any", x, x.any(0, keepdim=True), dim=0, keepdim=True)
    add(f"count_{tag}", "count_nonzero", x, x.count_nonzero())
    add(f"count1_{tag}", "count_nonzero", x, x.count_nonzero(1), dims=[1])
xb = torch.tensor([[True, True], [True, False], [False, False]])
add("all_dims", "all", xb, xb.all(0), dim=0)
add("count_dims", "count_nonzero", xb, xb.count_nonzero((0, 1)), dims=[0, 1])

# --- var / std / var_mean / std_mean ---
for dt in floats:
    x = rnd((4, 6), dt)
    tag = str(dt).replace("torch.", "")
    add(f"std_all_{tag}", "std", x, x.std())
    add(f"var_all_{tag}", "var", x, x.var())
    for d in [0, 1, -1]:
        add(f"var_{tag}_{d}", "var", x, x.var(d), dim=d)
        add(f"std_{tag}_{d}_c0k", "std", x, x.std(d, correction=0, keepdim=True), dim=d, correction=0, keepdim=True)
    add(f"var_unb_{tag}", "var", x, x.var(1, unbiased=False), dim=1, unbiased=False)
    add(f"std_unb_{tag}", "std", x, x.std(unbiased=True), unbiased=True)
x3 = rnd((3, 4, 5), torch.float64)
add("var_multi", "var", x3, x3.var((0, 2)), dim=[0, 2])
add("std_multi_corr2", "std", x3, x3.std((1, 2), correction=2, keepdim=True), dim=[1, 2], correction=2, keepdim=True)
add("var_mean_1", "var_mean", x3, list(torch.var_mean(x3, 1)), dim=1)
add("std_mean_all", "std_mean", x3, list(torch.std_mean(x3)))
add("std_mean_02", "std_mean", x3, list(torch.std_mean(x3, (0, 2), correction=0)), dim=[0, 2], correction=0)
one = torch.tensor([[1.0], [2.0]])
add("std_single", "std", one, one.std(1), dim=1)
add("var_corr_big", "var", torch.tensor([1.0, 2.0]), torch.tensor([1.0, 2.0]).var(correction=3), correction=3)
add("var_empty", "var", e, e.var(0), dim=0)
add("var_nan", "var", xn, xn.var(1), dim=1)
big = torch.randn(40, 60) * 3 + 1000  # large mean: catastrophic cancellation test
add("var_offset", "var", big, big.var(1), dim=1)
add("var_offset0", "var", big, big.var(0), dim=0)
add("var_offset_all", "var", big, big.var())

# --- logsumexp ---
for dt in floats + [torch.int64, torch.bool]:
    x = rnd((3, 5), dt)
    tag = str(dt).replace("torch.", "")
    add(f"lse_{tag}_1", "logsumexp", x, x.logsumexp(1), dim=[1])
    add(f"lse_{tag}_0k", "logsumexp", x, x.logsumexp(0, keepdim=True), dim=[0], keepdim=True)
xs = torch.tensor([[1000.0, 1000.0, 999.0], [-1000.0, -1001.0, -1e4], [float("-inf")] * 3, [float("inf"), 1.0, 2.0], [float("nan"), 1.0, 2.0]])
add("lse_extreme_1", "logsumexp", xs, xs.logsumexp(1), dim=[1])
add("lse_extreme_0", "logsumexp", xs[:3], xs[:3].logsumexp(0), dim=[0])
add("lse_multi", "logsumexp", x3, x3.logsumexp((0, 2)), dim=[0, 2])
cases["__inputs__"] = inputs
save("reduction", cases)
