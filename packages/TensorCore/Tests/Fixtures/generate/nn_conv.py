"""Convolution fixtures: conv1d/conv2d/conv_transpose forward and autograd gradients."""
import torch, torch.nn.functional as F
from fixturelib import save

torch.manual_seed(0)
cases = {}

def conv_case(name, xs, ws, bias=True, stride=1, padding=0, dilation=1, groups=1, transposed=False,
              output_padding=0, dtype=torch.float32, noncontig=False):
    x = torch.randn(*xs, dtype=dtype)
    if noncontig:
        x = torch.randn(*reversed(xs), dtype=dtype).permute(*reversed(range(len(xs))))
    w = torch.randn(*ws, dtype=dtype)
    b = torch.randn(ws[1] * groups if transposed else ws[0], dtype=dtype) if bias else None
    x.requires_grad_(); w.requires_grad_()
    if b is not None: b.requires_grad_()
    spatial = len(ws) - 2
    if transposed:
        f = F.conv_transpose2d if spatial == 2 else F.conv_transpose1d
        y = f(x, w, b, stride=stride, padding=padding, output_padding=output_padding, groups=groups, dilation=dilation)
    else:
        f = F.conv2d if spatial == 2 else F.conv1d
        y = f(x, w, b, stride=stride, padding=padding, dilation=dilation, groups=groups)
    gy = torch.randn_like(y)
    y.backward(gy)
    cases[name] = {"x": x.detach(), "w": w.detach(), "b": b.detach() if b is not None else None,
                   "stride": stride, "padding": padding, "dilation": dilation, "groups": groups,
                   "transposed": transposed, "output_padding": output_padding, "out": y.detach(), "gy": gy,
                   "gx": x.grad, "gw": w.grad, "gb": b.grad if b is not None else None}

for dt, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
    conv_case(f"basic_{tag}", (2, 3, 7, 6), (4, 3, 3, 3), padding=1, dtype=dt)
    conv_case(f"stride_pad_{tag}", (2, 3, 9, 8), (5, 3, 3, 2), stride=[2, 3], padding=[1, 2], dtype=dt)
    conv_case(f"dilation_{tag}", (1, 2, 9, 9), (3, 2, 3, 3), dilation=[2, 1], padding=[2, 0], dtype=dt)
    conv_case(f"groups_{tag}", (2, 6, 5, 5), (9, 2, 3, 3), groups=3, padding=1, stride=2, dtype=dt)
    conv_case(f"depthwise_{tag}", (2, 4, 6, 6), (4, 1, 3, 3), groups=4, padding=1, bias=False, dtype=dt)
    conv_case(f"pointwise_{tag}", (3, 5, 4, 4), (7, 5, 1, 1), dtype=dt)
    conv_case(f"same_even_{tag}", (2, 3, 6, 5), (4, 3, 4, 2), padding="same", dtype=dt)
    conv_case(f"valid_{tag}", (2, 3, 6, 5), (4, 3, 3, 3), padding="valid", dtype=dt)
    conv_case(f"unbatched_{tag}", (3, 6, 6), (2, 3, 3, 3), padding=1, dtype=dt)
    conv_case(f"noncontig_{tag}", (2, 3, 5, 6), (4, 3, 3, 3), padding=1, stride=2, dtype=dt, noncontig=True)
    conv_case(f"conv1d_{tag}", (2, 4, 11), (6, 2, 3), stride=2, padding=2, dilation=2, groups=2, dtype=dt)
    conv_case(f"conv1d_same_{tag}", (2, 3, 8), (2, 3, 4), padding="same", dtype=dt)
    conv_case(f"convT_{tag}", (2, 4, 5, 4), (4, 3, 3, 3), transposed=True, stride=2, padding=1, output_padding=1, dtype=dt)
    conv_case(f"convT_groups_{tag}", (2, 4, 4, 5), (4, 2, 3, 2), transposed=True, groups=2, stride=[1, 2], padding=[0, 1], dilation=[2, 1], dtype=dt)
    conv_case(f"convT1d_{tag}", (2, 3, 6), (3, 2, 4), transposed=True, stride=3, padding=1, output_padding=2, dtype=dt)
    conv_case(f"convT_pointwise_{tag}", (2, 3, 4, 4), (3, 5, 1, 1), transposed=True, bias=False, dtype=dt)

# Depthwise geometries of MobileNet/EfficientNet (CVectorKernels/depthwise_conv.c), drawn after the cases above
# so theirs keep their values: 5×5 stride 2 with bias, dilation, asymmetric stride, rows wider than a vector
# with tails, a 1-D depthwise convolution.
for dt, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
    conv_case(f"depthwise_k5s2_{tag}", (2, 3, 13, 11), (3, 1, 5, 5), groups=3, stride=2, padding=2, dtype=dt)
    conv_case(f"depthwise_dilated_{tag}", (1, 5, 9, 10), (5, 1, 3, 3), groups=5, padding=[2, 1], dilation=[2, 1], dtype=dt)
    conv_case(f"depthwise_wide_{tag}", (1, 2, 5, 37), (2, 1, 3, 3), groups=2, stride=[1, 2], padding=1, dtype=dt)
    conv_case(f"depthwise_valid_{tag}", (2, 4, 6, 7), (4, 1, 2, 3), groups=4, stride=[2, 1], dtype=dt)
    conv_case(f"depthwise1d_{tag}", (2, 3, 19), (3, 1, 3), groups=3, padding=1, stride=2, dtype=dt)

# Batch-1 images with 64+ output channels: ConvEnginePacked's whole-image GEMM split over the threads.
for dt, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
    conv_case(f"b1_wide_{tag}", (1, 4, 7, 7), (64, 4, 3, 3), padding=1, dtype=dt)
    conv_case(f"b1_wide_s2_{tag}", (1, 3, 9, 10), (64, 3, 3, 3), stride=2, padding=1, dtype=dt)

save("nn_conv", cases)
