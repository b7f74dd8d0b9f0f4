# Twin of Benchmarks/CheckpointHDF5Bench: save/load 200 MB of float32 in 100 tensors with torch.save /
# torch.load (and safetensors / h5py when installed). Prints one JSON object of MB/s (median of 5).
# Run: python3 checkpoint_bench.py [folder]
import json, os, sys, tempfile, time
import torch

folder = sys.argv[1] if len(sys.argv) > 1 else tempfile.gettempdir()
count, elements = 100, 200 * 1_000_000 // 4 // 100
sd = {f"layer{i}.weight": (torch.arange(elements) * 0 + (i * 31 + torch.arange(elements)) % 1000).float() * 0.001 for i in range(count)}
mb = count * elements * 4 / 1e6


def median(fn, runs=5):
    ts = []
    for _ in range(runs):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    return sorted(ts)[runs // 2]


res = {}
p = os.path.join(folder, "checkpoint_bench_torch.pt")
res["pt_save_MBps"] = mb / median(lambda: torch.save(sd, p))
res["pt_load_MBps"] = mb / median(lambda: torch.load(p, weights_only=True))
os.remove(p)
try:
    from safetensors.torch import save_file, load_file
    p = os.path.join(folder, "checkpoint_bench_torch.safetensors")
    res["safetensors_save_MBps"] = mb / median(lambda: save_file(sd, p))
    res["safetensors_load_MBps"] = mb / median(lambda: load_file(p))
    os.remove(p)
except ImportError:
    pass
try:
    import h5py
    p = os.path.join(folder, "checkpoint_bench_torch.h5")
    def h5save():
        with h5py.File(p, "w") as f:
            for k, v in sd.items(): f[k] = v.numpy()
    def h5load():
        with h5py.File(p, "r") as f:
            return {k: torch.from_numpy(f[k][()]) for k in f}
    res["h5py_save_MBps"] = mb / median(h5save)
    res["h5py_load_MBps"] = mb / median(h5load)
    os.remove(p)
except ImportError:
    pass
print(json.dumps({k: round(v, 1) for k, v in res.items()}, indent=1))
