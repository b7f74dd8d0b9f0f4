# PyTorch twin of Benchmarks/DistributedBench: the same workloads and keys, on torch.distributed's gloo
# backend (torch's CPU backend; the guide's nccl needs GPUs). Usage: python3 distributed_bench.py
# Measures the one-rank steps in this process, then spawns 2 processes (1 thread each) for the rest.
import json
import sys
import tempfile
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn

SIZES = [("1KB", 1 << 10), ("16KB", 16 << 10), ("256KB", 256 << 10), ("1MB", 1 << 20), ("4MB", 4 << 20),
         ("16MB", 16 << 20), ("64MB", 64 << 20)]


def median(fn, warm=5, iters=30):
    for _ in range(warm):
        fn()
    ts = []
    for _ in range(iters):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2]


def simple_model():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


def wide_model():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(),
                         nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 1024), nn.ReLU(), nn.Linear(1024, 10))


def step_ms(make, batch, ddp):
    torch.manual_seed(0)
    model = make()
    wrapped = nn.parallel.DistributedDataParallel(model) if ddp else model
    optimizer = torch.optim.Adam(wrapped.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    x, y = torch.randn(batch, 1, 28, 28), torch.randint(0, 10, (batch,))

    def step():
        optimizer.zero_grad()
        criterion(wrapped(x), y).backward()
        optimizer.step()
    if ddp:
        dist.barrier()
    return median(step) * 1000


def two_ranks(rank, store, queue):
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=2)
    res = {}
    for label, size in SIZES:
        t = torch.ones(size // 4)
        dist.barrier()
        res[f"allreduce_{label}_us"] = median(lambda: dist.all_reduce(t), iters=10 if size >= 16 << 20 else 50) * 1e6
    res["ddp_simple_step_2rank_ms"] = step_ms(simple_model, 128, True)
    res["ddp_wide_step_2rank_ms"] = step_ms(wide_model, 64, True)
    if rank == 0:
        queue.put(res)
    dist.destroy_process_group()


if __name__ == "__main__":
    torch.set_num_threads(1)
    res = {"ddp_simple_step_1rank_ms": step_ms(simple_model, 128, False),
           "ddp_wide_step_1rank_ms": step_ms(wide_model, 64, False)}
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    mp.spawn(two_ranks, args=(tempfile.mktemp(), queue), nprocs=2, join=True)
    two = queue.get()
    res.update({k: two[k] for k in ["ddp_simple_step_2rank_ms", "ddp_wide_step_2rank_ms"]})
    res["ddp_simple_scaling_efficiency"] = res["ddp_simple_step_1rank_ms"] / two["ddp_simple_step_2rank_ms"]
    res["ddp_wide_scaling_efficiency"] = res["ddp_wide_step_1rank_ms"] / two["ddp_wide_step_2rank_ms"]
    res.update({k: v for k, v in two.items() if k.startswith("allreduce_")})
    print(json.dumps(res, indent=2))
