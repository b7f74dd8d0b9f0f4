"""torch.amp.GradScaler('cpu') trajectories: the scale after every update(), skipped steps, the final
parameters and state_dict, for SGD/Adam training with infs/NaNs injected into gradients on chosen steps.
Run: ~/torchenv/bin/python packages/Optimizers/Tests/Fixtures/generate/grad_scaler.py"""
import math
import torch
import os
from fixturelib import save, REPO, _core

torch.manual_seed(0)
X = torch.randn(8, 4)
Y = torch.randn(8, 3)
W0 = torch.randn(3, 4)
B0 = torch.randn(3)


def injected(step, every, offset):
    """Steps whose gradient gets a non-finite entry: a fixed pattern the Swift test rebuilds."""
    return step % every == offset


def run(steps, every, offset, poison, scaler_kwargs, optimizer="sgd", dtype=torch.float32, clip=None):
    w = W0.clone().to(dtype).requires_grad_()
    b = B0.clone().to(dtype).requires_grad_()
    opt = torch.optim.SGD([w, b], lr=0.01) if optimizer == "sgd" else torch.optim.Adam([w, b], lr=0.001)
    scaler = torch.amp.GradScaler("cpu", **scaler_kwargs)
    scales, skipped = [], 0
    for step in range(steps):
        opt.zero_grad()
        out = X.to(dtype) @ w.t() + b
        loss = ((out.float() - Y) ** 2).mean()
        scaler.scale(loss).backward()
        if injected(step, every, offset):
            w.grad[1, 2] = poison
        if clip is not None:
            scaler.unscale_(opt)
            torch.nn.utils.clip_grad_norm_([w, b], clip)
        before = w.detach().clone()
        scaler.step(opt)
        skipped += int(torch.equal(before, w.detach()))
        scaler.update()
        scales.append(scaler.get_scale())
    return {"scales": scales, "skipped": skipped, "w": w.detach(), "b": b.detach(),
            "state_dict": scaler.state_dict()}


cases = {"x": X, "y": Y, "w0": W0, "b0": B0}
# torch's defaults over 4,700 steps: growth after 2,000 clean steps (twice), backoff on the injected inf.
cases["defaults"] = dict(run(4700, 2600, 2599, math.inf, {}), steps=4700, every=2600, offset=2599, poison="inf")
# Short interval, odd factors, NaN instead of inf.
cases["custom"] = dict(run(300, 37, 5, math.nan,
                           dict(init_scale=1024.0, growth_factor=3.0, backoff_factor=0.25, growth_interval=3)),
                       steps=300, every=37, offset=5, poison="nan")
# Growth that would overflow float32 is not applied.
cases["overflow"] = dict(run(20, 1000, 999, math.inf, dict(init_scale=2.0 ** 126, growth_interval=2)),
                         steps=20, every=1000, offset=999, poison="inf")
# unscale_ then clip_grad_norm_ then step, with Adam: clipping is Layers' (torch.nn.utils), so this case is
# the integration tests' (Tests/Fixtures/grad_scaler_clip.json).
clip_case = dict(run(200, 50, 7, -math.inf, dict(growth_interval=10), optimizer="adam", clip=0.5),
                                  steps=200, every=50, offset=7, poison="-inf")
# bfloat16 parameters and gradients (allowed; float16 gradients are refused).
cases["bfloat16"] = dict(run(60, 20, 3, math.inf, dict(growth_interval=5), dtype=torch.bfloat16),
                         steps=60, every=20, offset=3, poison="inf")

save("grad_scaler", cases)
_core.save("grad_scaler_clip", {"x": X, "y": Y, "w0": W0, "b0": B0, "unscale_clip_adam": clip_case},
           folder=os.path.join(REPO, "Tests", "Fixtures"))
