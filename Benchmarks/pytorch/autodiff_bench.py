# PyTorch twin of Benchmarks/AutodiffBench: same workloads, same keys. Usage: python3 autodiff_bench.py [threads]
import json, sys, time
import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
torch.manual_seed(0)


def median(fn, warm=3, iters=20):
    for _ in range(warm):
        fn()
    ts = []
    for _ in range(iters):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2]


res = {}
X = torch.linspace(-5, 5, 200).unsqueeze(1)
Y = X * 3 + 2 + torch.randn(200, 1) * 0.5


def linear_regression():
    w = torch.zeros(1, 1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    for _ in range(1000):
        loss = (X @ w + b - Y).pow(2).mean()
        loss.backward()
        with torch.no_grad():
            w.sub_(w.grad * 0.01)
            b.sub_(b.grad * 0.01)
        w.grad = None
        b.grad = None
        last = loss.item()
    return last


res["linreg_1000_steps_s"] = median(linear_regression, 1, 5)

width, layers, batch = 512, 10, 64
weights = [(torch.randn(width, width) / width ** 0.5).requires_grad_() for _ in range(layers)]
biases = [torch.zeros(width, requires_grad=True) for _ in range(layers)]
inp = torch.randn(batch, width)


def mlp_step():
    h = inp
    for i in range(layers):
        h = (h @ weights[i] + biases[i]).relu()
    h.mean().backward()
    for p in weights + biases:
        p.grad = None


res["mlp_10x512_b64_fwd_bwd_ms"] = median(mlp_step, 3, 30) * 1e3
s1 = torch.randn(4); s2 = torch.randn(4)
res["tiny_add_untracked_us"] = median(lambda: [s1 + s2 for _ in range(10000)], 1, 5) / 10000 * 1e6
t1 = torch.randn(4, requires_grad=True)
res["tiny_add_tracked_us"] = median(lambda: [t1 + s2 for _ in range(10000)], 1, 5) / 10000 * 1e6
print(json.dumps(res, indent=1))
