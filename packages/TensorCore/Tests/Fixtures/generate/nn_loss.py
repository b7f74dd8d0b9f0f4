"""Loss, embedding, one_hot, dropout-by-mask and scaled_dot_product_attention fixtures (outputs and autograd grads)."""
import math
import torch, torch.nn.functional as F
from fixturelib import save

torch.manual_seed(0)
cases = {}

def run(name, fn, x, extra):
    x = x.clone().requires_grad_()
    y = fn(x)
    gy = torch.randn_like(y)
    y.backward(gy)
    rec = {"x": x.detach(), "out": y.detach(), "gy": gy, "gx": x.grad}
    rec.update(extra)
    cases[name] = rec

for dt, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
    x = torch.randn(4, 5, dtype=dt); t = torch.randn(4, 5, dtype=dt)
    t[0, 0] = x[0, 0]  # a zero difference (l1 sign 0)
    for red in ("none", "mean", "sum"):
        run(f"mse_{red}_{tag}", lambda a: F.mse_loss(a, t, reduction=red), x, {"op": "mse", "t": t, "reduction": red})
        run(f"l1_{red}_{tag}", lambda a: F.l1_loss(a, t, reduction=red), x, {"op": "l1", "t": t, "reduction": red})
        for beta in (1.0, 0.5, 0.0):
            run(f"smoothl1_{beta}_{red}_{tag}", lambda a: F.smooth_l1_loss(a, t, reduction=red, beta=beta), x, {"op": "smoothl1", "t": t, "reduction": red, "p": beta})
        run(f"huber_{red}_{tag}", lambda a: F.huber_loss(a, t, reduction=red, delta=0.7), x, {"op": "huber", "t": t, "reduction": red, "p": 0.7})
        p = torch.rand(4, 5, dtype=dt); p[0, 0] = 0; p[0, 1] = 1
        bt = torch.rand(4, 5, dtype=dt); w = torch.rand(5, dtype=dt)
        run(f"bce_{red}_{tag}", lambda a: F.binary_cross_entropy(a, bt, reduction=red), p, {"op": "bce", "t": bt, "reduction": red})
        run(f"bcew_{red}_{tag}", lambda a: F.binary_cross_entropy(a, bt, weight=w, reduction=red), p, {"op": "bce", "t": bt, "reduction": red, "w": w})
        pw = torch.rand(5, dtype=dt) * 3
        run(f"bcelogits_{red}_{tag}", lambda a: F.binary_cross_entropy_with_logits(a, bt, reduction=red), x * 10, {"op": "bcelogits", "t": bt, "reduction": red})
        run(f"bcelogitspw_{red}_{tag}", lambda a: F.binary_cross_entropy_with_logits(a, bt, weight=w, pos_weight=pw, reduction=red), x * 3, {"op": "bcelogits", "t": bt, "reduction": red, "w": w, "pw": pw})
        lp = torch.randn(4, 5, dtype=dt).log_softmax(1); kt = torch.rand(4, 5, dtype=dt); kt[1, 2] = 0
        run(f"kl_{red}_{tag}", lambda a: F.kl_div(a, kt, reduction=red), lp, {"op": "kl", "t": kt, "reduction": red, "log_target": False})
        run(f"kllog_{red}_{tag}", lambda a: F.kl_div(a, kt.log(), reduction=red, log_target=True), lp, {"op": "kl", "t": kt.log(), "reduction": red, "log_target": True})
        # classification
        logits = torch.randn(6, 4, dtype=dt) * 2
        tgt = torch.tensor([0, 3, 1, -100, 2, 3]); cw = torch.rand(4, dtype=dt) + 0.2
        logp = logits.log_softmax(1)
        run(f"nll_{red}_{tag}", lambda a: F.nll_loss(a, tgt, reduction=red), logp, {"op": "nll", "t": tgt, "reduction": red})
        run(f"nllw_{red}_{tag}", lambda a: F.nll_loss(a, tgt, weight=cw, reduction=red), logp, {"op": "nll", "t": tgt, "reduction": red, "w": cw})
        x4 = torch.randn(2, 3, 2, 3, dtype=dt).log_softmax(1); t4 = torch.randint(0, 3, (2, 2, 3)); t4[0, 0, 0] = 1
        run(f"nll2d_{red}_{tag}", lambda a: F.nll_loss(a, t4, weight=cw[:3], reduction=red, ignore_index=1), x4, {"op": "nll", "t": t4, "reduction": red, "w": cw[:3], "ignore": 1})
        run(f"nll1d_{red}_{tag}", lambda a: F.nll_loss(a, torch.tensor(2), reduction=red), logp[0], {"op": "nll", "t": torch.tensor(2), "reduction": red})
        for ls in (0.0, 0.15):
            run(f"ce_{ls}_{red}_{tag}", lambda a: F.cross_entropy(a, tgt, reduction=red, label_smoothing=ls), logits, {"op": "ce", "t": tgt, "reduction": red, "ls": ls})
            run(f"cew_{ls}_{red}_{tag}", lambda a: F.cross_entropy(a, tgt, weight=cw, reduction=red, label_smoothing=ls), logits, {"op": "ce", "t": tgt, "reduction": red, "w": cw, "ls": ls})
            probs = torch.rand(6, 4, dtype=dt).softmax(1)
            run(f"ceprob_{ls}_{red}_{tag}", lambda a: F.cross_entropy(a, probs, weight=cw, reduction=red, label_smoothing=ls), logits, {"op": "ce", "t": probs, "reduction": red, "w": cw, "ls": ls})
            l4 = torch.randn(2, 3, 2, 2, dtype=dt); t4b = torch.randint(0, 3, (2, 2, 2))
            run(f"ce2d_{ls}_{red}_{tag}", lambda a: F.cross_entropy(a, t4b, reduction=red, label_smoothing=ls), l4, {"op": "ce", "t": t4b, "reduction": red, "ls": ls})
    run(f"kl_batchmean_{tag}", lambda a: F.kl_div(a, kt, reduction="batchmean"), lp, {"op": "kl", "t": kt, "reduction": "batchmean", "log_target": False})
    # embedding
    W = torch.randn(7, 3, dtype=dt); idx = torch.tensor([[0, 2, 2], [6, 1, 2]])
    for pad in (None, 2):
        for freq in (False, True):
            run(f"emb_{pad}_{freq}_{tag}", lambda a: F.embedding(idx, a, padding_idx=pad, scale_grad_by_freq=freq), W,
                {"op": "emb", "idx": idx, "pad": pad, "freq": freq})
    Wr = torch.randn(6, 4, dtype=dt) * 2; Wr0 = Wr.clone()
    for nt in (2.0, 1.0):
        Wn = Wr0.clone(); torch.embedding_renorm_(Wn, torch.tensor([0, 3, 3, 5]), 1.5, nt)
        cases[f"renorm_{nt}_{tag}"] = {"op": "renorm", "w": Wr0, "idx": torch.tensor([0, 3, 3, 5]), "max_norm": 1.5, "norm_type": nt, "out": Wn}
    # attention
    q = torch.randn(2, 3, 4, 5, dtype=dt); k = torch.randn(2, 3, 6, 5, dtype=dt); v = torch.randn(2, 3, 6, 2, dtype=dt)
    bm = torch.rand(4, 6) > 0.3; bm[:, 0] = True
    fm = torch.randn(3, 4, 6, dtype=dt)
    for nm, kw in (("plain", {}), ("causal", {"is_causal": True}), ("bool", {"attn_mask": bm}), ("float", {"attn_mask": fm}), ("scale", {"scale": 0.3})):
        out = F.scaled_dot_product_attention(q, k, v, **kw)
        rec = {"op": "sdpa", "q": q, "k": k, "v": v, "out": out, "causal": kw.get("is_causal", False), "scale": kw.get("scale")}
        if "attn_mask" in kw: rec["mask"] = kw["attn_mask"]
        cases[f"sdpa_{nm}_{tag}"] = rec

cases["onehot"] = {"op": "onehot", "x": torch.tensor([[0, 3], [1, 2]]), "out": F.one_hot(torch.tensor([[0, 3], [1, 2]])),
                   "out6": F.one_hot(torch.tensor([[0, 3], [1, 2]]), 6)}
save("nn_loss", cases)
