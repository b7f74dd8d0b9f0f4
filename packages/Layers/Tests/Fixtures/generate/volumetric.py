"""3-D layers: Conv3d (stride/padding/dilation/groups/same/replicate), MaxPool3d (padding, dilation, ceil_mode,
indices), AvgPool3d (count_include_pad, divisor_override, ceil_mode), AdaptiveAvgPool3d, BatchNorm3d train/eval:
outputs, input and parameter gradients, state-dict keys and shapes, reprs. Run: ~/torchenv/bin/python volumetric.py"""
import torch
import torch.nn as nn
from fixturelib import save

cases = {}


def record(name, module, x, params=True):
    x = x.detach().clone().requires_grad_()
    out = module(x)
    if isinstance(out, tuple):
        out, idx = out
        cases[name + "_indices"] = idx
    g = torch.randn_like(out)
    (out * g).sum().backward()
    cases[name] = {"inputs": [x], "out": out, "g": g, "grads": [x.grad]}
    if params:
        cases[name]["params"] = {k: v for k, v in module.state_dict().items()}
        cases[name]["pgrads"] = {k: p.grad for k, p in module.named_parameters()}
    cases[name + "_repr"] = repr(module)
    cases[name + "_keys"] = list(module.state_dict().keys())
    cases[name + "_shapes"] = [list(v.shape) for v in module.state_dict().values()]


torch.manual_seed(0)
record("conv3d_basic", nn.Conv3d(2, 3, 3, padding=1), torch.randn(2, 2, 4, 5, 3))
record("conv3d_strided", nn.Conv3d(4, 6, (3, 2, 2), stride=(2, 1, 2), padding=(1, 0, 1), dilation=(1, 2, 1), groups=2,
                                    bias=False), torch.randn(2, 4, 5, 6, 5))
record("conv3d_same", nn.Conv3d(2, 2, (2, 3, 4), padding="same"), torch.randn(1, 2, 3, 4, 5))
record("conv3d_replicate", nn.Conv3d(1, 2, 3, padding=1, padding_mode="replicate"), torch.randn(1, 1, 3, 4, 4))
record("conv3d_unbatched", nn.Conv3d(2, 2, 2, stride=2), torch.randn(2, 4, 4, 4))
record("conv3d_pointwise", nn.Conv3d(3, 2, 1), torch.randn(2, 3, 2, 3, 2))
x = torch.randn(2, 2, 5, 6, 7)
x[0, 0, 0, 0, 0] = float("nan")
record("maxpool3d", nn.MaxPool3d(2), x, False)
record("maxpool3d_pad_ceil", nn.MaxPool3d(3, stride=2, padding=1, ceil_mode=True, return_indices=True), torch.randn(2, 2, 5, 6, 7), False)
record("maxpool3d_dilated", nn.MaxPool3d((2, 2, 3), stride=1, dilation=(2, 1, 1)), torch.randn(1, 3, 5, 4, 6), False)
record("avgpool3d", nn.AvgPool3d(2), torch.randn(2, 2, 4, 5, 6), False)
record("avgpool3d_pad", nn.AvgPool3d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False), torch.randn(1, 2, 5, 6, 7), False)
record("avgpool3d_divisor", nn.AvgPool3d((2, 3, 2), stride=(1, 2, 2), padding=(1, 1, 0), divisor_override=5), torch.randn(3, 4, 5, 6), False)
record("adaptive_avg3d", nn.AdaptiveAvgPool3d((2, 3, 4)), torch.randn(2, 2, 5, 7, 6), False)
record("adaptive_avg3d_unbatched", nn.AdaptiveAvgPool3d(3), torch.randn(2, 4, 5, 7), False)
bn = nn.BatchNorm3d(3)
with torch.no_grad():
    bn.weight.normal_()
    bn.bias.normal_()
cases["bn3d_init"] = {k: v.clone() for k, v in bn.state_dict().items()}
record("bn3d_train", bn, torch.randn(2, 3, 2, 3, 4) * 2 + 1)
cases["bn3d_running"] = {k: v.clone() for k, v in bn.state_dict().items()}
bn.eval()
bn.zero_grad()
record("bn3d_eval", bn, torch.randn(2, 3, 2, 3, 4))
save("volumetric", cases)
