"""Convolution, pooling, upsampling and the guide's CNN/MLP: parity of outputs and gradients, default
initialization from a seed (so a model built after manual_seed(0) equals torch's), reprs and keys.
Run: ~/torchenv/bin/python conv.py"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from fixturelib import save

cases = {}


def record(name, fn, inputs, module=None):
    inputs = [x.detach().clone().requires_grad_(x.is_floating_point()) for x in inputs]
    out = fn(*inputs)
    g = torch.randn_like(out)
    (out * g).sum().backward()
    cases[name] = {"inputs": inputs, "out": out, "g": g,
                   "grads": [x.grad if x.grad is not None else torch.zeros(0) for x in inputs]}
    if module is not None:
        cases[name]["params"] = dict(module.state_dict())
        cases[name]["pgrads"] = {k: p.grad for k, p in module.named_parameters()}


torch.manual_seed(0)
c = nn.Conv2d(3, 4, 3, padding=1)
cases["conv_init_weight"] = c.weight
cases["conv_init_bias"] = c.bias
cases["conv_repr"] = repr(c)
record("conv2d", c, [torch.randn(2, 3, 5, 6)], c)
c2 = nn.Conv2d(4, 6, (3, 2), stride=(2, 1), padding=(1, 0), dilation=(1, 2), groups=2, bias=False)
cases["conv2_repr"] = repr(c2)
record("conv2d_grouped", c2, [torch.randn(1, 4, 7, 7)], c2)
c3 = nn.Conv2d(2, 3, 4, padding="same", padding_mode="reflect")
cases["conv3_repr"] = repr(c3)
record("conv2d_same_reflect", c3, [torch.randn(2, 2, 6, 5)], c3)
c4 = nn.Conv2d(2, 3, 3, padding=2, padding_mode="circular")
record("conv2d_circular", c4, [torch.randn(1, 2, 5, 5)], c4)
c5 = nn.Conv2d(2, 2, 4, padding="same")
record("conv2d_same_zeros", c5, [torch.randn(2, 5, 5)], c5)
c1 = nn.Conv1d(3, 2, 3, stride=2, padding=1, padding_mode="replicate")
cases["conv1_repr"] = repr(c1)
record("conv1d", c1, [torch.randn(2, 3, 9)], c1)
ct = nn.ConvTranspose2d(3, 2, 3, stride=2, padding=1, output_padding=1)
cases["convt_repr"] = repr(ct)
cases["convt_init_weight"] = ct.weight
record("conv_transpose2d", ct, [torch.randn(2, 3, 4, 4)], ct)

x = torch.randn(2, 3, 7, 6)
mp = nn.MaxPool2d(2, 2)
cases["maxpool_repr"] = repr(mp)
record("maxpool2d", mp, [x])
record("maxpool2d_ceil_pad", nn.MaxPool2d(3, stride=2, padding=1, ceil_mode=True), [x])
record("maxpool1d", nn.MaxPool1d(3, stride=2), [torch.randn(2, 3, 9)])
ap = nn.AvgPool2d(3, stride=2, padding=1)
cases["avgpool_repr"] = repr(ap)
record("avgpool2d", ap, [x])
aap = nn.AdaptiveAvgPool2d((2, 3))
cases["adaptive_repr"] = repr(aap)
record("adaptive_avg", aap, [x])
record("adaptive_max", nn.AdaptiveMaxPool2d(3), [x])
up = nn.Upsample(scale_factor=2, mode="nearest")
cases["upsample_repr"] = repr(up)
record("upsample_nearest", up, [x])
record("upsample_bilinear", nn.Upsample(size=(5, 9), mode="bilinear", align_corners=False), [x])
record("pad_reflect", lambda t: F.pad(t, (1, 2, 2, 1), mode="reflect"), [x])
record("pad_constant", lambda t: F.pad(t, (1, 0, 0, 2), value=0.5), [x])


class CNN(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=3, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.Conv2d(64, 64, kernel_size=3, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.MaxPool2d(2, 2), nn.Dropout2d(0.1),
            nn.Conv2d(64, 128, kernel_size=3, padding=1), nn.BatchNorm2d(128), nn.ReLU(inplace=True),
            nn.Conv2d(128, 128, kernel_size=3, padding=1), nn.BatchNorm2d(128), nn.ReLU(inplace=True),
            nn.MaxPool2d(2, 2), nn.Dropout2d(0.2),
            nn.Conv2d(128, 256, kernel_size=3, padding=1), nn.BatchNorm2d(256), nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1), nn.BatchNorm2d(256), nn.ReLU(inplace=True),
            nn.MaxPool2d(2, 2))
        self.classifier = nn.Sequential(
            nn.Flatten(), nn.Linear(256 * 4 * 4, 1024), nn.ReLU(inplace=True), nn.Dropout(0.5),
            nn.Linear(1024, 512), nn.ReLU(inplace=True), nn.Dropout(0.3), nn.Linear(512, num_classes))

    def forward(self, x):
        return self.classifier(self.features(x))


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.network = nn.Sequential(
            nn.Flatten(), nn.Linear(784, 512), nn.BatchNorm1d(512), nn.ReLU(), nn.Dropout(0.3),
            nn.Linear(512, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(0.2), nn.Linear(256, 10))

    def forward(self, x):
        return self.network(x)


for name, ctor, shape in [("cnn", CNN, (2, 3, 32, 32)), ("mlp", MLP, (4, 1, 28, 28))]:
    torch.manual_seed(0)
    m = ctor()
    cases[name + "_repr"] = repr(m)
    cases[name + "_keys"] = list(m.state_dict().keys())
    cases[name + "_shapes"] = [list(v.shape) for v in m.state_dict().values()]
    cases[name + "_count"] = sum(p.numel() for p in m.parameters())
    xin = torch.randn(*shape)
    cases[name + "_x"] = xin
    m.eval()
    cases[name + "_eval_y"] = m(xin)
    m.train()
    torch.manual_seed(1)
    y = m(xin)
    cases[name + "_train_y"] = y
    y.logsumexp(1).sum().backward()
    first = next(m.parameters())
    cases[name + "_first_grad_sum"] = first.grad.double().sum().item()
    cases[name + "_first_grad_head"] = first.grad.flatten()[:10]
    cases[name + "_running_mean_after"] = [v for k, v in m.state_dict().items() if k.endswith("running_mean")][0][:8]

save("conv", cases)
