"""bfloat16 convolutions and their gradients (nn_conv_bf16.json).

Each case stores only shapes and hyper-parameters: the inputs x, w, b and the output gradient gy are made
by a formula the Swift test repeats (values() below, as reduced_gemm.py), in bfloat16. torch's outputs
`out`, `gx`, `gw`, `gb` are bf16 (on this CPU oneDNN's AVX512_BF16 convolutions, float32 accumulation);
the Swift test measures torch's error and ours against the exact float64 result on the same inputs.
Shapes exercise the tiling of the bf16 route (NN/ConvBf16.swift): images side by side when a grid is
small, runs of grid rows when it is large, odd and long reductions (K blocks of 512), strides, padding,
dilation, groups, 1-D, no bias, and the CIFAR CNN's 3×3 layers on their grids."""
import torch
import torch.nn.functional as F
from fixturelib import save

cases = {}
SEEDS = {"x": 1, "w": 2, "b": 3, "gy": 4}


def values(shape, seed, scale=1.0):
    """((i·7919 + seed·104729) mod 2003) / 1001 − 1, times scale, in float32, rounded to bfloat16."""
    n = 1
    for s in shape:
        n *= s
    i = torch.arange(n, dtype=torch.int64)
    v = ((i * 7919 + seed * 104729) % 2003).to(torch.float32) / 1001 - 1
    return (v * scale).reshape(shape).to(torch.bfloat16)


def case(name, xs, ws, bias=True, stride=1, padding=0, dilation=1, groups=1):
    x = values(xs, SEEDS["x"]).requires_grad_()
    w = values(ws, SEEDS["w"], 0.25).requires_grad_()
    b = values([ws[0]], SEEDS["b"]).requires_grad_() if bias else None
    f = F.conv2d if len(ws) == 4 else F.conv1d
    y = f(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups)
    gy = values(list(y.shape), SEEDS["gy"])
    y.backward(gy)
    cases[name] = {"x": xs, "w": ws, "bias": bias, "stride": stride, "padding": padding, "dilation": dilation,
                   "groups": groups, "out": y.detach(), "gx": x.grad, "gw": w.grad,
                   "gb": b.grad if bias else None}


case("basic", [2, 3, 7, 6], [4, 3, 3, 3], padding=1)
case("cifar_first", [2, 3, 32, 32], [8, 3, 3, 3], padding=1)  # K = 27, rows of a 32×32 grid per tile
case("cifar_mid", [3, 32, 16, 16], [24, 32, 3, 3], padding=1)  # images side by side
case("cifar_deep", [5, 64, 8, 8], [20, 64, 3, 3], padding=1)  # K = 576
case("long_k", [2, 130, 6, 5], [14, 130, 3, 3], padding=1)  # K = 1170: three K blocks, odd last pair
case("stride_pad", [2, 3, 9, 8], [5, 3, 3, 2], stride=[2, 3], padding=[1, 2])
case("dilation", [2, 4, 9, 9], [6, 4, 3, 3], dilation=[2, 1], padding=[2, 0])
case("groups", [2, 6, 5, 5], [9, 2, 3, 3], groups=3, padding=1)
case("no_bias_odd", [3, 5, 11, 13], [7, 5, 5, 3], bias=False, padding=[2, 1])
case("pointwise", [3, 16, 4, 4], [8, 16, 1, 1])
case("conv1d", [3, 8, 40], [12, 8, 5], padding=2)
case("wide_rows", [1, 2, 40, 90], [4, 2, 3, 3], padding=1)  # 3600 grid positions: several row tiles

save("nn_conv_bf16", cases)
