#!/usr/bin/env python3
"""The cost model of DDP's bucketed all-reduce in packages/Distributed/README.md, from DistributedBench's JSON.

Usage: python3 Benchmarks/distributed_cost_model.py bench.json
Fits the ring's cost T = 2(p-1) alpha + 2(p-1)/p n beta to this machine's bare MPI_Allreduce times on 2 ranks
(alpha from 1 KB, beta by least squares from 1 MB up), prints how well it predicts every size, then the
per-step all-reduce cost of the benchmark models' buckets on 8, 64 and 512 nodes for two networks.
"""
import json
import sys

bench = json.load(open(sys.argv[1]))
sizes = {"1KB": 1 << 10, "16KB": 16 << 10, "256KB": 256 << 10, "1MB": 1 << 20, "4MB": 4 << 20,
         "16MB": 16 << 20, "64MB": 64 << 20}


def ring(n, p, alpha, beta):
    return 2 * (p - 1) * alpha + 2 * (p - 1) / p * n * beta


def halving_doubling(n, p, alpha, beta):
    """Rabenseifner: reduce-scatter by recursive halving, all-gather by doubling (MPI's large-p choice)."""
    steps = (p - 1).bit_length()
    return 2 * steps * alpha + 2 * (p - 1) / p * n * beta


# beta: least squares of T = 2 alpha + n beta (the ring's cost for p = 2) over the sizes of 1 MB and more,
# where bandwidth dominates; alpha: half the 1 KB time, where latency does.
points = [(n, bench[f"bare_mpi_allreduce_{label}_us"] * 1e-6) for label, n in sizes.items() if n >= 1 << 20]
mean_n = sum(n for n, _ in points) / len(points)
mean_t = sum(t for _, t in points) / len(points)
beta = sum((n - mean_n) * (t - mean_t) for n, t in points) / sum((n - mean_n) ** 2 for n, _ in points)
alpha = bench["bare_mpi_allreduce_1KB_us"] * 1e-6 / 2
print(f"fit (2 ranks, shared memory): alpha = {alpha * 1e6:.2f} us, beta = {beta * 1e9:.4f} ns/B "
      f"({1 / beta / 1e9:.2f} GB/s)")
print("| size | bare MPI (us) | ours (us) | overhead | model (us) | model error |")
print("|---|---:|---:|---:|---:|---:|")
for label, n in sizes.items():
    bare, ours = bench[f"bare_mpi_allreduce_{label}_us"], bench[f"allreduce_{label}_us"]
    model = ring(n, 2, alpha, beta) * 1e6
    print(f"| {label} | {bare:.1f} | {ours:.1f} | {100 * (ours / bare - 1):+.1f}% | {model:.1f} | {100 * (model / bare - 1):+.0f}% |")

# Gradient buckets of the benchmark models (float32, DDP's 1 MB first bucket then 25 MB, reverse order).
models = {"SimpleModel (784-256-10)": [(256 * 784 + 256 + 10 * 256 + 10) * 4],
          "wide MLP (784-1024x4-10)": [(1024 * 10 + 10 + 1024 * 1024 + 1024) * 4, (1024 * 1024 + 1024) * 4 * 2 + (784 * 1024 + 1024) * 4]}
networks = {"100 Gb/s InfiniBand (alpha 2 us, 12.5 GB/s)": (2e-6, 0.08e-9),
            "25 Gb/s Ethernet, TCP (alpha 25 us, 3.1 GB/s)": (25e-6, 0.32e-9)}
print()
print("| model | network | nodes | ring (ms) | halving-doubling (ms) | bandwidth share of ring |")
print("|---|---|---:|---:|---:|---:|")
for model, buckets in models.items():
    for network, (a, b) in networks.items():
        for p in (8, 64, 512):
            r = sum(ring(n, p, a, b) for n in buckets)
            h = sum(halving_doubling(n, p, a, b) for n in buckets)
            bw = sum(2 * (p - 1) / p * n * b for n in buckets)
            print(f"| {model} | {network} | {p} | {r * 1e3:.3f} | {h * 1e3:.3f} | {100 * bw / r:.0f}% |")
