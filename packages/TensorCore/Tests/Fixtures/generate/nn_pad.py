"""F.pad fixtures: constant (incl. negative = crop), reflect, replicate, circular on 1-3 trailing dims, with grads."""
import torch, torch.nn.functional as F
from fixturelib import save

torch.manual_seed(0)
cases = {}
specs = [
    ("constant", (2, 3, 4), [1, 2], 0.0), ("constant", (2, 3, 4), [1, -1, 2, 0], 1.5), ("constant", (3, 4), [0, 0, -1, 2], -2.0),
    ("constant", (2, 2, 3, 4), [1, 1, 1, 1, 1, 1], 0.0),
    ("reflect", (2, 3, 5), [2, 3], None), ("reflect", (1, 2, 4, 5), [1, 2, 3, 0], None), ("reflect", (2, 4, 5), [1, 1, 2, 2], None),
    ("reflect", (1, 2, 3, 4, 3), [1, 1, 2, 0, 1, 2], None),
    ("replicate", (2, 3, 4), [3, 1], None), ("replicate", (1, 2, 3, 4), [2, 2, 1, 3], None), ("replicate", (1, 1, 2, 3, 2), [1, 0, 2, 1, 1, 1], None),
    ("circular", (2, 3, 5), [2, 4], None), ("circular", (1, 2, 3, 4), [1, 2, 3, 0], None), ("circular", (1, 2, 4, 5), [-1, 2, 1, -2], None),
]
for dt, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
    for i, (mode, shape, pad, value) in enumerate(specs):
        x = torch.randn(*shape, dtype=dt).requires_grad_()
        y = F.pad(x, pad, mode=mode, value=value) if mode == "constant" else F.pad(x, pad, mode=mode)
        gy = torch.randn_like(y)
        y.backward(gy)
        cases[f"{mode}_{i}_{tag}"] = {"x": x.detach(), "pad": pad, "mode": mode, "value": value, "out": y.detach(), "gy": gy, "gx": x.grad}
# integer constant padding keeps the dtype
xi = torch.arange(12).reshape(3, 4)
cases["constant_int64"] = {"x": xi, "pad": [1, 1], "mode": "constant", "value": 7, "out": F.pad(xi, [1, 1], value=7)}
cases["reflect_int64"] = {"x": xi.unsqueeze(0), "pad": [2, 1], "mode": "reflect", "value": None, "out": F.pad(xi.unsqueeze(0), [2, 1], mode="reflect")}
save("nn_pad", cases)
