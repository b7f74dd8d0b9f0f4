"""Normalization fixtures: batch norm (train/eval, running stats, momentum None), layer norm, group norm."""
import torch, torch.nn as nn, torch.nn.functional as F
from fixturelib import save

torch.manual_seed(0)
cases = {}

def grads(y, *ts):
    gy = torch.randn_like(y)
    y.backward(gy)
    return gy, [t.grad if t is not None else None for t in ts]

for dt, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
    for shape, name in (((6, 4), "1d"), ((3, 4, 5), "seq"), ((2, 3, 4, 5), "2d")):
        for affine in (True, False):
            for momentum in (0.1, None):
                C = shape[1]
                bn = nn.BatchNorm1d(C, momentum=momentum, affine=affine) if len(shape) < 4 else nn.BatchNorm2d(C, momentum=momentum, affine=affine)
                bn = bn.to(dt)
                with torch.no_grad():
                    bn.running_mean.uniform_(-1, 1); bn.running_var.uniform_(0.5, 2)
                    bn.num_batches_tracked.fill_(3)
                    if affine: bn.weight.uniform_(0.5, 1.5); bn.bias.uniform_(-1, 1)
                rec = {"rm0": bn.running_mean.clone(), "rv0": bn.running_var.clone(), "nbt0": int(bn.num_batches_tracked),
                       "w": bn.weight.detach().clone() if affine else None, "b": bn.bias.detach().clone() if affine else None,
                       "momentum": momentum}
                for training in (True, False):
                    bn.train(training)
                    x = (torch.randn(*shape, dtype=dt) * 2 + 0.5).requires_grad_()
                    if affine: bn.weight.grad = None; bn.bias.grad = None
                    y = bn(x)
                    gy, (gx, gw, gb) = grads(y, x, bn.weight if affine else None, bn.bias if affine else None)
                    key = "train" if training else "eval"
                    rec[key] = {"x": x.detach(), "out": y.detach(), "gy": gy, "gx": gx, "gw": gw, "gb": gb,
                                "rm": bn.running_mean.clone(), "rv": bn.running_var.clone(), "nbt": int(bn.num_batches_tracked)}
                    if not training:
                        pass
                cases[f"bn_{name}_{'affine' if affine else 'plain'}_{'m' if momentum else 'cum'}_{tag}"] = rec
    for shape, ns, affine in (((3, 4, 5), [5], True), ((2, 3, 4), [3, 4], True), ((4, 6), [6], False), ((2, 2, 3, 2), [3, 2], True)):
        x = torch.randn(*shape, dtype=dt).requires_grad_()
        w = (torch.rand(*ns, dtype=dt) + 0.5).requires_grad_() if affine else None
        b = torch.randn(*ns, dtype=dt).requires_grad_() if affine else None
        y = F.layer_norm(x, ns, w, b, eps=1e-5)
        gy, (gx, gw, gb) = grads(y, x, w, b)
        mean = x.detach().mean(dim=tuple(range(-len(ns), 0)), keepdim=True)
        rstd = 1 / (x.detach().var(dim=tuple(range(-len(ns), 0)), keepdim=True, unbiased=False) + 1e-5).sqrt()
        cases[f"ln_{'x'.join(map(str, shape))}_{tag}"] = {"x": x.detach(), "ns": ns, "w": w.detach() if affine else None,
            "b": b.detach() if affine else None, "out": y.detach(), "gy": gy, "gx": gx, "gw": gw, "gb": gb, "mean": mean, "rstd": rstd}
    for shape, g, affine in (((2, 6, 4), 3, True), ((3, 4, 2, 3), 2, True), ((2, 4, 5), 4, False), ((2, 4), 1, True)):
        x = torch.randn(*shape, dtype=dt).requires_grad_()
        C = shape[1]
        w = (torch.rand(C, dtype=dt) + 0.5).requires_grad_() if affine else None
        b = torch.randn(C, dtype=dt).requires_grad_() if affine else None
        y = F.group_norm(x, g, w, b, eps=1e-5)
        gy, (gx, gw, gb) = grads(y, x, w, b)
        cases[f"gn_{'x'.join(map(str, shape))}_g{g}_{tag}"] = {"x": x.detach(), "groups": g, "w": w.detach() if affine else None,
            "b": b.detach() if affine else None, "out": y.detach(), "gy": gy, "gx": gx, "gw": gw, "gb": gb}

    for shape, affine, track in (((2, 3, 5), True, True), ((3, 2, 2, 3), False, True), ((2, 3, 4), True, False)):
        C = shape[1]
        m = (nn.InstanceNorm1d if len(shape) == 3 else nn.InstanceNorm2d)(C, affine=affine, track_running_stats=track).to(dt)
        with torch.no_grad():
            if track: m.running_mean.uniform_(-1, 1); m.running_var.uniform_(0.5, 2)
            if affine: m.weight.uniform_(0.5, 1.5); m.bias.uniform_(-1, 1)
        rec = {"rm0": m.running_mean.clone() if track else None, "rv0": m.running_var.clone() if track else None,
               "w": m.weight.detach().clone() if affine else None, "b": m.bias.detach().clone() if affine else None}
        for training in (True, False):
            m.train(training)
            x = torch.randn(*shape, dtype=dt).requires_grad_()
            if affine: m.weight.grad = None; m.bias.grad = None
            y = m(x)
            gy, (gx, gw, gb) = grads(y, x, m.weight if affine else None, m.bias if affine else None)
            rec["train" if training else "eval"] = {"x": x.detach(), "out": y.detach(), "gy": gy, "gx": gx, "gw": gw, "gb": gb,
                "rm": m.running_mean.clone() if track else None, "rv": m.running_var.clone() if track else None}
        cases[f"in_{'x'.join(map(str, shape))}_{'affine' if affine else 'plain'}_{'track' if track else 'notrack'}_{tag}"] = rec

save("nn_norm", cases)
