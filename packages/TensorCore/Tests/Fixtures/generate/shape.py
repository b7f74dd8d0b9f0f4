"""Parity fixtures for TensorCore's shape & view family (Shape/).

Each case is a recipe: base tensors (contiguous, storage offset 0) plus steps applied in order. The
same recipe runs here with torch and in ShapeFixtureTests.swift with TensorCore, which compares
values, dtype, shape, strides, storage offset and whether the result shares the base's storage.
"""
import math
import torch
from fixturelib import save

torch.manual_seed(0)


def base(shape, dtype=torch.float32):
    n = math.prod(shape)
    if dtype == torch.bool:
        t = torch.arange(n) % 3 == 0
    elif dtype.is_floating_point:
        t = torch.randn(n).to(dtype)
        specials = [float("nan"), float("inf"), -0.0, float("-inf")]
        for i, v in enumerate(specials[: max(n // 5, 0)]):
            t[i * 5 % n] = v
    else:
        t = (torch.arange(n) * 7 - n).to(dtype)
    return t.reshape(shape)


def apply(t, step):
    op, *a = step
    if op == "as_strided": return t.as_strided(a[0], a[1], a[2])
    if op == "reshape": return t.reshape(a[0])
    if op == "view": return t.view(a[0])
    if op == "view_dtype": return t.view(getattr(torch, a[0]))
    if op == "view_as": return t.view_as(torch.empty(a[0]))
    if op == "reshape_as": return t.reshape_as(torch.empty(a[0]))
    if op == "contiguous": return t.contiguous()
    if op == "transpose": return t.transpose(a[0], a[1])
    if op == "swapaxes": return t.swapaxes(a[0], a[1])
    if op == "t": return t.t()
    if op == "T": return t.T
    if op == "mT": return t.mT
    if op == "mH": return t.mH
    if op == "permute": return t.permute(a[0])
    if op == "movedim": return t.movedim(a[0], a[1])
    if op == "squeeze": return t.squeeze()
    if op == "squeeze_dim": return t.squeeze(a[0])
    if op == "squeeze_dims": return t.squeeze(tuple(a[0]))
    if op == "unsqueeze": return t.unsqueeze(a[0])
    if op == "expand": return t.expand(a[0])
    if op == "flatten": return t.flatten(a[0], a[1])
    if op == "unflatten": return t.unflatten(a[0], a[1])
    if op == "narrow": return t.narrow(a[0], a[1], a[2])
    if op == "select": return t.select(a[0], a[1])
    if op == "split": return t.split(a[0], a[1])
    if op == "chunk": return t.chunk(a[0], a[1])
    if op == "unbind": return t.unbind(a[0])
    if op == "tensor_split_sections": return t.tensor_split(a[0], a[1])
    if op == "tensor_split_indices": return t.tensor_split(a[0], a[1])
    if op == "diagonal": return t.diagonal(a[0], a[1], a[2])
    if op == "unfold": return t.unfold(a[0], a[1], a[2])
    if op == "flip": return t.flip(a[0])
    if op == "fliplr": return t.fliplr()
    if op == "flipud": return t.flipud()
    if op == "roll": return t.roll(a[0], a[1])
    if op == "repeat": return t.repeat(a[0])
    if op == "tile": return t.tile(a[0])
    if op == "tril": return t.tril(a[0])
    if op == "triu": return t.triu(a[0])
    if op == "diag": return torch.diag(t, a[0])
    if op == "diag_embed": return torch.diag_embed(t, a[0], a[1], a[2])
    if op == "atleast_1d": return torch.atleast_1d(t)
    if op == "atleast_2d": return torch.atleast_2d(t)
    if op == "atleast_3d": return torch.atleast_3d(t)
    raise ValueError(op)


def layout(r, b):
    return {"value": r, "stride": list(r.stride()), "offset": r.storage_offset(),
            # Empty storages all have a null data_ptr, so sharing is only recorded for non-empty bases.
            "shares": r.untyped_storage().data_ptr() == b.untyped_storage().data_ptr() if b.numel() else None}


cases = {}


def case(name, shape, steps, dtype=torch.float32):
    b = base(shape, dtype)
    t = b
    for s in steps:
        t = apply(t, s)
    out = [layout(r, b) for r in t] if isinstance(t, (tuple, list)) else layout(t, b)
    cases[name] = {"base": b, "steps": steps, "out": out}


def multi(name, op, inputs, arg=None):
    """inputs: list of (shape, dtype, steps)."""
    ts = []
    bases = []
    for shape, dtype, steps in inputs:
        b = base(shape, dtype)
        t = b
        for s in steps:
            t = apply(t, s)
        bases.append(b)
        ts.append(t)
    fn = {"cat": lambda: torch.cat(ts, arg), "stack": lambda: torch.stack(ts, arg),
          "hstack": lambda: torch.hstack(ts), "vstack": lambda: torch.vstack(ts),
          "dstack": lambda: torch.dstack(ts), "broadcast_tensors": lambda: torch.broadcast_tensors(*ts)}[op]
    r = fn()
    out = [layout(x, b) for x, b in zip(r, bases)] if isinstance(r, (tuple, list)) else layout(r, bases[0])
    cases[name] = {"op": op, "arg": arg, "inputs": [{"base": b, "steps": s} for b, (_, _, s) in zip(bases, inputs)],
                   "out": out}


f32, f64, f16, bf16 = torch.float32, torch.float64, torch.float16, torch.bfloat16
i64, i32, i16, i8, u8, b8 = torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool
DT = [f32, f64, f16, bf16, i64, i32, i16, i8, u8, b8]
T_ = ("transpose", 0, 1)

# reshape / view: views when computeStride allows, copies otherwise.
for dt in DT:
    n = str(dt).split(".")[1]
    case(f"reshape_transposed_{n}", [3, 4], [T_, ("reshape", [12])], dt)
    case(f"repeat_{n}", [2, 3], [("repeat", [2, 1, 2])], dt)
    case(f"flip_{n}", [2, 3, 4], [("flip", [0, 2])], dt)
    case(f"roll_{n}", [3, 4], [T_, ("roll", [1, -1], [0, 1])], dt)
case("reshape_4x6", [24], [("reshape", [4, 6])], i64)
case("reshape_2x3x4", [24], [("reshape", [2, 3, 4])], i64)
case("reshape_6xinf", [24], [("reshape", [6, -1])], i64)
case("view_3x8", [24], [("view", [3, 8])], i64)
case("reshape_narrowed_view", [4, 6], [("narrow", 0, 1, 2), ("reshape", [12])])
case("reshape_narrowed_cols_copy", [4, 6], [("narrow", 1, 1, 3), ("reshape", [12])])
case("reshape_narrowed_cols_split", [4, 6], [("narrow", 1, 1, 4), ("reshape", [4, 2, 2])])
case("view_transposed_split_ok", [4, 6], [T_, ("view", [3, 2, 4])])
case("reshape_perm_merge", [2, 3, 4], [("permute", [1, 0, 2]), ("reshape", [3, 8])])
case("reshape_perm_merge_inner", [2, 3, 4], [("permute", [2, 0, 1]), ("reshape", [4, 6])])
case("reshape_size1_dims", [1, 6, 1], [T_, ("reshape", [2, 1, 3, 1])])
case("reshape_expanded", [3, 1], [("expand", [3, 4]), ("reshape", [12])])
case("reshape_expanded_view", [1, 4], [("expand", [3, 4]), ("reshape", [3, 2, 2])])
case("reshape_empty", [0, 3], [("reshape", [3, 0, 2])])
case("reshape_empty_perm", [0, 3], [T_, ("reshape", [0])])
case("reshape_scalar", [], [("reshape", [1, 1])])
case("reshape_to_scalar", [1, 1], [("reshape", [])])
case("reshape_scalar_inf", [], [("reshape", [-1])])
case("view_dtype_smaller", [2, 3], [("view_dtype", "int16")])
case("view_dtype_larger", [3, 8], [("narrow", 1, 0, 4), ("view_dtype", "int64")], i16)
case("view_dtype_offset", [4, 3], [("narrow", 0, 1, 2), ("view_dtype", "int16")], f64)
case("view_dtype_same_size", [2, 3], [T_, ("view_dtype", "int32")])
case("view_dtype_bool", [5], [("view_dtype", "uint8")], b8)
case("view_dtype_bf16", [2, 2], [("view_dtype", "float16")], bf16)
case("view_as", [2, 6], [("view_as", [3, 4])])
case("reshape_as", [2, 6], [T_, ("reshape_as", [3, 4])])
case("flatten_all", [2, 3, 4], [("flatten", 0, -1)])
case("flatten_mid", [2, 3, 4], [("permute", [0, 2, 1]), ("flatten", 0, 1)])
case("flatten_copy", [2, 3, 4], [("permute", [0, 2, 1]), ("flatten", 1, 2)])
case("flatten_scalar", [], [("flatten", 0, -1)])
case("flatten_same", [2, 3], [T_, ("flatten", 1, 1)])
case("unflatten", [2, 12], [("unflatten", 1, [3, -1, 2])])
case("unflatten_neg", [2, 12], [T_, ("unflatten", -1, [1, 2, 1])])
# squeeze / unsqueeze
case("squeeze_all", [1, 3, 1, 4], [("squeeze",)])
case("squeeze_0", [1, 3, 1, 4], [("squeeze_dim", 0)])
case("squeeze_noop", [1, 3, 1, 4], [("squeeze_dim", 1)])
case("squeeze_dims", [1, 3, 1, 4], [("squeeze_dims", [0, 1, -2])])
case("squeeze_scalar", [], [("squeeze_dim", -1)])
case("squeeze_expanded", [1, 3], [("expand", [2, 1, 3]), ("squeeze",)])
case("unsqueeze_0", [3, 4], [("unsqueeze", 0)])
case("unsqueeze_last", [3, 4], [T_, ("unsqueeze", -1)])
case("unsqueeze_mid", [3, 4], [T_, ("unsqueeze", 1)])
case("unsqueeze_scalar", [], [("unsqueeze", 0)])
case("unsqueeze_narrow", [4, 6], [("narrow", 1, 2, 3), ("unsqueeze", 1)])
# transposes and permutes
case("transpose_012", [2, 3, 4], [("transpose", 0, 1)])
case("transpose_neg", [2, 3, 4], [("transpose", -1, 0)])
case("swapaxes", [2, 3, 4], [("swapaxes", 2, 1)])
case("t_2d", [3, 4], [("t",)])
case("t_1d", [5], [("t",)])
case("t_0d", [], [("t",)])
case("T_2d", [3, 4], [("T",)])
case("T_3d", [2, 3, 4], [("T",)])
case("mT", [2, 3, 4], [("mT",)])
case("mH", [2, 3, 4], [("narrow", 2, 1, 2), ("mH",)])
case("permute_201", [2, 3, 4], [("permute", [2, 0, 1])])
case("permute_neg", [2, 3, 4], [("permute", [-1, 0, 1])])
case("permute_contiguous", [2, 3, 4], [("permute", [2, 0, 1]), ("contiguous",)])
case("movedim", [2, 3, 4, 5], [("movedim", 0, 2)])
case("movedim_list", [2, 3, 4, 5], [("movedim", [0, -1], [3, 1])])
# expand
case("expand", [3, 1], [("expand", [2, 3, 4])])
case("expand_neg1", [3, 1], [("expand", [-1, 5])])
case("expand_lead1", [3, 1], [("expand", [1, 1, 3, 2])])
case("expand_same_size1", [1, 3], [("expand", [1, 3])])
case("expand_scalar", [], [("expand", [2, 3])])
case("expand_transposed", [1, 3], [T_, ("expand", [3, 4])])
# narrow / select / split family
case("narrow", [4, 6], [("narrow", 1, 2, 3)])
case("narrow_neg", [4, 6], [T_, ("narrow", 0, -3, 2)])
case("narrow_empty", [4, 6], [("narrow", 0, 4, 0)])
case("select", [2, 3, 4], [("select", 1, 2)])
case("select_neg", [2, 3, 4], [("permute", [2, 0, 1]), ("select", -1, -1)])
case("select_1d", [5], [("select", 0, 3)])
case("split_int", [7, 2], [("split", 3, 0)])
case("split_int_big", [7, 2], [("split", 10, 0)])
case("split_sizes", [2, 7], [("split", [1, 4, 0, 2], 1)])
case("split_empty", [0, 3], [("split", 0, 0)])
case("chunk_uneven", [6, 2], [("chunk", 4, 0)])
case("chunk_5_of_7", [7], [("chunk", 5, 0)])
case("chunk_more", [2, 3], [("chunk", 5, 1)])
case("chunk_empty", [0, 3], [("chunk", 3, 0)])
case("unbind", [2, 3], [("unbind", 1)])
case("unbind_t", [2, 3], [T_, ("unbind", 0)])
case("tensor_split_sections", [7, 2], [("tensor_split_sections", 3, 0)])
case("tensor_split_sections_more", [2, 2], [("tensor_split_sections", 3, 0)])
case("tensor_split_indices", [10], [("tensor_split_indices", [3, -2, 1, 12], 0)])
case("tensor_split_indices_t", [3, 4], [("tensor_split_indices", [1, 3], 1)])
# diagonal / unfold
case("diagonal", [3, 4], [("diagonal", 0, 0, 1)])
case("diagonal_pos", [3, 4], [("diagonal", 1, 0, 1)])
case("diagonal_neg", [3, 4], [("diagonal", -2, 0, 1)])
case("diagonal_out", [2, 3, 4], [("diagonal", 5, 1, 2)])
case("diagonal_batch", [2, 3, 4], [("diagonal", 1, 2, 0)])
case("diagonal_t", [3, 4], [T_, ("diagonal", -1, 1, 0)])
case("unfold", [2, 3, 4], [("unfold", 2, 2, 1)])
case("unfold_step", [2, 7], [("unfold", 1, 3, 2)])
case("unfold_zero", [2, 3], [("unfold", 1, 0, 2)])
case("unfold_scalar", [], [("unfold", 0, 1, 5)])
case("unfold_t", [3, 5], [T_, ("unfold", 0, 2, 2)])
# copies: repeat / tile / flip / roll / tril / triu / diag
case("repeat_t", [2, 3], [T_, ("repeat", [2, 3])])
case("repeat_col", [3, 1], [("repeat", [1, 4])])
case("repeat_zero", [2, 3], [("repeat", [0, 2])])
case("repeat_scalar", [], [("repeat", [3, 2])])
case("tile_short", [2, 3], [("tile", [2])])
case("tile_long", [2, 3], [("tile", [2, 1, 2])])
case("flip_t", [3, 4], [T_, ("flip", [0])])
case("flip_none", [3, 4], [("flip", [])])
case("flip_neg", [2, 3, 4], [("flip", [-1])])
case("flip_narrow", [4, 6], [("narrow", 1, 1, 4), ("flip", [0, 1])])
case("flip_expanded", [1, 3], [("expand", [2, 3]), ("flip", [0, 1])])
case("fliplr", [3, 4], [("fliplr",)])
case("flipud", [3, 4], [("flipud",)])
case("roll_flat", [3, 4], [("roll", [5], None)])
case("roll_dim", [3, 4], [("roll", [1], [1])])
case("roll_neg", [3, 4], [("roll", [-1], [0])])
case("roll_multi", [3, 4, 2], [("roll", [2, -5], [0, 1])])
case("roll_repeated_dim", [5], [("roll", [1, 2], [0, 0])])
case("roll_t", [3, 4], [T_, ("roll", [1, 2], [0, 1])])
case("roll_empty", [0, 4], [("roll", [1], [1])])
case("roll_big", [3, 4], [("roll", [13], [1])])
for k in [-1, 0, 2, -5, 5]:
    case(f"tril_{k}", [2, 3, 4], [("tril", k)])
    case(f"triu_{k}", [2, 3, 4], [("triu", k)])
case("tril_t", [3, 4], [T_, ("tril", 0)], i64)
case("triu_bool", [4, 4], [("triu", 1)], b8)
case("diag_1d", [3], [("diag", 1)])
case("diag_1d_neg", [3], [("diag", -2)])
case("diag_2d", [3, 4], [("diag", 1)])
case("diag_2d_t", [3, 4], [T_, ("diag", -1)])
case("diag_embed", [2, 3], [("diag_embed", 0, -2, -1)])
case("diag_embed_dims", [2, 3], [("diag_embed", 1, 2, 0)])
case("atleast_1d", [], [("atleast_1d",)])
case("atleast_2d", [3], [("atleast_2d",)])
case("atleast_3d_1", [3], [("atleast_3d",)])
case("atleast_3d_2", [2, 3], [("atleast_3d",)])

# cat / stack and friends
for dt in DT:
    n = str(dt).split(".")[1]
    multi(f"cat_{n}", "cat", [([2, 3], dt, []), ([3, 2], dt, [T_])], 1)
    multi(f"stack_{n}", "stack", [([2, 3], dt, []), ([3, 2], dt, [T_])], 1)
multi("cat_dim1", "cat", [([2, 3], f32, []), ([2, 2], f32, []), ([3, 2], f32, [T_])], 1)
multi("cat_dim0_t", "cat", [([3, 2], f32, [T_]), ([3, 3], f32, [])], 0)
multi("cat_neg", "cat", [([2, 3, 2], i64, []), ([2, 3, 1], i64, [])], -1)
multi("cat_promote", "cat", [([2, 2], i32, []), ([2, 2], f16, []), ([2, 2], b8, [])], 0)
multi("cat_promote_int", "cat", [([2, 2], u8, []), ([2, 2], i8, [])], 1)
multi("cat_legacy_empty", "cat", [([0], f64, []), ([2, 2], i64, []), ([0], i64, [])], 1)
multi("cat_all_empty_1d", "cat", [([0], f32, []), ([0], i32, [])], 0)
multi("cat_empty_2d", "cat", [([0, 3], f32, []), ([2, 3], f32, [])], 0)
multi("cat_single", "cat", [([2, 3], bf16, [T_])], 0)
multi("cat_bool", "cat", [([2, 2], b8, []), ([2, 1], b8, [])], 1)
multi("stack_0", "stack", [([2, 3], f32, []), ([2, 3], f32, [])], 0)
multi("stack_last", "stack", [([2, 3], i16, []), ([3, 2], i16, [T_])], -1)
multi("stack_mid_promote", "stack", [([2, 3], i64, []), ([2, 3], f64, [])], 1)
multi("stack_scalars", "stack", [([], f32, []), ([], f32, [])], 0)
multi("hstack_1d", "hstack", [([2], f32, []), ([3], f32, [])])
multi("hstack_2d", "hstack", [([2, 1], f32, []), ([2, 3], f32, [])])
multi("vstack", "vstack", [([3], f32, []), ([2, 3], f32, [])])
multi("dstack", "dstack", [([3], f32, []), ([3], f32, [])])
multi("broadcast_tensors", "broadcast_tensors", [([2, 1], f32, []), ([3], i64, []), ([], f64, [])])

save("shape", cases)
