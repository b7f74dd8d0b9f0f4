"""Binary elementwise ops vs real torch (elementwise_binary.json, elementwise_binary_more.json): every dtype, promotion (dim / 0-dim / wrapped numbers),
broadcasting, non-contiguous views, empty tensors, NaN/inf/-0, in-place forms, the guide's examples."""
import torch
from fixturelib import save
from elementwise_common import *

OPS = {
    "add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div,
    "floor_divide": torch.floor_divide, "remainder": torch.remainder, "fmod": torch.fmod,
    "pow": torch.pow, "atan2": torch.atan2, "maximum": torch.maximum, "minimum": torch.minimum,
    "fmax": torch.fmax, "fmin": torch.fmin,
    "eq": torch.eq, "ne": torch.ne, "lt": torch.lt, "le": torch.le, "gt": torch.gt, "ge": torch.ge,
    "logical_and": torch.logical_and, "logical_or": torch.logical_or, "logical_xor": torch.logical_xor,
    "bitwise_and": torch.bitwise_and, "bitwise_or": torch.bitwise_or, "bitwise_xor": torch.bitwise_xor,
    "bitwise_left_shift": torch.bitwise_left_shift, "bitwise_right_shift": torch.bitwise_right_shift,
    "hypot": torch.hypot, "logaddexp": torch.logaddexp, "logaddexp2": torch.logaddexp2,
    "copysign": torch.copysign, "xlogy": torch.xlogy,
}
# Written to elementwise_binary_more.json to keep each file small.
MORE = {"hypot", "logaddexp", "logaddexp2", "copysign", "xlogy", "fmax", "fmin", "logical_or", "logical_xor"}
DIVISION = {"div", "floor_divide", "remainder", "fmod"}
TENSOR_ONLY = {"maximum", "minimum", "fmax", "fmin", "atan2", "logical_and", "logical_or", "logical_xor",
               "hypot", "logaddexp", "logaddexp2"}

records = []


def inputs_for(op, dtype, shape, seed, special=False):
    if op == "pow":
        x = values(dtype, shape, seed, special=special)
        return x if dtype.is_floating_point or dtype == B else (x.to(I64) % 7 - 3).to(dtype)
    if op.startswith("bitwise_") and "shift" in op:
        return values(dtype, shape, seed)
    return values(dtype, shape, seed, special=special)


def second_for(op, dtype, shape, seed, special=False):
    if op == "pow":
        x = values(dtype, shape, seed, special=special)
        return x if dtype.is_floating_point or dtype == B else (x.to(I64).abs() % 5).to(dtype)
    if "shift" in op:
        x = values(dtype, shape, seed)
        return x if dtype == B else (x.to(I64).abs() % 9).to(dtype)
    return values(dtype, shape, seed, nonzero=op in DIVISION, special=special)


def add(op, a, b, **kw):
    fn = OPS[op]
    try:
        out = fn(a, b, **kw)
    except Exception:  # noqa: BLE001 — unsupported combos are covered by the error tests
        return
    records.append(record(op, [a, b], out, **kw))


for op in OPS:
    # Same dtype, every dtype, with broadcasting [2,3] op [3].
    for i, dt in enumerate(ALL):
        add(op, inputs_for(op, dt, [2, 3], 10 + i), second_for(op, dt, [3], 20 + i))
    # Special float values against each other (NaN, inf, -0).
    for dt in [F, D]:
        a = values(dt, [6], 1, special=True)
        b = values(dt, [6, 1], 2, special=True)
        add(op, a, b) if op != "pow" else add(op, a, b.clamp(-2, 2))
    # Promotion between tensors.
    for da, db in [(I64, F), (I32, H), (U8, I8), (B, I64), (H, BF), (F, D), (I16, U8), (B, F)]:
        add(op, inputs_for(op, da, [2, 3], 3), second_for(op, db, [2, 3], 4))
    # 0-dim tensors lose to dimensioned ones within a category.
    for da, db in [(F, D), (I8, I64), (I32, F), (H, F)]:
        add(op, inputs_for(op, da, [3], 5), second_for(op, db, [], 6))
        add(op, inputs_for(op, db, [], 7), second_for(op, da, [3], 8))
    # Wrapped numbers.
    if op not in TENSOR_ONLY:
        for dt, s in [(I64, 2), (I64, 2.5), (I8, 3), (U8, 7), (F, 3), (F, 0.5), (H, 1.1), (BF, 1.1), (B, 2),
                      (I32, -3), (D, -1.25), (B, True)]:
            if op == "pow" and isinstance(s, int) and s < 0:
                continue
            if "shift" in op and isinstance(s, int):
                s = abs(s) % 8
            add(op, inputs_for(op, dt, [2, 3], 9), s)
        if op in ("add", "sub", "mul", "div", "remainder", "pow", "eq", "lt", "ge", "bitwise_and", "bitwise_or", "bitwise_xor"):
            for s, dt in [(2, I64), (2.5, I64), (3, F), (0.5, H), (5, I8)]:
                add(op, s, second_for(op, dt, [2, 3], 11))
    # Non-contiguous views: a transpose and a strided slice.
    a = inputs_for(op, F, [3, 2], 12).t()
    b = second_for(op, F, [2, 6], 13)[:, ::2]
    add(op, a, b)
    ai = inputs_for(op, I32, [4, 3], 14)[1:3]
    bi = second_for(op, I32, [3, 2], 15).t()
    add(op, ai, bi[:, :1].expand(2, 3))
    # Empty tensors.
    add(op, inputs_for(op, F, [0, 3], 16), second_for(op, F, [3], 17))
    add(op, inputs_for(op, I64, [2, 0], 16), second_for(op, I64, [1], 17))

# Keyword variants.
for dt in [F, I64, B]:
    a, b = values(dt, [2, 3], 30), values(dt, [3], 31)
    for alpha in [2, -1, 0.5, True]:
        add("add", a, b, alpha=alpha)
        add("sub", a, b, alpha=alpha)
for dt in [F, D, H, I64, I8, U8]:
    a, b = values(dt, [2, 3], 32, special=dt.is_floating_point), values(dt, [3], 33, nonzero=True)
    for mode in ["trunc", "floor"]:
        add("div", a, b, rounding_mode=mode)
        add("div", a, 3, rounding_mode=mode)
        add("div", a, -2.5, rounding_mode=mode)

# pow special cases: x^2 exact, x^3, ±0.5, -1, -2, 0, 1, and int overflow.
for dt in [F, D, H, BF]:
    x = values(dt, [8], 40, special=True)
    for e in [2, 3, 0.5, -0.5, -1, -2, 0, 1, 2.5, -1.5, 1.0]:
        add("pow", x, e)
for dt in [I64, I32, I8, U8]:
    x = values(dt, [8], 41)
    for e in [0, 1, 2, 3, 9]:
        add("pow", x, e)
add("pow", torch.tensor([1, -1, 2, 0, -2]), torch.tensor([-1, -3, -1, 2, 3]))
for base in [2, 2.5, 1, -3, 0]:
    for dt in [I64, F]:
        add("pow", base, values(dt, [5], 42).abs() % 6)

# Integer overflow wraps.
i8 = torch.tensor([100, -100, 127, -128], dtype=I8)
u8 = torch.tensor([250, 3, 128, 0], dtype=U8)
for op in ["add", "sub", "mul"]:
    add(op, i8, i8)
    add(op, u8, u8)
    add(op, i8, 300)
    add(op, u8, 300)
add("remainder", torch.tensor([-7, 7, -7, 7]), torch.tensor([2, -2, -2, 2]))
add("fmod", torch.tensor([-7, 7, -7, 7]), torch.tensor([2, -2, -2, 2]))
add("floor_divide", torch.tensor([-7, 7, -7, 7]), torch.tensor([2, -2, -2, 2]))
add("bitwise_left_shift", torch.tensor([1, -7, 3], dtype=I64), torch.tensor([-1, 70, 63]))
add("bitwise_right_shift", torch.tensor([-7, -7, 9], dtype=I64), torch.tensor([-1, 70, 2]))
add("bitwise_left_shift", torch.tensor([1, 1, 3], dtype=I8), torch.tensor([9, 7, 2], dtype=I8))
add("bitwise_right_shift", torch.tensor([-128, 100, 3], dtype=I8), torch.tensor([9, 7, 8], dtype=I8))

# In-place forms: the first input is updated (dtype kept, result cast).
INPLACE = {
    "add_": lambda a, b, **k: a.add_(b, **k), "sub_": lambda a, b, **k: a.sub_(b, **k),
    "mul_": lambda a, b: a.mul_(b), "div_": lambda a, b, **k: a.div_(b, **k),
    "pow_": lambda a, b: a.pow_(b), "remainder_": lambda a, b: a.remainder_(b),
    "fmod_": lambda a, b: a.fmod_(b), "floor_divide_": lambda a, b: a.floor_divide_(b),
    "atan2_": lambda a, b: a.atan2_(b), "bitwise_and_": lambda a, b: a.bitwise_and_(b),
    "eq_": lambda a, b: a.eq_(b), "lt_": lambda a, b: a.lt_(b), "logical_and_": lambda a, b: a.logical_and_(b),
}
for name, fn in INPLACE.items():
    base = name[:-1]
    for da, db in [(F, F), (F, I64), (H, F), (I64, I64), (F, D), (I32, I64), (B, B)]:
        a = inputs_for(base if base in OPS else "add", da, [2, 3], 50)
        b = second_for(base if base in OPS else "add", db, [3], 51)
        target = a.clone()
        try:
            fn(target, b)
        except Exception:  # noqa: BLE001
            continue
        records.append(record(name, [a, b], target))
    a = values(F, [2, 3], 52)
    target = a.clone()
    fn(target, 2) if name not in ("atan2_", "bitwise_and_", "logical_and_") else None
    if name not in ("atan2_", "bitwise_and_", "logical_and_"):
        records.append(record(name, [a, 2], target))
# In place on a transposed view of a larger tensor, and with the other input aliasing it.
base = values(F, [3, 4], 53)
view = base.t()
snapshot = base.clone()
view.add_(torch.arange(3.0))
records.append({"op": "add_view", "inputs": [T(snapshot), T(torch.arange(3.0))], "expected": T(base)})
# A strided (non-dense) view read while written: torch computes it, we stage a copy.
x = values(F, [3, 4], 54)
y = x.clone()
y[:, :2].add_(y[:, ::2])
records.append(record("add_strided_alias", [x], y))

cases = {"records": [r for r in records if r["op"] not in MORE]}
save("elementwise_binary_more", {"records": [r for r in records if r["op"] in MORE]})
# The guide's section-2 examples.
a = torch.tensor([[1, 2], [3, 4]], dtype=F)
b = torch.tensor([[5, 6], [7, 8]], dtype=F)
cases["guide_add"], cases["guide_sub"], cases["guide_mul"] = a + b, a - b, a * b
cases["guide_div"], cases["guide_pow"] = a / b, a ** 2
cases["guide_broadcast_row"] = torch.tensor([[1, 2, 3], [4, 5, 6]]) + torch.tensor([10, 20, 30])
cases["guide_times2"], cases["guide_plus100"] = a * 2, a + 100
cases["guide_col_row"] = torch.arange(3.0).reshape(3, 1) + torch.arange(3.0)
x = torch.tensor([1, 2, 3, 4])
cases["guide_where"] = torch.where(x > 2, x * 10, x)
save("elementwise_binary", cases)
