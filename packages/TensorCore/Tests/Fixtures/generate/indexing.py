"""Subscript fixtures: t[...] reads (values, and strides/offset for views) and t[...] = v writes.

An index is encoded as a list of elements: {"int": i}, {"slice": [start, end, step]} (null bounds),
{"ellipsis": true}, {"none": true}, {"tensor": <tensor>}. An input may carry "perm" (a permutation
applied as a view, to test non-contiguous inputs).
"""
import torch
from fixturelib import save

torch.manual_seed(0)


def enc_index(idx):
    out = []
    for e in idx:
        if isinstance(e, int):
            out.append({"int": e})
        elif isinstance(e, slice):
            out.append({"slice": [e.start, e.stop, e.step if e.step is not None else 1]})
        elif e is Ellipsis:
            out.append({"ellipsis": True})
        elif e is None:
            out.append({"none": True})
        elif isinstance(e, torch.Tensor):
            out.append({"tensor": e})
        else:
            raise ValueError(e)
    return out


def make(shape, dtype, perm=None):
    n = 1
    for s in shape:
        n *= s
    if dtype == torch.bool:
        base = (torch.arange(n) % 3 == 1).reshape(shape)
    elif dtype.is_floating_point:
        base = (torch.arange(n, dtype=torch.float64) * 0.5 - 3).to(dtype).reshape(shape)
    else:
        base = (torch.arange(n) - 4).to(dtype).reshape(shape)
    return base


cases = {}


def get(name, shape, dtype, idx, perm=None):
    base = make(shape, dtype)
    x = base.permute(perm) if perm else base
    out = x[tuple(idx)]
    case = {"input": base, "index": enc_index(idx), "out": out, "view": out.untyped_storage().data_ptr() == x.untyped_storage().data_ptr() and all(
        not isinstance(e, torch.Tensor) or (e.dim() == 0 and e.dtype not in (torch.bool, torch.uint8)) for e in idx)}
    if perm:
        case["perm"] = list(perm)
    if case["view"]:
        case["stride"] = list(out.stride())
        case["offset"] = out.storage_offset()
    cases["get_" + name] = case


def put(name, shape, dtype, idx, value, perm=None):
    base = make(shape, dtype)
    x = base.permute(perm) if perm else base
    # torch's index_put_ refuses a value of another dtype; the Swift setter converts it (as the
    # basic-indexing path does), so the expectation uses the converted value.
    x[tuple(idx)] = value.to(x.dtype) if isinstance(value, torch.Tensor) else value
    case = {"input": make(shape, dtype), "index": enc_index(idx), "after": base}
    if isinstance(value, torch.Tensor):
        case["value"] = value
    else:
        case["scalar"] = {"kind": type(value).__name__, "value": value}
    if perm:
        case["perm"] = list(perm)
    cases["set_" + name] = case


L = lambda *v: torch.tensor(v, dtype=torch.int64)
I = lambda *v: torch.tensor(v, dtype=torch.int32)
B = lambda *v: torch.tensor(v, dtype=torch.bool)

f = torch.float32
# basic
get("int0", [2, 3, 4], f, [0])
get("int_neg", [2, 3, 4], f, [-1, -2])
get("int3", [2, 3, 4], f, [1, 2, 3])
get("slice_from", [2, 3, 4], f, [slice(None), slice(1, None), slice(None, 2)])
get("slice_step", [5, 6], f, [slice(None, None, 2), slice(1, 6, 3)])
get("slice_neg", [5, 6], f, [slice(-3, -1), slice(-100, 100)])
get("slice_empty", [5, 6], f, [slice(4, 1)])
get("slice_clamp", [5, 6], f, [slice(2, 50, 2), slice(7, None)])
get("ellipsis_int", [2, 3, 4], f, [Ellipsis, 0])
get("ellipsis_mid", [2, 3, 4, 5], f, [1, Ellipsis, 2])
get("none_front", [2, 3], f, [None])
get("none_mix", [2, 3], f, [None, Ellipsis, None, 1])
get("none_int_slice", [3, 4], f, [1, None, slice(1, 3)])
get("empty_index", [2, 3], f, [])
get("noncontig_int", [3, 4, 5], f, [1, slice(None, None, 2)], perm=(2, 0, 1))
get("zero_dim_int_tensor", [3, 3], f, [L(1)[0]])
get("int0_int64", [3, 4], torch.int64, [2])
get("slice_bool", [3, 4], torch.bool, [slice(1, None), 2])
get("slice_f16", [3, 4], torch.float16, [slice(None), slice(None, None, 3)])
# advanced
get("adv_list", [2, 3, 4], f, [slice(None), L(0, 2), slice(None)])
get("adv_front", [4, 3], f, [L(3, 0, 0, -1)])
get("adv_2d_index", [4, 3], f, [L(0, 1, 1, 3).reshape(2, 2)])
get("adv_int32", [4, 3], torch.float64, [I(2, 0)])
get("adv_adjacent", [2, 3, 4, 5], f, [slice(None), L(0, 2), L(1, 3), slice(None)])
get("adv_separated", [2, 3, 4, 5], f, [L(0, 1), slice(None), L(1, 3)])
get("adv_separated_by_int", [2, 3, 4, 5], f, [L(0, 1), 1, L(1, 3)])
get("adv_broadcast", [3, 4], f, [L(0, 2).reshape(2, 1), L(1, 2, 3)])
get("adv_none_between", [3, 4], f, [None, L(0, 1), None, L(1, 2)])
get("adv_with_slice_step", [4, 6], torch.int64, [L(3, 1), slice(None, None, 2)])
get("adv_ellipsis", [2, 3, 4], f, [Ellipsis, L(3, 0)])
get("adv_dup", [3], torch.int32, [L(1, 1, 2, 1)])
get("adv_empty", [3, 2], f, [L()])
get("adv_noncontig", [3, 4, 5], f, [L(4, 0), slice(1, None)], perm=(2, 0, 1))
get("adv_zero_dim_index", [3, 4], f, [slice(None), L(2)[0].clone().reshape(())])
get("adv_bf16", [3, 4], torch.bfloat16, [L(2, 0)])
get("adv_bool_dtype", [3, 4], torch.bool, [L(2, 0), L(1, 1)])
get("mask_full", [2, 3, 4], f, [make([2, 3, 4], f) > 1])
get("mask_1d", [3, 4], f, [B(True, False, True)])
get("mask_dim1", [3, 4], f, [slice(None), B(False, True, True, False)])
get("mask_2d_then_int", [3, 3, 4], torch.int64, [torch.tensor([[1, 0, 1], [0, 1, 0], [1, 1, 0]], dtype=torch.bool), 0])
get("mask_then_none", [3, 3, 4], f, [torch.tensor([[1, 0, 1], [0, 1, 0], [1, 1, 0]], dtype=torch.bool), None])
get("mask_and_index", [3, 4], f, [B(True, False, True), L(3, 0)])
get("mask_uint8", [3, 4], f, [torch.tensor([1, 0, 1], dtype=torch.uint8)])
get("mask_none_true", [3, 4], f, [B(False, False, False)])
get("mask_zero_dim_true", [2, 3], f, [torch.tensor(True)])
get("mask_zero_dim_false", [2, 3], f, [torch.tensor(False)])
get("mask_noncontig", [3, 4], f, [torch.tensor([[1, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 1]], dtype=torch.bool)], perm=(1, 0))

# 0-dim and empty inputs
get("scalar_none", [], f, [None])
get("scalar_ellipsis", [], f, [Ellipsis])
get("scalar_mask_true", [], f, [torch.tensor(True)])
get("scalar_none_none", [], torch.int64, [None, Ellipsis, None])
get("empty_slice", [0, 3], f, [slice(None), 1])
get("empty_adv", [0, 3], f, [L(), L()])
get("empty_mask", [0, 3], f, [torch.zeros(0, 3, dtype=torch.bool)])
get("empty_dim_index_cols", [0, 3], f, [slice(None), L(2, 0)])

# writes
put("int_tensor", [2, 3, 4], f, [0], torch.full((3, 4), 9.0))
put("int_broadcast", [2, 3, 4], f, [1, slice(1, None)], torch.tensor([7.0, 8.0, 9.0, 10.0]))
put("int_scalar", [2, 3, 4], f, [0, 1, 2], 100.0)
put("slice_scalar", [4, 5], torch.int64, [slice(None, None, 2), slice(1, 4)], -7)
put("leading_ones", [3, 4], f, [0], torch.ones(1, 1, 4))
put("cast_value", [3, 4], f, [slice(None), 1], torch.tensor([1, 2, 3]))
put("ellipsis_scalar", [2, 3], torch.float64, [Ellipsis], 2.5)
put("noncontig_slice", [3, 4], f, [slice(1, None)], torch.arange(9.0).reshape(3, 3), perm=(1, 0))
put("adv_tensor", [4, 3], f, [L(0, 2)], torch.tensor([[1.0, 2, 3], [4, 5, 6]]))
put("adv_broadcast_row", [4, 3], f, [L(3, 1)], torch.tensor([1.0, 2, 3]))
put("adv_scalar", [4, 3], torch.int32, [L(-1, 0), slice(1, None)], 42)
put("adv_separated", [2, 3, 4], f, [L(0, 1), slice(None), L(1, 3)], torch.arange(6.0).reshape(2, 3))
put("adv_cast", [4, 3], f, [L(1)], torch.tensor([5, 6, 7]))
put("mask_scalar", [3, 4], f, [make([3, 4], f) > 0], 0.0)
put("mask_tensor", [3, 4], f, [make([3, 4], f) > 0], torch.arange(5.0) + 100)
put("mask_rows", [3, 4], torch.int64, [B(True, False, True)], torch.tensor([1, 2, 3, 4]))
put("mask_bool_dtype", [3, 4], torch.bool, [B(True, False, True), 0], True)
put("mask_f16", [3, 4], torch.float16, [make([3, 4], torch.float16) < 0], 1.5)
put("adv_noncontig", [3, 4], f, [L(0, 2)], torch.tensor([1.0, 2, 3]), perm=(1, 0))

put("scalar_ellipsis", [], f, [Ellipsis], 3.5)
put("scalar_mask", [], torch.int32, [torch.tensor(True)], 7)
put("empty_adv", [0, 3], f, [L()], 1.0)

save("indexing", cases)
