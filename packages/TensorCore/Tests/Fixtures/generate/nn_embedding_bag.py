"""F.embedding_bag fixtures: sum/mean/max, offsets or 2-D input, per_sample_weights, padding_idx, include_last_offset."""
import torch, torch.nn.functional as F
from fixturelib import save

torch.manual_seed(0)
cases = {}
for dt, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
    W = torch.randn(8, 3, dtype=dt)
    idx1 = torch.tensor([1, 2, 4, 5, 4, 3, 2, 7, 0])
    off = torch.tensor([0, 3, 3, 6])
    idx2 = torch.tensor([[1, 2, 4], [4, 3, 2], [0, 0, 7]])
    specs = [("sum_off", idx1, off, "sum", None, False, None), ("mean_off", idx1, off, "mean", None, False, None),
             ("max_off", idx1, off, "max", None, False, None), ("mean_2d", idx2, None, "mean", None, False, None),
             ("sum_psw", idx1, off, "sum", torch.rand(9, dtype=dt), False, None), ("mean_pad", idx1, off, "mean", None, False, 4),
             ("sum_last", idx1, torch.tensor([0, 2, 5, 9]), "sum", None, True, None), ("max_2d_pad", idx2, None, "max", None, False, 2)]
    for name, idx, o, mode, psw, last, pad in specs:
        w = W.clone().requires_grad_()
        p = psw.clone().requires_grad_() if psw is not None else None
        y = F.embedding_bag(idx, w, o, mode=mode, per_sample_weights=p, include_last_offset=last, padding_idx=pad)
        gy = torch.randn_like(y)
        y.backward(gy)
        cases[f"{name}_{tag}"] = {"w": W, "idx": idx, "offsets": o, "mode": mode, "psw": psw, "last": last, "pad": pad,
                                  "out": y.detach(), "gy": gy, "gw": w.grad, "gpsw": p.grad if p is not None else None}
save("nn_embedding_bag", cases)
