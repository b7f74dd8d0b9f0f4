# PyTorch twin of Benchmarks/TensorCoreBench: same workloads, same keys. Usage: python3 tensorcore_bench.py [threads]
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
for n in (256, 1024, 2048):
    a = torch.randn(n, n); b = torch.randn(n, n)
    res[f"sgemm_{n}_gflops"] = 2 * n**3 / median(lambda: torch.mm(a, b), iters=10) / 1e9
for n in (1024, 2048):  # oneDNN's AVX512_BF16 kernels on a CPU that has them
    a = torch.randn(n, n).bfloat16(); b = torch.randn(n, n).bfloat16()
    res[f"bf16gemm_{n}_gflops"] = 2 * n**3 / median(lambda: torch.mm(a, b), iters=10) / 1e9
count = 1 << 24
x = torch.randn(count); y = torch.randn(count)
res["add_16M_GBps"] = 3 * 4 * count / median(lambda: x + y) / 1e9
res["mul_16M_GBps"] = 3 * 4 * count / median(lambda: x * y) / 1e9
res["exp_16M_GBps"] = 2 * 4 * count / median(lambda: x.exp()) / 1e9
res["sum_16M_GBps"] = 4 * count / median(lambda: x.sum()) / 1e9
res["softmax_16M_GBps"] = 2 * 4 * count / median(lambda: x.softmax(dim=0)) / 1e9
small = torch.randn(64, 1000)
res["sum_64x1000_dim1_us"] = median(lambda: small.sum(dim=1), iters=200) * 1e6
res["softmax_64x1000_dim1_us"] = median(lambda: small.softmax(dim=1), iters=200) * 1e6
square = torch.randn(4096, 4096)
res["transpose_copy_4096_GBps"] = 2 * 4 * 4096 * 4096 / median(lambda: square.t().contiguous(), iters=10) / 1e9
s1 = torch.randn(4); s2 = torch.randn(4)
res["tiny_add_us"] = median(lambda: [s1 + s2 for _ in range(10000)], 1, 5) / 10000 * 1e6
print(json.dumps(res, indent=1))
