"""Edge semantics a differential sweep against torch found different (torch_semantics.json): all/any over
dim=() reduce nothing, index_select on a 0-dim tensor, a uint8 `where` condition, pow with a bool base,
interpolate on 3-D input, gelu at ±inf, and the messages torch raises for their misuse; and API the sweep
found missing: repeat_interleave, linalg.cross, a number divided by a tensor with rounding."""
import torch
import torch.nn.functional as F
from fixturelib import save, torch_errors

cases = {}
DTYPES = [torch.bool, torch.uint8, torch.int8, torch.int32, torch.int64, torch.float16, torch.bfloat16,
          torch.float32, torch.float64]
base = torch.tensor([[1.0, 0.0, float("nan")], [-2.0, 0.0, 3.0]])
for dt in DTYPES:
    x = base.nan_to_num(5.0).to(dt) if not dt.is_floating_point else base.to(dt)
    for keepdim in (False, True):
        cases[f"all_empty_dims_{dt}_{keepdim}"] = {"x": x, "all": torch.all(x, dim=(), keepdim=keepdim),
                                                   "any": torch.any(x, dim=(), keepdim=keepdim)}

s = torch.tensor(5.0)
cases["index_select_0dim"] = {"vector_index": s.index_select(0, torch.tensor([0])),
                              "scalar_index": s.index_select(0, torch.tensor(0)),
                              "int32_index": s.index_select(0, torch.tensor([0], dtype=torch.int32))}
errors = {}


errors.update(torch_errors({
    "index_select_0dim_two": lambda: s.index_select(0, torch.tensor([0, 0])),
    "index_select_0dim_none": lambda: s.index_select(0, torch.tensor([], dtype=torch.long)),
    "pow_bool_base_bool_exponent": lambda: torch.pow(True, torch.tensor([True, False])),
    "pow_bool_tensors": lambda: torch.pow(torch.tensor([True]), torch.tensor([False])),
}))
torch.manual_seed(3)
xa = torch.randn(1, 2, 5, 6)
amax, aidx = F.adaptive_max_pool2d(xa, (2, None), return_indices=True)
cases["adaptive_none"] = {"x": xa, "avg2d": F.adaptive_avg_pool2d(xa, (None, 3)), "max2d": amax, "max2d_indices": aidx,
                          "avg3d": F.adaptive_avg_pool3d(xa.unsqueeze(0), (None, 2, None)),
                          "reprs": [repr(torch.nn.AdaptiveAvgPool2d((None, 7))), repr(torch.nn.AdaptiveMaxPool2d((3, None))),
                                    repr(torch.nn.AdaptiveAvgPool3d((None, 2, None)))]}
errors.update(torch_errors({
    "adaptive_avg_pool2d_three_sizes": lambda: F.adaptive_avg_pool2d(xa, (1, 2, 3)),
    "adaptive_avg_pool3d_two_sizes": lambda: F.adaptive_avg_pool3d(xa.unsqueeze(0), (1, 2)),
}))
cases["errors"] = errors

cond = torch.tensor([[1, 0, 7], [0, 2, 0]], dtype=torch.uint8)
a, b = torch.arange(6.0).view(2, 3), -torch.arange(6.0).view(2, 3)
cases["where_uint8"] = {"cond": cond, "a": a, "b": b, "out": torch.where(cond, a, b), "scalar_b": torch.where(cond, a, 0.5)}

cases["pow_bool_base"] = {"int_exponent": torch.pow(True, torch.tensor([0, 1, 3])),
                          "float_exponent": torch.pow(True, torch.tensor([0.5, -1.0])),
                          "one_bool_exponent": torch.pow(1, torch.tensor([True, False])),
                          "one_float_bool_exponent": torch.pow(1.0, torch.tensor([True, False]))}

torch.manual_seed(0)
x3 = torch.randn(2, 3, 5)
cases["interpolate_3d"] = {"x": x3,
                           "nearest_size": F.interpolate(x3, size=8, mode="nearest"),
                           "nearest_scale": F.interpolate(x3, scale_factor=2.5, mode="nearest"),
                           "linear_size": F.interpolate(x3, size=7, mode="linear"),
                           "linear_align": F.interpolate(x3, size=9, mode="linear", align_corners=True)}

torch.manual_seed(4)
x5 = torch.randn(1, 2, 3, 4, 5)
cases["interpolate_5d"] = {"x": x5,
                           "nearest_size": F.interpolate(x5, size=(5, 6, 7), mode="nearest"),
                           "nearest_scale": F.interpolate(x5, scale_factor=2, mode="nearest"),
                           "nearest_scale_mixed": F.interpolate(x5, scale_factor=(1.5, 0.5, 2.5), mode="nearest"),
                           "trilinear_size": F.interpolate(x5, size=(4, 5, 6), mode="trilinear"),
                           "trilinear_align": F.interpolate(x5, size=(4, 5, 6), mode="trilinear", align_corners=True),
                           "trilinear_scale": F.interpolate(x5, scale_factor=1.5, mode="trilinear"),
                           "trilinear_float64": F.interpolate(x5.double(), size=(2, 7, 3), mode="trilinear")}
errors.update(torch_errors({
    "interpolate_trilinear_4d": lambda: F.interpolate(x5[0], size=(3, 3), mode="trilinear"),
}))

inf = torch.tensor([float("inf"), -float("inf"), 1.0])
cases["gelu_inf"] = {"float32": F.gelu(inf), "float64": F.gelu(inf.double()),
                     "float32_tanh": F.gelu(inf, approximate="tanh")}
x = torch.tensor([[1, 2], [3, 4]])
cases["repeat_interleave"] = {
    "x": x, "flat": torch.repeat_interleave(x, 2), "dim0": torch.repeat_interleave(x, 2, dim=0),
    "per_slice": torch.repeat_interleave(x, torch.tensor([1, 2]), dim=1),
    "one_count_tensor": torch.repeat_interleave(x, torch.tensor(2)),
    "zero": torch.repeat_interleave(x, 0, dim=0), "indices": torch.repeat_interleave(torch.tensor([1, 2, 3])),
    "float_0dim": torch.repeat_interleave(torch.tensor(5.0), 3)}
a, b = torch.randn(4, 3, dtype=torch.float64), torch.randn(1, 3, dtype=torch.float64)
cases["cross"] = {"a": a, "b": b, "out": torch.linalg.cross(a, b),
                  "dim0": torch.linalg.cross(a.T.contiguous(), b.T.expand(3, 4).contiguous(), dim=0),
                  "int": torch.linalg.cross(torch.tensor([1, 2, 3]), torch.tensor([4, 5, 6]))}
t, it = torch.tensor([2.0, -3.0, 0.5, 0.0, -0.0]), torch.tensor([2, -3, 4], dtype=torch.int32)
cases["number_by_tensor"] = {"t": t, "it": it,
                             "floor_float": torch.floor_divide(3, t), "floor_int": torch.floor_divide(3, it),
                             "trunc_int": torch.div(7, it, rounding_mode="trunc"),
                             "floor_neg_int": torch.div(-7, it, rounding_mode="floor"),
                             "floor_float_number": torch.div(7.5, it, rounding_mode="floor"),
                             "true_div": torch.div(3, it)}
errors.update(torch_errors({
    "repeat_interleave_size": lambda: torch.repeat_interleave(x, torch.tensor([1, 2, 3]), dim=0),
    "repeat_interleave_negative": lambda: torch.repeat_interleave(x, torch.tensor([1, -2]), dim=0),
    "cross_length": lambda: torch.linalg.cross(torch.ones(2, 2), torch.ones(2, 2)),
    "cross_dtype": lambda: torch.linalg.cross(torch.ones(3), torch.ones(3, dtype=torch.float64)),
}))
save("torch_semantics", cases)
