# PyTorch twin of Benchmarks/OptimizersBench: one step over 10 M float32 parameters in 100 tensors,
# torch's foreach (multi-tensor) implementation. Usage: python3 optimizers_bench.py [threads]
import json, sys, time
import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
torch.manual_seed(0)
TENSORS, PER = 100, 100_000
ELEMS = TENSORS * PER


def median(fn, warm=3, iters=20):
    for _ in range(warm):
        fn()
    ts = []
    for _ in range(iters):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2]


def params():
    ps = [torch.randn(PER, requires_grad=True) for _ in range(TENSORS)]
    for p in ps:
        p.grad = torch.randn(PER) * 1e-3
    return ps


res = {}
for key, bpe, make in [
    ("sgd_momentum", 20, lambda ps: torch.optim.SGD(ps, lr=0.01, momentum=0.9, foreach=True)),
    ("adam", 28, lambda ps: torch.optim.Adam(ps, lr=1e-3, foreach=True)),
    ("adamw", 28, lambda ps: torch.optim.AdamW(ps, lr=1e-3, foreach=True)),
]:
    opt = make(params())
    opt.step()
    s = median(opt.step)
    res[f"{key}_step_ms"] = s * 1e3
    res[f"{key}_GBps"] = ELEMS * bpe / s / 1e9
    print(f"{key}_step_ms: {s * 1e3:.3f}", file=sys.stderr)
print(json.dumps(res, indent=2))
