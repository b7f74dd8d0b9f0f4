"""Pooling and upsampling fixtures: forward outputs, indices and autograd input gradients."""
import torch, torch.nn.functional as F
from fixturelib import save

torch.manual_seed(0)
cases = {}

def case(name, fn, x, **params):
    x = x.clone().requires_grad_()
    out = fn(x)
    y, idx = (out if isinstance(out, tuple) else (out, None))
    gy = torch.randn_like(y)
    y.backward(gy)
    rec = {"x": x.detach(), "out": y.detach(), "gy": gy, "gx": x.grad}
    if idx is not None: rec["indices"] = idx
    rec.update(params)
    cases[name] = rec

for dt, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
    x = torch.randn(2, 2, 6, 7, dtype=dt)
    xn = x.clone(); xn[0, 0, 1, 1] = float("nan"); xn[1, 1, 4, 4] = float("inf")
    for i, (k, s, p, d, c) in enumerate([(2, 2, 0, 1, False), (3, 2, 1, 1, False), (3, 2, 1, 1, True),
                                          ([3, 2], [2, 1], [1, 0], [1, 2], False), (2, 3, 1, 2, True), (3, 1, 0, 1, False)]):
        case(f"max2d_{i}_{tag}", lambda t: F.max_pool2d(t, k, s, p, d, ceil_mode=c, return_indices=True), x,
             op="max2d", kernel=k, stride=s, padding=p, dilation=d, ceil=c)
    case(f"max2d_nan_{tag}", lambda t: F.max_pool2d(t, 2, 2, return_indices=True), xn, op="max2d", kernel=2, stride=2, padding=0, dilation=1, ceil=False)
    case(f"max2d_unbatched_{tag}", lambda t: F.max_pool2d(t, 3, 2, 1, return_indices=True), x[0], op="max2d", kernel=3, stride=2, padding=1, dilation=1, ceil=False)
    case(f"max2d_noncontig_{tag}", lambda t: F.max_pool2d(t, 2, return_indices=True), x.transpose(2, 3), op="max2d", kernel=2, stride=2, padding=0, dilation=1, ceil=False)
    x1 = torch.randn(2, 2, 11, dtype=dt)
    case(f"max1d_{tag}", lambda t: F.max_pool1d(t, 3, 2, 1, 2, ceil_mode=True, return_indices=True), x1, op="max1d", kernel=3, stride=2, padding=1, dilation=2, ceil=True)
    for i, (k, s, p, c, cip, dv) in enumerate([(2, 2, 0, False, True, None), (3, 2, 1, False, True, None), (3, 2, 1, True, False, None),
                                                ([3, 2], [2, 1], [1, 1], True, True, None), (3, 2, 1, False, True, 5)]):
        case(f"avg2d_{i}_{tag}", lambda t: F.avg_pool2d(t, k, s, p, c, cip, dv), x, op="avg2d", kernel=k, stride=s, padding=p, ceil=c, count_include_pad=cip, divisor=dv)
    case(f"avg1d_{tag}", lambda t: F.avg_pool1d(t, 4, 3, 2, True, False), x1, op="avg1d", kernel=4, stride=3, padding=2, ceil=True, count_include_pad=False)
    for i, o in enumerate([1, 3, [4, 5], [6, 7], [9, 3]]):
        case(f"aavg2d_{i}_{tag}", lambda t: F.adaptive_avg_pool2d(t, o), x, op="aavg2d", size=o)
        case(f"amax2d_{i}_{tag}", lambda t: F.adaptive_max_pool2d(t, o, return_indices=True), x, op="amax2d", size=o)
    case(f"aavg1d_{tag}", lambda t: F.adaptive_avg_pool1d(t, 4), x1, op="aavg1d", size=4)
    xs = torch.randn(2, 2, 3, 5, dtype=dt)
    for i, (size, sf, mode, ac) in enumerate([([6, 10], None, "nearest", None), ([5, 7], None, "nearest", None), (None, [2.0, 2.0], "nearest", None),
                                               (None, [1.7, 2.3], "nearest", None), ([6, 9], None, "bilinear", False), ([6, 9], None, "bilinear", True),
                                               (None, [1.5, 2.5], "bilinear", False), (None, [0.6, 0.5], "bilinear", False), ([1, 1], None, "bilinear", True)]):
        case(f"interp_{i}_{tag}", lambda t: F.interpolate(t, size=size, scale_factor=sf, mode=mode, align_corners=ac), xs,
             op="interp", size=size, scale=sf, mode=mode, align_corners=ac)
    x3 = torch.randn(2, 3, 5, dtype=dt)
    case(f"interp_linear_{tag}", lambda t: F.interpolate(t, scale_factor=2.6, mode="linear"), x3, op="interp", size=None, scale=[2.6], mode="linear", align_corners=None)
    case(f"interp_nearest1d_{tag}", lambda t: F.interpolate(t, size=8), x3, op="interp", size=[8], scale=None, mode="nearest", align_corners=None)

save("nn_pool", cases)
