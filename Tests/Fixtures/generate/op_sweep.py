"""OpInfo-style differential sweep (op_sweep.json): each op of the table over every dtype, over shapes (0-dim,
empty, broadcast, non-contiguous views) and argument variants, with torch's result or, where torch refuses,
the first line of its error. The Swift side (Tests/OpSweepTests) runs every case in a child process that names each
case before running it, so a trap names its case and the sweep goes on after it.

Families: unary elementwise, binary elementwise (tensor ⊕ tensor, tensor ⊕ number, mixed dtypes),
reductions (all, one dim, keepdim, several dims), shape ops, ternary ops."""
import os
import sys

import torch
import torch.nn.functional as Fn

from fixturelib import CORE_GENERATE, save  # this folder's shim: the output goes to Tests/Fixtures

sys.path.append(CORE_GENERATE)
from elementwise_common import *  # noqa: E402  (TensorCore's sample values and argument encoding)

aten = torch.ops.aten
cases = []
errors_per_op = {}
MAX_ERRORS_PER_OP = 3  # torch refuses whole dtype families with one message each; a few cases per op show it
# Tables of argument variants whose errors differ case by case: every error is kept.
EVERY_ERROR = {"pad_args", "interpolate_args", "broadcast_shapes", "mse_loss_args", "l1_loss_args", "smooth_l1_loss_args", "huber_loss_args", "kl_div_args", "fill",
               "set_item", "item", "copy", "to", "tril_indices", "triu_indices"}


def case(op, variant, inputs, fn, **kw):
    """Runs torch's `fn(*inputs, **kw)` and records its outputs (a tuple for multi-output ops) or its error."""
    record = {"id": f"{op}[{variant}]", "op": op, "inputs": [arg(x) for x in inputs]}
    if kw:
        record["kwargs"] = {k: (S(v) if isinstance(v, (bool, int, float)) else v) for k, v in kw.items()}
    try:
        out = fn(*inputs, **kw)
    except TypeError:
        return  # a Python binding's argument type check: Swift's types rule the call out at compile time
    except (RuntimeError, ValueError, IndexError) as e:
        if errors_per_op.get(op, 0) >= MAX_ERRORS_PER_OP and op not in EVERY_ERROR:
            return
        errors_per_op[op] = errors_per_op.get(op, 0) + 1
        record["error"] = str(e).split("\n")[0]
        cases.append(record)
        return
    outs = list(out) if isinstance(out, (tuple, list)) else [out]
    record["expected"] = [enc(o.contiguous()) if isinstance(o, torch.Tensor) else S(o) for o in outs]
    # Reduced-precision floats: the same op in float64 on the same values, to judge rounding (see SweepRunner).
    if any(isinstance(x, torch.Tensor) and x.dtype in (H, BF) for x in inputs):
        try:
            exact = fn(*[x.double() if isinstance(x, torch.Tensor) and x.dtype in (H, BF) else x for x in inputs], **kw)
            exact = list(exact) if isinstance(exact, (tuple, list)) else [exact]
            record["exact"] = [enc(e.contiguous()) if isinstance(e, torch.Tensor) else S(e) for e in exact]
        except (RuntimeError, TypeError, ValueError, IndexError):
            pass
    cases.append(record)


def _set(x, key, value):
    """x[key] = value on a copy (torch's __setitem__)."""
    y = x.clone()
    y[key] = value
    return y


def name(dt):
    return str(dt).split(".")[1]


def sample(dt, kind, seed, nonzero=False, special=True, domain=None):
    """The op's input for a shape kind: matrix [3, 4], scalar [], empty [0, 3], noncontig (a strided view)."""
    shape = {"matrix": [3, 4], "scalar": [], "empty": [0, 3], "noncontig": [4, 6]}[kind]
    x = values(dt, shape, seed, nonzero=nonzero, special=special and dt.is_floating_point and kind == "matrix")
    if domain is not None and dt.is_floating_point:
        x = domain(x)
    return x[:, ::2] if kind == "noncontig" else x


UNARY = {
    "neg": torch.neg, "abs": torch.abs, "sign": torch.sign, "sgn": torch.sgn, "exp": torch.exp, "exp2": torch.exp2,
    "expm1": torch.expm1, "log": torch.log, "log2": torch.log2, "log10": torch.log10, "log1p": torch.log1p,
    "sqrt": torch.sqrt, "rsqrt": torch.rsqrt, "reciprocal": torch.reciprocal, "sin": torch.sin, "cos": torch.cos,
    "tan": torch.tan, "asin": torch.asin, "acos": torch.acos, "atan": torch.atan, "sinh": torch.sinh,
    "cosh": torch.cosh, "tanh": torch.tanh, "asinh": torch.asinh, "acosh": torch.acosh, "atanh": torch.atanh,
    "sigmoid": torch.sigmoid, "logit": torch.logit, "relu": torch.relu, "erf": torch.erf, "erfc": torch.erfc,
    "erfinv": torch.erfinv, "floor": torch.floor, "ceil": torch.ceil, "round": torch.round, "trunc": torch.trunc,
    "frac": torch.frac, "square": torch.square, "isnan": torch.isnan, "isinf": torch.isinf,
    "isfinite": torch.isfinite, "isposinf": torch.isposinf, "isneginf": torch.isneginf, "signbit": torch.signbit,
    "nan_to_num": torch.nan_to_num, "bitwise_not": torch.bitwise_not, "logical_not": torch.logical_not,
    "gelu": Fn.gelu, "silu": Fn.silu, "softplus": Fn.softplus, "lgamma": torch.lgamma, "digamma": torch.digamma,
    "deg2rad": torch.deg2rad, "rad2deg": torch.rad2deg, "positive": torch.positive, "hardtanh": Fn.hardtanh,
    "relu6": Fn.relu6, "elu": Fn.elu, "selu": Fn.selu, "leaky_relu": Fn.leaky_relu, "mish": Fn.mish,
    "hardsigmoid": Fn.hardsigmoid, "hardswish": Fn.hardswish, "logsigmoid": Fn.logsigmoid, "tanhshrink": Fn.tanhshrink,
    "softsign": Fn.softsign,
}
NARROW_DOMAIN = {"asin", "acos", "atanh", "erfinv", "logit"}
for i, (op, fn) in enumerate(UNARY.items()):
    domain = (lambda x: x / 4.5) if op in NARROW_DOMAIN else (lambda x: x.abs() + 1) if op == "acosh" else None
    if op == "gelu":
        domain = lambda x: x.nan_to_num(posinf=1e4)  # torch's float32 gelu(+inf) is NaN; ours inf (README)
    for dt in ALL:
        case(op, f"{name(dt)},matrix", [sample(dt, "matrix", 10 + i, domain=domain)], fn)
    for kind in ["scalar", "empty", "noncontig"]:
        for dt in [F, I64]:
            case(op, f"{name(dt)},{kind}", [sample(dt, kind, 10 + i, domain=domain)], fn)

BINARY = {
    "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div, "remainder": torch.remainder,
    "fmod": torch.fmod, "floor_divide": torch.floor_divide, "pow": torch.pow, "atan2": torch.atan2,
    "maximum": torch.maximum, "minimum": torch.minimum, "fmax": torch.fmax, "fmin": torch.fmin,
    "hypot": torch.hypot, "logaddexp": torch.logaddexp, "logaddexp2": torch.logaddexp2, "copysign": torch.copysign,
    "xlogy": torch.xlogy, "eq": torch.eq, "ne": torch.ne, "lt": torch.lt, "le": torch.le, "gt": torch.gt,
    "ge": torch.ge, "logical_and": torch.logical_and, "logical_or": torch.logical_or,
    "logical_xor": torch.logical_xor, "bitwise_and": torch.bitwise_and, "bitwise_or": torch.bitwise_or,
    "bitwise_xor": torch.bitwise_xor, "bitwise_left_shift": torch.bitwise_left_shift,
    "bitwise_right_shift": torch.bitwise_right_shift, "div_floor": lambda a, b: torch.div(a, b, rounding_mode="floor"),
    "div_trunc": lambda a, b: torch.div(a, b, rounding_mode="trunc"),
}
DIVIDES = {"div", "remainder", "fmod", "floor_divide", "div_floor", "div_trunc"}
MIXED = [(I64, F), (B, I8), (H, BF), (U8, I8), (I32, D)]
for i, (op, fn) in enumerate(BINARY.items()):
    nz = op in DIVIDES
    shifts = op.startswith("bitwise_") and "shift" in op

    def rhs(dt, shape, seed):
        y = values(dt, shape, seed, nonzero=nz)
        return y.abs() % 8 if shifts and not dt.is_floating_point and dt != B else y
    for dt in ALL:
        case(op, f"{name(dt)},same", [values(dt, [3, 4], 50 + i), rhs(dt, [3, 4], 80 + i)], fn)
    for a, b in MIXED:
        case(op, f"{name(a)}+{name(b)}", [values(a, [3, 4], 50 + i), rhs(b, [3, 4], 80 + i)], fn)
    for dt in [F, I64]:
        case(op, f"{name(dt)},broadcast", [values(dt, [3, 1], 50 + i), rhs(dt, [1, 4], 80 + i)], fn)
        case(op, f"{name(dt)},0-dim", [values(dt, [], 50 + i), rhs(dt, [3, 4], 80 + i)], fn)
        case(op, f"{name(dt)},empty", [values(dt, [0, 4], 50 + i), rhs(dt, [1, 4], 80 + i)], fn)
        case(op, f"{name(dt)},noncontig", [values(dt, [4, 6], 50 + i)[:, ::2], rhs(dt, [4, 3], 80 + i)], fn)
        for number in [2, 2.5, True]:
            case(op, f"{name(dt)},number {number!r}", [values(dt, [3, 4], 50 + i), number], fn)

REDUCE = {
    "sum": torch.sum, "mean": torch.mean, "prod": torch.prod, "amax": torch.amax, "amin": torch.amin,
    "argmax": torch.argmax, "argmin": torch.argmin, "max": torch.max, "min": torch.min, "std": torch.std,
    "var": torch.var, "logsumexp": torch.logsumexp, "all": torch.all, "any": torch.any, "nansum": torch.nansum,
    "nanmean": torch.nanmean, "median": torch.median, "count_nonzero": torch.count_nonzero,
    "cumsum": torch.cumsum, "cumprod": torch.cumprod, "softmax": torch.softmax, "log_softmax": torch.log_softmax,
    "cummax": torch.cummax, "cummin": torch.cummin, "argsort": torch.argsort, "sort": torch.sort,
}
NEEDS_DIM = {"cumsum", "cumprod", "softmax", "log_softmax", "cummax", "cummin"}
ONE_DIM_ONLY = {"argmax", "argmin", "max", "min", "median", "cumsum", "cumprod", "softmax", "log_softmax", "cummax",
                "cummin", "argsort", "sort"}
for i, (op, fn) in enumerate(REDUCE.items()):
    variants = [("dim=1", dict(dim=1)), ("dim=-1,keepdim", dict(dim=-1, keepdim=True))]
    if op in NEEDS_DIM or op in {"argsort", "sort"}:
        variants = [("dim=1", dict(dim=1)), ("dim=0", dict(dim=0))]
    else:
        variants.insert(0, ("all", {}))
    if op not in ONE_DIM_ONLY:
        variants.append(("dims=(0,1)", dict(dim=(0, 1))))
    for dt in ALL:
        for label, kw in variants:
            case(op, f"{name(dt)},{label}", [values(dt, [3, 4], 120 + i)], fn, **kw)
    for kind in ["empty", "scalar", "noncontig"]:
        for label, kw in variants[:2]:
            if kind == "scalar" and kw.get("dim") not in (None, 0, -1):
                kw = dict(kw, dim=0)
            case(op, f"float32,{kind},{label}", [sample(F, kind, 120 + i)], fn, **kw)

SHAPE = {
    "reshape": (lambda x: x.reshape(2, -1), "matrix"), "flatten": (lambda x: x.flatten(), "noncontig"),
    "transpose": (lambda x: x.transpose(0, 1), "matrix"), "permute": (lambda x: x.permute(1, 0), "noncontig"),
    "unsqueeze": (lambda x: x.unsqueeze(1), "matrix"), "squeeze": (lambda x: x.unsqueeze(0).squeeze(0), "matrix"),
    "flip": (lambda x: x.flip(0, 1), "noncontig"), "roll": (lambda x: x.roll(2, 1), "matrix"),
    "repeat": (lambda x: x.repeat(2, 1), "noncontig"), "expand": (lambda x: x[:1].expand(3, -1), "matrix"),
    "narrow": (lambda x: x.narrow(1, 1, 2), "matrix"), "tril": (lambda x: x.tril(), "matrix"),
    "triu": (lambda x: x.triu(1), "noncontig"), "cat": (lambda x: torch.cat([x, x * 2], 1), "noncontig"),
    "stack": (lambda x: torch.stack([x, x], 0), "matrix"), "chunk": (lambda x: x.chunk(2, 1), "matrix"),
    "split": (lambda x: x.split([1, 2], 0), "matrix"), "movedim": (lambda x: x.movedim(0, 1), "matrix"),
    "clone": (lambda x: x.clone(), "noncontig"), "contiguous": (lambda x: x.contiguous(), "noncontig"),
}
for i, (op, (fn, kind)) in enumerate(SHAPE.items()):
    for dt in ALL:
        case(op, f"{name(dt)},{kind}", [sample(dt, kind, 200 + i, special=False)], fn)
    case(op, "float32,empty", [sample(F, "empty", 200 + i)], fn)

TERNARY = {
    "where": lambda c, a, b: torch.where(c, a, b), "lerp": lambda a, b, w: torch.lerp(a, b, w),
    "addcmul": lambda a, b, c: torch.addcmul(a, b, c, value=0.5), "addcdiv": lambda a, b, c: torch.addcdiv(a, b, c, value=2),
    "clamp": lambda x, lo, hi: torch.clamp(x, lo, hi),
}
for i, (op, fn) in enumerate(TERNARY.items()):
    for dt in ALL:
        a, b = values(dt, [3, 4], 300 + i), values(dt, [1, 4], 330 + i, nonzero=True)
        first = values(B, [3, 1], 360 + i) if op == "where" else a
        third = values(dt, [3, 1], 390 + i, nonzero=True)
        if op == "where":
            case(op, f"{name(dt)},broadcast", [first, a, b], fn)
        elif op == "clamp":
            case(op, f"{name(dt)},broadcast", [a, b.minimum(third.max()) if dt != B else b, third], fn)
        else:
            case(op, f"{name(dt)},broadcast", [a, b, third], fn)

# torch.nn.functional: each op with fixed arguments, its floating inputs in every dtype (indices and class
# targets stay int64). Each entry: (torch call, input makers taking the dtype).
def fl(*shape, positive=False, unit=False):
    """A floating input of the case's dtype; `unit` keeps values in (0.05, 0.95) (probabilities)."""
    def make(dt, seed):
        x = values(D, list(shape), seed)
        if unit:
            x = x.abs() / 4 * 0.9 + 0.05
        elif positive:
            x = x.abs() + 0.5
        return x.to(dt)
    return make


def fixed(t):
    return lambda dt, seed: t


NN = {
    "conv1d": (lambda x, w, b: Fn.conv1d(x, w, b, stride=2, padding=1), [fl(2, 3, 7), fl(4, 3, 3), fl(4)]),
    "conv2d": (lambda x, w, b: Fn.conv2d(x, w, b, padding=1), [fl(2, 3, 6, 5), fl(4, 3, 3, 3), fl(4)]),
    "conv3d": (lambda x, w, b: Fn.conv3d(x, w, b), [fl(1, 2, 4, 4, 3), fl(3, 2, 2, 2, 2), fl(3)]),
    "conv_transpose2d": (lambda x, w, b: Fn.conv_transpose2d(x, w, b, stride=2), [fl(1, 3, 4, 4), fl(3, 2, 3, 3), fl(2)]),
    "max_pool1d": (lambda x: Fn.max_pool1d(x, 2), [fl(2, 3, 8)]),
    "max_pool2d": (lambda x: Fn.max_pool2d(x, 3, 2, padding=1, return_indices=True), [fl(2, 3, 6, 6)]),
    "max_pool3d": (lambda x: Fn.max_pool3d(x, 2), [fl(1, 2, 4, 4, 4)]),
    "avg_pool2d": (lambda x: Fn.avg_pool2d(x, 3, 2, padding=1), [fl(2, 3, 6, 6)]),
    "avg_pool3d": (lambda x: Fn.avg_pool3d(x, 2), [fl(1, 2, 4, 4, 4)]),
    "adaptive_avg_pool2d": (lambda x: Fn.adaptive_avg_pool2d(x, (3, 2)), [fl(2, 3, 7, 5)]),
    "adaptive_max_pool2d": (lambda x: Fn.adaptive_max_pool2d(x, (3, 2), return_indices=True), [fl(2, 3, 7, 5)]),
    "adaptive_avg_pool3d": (lambda x: Fn.adaptive_avg_pool3d(x, 2), [fl(1, 2, 4, 5, 3)]),
    "interpolate": (lambda x: Fn.interpolate(x, size=(5, 7), mode="bilinear"), [fl(1, 2, 3, 4)]),
    "pad": (lambda x: Fn.pad(x, (1, 2, 2, 1), mode="reflect"), [fl(1, 2, 3, 4)]),
    "layer_norm": (lambda x, w, b: Fn.layer_norm(x, [4], w, b), [fl(2, 3, 4), fl(4), fl(4)]),
    "group_norm": (lambda x, w, b: Fn.group_norm(x, 2, w, b), [fl(2, 4, 3), fl(4), fl(4)]),
    "batch_norm": (lambda x, m, v, w, b: Fn.batch_norm(x, m, v, w, b), [fl(4, 3, 2, 2), fl(3), fl(3, positive=True), fl(3), fl(3)]),
    "instance_norm": (lambda x: Fn.instance_norm(x), [fl(2, 3, 4, 4)]),
    "embedding": (lambda i, w: Fn.embedding(i, w), [fixed(torch.tensor([[0, 2, 4], [1, 1, 3]])), fl(5, 3)]),
    "one_hot": (lambda i: Fn.one_hot(i.long() if i.dtype == torch.int64 else i, 5), [lambda dt, seed: torch.tensor([0, 3, 1, 4]).to(dt)]),
    "normalize": (lambda x: Fn.normalize(x, dim=1), [fl(3, 4)]),
    "linear": (lambda x, w, b: Fn.linear(x, w, b), [fl(3, 4), fl(5, 4), fl(5)]),
    "bilinear": (lambda a, b, w, bias: Fn.bilinear(a, b, w, bias), [fl(3, 4), fl(3, 2), fl(5, 4, 2), fl(5)]),
    "prelu": (lambda x, w: Fn.prelu(x, w), [fl(2, 3, 4), fl(3)]),
    "softmin": (lambda x: Fn.softmin(x, dim=1), [fl(3, 4)]),
    "celu": (lambda x: Fn.celu(x, alpha=0.5), [fl(3, 4)]),
    "pairwise_distance": (lambda a, b: Fn.pairwise_distance(a, b), [fl(3, 4), fl(3, 4)]),
    "scaled_dot_product_attention": (lambda q, k, v: Fn.scaled_dot_product_attention(q, k, v), [fl(2, 3, 4), fl(2, 5, 4), fl(2, 5, 2)]),
    "dropout": (lambda x: Fn.dropout(x, 0.4, training=False), [fl(3, 4)]),
    "mse_loss": (lambda a, b: Fn.mse_loss(a, b), [fl(4, 5), fl(4, 5)]),
    "l1_loss": (lambda a, b: Fn.l1_loss(a, b), [fl(4, 5), fl(4, 5)]),
    "smooth_l1_loss": (lambda a, b: Fn.smooth_l1_loss(a, b, beta=0.5), [fl(4, 5), fl(4, 5)]),
    "huber_loss": (lambda a, b: Fn.huber_loss(a, b, delta=0.5), [fl(4, 5), fl(4, 5)]),
    "kl_div": (lambda a, b: Fn.kl_div(a, b, reduction="batchmean"), [fl(4, 5), fl(4, 5, unit=True)]),
    "binary_cross_entropy": (lambda a, b: Fn.binary_cross_entropy(a, b), [fl(4, 5, unit=True), fl(4, 5, unit=True)]),
    "binary_cross_entropy_with_logits": (lambda a, b: Fn.binary_cross_entropy_with_logits(a, b), [fl(4, 5), fl(4, 5, unit=True)]),
    "cross_entropy": (lambda x, t: Fn.cross_entropy(x, t, label_smoothing=0.1), [fl(4, 5), fixed(torch.tensor([0, 4, 2, 2]))]),
    "nll_loss": (lambda x, t: Fn.nll_loss(x, t, reduction="sum"), [fl(4, 5), fixed(torch.tensor([1, 0, 3, 4]))]),
    "margin_ranking_loss": (lambda a, b, y: Fn.margin_ranking_loss(a, b, y, margin=0.5), [fl(6), fl(6), lambda dt, seed: torch.tensor([1, -1, 1, 1, -1, -1]).to(dt)]),
    "cosine_embedding_loss": (lambda a, b, y: Fn.cosine_embedding_loss(a, b, y), [fl(4, 5), fl(4, 5), lambda dt, seed: torch.tensor([1, -1, 1, -1]).to(dt)]),
    "triplet_margin_loss": (lambda a, p, n: Fn.triplet_margin_loss(a, p, n), [fl(4, 5), fl(4, 5), fl(4, 5)]),
}
for i, (op, (fn, makers)) in enumerate(NN.items()):
    for dt in ALL:
        case(op, name(dt), [m(dt, 400 + 7 * i + j) for j, m in enumerate(makers)], fn)

# Indexing, linear algebra and the remaining tensor methods: (torch call, input makers) over every dtype.
def dat(*shape, nonzero=False):
    """The case's data input in its dtype."""
    return lambda dt, seed: values(dt, list(shape), seed, nonzero=nonzero)


def spd(n):
    """A symmetric positive definite matrix (well conditioned) in the case's dtype."""
    def make(dt, seed):
        a = values(D, [n, n], seed)
        return (a @ a.T + n * torch.eye(n, dtype=D)).to(dt)
    return make


IDX = torch.tensor([[0, 2, 1, 0], [2, 2, 0, 1]])
MASK = torch.tensor([[True, False, True, False], [False, False, True, True], [True, True, False, False]])
MISC = {
    "gather": (lambda x, i: x.gather(0, i), [dat(3, 4), fixed(IDX)]),
    "take": (lambda x, i: x.take(i), [dat(3, 4), fixed(torch.tensor([0, 11, 5, -1]))]),
    "take_along_dim": (lambda x, i: torch.take_along_dim(x, i, dim=0), [dat(3, 4), fixed(IDX)]),
    "index_select": (lambda x, i: x.index_select(1, i), [dat(3, 4), fixed(torch.tensor([3, 0, 0]))]),
    "index_add": (lambda x, s: x.index_add(0, torch.tensor([2, 0]), s, alpha=2), [dat(3, 4), dat(2, 4)]),
    "index_copy": (lambda x, s: x.index_copy(1, torch.tensor([3, 1]), s), [dat(3, 4), dat(3, 2)]),
    "index_fill": (lambda x: x.index_fill(1, torch.tensor([0, 2]), 7), [dat(3, 4)]),
    "masked_fill": (lambda x, m: x.masked_fill(m, 5), [dat(3, 4), fixed(MASK)]),
    "masked_select": (lambda x, m: x.masked_select(m), [dat(3, 4), fixed(MASK)]),
    "masked_scatter": (lambda x, m, s: x.masked_scatter(m, s), [dat(3, 4), fixed(MASK), dat(3, 4)]),
    "scatter": (lambda x, i, s: x.scatter(0, i, s), [dat(3, 4), fixed(IDX), dat(2, 4)]),
    "scatter_add": (lambda x, i, s: x.scatter_add(0, i, s), [dat(3, 4), fixed(IDX), dat(2, 4)]),
    "put": (lambda x, s: x.put(torch.tensor([1, 7, 1]), s, accumulate=True), [dat(3, 4), dat(3)]),
    "nonzero": (lambda x: x.nonzero(), [dat(3, 4)]),
    "argwhere": (lambda x: x.argwhere(), [dat(3, 4)]),
    "topk": (lambda x: x.topk(2, dim=1), [dat(3, 4)]),
    "kthvalue": (lambda x: x.kthvalue(2, dim=1), [dat(3, 4)]),
    "mode": (lambda x: x.mode(dim=1), [lambda dt, seed: (values(dt, [3, 4], seed) if dt == B else (values(D, [3, 4], seed).round() % 3).to(dt))]),
    "nanmedian": (lambda x: x.nanmedian(dim=1), [dat(3, 4)]),
    "std_mean": (lambda x: torch.std_mean(x, dim=1), [dat(3, 4)]),
    "var_mean": (lambda x: torch.var_mean(x, dim=0), [dat(3, 4)]),
    "diag": (lambda x: x.diag(1), [dat(3, 4)]),
    "diagonal": (lambda x: x.diagonal(offset=-1), [dat(3, 4)]),
    "diag_embed": (lambda x: torch.diag_embed(x, offset=1), [dat(2, 3)]),
    "trace": (lambda x: x.trace(), [dat(3, 4)]),
    "outer": (lambda a, b: torch.outer(a, b), [dat(3), dat(4)]),
    "repeat_interleave": (lambda x: x.repeat_interleave(2, dim=1), [dat(3, 4)]),
    "tile": (lambda x: x.tile((2, 1, 2)), [dat(3, 4)]),
    "unbind": (lambda x: x.unbind(1), [dat(3, 4)]),
    "unflatten": (lambda x: x.unflatten(1, (2, 2)), [dat(3, 4)]),
    "unfold": (lambda x: x.unfold(1, 2, 1), [dat(3, 4)]),
    "tensor_split": (lambda x: x.tensor_split(3, dim=1), [dat(3, 4)]),
    "vstack": (lambda a, b: torch.vstack([a, b]), [dat(3, 4), dat(2, 4)]),
    "hstack": (lambda a, b: torch.hstack([a, b]), [dat(3, 4), dat(3, 2)]),
    "dstack": (lambda a, b: torch.dstack([a, b]), [dat(3, 4), dat(3, 4)]),
    "fliplr": (lambda x: x.fliplr(), [dat(3, 4)]), "flipud": (lambda x: x.flipud(), [dat(3, 4)]),
    "swapaxes": (lambda x: x.swapaxes(0, 1), [dat(3, 4)]), "moveaxis": (lambda x: x.moveaxis(0, 1), [dat(3, 4)]),
    "atleast_2d": (lambda x: torch.atleast_2d(x), [dat(4)]),
    "expand_as": (lambda x, y: x.expand_as(y), [dat(1, 4), dat(3, 4)]),
    "broadcast_to": (lambda x: x.broadcast_to((2, 3, 4)), [dat(3, 1)]),
    "clamp_min": (lambda x: x.clamp_min(-1), [dat(3, 4)]), "clamp_max": (lambda x: x.clamp_max(1), [dat(3, 4)]),
    "fix": (lambda x: x.fix(), [dat(3, 4)]), "negative": (lambda x: x.negative(), [dat(3, 4)]),
    "equal": (lambda a, b: torch.tensor(torch.equal(a, b)), [dat(3, 4), dat(3, 4)]),
    "isclose": (lambda a, b: torch.isclose(a, b, rtol=0.5, atol=1.0), [dat(3, 4), dat(3, 4)]),
    "mm": (lambda a, b: a.mm(b), [dat(3, 4), dat(4, 2)]),
    "bmm": (lambda a, b: a.bmm(b), [dat(2, 3, 4), dat(2, 4, 2)]),
    "mv": (lambda a, b: a.mv(b), [dat(3, 4), dat(4)]),
    "dot": (lambda a, b: a.dot(b), [dat(4), dat(4)]),
    "matmul": (lambda a, b: a.matmul(b), [dat(2, 3, 4), dat(4, 2)]),
    "addmm": (lambda c, a, b: torch.addmm(c, a, b, beta=2, alpha=1), [dat(3, 2), dat(3, 4), dat(4, 2)]),
    "addmv": (lambda c, a, b: torch.addmv(c, a, b), [dat(3), dat(3, 4), dat(4)]),
    "baddbmm": (lambda c, a, b: torch.baddbmm(c, a, b), [dat(2, 3, 2), dat(2, 3, 4), dat(2, 4, 2)]),
    "einsum": (lambda a, b: torch.einsum("ij,jk->ik", a, b), [dat(3, 4), dat(4, 2)]),
    "inv": (lambda a: torch.linalg.inv(a), [spd(3)]),
    "det": (lambda a: torch.linalg.det(a), [spd(3)]),
    "slogdet": (lambda a: torch.linalg.slogdet(a), [spd(3)]),
    "solve": (lambda a, b: torch.linalg.solve(a, b), [spd(3), dat(3, 2)]),
    "cholesky": (lambda a: torch.linalg.cholesky(a), [spd(3)]),
    "svdvals": (lambda a: torch.linalg.svdvals(a), [dat(3, 4)]),
    "matrix_norm": (lambda a: torch.linalg.matrix_norm(a), [dat(3, 4)]),
    "vector_norm": (lambda a: torch.linalg.vector_norm(a, ord=3), [dat(3, 4)]),
    "cross": (lambda a, b: torch.linalg.cross(a, b), [dat(4, 3), dat(4, 3)]),
}
for i, (op, (fn, makers)) in enumerate(MISC.items()):
    for dt in ALL:
        case(op, name(dt), [m(dt, 600 + 7 * i + j) for j, m in enumerate(makers)], fn)

MORE = {
    "polygamma": (lambda x: torch.polygamma(2, x), [fl(3, 4, positive=True)]),
    "clip": (lambda x: x.clip(-1, 2), [dat(3, 4)]),
    "concat": (lambda a, b: torch.concat([a, b], 1), [dat(3, 4), dat(3, 2)]),
    "concatenate": (lambda a, b: torch.concatenate([a, b], 0), [dat(3, 4), dat(1, 4)]),
    "swapdims": (lambda x: x.swapdims(0, 1), [dat(3, 4)]), "reshape_as": (lambda x, y: x.reshape_as(y), [dat(3, 4), dat(2, 6)]),
    "view_as": (lambda x, y: x.view_as(y), [dat(3, 4), dat(6, 2)]), "view": (lambda x: x.view(4, 3), [dat(3, 4)]),
    "select": (lambda x: x.select(1, 2), [dat(3, 4)]), "t": (lambda x: x.t(), [dat(3, 4)]),
    "adjoint": (lambda x: x.adjoint(), [dat(3, 4)]), "atleast_1d": (lambda x: torch.atleast_1d(x), [dat()]),
    "atleast_3d": (lambda x: torch.atleast_3d(x), [dat(3, 4)]),
    "broadcast_tensors": (lambda a, b: torch.broadcast_tensors(a, b), [dat(3, 1), dat(1, 4)]),
    "allclose": (lambda a, b: torch.tensor(torch.allclose(a, b, rtol=0.5, atol=2.0)), [dat(3, 4), dat(3, 4)]),
    "vdot": (lambda a, b: torch.vdot(a, b), [dat(4), dat(4)]), "ger": (lambda a, b: torch.ger(a, b), [dat(3), dat(2)]),
    "inverse": (lambda a: a.inverse(), [spd(3)]), "norm": (lambda a: a.norm(p=1), [dat(3, 4)]),
    "pinv": (lambda a: torch.linalg.pinv(a), [dat(3, 4)]), "matrix_rank": (lambda a: torch.linalg.matrix_rank(a), [dat(3, 4)]),
    "eigvalsh": (lambda a: torch.linalg.eigvalsh(a), [spd(3)]),
    "scatter_reduce": (lambda x, i, s: x.scatter_reduce(0, i, s, "amax"), [dat(3, 4), fixed(IDX), dat(2, 4)]),
    "index_put": (lambda x, v: x.index_put((torch.tensor([0, 2]), torch.tensor([1, 3])), v, accumulate=True), [dat(3, 4), dat(2)]),
    "unique": (lambda x: torch.unique(x, return_inverse=True, return_counts=True), [lambda dt, seed: (values(D, [3, 4], seed).round() % 3).to(dt)]),
    "type_as": (lambda x, y: x.type_as(y), [dat(3, 4), fixed(torch.zeros(1, dtype=torch.float64))]),
    "ones_like": (lambda x: torch.ones_like(x), [dat(3, 4)]), "zeros_like": (lambda x: torch.zeros_like(x), [dat(3, 4)]),
    "full_like": (lambda x: torch.full_like(x, 2), [dat(3, 4)]),
    "as_strided": (lambda x: x.as_strided((2, 2), (1, 3), 1), [dat(3, 4)]),
    "nll_loss2d": (lambda x, t: Fn.nll_loss(x, t), [fl(2, 3, 2, 2), fixed(torch.tensor([[[0, 2], [1, 1]], [[2, 0], [0, 1]]]))]),
    "conv_transpose1d": (lambda x, w: Fn.conv_transpose1d(x, w, stride=2), [fl(2, 3, 5), fl(3, 2, 3)]),
    "adaptive_avg_pool1d": (lambda x: Fn.adaptive_avg_pool1d(x, 3), [fl(2, 3, 7)]),
    "adaptive_max_pool1d": (lambda x: Fn.adaptive_max_pool1d(x, 3, return_indices=True), [fl(2, 3, 7)]),
    "avg_pool1d": (lambda x: Fn.avg_pool1d(x, 3, 2, padding=1), [fl(2, 3, 7)]),
    "max_pool1d_with_indices": (lambda x: Fn.max_pool1d(x, 3, 2, padding=1, return_indices=True), [fl(2, 3, 7)]),
    "max_pool3d_with_indices": (lambda x: Fn.max_pool3d(x, 2, return_indices=True), [fl(1, 2, 4, 4, 4)]),
    "embedding_bag": (lambda w, i, o: Fn.embedding_bag(i, w, o, mode="max"), [fl(6, 3), fixed(torch.tensor([0, 2, 5, 2, 1])), fixed(torch.tensor([0, 2]))]),
}
for i, (op, (fn, makers)) in enumerate(MORE.items()):
    for dt in ALL:
        case(op, name(dt), [m(dt, 900 + 7 * i + j) for j, m in enumerate(makers)], fn)

# The explicit backward functions (aten's), on the same kinds of inputs as their forwards.
BACKWARD = {
    # The statistics are inputs (torch's forward's, rounded in reduced precision), so the float64 reference
    # differentiates at the same point.
    "layer_norm_backward": (lambda g, x, w, b, m, r: aten.native_layer_norm_backward(g, x, [4], m, r, w, b, [True] * 3),
                            [fl(2, 3, 4), fl(2, 3, 4), fl(4), fl(4), None, None]),
    "group_norm_backward": (lambda g, x, w, m, r: aten.native_group_norm_backward(g, x, m, r, w, 2, 4, 3, 2, [True] * 3),
                            [fl(2, 4, 3), fl(2, 4, 3), fl(4), None, None]),
    "convolution_backward": (lambda g, x, w: aten.convolution_backward(
        g, x, w, [2], [1, 1], [1, 1], [1, 1], False, [0, 0], 1, [True] * 3), [fl(2, 2, 5, 5), fl(2, 3, 5, 5), fl(2, 3, 3, 3)]),
    "max_pool2d_with_indices_backward": (lambda g, x: aten.max_pool2d_with_indices_backward(
        g, x, [2, 2], [2, 2], [0, 0], [1, 1], False, Fn.max_pool2d(x, 2, return_indices=True)[1]), [fl(2, 3, 2, 3), fl(2, 3, 4, 6)]),
    "avg_pool2d_backward": (lambda g, x: aten.avg_pool2d_backward(g, x, [3, 3], [2, 2], [1, 1], False, True, None), [fl(2, 3, 3, 3), fl(2, 3, 5, 5)]),
    "adaptive_avg_pool2d_backward": (lambda g, x: aten._adaptive_avg_pool2d_backward(g, x), [fl(2, 3, 3, 2), fl(2, 3, 7, 5)]),
    "upsample_nearest2d_backward": (lambda g: aten.upsample_nearest2d_backward(g, [6, 8], [1, 2, 3, 4], 2.0, 2.0), [fl(1, 2, 6, 8)]),
    "upsample_bilinear2d_backward": (lambda g: aten.upsample_bilinear2d_backward(g, [5, 7], [1, 2, 3, 4], False, None, None), [fl(1, 2, 5, 7)]),
    "mse_loss_backward": (lambda g, a, b: aten.mse_loss_backward(g, a, b, 1), [fixed(torch.tensor(0.5)), fl(4, 5), fl(4, 5)]),
    "l1_loss_backward": (lambda g, a, b: torch.sign(a - b) * g / a.numel(), [fixed(torch.tensor(0.5)), fl(4, 5), fl(4, 5)]),
    "smooth_l1_loss_backward": (lambda g, a, b: aten.smooth_l1_loss_backward(g, a, b, 1, 0.5), [fixed(torch.tensor(0.5)), fl(4, 5), fl(4, 5)]),
    "huber_loss_backward": (lambda g, a, b: aten.huber_loss_backward(g, a, b, 1, 0.5), [fixed(torch.tensor(0.5)), fl(4, 5), fl(4, 5)]),
    "embedding_backward": (lambda g: aten.embedding_dense_backward(g, torch.tensor([[0, 2, 2], [4, 0, 1]]), 5, -1, False), [fl(2, 3, 3)]),
    "threshold_backward": (lambda g, x: aten.threshold_backward(g, x, 0.0), [fl(3, 4), fl(3, 4)]),
}
for i, (op, (fn, makers)) in enumerate(BACKWARD.items()):
    for dt in [F, D, H, BF]:
        ins = [m(dt, 950 + 7 * i + j) for j, m in enumerate(makers) if m is not None]
        ins = [x.to(dt) if x.dtype.is_floating_point else x for x in ins]
        if op == "layer_norm_backward":
            ins += list(aten.native_layer_norm(ins[1], [4], ins[2], ins[3], 1e-5)[1:])
        elif op == "group_norm_backward":
            ins += list(aten.native_group_norm(ins[1], ins[2], None, 2, 4, 3, 2, 1e-5)[1:])
        case(op, name(dt), ins, fn)

# Creation, random sampling (seeded: torch's generator is ours) and casts, one case per dtype.
def seeded(fn):
    """fn(dtype) after torch.manual_seed(seed); the case records both (the Swift side seeds the same way)."""
    def run(seed, dtype):
        torch.manual_seed(seed)
        return fn(dtype)
    return run


CREATE = {
    "arange": lambda dt: torch.arange(1, 11, 3, dtype=dt), "linspace": lambda dt: torch.linspace(-2, 3, 7, dtype=dt),
    "logspace": lambda dt: torch.logspace(-1, 2, 5, dtype=dt), "eye": lambda dt: torch.eye(3, 4, dtype=dt),
    "full": lambda dt: torch.full((2, 3), 3, dtype=dt), "zeros": lambda dt: torch.zeros(2, 3, dtype=dt),
    "ones": lambda dt: torch.ones(2, 3, dtype=dt), "scalar_tensor": lambda dt: torch.scalar_tensor(2, dtype=dt),
    "rand": lambda dt: torch.rand(2, 5, dtype=dt), "randn": lambda dt: torch.randn(2, 5, dtype=dt),
    "randint": lambda dt: torch.randint(-3, 9, (2, 5), dtype=dt), "randperm": lambda dt: torch.randperm(7, dtype=dt),
    "normal": lambda dt: torch.empty(2, 5, dtype=dt).normal_(1, 2),
    "uniform": lambda dt: torch.empty(2, 5, dtype=dt).uniform_(-1, 3),
    "exponential": lambda dt: torch.empty(2, 5, dtype=dt).exponential_(0.5),
    "bernoulli": lambda dt: torch.empty(2, 5, dtype=dt).bernoulli_(0.3),
    "multinomial": lambda dt: torch.tensor([0.1, 0.4, 0.2, 0.3], dtype=dt).multinomial(3),
}
for i, (op, fn) in enumerate(CREATE.items()):
    for dt in ALL:
        case(op, name(dt), [], seeded(fn), seed=700 + i, dtype=dt)

CASTS = {"float": F, "double": D, "half": H, "bfloat16": BF, "long": I64, "int": I32, "short": I16, "char": I8,
         "byte": U8, "bool": B}
for i, (op, target) in enumerate(CASTS.items()):
    for dt in ALL:
        case(op, name(dt), [values(dt, [3, 4], 800 + i, special=True)], lambda x, target=target: x.to(target))

# Argument variants of NN ops (int64 transposed convolution and 3-D average pooling with every geometry
# argument, pad's modes against the input's rank), losses on mixed dtypes and reductions (torch promotes; l1 on
# integers computes its sum and none), read by the Swift side from the case's kwargs.
def conv_t(x, w, b, stride, padding, output_padding, groups, dilation):
    fn = Fn.conv_transpose1d if x.dim() == 3 else Fn.conv_transpose2d
    return fn(x, w, b, stride=stride, padding=padding, output_padding=output_padding, groups=groups, dilation=dilation)


for dt in [I64, D]:
    for label, xs, ws, kw in [
        ("1d", [2, 4, 5], [4, 3, 3], dict(stride=3, padding=2, output_padding=1, groups=2, dilation=2)),
        ("2d", [1, 2, 4, 3], [2, 3, 2, 3], dict(stride=2, padding=1, output_padding=1, groups=1, dilation=1)),
        ("2d,groups", [2, 4, 3, 3], [4, 1, 3, 2], dict(stride=1, padding=0, output_padding=0, groups=4, dilation=[2, 1])),
    ]:
        x, w, b = values(dt, xs, 1000), values(dt, ws, 1001), values(dt, [ws[1] * kw["groups"]], 1002)
        case("conv_transpose", f"{name(dt)},{label}", [x, w, b], conv_t, **kw)

for dt in [I64, D, F]:
    for label, kw in [
        ("k2", dict(kernel_size=2, stride=None, padding=0, ceil_mode=False, count_include_pad=True, divisor_override=None)),
        ("k3,s2,p1", dict(kernel_size=3, stride=2, padding=1, ceil_mode=False, count_include_pad=True, divisor_override=None)),
        ("k3,s2,p1,exclude", dict(kernel_size=3, stride=2, padding=1, ceil_mode=False, count_include_pad=False, divisor_override=None)),
        ("k2,s2,p1,ceil", dict(kernel_size=2, stride=2, padding=1, ceil_mode=True, count_include_pad=True, divisor_override=None)),
        ("k[3,2,2],s2,ceil,exclude", dict(kernel_size=[3, 2, 2], stride=2, padding=[1, 0, 1], ceil_mode=True, count_include_pad=False, divisor_override=None)),
        ("k2,divisor3", dict(kernel_size=2, stride=1, padding=1, ceil_mode=False, count_include_pad=True, divisor_override=3)),
    ]:
        case("avg_pool3d_args", f"{name(dt)},{label}", [values(dt, [2, 1, 5, 4, 5], 1010)], Fn.avg_pool3d, **kw)

for i, (mode, pad, shape) in enumerate([
    ("reflect", [1, 2], [2, 5]), ("reflect", [1, 2], [2, 3, 5]), ("reflect", [1, 2], [1, 2, 3, 5]), ("reflect", [1, 2], [5]),
    ("replicate", [1, 0, 2, 1], [2, 3, 4]), ("replicate", [1, 0, 2, 1], [3, 4]), ("replicate", [1, 0, 2, 1], [1, 1, 2, 3, 4]),
    ("circular", [1, 1, 2, 0, 1, 1], [1, 2, 3, 4, 3]), ("circular", [1, 1, 2, 0, 1, 1], [2, 3, 4]),
    ("circular", [1, 1, 1, 1, 1, 1, 1, 1], [1, 2, 3, 4, 3]), ("reflect", [1, 1, 1], [2, 3, 4]), ("constant", [1, 1, 1, 1, 1, 1], [3, 4]),
]):
    for dt in [F, I64, B]:
        case("pad_args", f"{name(dt)},{mode},{len(pad)} on {len(shape)}-D", [values(dt, shape, 1020 + i)],
             lambda x, pad, mode: Fn.pad(x, pad, mode=mode), pad=pad, mode=mode)

LOSSES = {"mse_loss": Fn.mse_loss, "l1_loss": Fn.l1_loss, "smooth_l1_loss": Fn.smooth_l1_loss, "huber_loss": Fn.huber_loss,
          "kl_div": Fn.kl_div}
for i, (op, fn) in enumerate(LOSSES.items()):
    for a, b in [(F, D), (D, H), (F, BF), (BF, H), (F, I64), (I64, F), (I64, I64), (U8, U8), (I8, I64), (B, B)]:
        for reduction in ["mean", "sum", "none"]:
            x, y = values(a, [3, 4], 1040 + i), values(b, [3, 4], 1050 + i)
            if op == "kl_div" and y.dtype.is_floating_point:
                y = y.abs() / 5
            case(f"{op}_args", f"{name(a)}+{name(b)},{reduction}", [x, y], lambda x, y, reduction, fn=fn: fn(x, y, reduction=reduction),
                 reduction=reduction)

# Bilinear resize on uint8 (torch's integer path) beside float32, up and down, one axis or both, align_corners,
# scale factors, more than 4 channels (torch's generic uint8 kernel rather than its AVX2 one).
for i, (shape, kw) in enumerate([
    ([1, 3, 5, 4], dict(size=[9, 7], align_corners=False)), ([2, 2, 8, 9], dict(size=[3, 4], align_corners=False)),
    ([1, 3, 5, 4], dict(size=[5, 9], align_corners=False)), ([1, 1, 6, 5], dict(size=[2, 5], align_corners=True)),
    ([1, 2, 4, 6], dict(size=[7, 11], align_corners=True)), ([1, 5, 4, 3], dict(size=[6, 7], align_corners=False)),
    ([1, 3, 5, 4], dict(scale_factor=[1.7, 0.6], align_corners=False)), ([1, 3, 1, 4], dict(size=[3, 1], align_corners=False)),
]):
    for dt in [U8, F]:
        x = (values(D, shape, 1030 + i).abs() * 64).clamp(0, 255).to(dt)
        case("interpolate_args", f"{name(dt)},{shape}->{kw}", [x], lambda x, **kw: Fn.interpolate(x, mode="bilinear", **kw), **kw)
case("interpolate_args", "uint8,linear", [values(U8, [2, 3, 5], 1039)], lambda x, **kw: Fn.interpolate(x, mode="linear", **kw), size=[7])

# Shape and dtype functions: torch.broadcast_shapes (the shape as an int64 tensor), torch.promote_types and
# torch.result_type (the dtype as an empty tensor of it).
for label, shapes in [("2", [[3, 1], [1, 4]]), ("3", [[5], [2, 1, 1], []]), ("empty", [[0, 3], [1, 3]]), ("none", []),
                      ("mismatch", [[2, 3], [4, 3]]), ("mismatch 1-D", [[3], [4]]), ("mismatch later", [[2, 1, 3], [5, 1], [4, 3]])]:
    case("broadcast_shapes", label, [], lambda shapes: torch.tensor(list(torch.broadcast_shapes(*shapes)), dtype=I64), shapes=shapes)
for a in ALL:
    for b in ALL:
        case("promote", f"{name(a)},{name(b)}", [torch.empty(0, dtype=a), torch.empty(0, dtype=b)],
             lambda x, y: torch.empty(0, dtype=torch.promote_types(x.dtype, y.dtype)))
    for other in [torch.zeros((), dtype=D), torch.zeros((), dtype=I16), torch.zeros((), dtype=B), 2, 2.5, True]:
        for first in [torch.zeros(2, dtype=a), torch.zeros((), dtype=a)]:
            label = f"{name(a)}{'[2]' if first.dim() else '[]'},{repr(other) if not isinstance(other, torch.Tensor) else name(other.dtype) + '[]'}"
            case("result_type", label, [first, other], lambda x, y: torch.empty(0, dtype=torch.result_type(x, y)))

# The public forms of the decompositions whose outputs are unique only up to signs (or a basis of a null space):
# what both sides compare is canonical — each singular/eigen vector's sign chosen so its entry of largest
# magnitude is positive (QR: R's diagonal positive) — plus the reconstruction and orthogonality, computed the same
# way on both sides (Tests/OpSweepTests/SweepOpsDecompositions.swift).
def flip_to_positive(v, dim):
    """v with each vector along `dim` (columns: dim=0) multiplied by the sign of its largest-magnitude entry."""
    idx = v.abs().argmax(dim=dim, keepdim=True)
    return v * v.gather(dim, idx).sign()


def eigh_canonical(a):
    L, V = torch.linalg.eigh(a)
    return L, flip_to_positive(V, 0), (V * L.unsqueeze(0)) @ V.mT, V.mT @ V


def svd_canonical(a, full_matrices):
    U, S, Vh = torch.linalg.svd(a, full_matrices=full_matrices)
    k = S.numel()
    sign = U[:, :k].gather(0, U[:, :k].abs().argmax(dim=0, keepdim=True)).sign()
    return S, U[:, :k] * sign, Vh[:k] * sign.mT, (U[:, :k] * S) @ Vh[:k], U.mT @ U, Vh @ Vh.mT


def qr_canonical(a, mode):
    Q, R = torch.linalg.qr(a, mode=mode)
    k = min(a.shape[-2], a.shape[-1])
    sign = R.diagonal()[:k].sign()
    return Q[:, :k] * sign, R[:k] * sign.unsqueeze(1), Q @ R, Q.mT @ Q


DECOMPOSITIONS = {
    "eigh": (eigh_canonical, [spd(4)]),
    "svd": (lambda a: svd_canonical(a, False), [dat(3, 5)]),
    "svd_full": (lambda a: svd_canonical(a, True), [dat(5, 3)]),
    "qr": (lambda a: qr_canonical(a, "reduced"), [dat(5, 3)]),
    "qr_complete": (lambda a: qr_canonical(a, "complete"), [dat(3, 4)]),
    "lstsq": (lambda a, b: torch.linalg.lstsq(a, b), [dat(5, 3), dat(5, 2)]),
}
for i, (op, (fn, makers)) in enumerate(DECOMPOSITIONS.items()):
    for dt in ALL:
        case(op, name(dt), [m(dt, 1100 + 7 * i + j) for j, m in enumerate(makers)], fn)

# In-place fills and copies, casts by `to`, and the random fills and *_like factories (seeded), dropout in training.
for dt in ALL:
    case("zero", name(dt), [values(dt, [4, 6], 1200)[:, ::2]], lambda x: x.clone().zero_())
    for number in [2, 2.5, True, -1, 300, -256, 255.5, -1.0, float("nan")]:
        case("fill", f"{name(dt)},{number!r}", [values(dt, [3, 4], 1201), number], lambda x, v: x.clone().fill_(v))
    for src in [F, H, I64, U8, B]:
        case("copy", f"{name(dt)}<-{name(src)}", [values(dt, [3, 4], 1202), values(src, [1, 4], 1203, special=True)],
             lambda d, s: d.clone().copy_(s))
    case("copy", f"{name(dt)},noncontig", [values(dt, [4, 6], 1204)[:, ::2], values(F, [4, 3], 1205)],
         lambda d, s: d.clone().copy_(s))
    for target in ALL:
        case("to", f"{name(dt)}->{name(target)}", [values(dt, [3, 4], 1206, special=True)],
             lambda x, dtype: x.to(dtype), dtype=target)


def seeded_on(fn):
    """fn(inputs...) after torch.manual_seed(seed): the random ops that take a tensor."""
    def run(*inputs, seed):
        torch.manual_seed(seed)
        return fn(*inputs)
    return run


SEEDED = {
    "random": lambda x: x.clone().random_(-3, 9) if x.dtype != B else x.clone().random_(0, 2),
    "random_to": lambda x: x.clone().random_(7) if x.dtype != B else x.clone().random_(2),
    "rand_like": lambda x: torch.rand_like(x), "randn_like": lambda x: torch.randn_like(x),
    "randint_like": lambda x: torch.randint_like(x, 2, 9) if x.dtype != B else torch.randint_like(x, 0, 2),
    "dropout_train": lambda x: Fn.dropout(x, 0.4, training=True),
    "dropout2d": lambda x: Fn.dropout2d(x, 0.5, training=True),
}
for i, (op, fn) in enumerate(SEEDED.items()):
    shape = [2, 3, 2, 2] if op == "dropout2d" else [3, 5]
    for dt in ALL:
        case(op, name(dt), [values(dt, shape, 1300 + i)], seeded_on(fn), seed=1300 + i)

for i, op in enumerate(["tril_indices", "triu_indices"]):
    fn = getattr(torch, op)
    for dt in ALL:
        case(op, name(dt), [], lambda dtype, fn=fn: fn(4, 3, -1, dtype=dtype), dtype=dt)
    for r, c, off in [(3, 5, 2), (4, 4, 0), (0, 3, 0), (3, 3, -5)]:
        case(op, f"int64,{r}x{c},offset {off}", [], lambda r, c, off, fn=fn: fn(r, c, off), r=r, c=c, off=off)

# F's *_with_indices forms.
for dt in ALL:
    case("max_pool2d_with_indices", name(dt), [fl(2, 3, 5, 6)(dt, 1400)],
         lambda x: Fn.max_pool2d(x, 2, 1, padding=1, dilation=2, return_indices=True))
    case("adaptive_max_pool2d_with_indices", name(dt), [fl(2, 3, 7, 5)(dt, 1401)],
         lambda x: Fn.adaptive_max_pool2d(x, (2, 3), return_indices=True))

# Indexing by subscript (torch's __getitem__ / __setitem__ / index), and item().
IDX_ROWS = torch.tensor([2, 0, 2])
MASK_ROWS = torch.tensor([True, False, True])
for dt in ALL:
    x = values(dt, [3, 4], 1500, special=True)
    case("index", f"{name(dt)},rows", [x, IDX_ROWS], lambda x, i: x[i])
    case("index", f"{name(dt)},columns", [x, torch.tensor([[3, 0], [1, 1]])], lambda x, i: x[:, i])
    case("index", f"{name(dt)},mask", [x, MASK_ROWS], lambda x, m: x[m])
    case("get_item", f"{name(dt)},slices", [x], lambda x: x[1:, ::2])
    case("get_item", f"{name(dt)},int,newaxis", [x], lambda x: x[None, -1, 1:3])
    case("get_item", f"{name(dt)},ellipsis,tensor", [x], lambda x: x[..., torch.tensor([0, 3])])
    case("set_item", f"{name(dt)},slice=number", [x], lambda x: _set(x, (slice(1, None), 0), 2))
    # A value of the tensor's dtype: torch's index put refuses another dtype, which the Swift setter converts by
    # design (packages/TensorCore/Tests/Fixtures/generate/indexing.py).
    case("set_item", f"{name(dt)},tensor=tensor", [x, values(dt, [1, 4], 1501)], lambda x, v: _set(x, (torch.tensor([0, 2]),), v))
    case("item", name(dt), [x[1:2, 2:3]], lambda x: torch.tensor(x.item(), dtype=x.dtype))
case("item", "float32,several elements", [values(F, [3, 4], 1502)], lambda x: torch.tensor(x.item()))

print(f"{len(cases)} cases, {sum('error' in c for c in cases)} of them torch errors")
save("op_sweep", {"cases": cases, "ops": sorted({c["op"] for c in cases})})
