"""Dropout fixtures under torch.manual_seed: F.dropout, torch.native_dropout (+ backward), F.dropout2d."""
import torch, torch.nn.functional as F
from fixturelib import save

cases = {}
for dt, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
    x = torch.arange(1, 41, dtype=dt).reshape(5, 8) / 7
    for p in (0.3, 0.5, 0.9):
        torch.manual_seed(123); a = F.dropout(x, p)
        torch.manual_seed(123); o, m = torch.native_dropout(x, p, True)
        g = torch.randn_like(x)
        gb = torch.ops.aten.native_dropout_backward(g, m, 1 / (1 - p))
        x4 = torch.arange(1, 2 * 3 * 2 * 2 + 1, dtype=dt).reshape(2, 3, 2, 2)
        torch.manual_seed(7); d2 = F.dropout2d(x4, p)
        cases[f"p{p}_{tag}"] = {"x": x, "p": p, "dropout": a, "native": o, "mask": m, "g": g, "native_backward": gb,
                                "x4": x4, "dropout2d": d2}
save("nn_dropout", cases)
