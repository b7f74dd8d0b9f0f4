#!/usr/bin/env python3
"""Runs one module's Swift benchmark and its PyTorch twin back to back and prints a Markdown table.

Usage: python3 Benchmarks/compare.py TensorCore [threads] [--python PATH] [--skip-build]
The PyTorch side needs a Python with torch (default: ~/torchenv/bin/python). Ratios are oriented so
that > 1 means swift-torch is better (higher throughput, or lower time). `--skip-build` runs the release
binary already in Benchmarks/.build (a source edit would otherwise rebuild before measuring). The
environment reaches both programs: `ATEN_CPU_CAPABILITY=avx2` limits both to AVX2.
"""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
args = [a for a in sys.argv[1:] if not a.startswith("--")]
module = args[0] if args else "TensorCore"
threads = args[1] if len(args) > 1 else "2"
python = os.path.expanduser("~/torchenv/bin/python")
if "--python" in sys.argv:
    python = sys.argv[sys.argv.index("--python") + 1]
twin = {"TensorCore": "tensorcore_bench.py", "CheckpointHDF5": "checkpoint_bench.py"}.get(module, module.lower() + "_bench.py")

command = ([os.path.join(here, ".build", "release", f"{module}Bench")] if "--skip-build" in sys.argv
           else ["swift", "run", "-c", "release", f"{module}Bench"])
swift = subprocess.run(command + [threads], cwd=here, capture_output=True, text=True, check=True)
ours = json.loads(swift.stdout[swift.stdout.index("{"):])
torch = json.loads(subprocess.run([python, os.path.join(here, "pytorch", twin), threads],
                                  capture_output=True, text=True, check=True).stdout)

def cpu():
    """lscpu's model name, family/model and the AVX-512 flags that pick kernels, for the table's heading."""
    info = dict(line.split(":", 1) for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines() if ":" in line)
    flags = info.get("Flags", "").split()
    get = lambda key: info.get(key, "?").strip()
    return (f"{get('Model name')}, family {get('CPU family')} model {get('Model')}, "
            f"AVX-512: {'yes' if 'avx512f' in flags else 'no'}, AVX512_BF16: {'yes' if 'avx512_bf16' in flags else 'no'}")


higher_is_better = ("_gflops", "_GBps", "_per_s", "_samples_s", "_efficiency")
capability = os.environ.get("ATEN_CPU_CAPABILITY")
print(f"CPU: {cpu()}" + (f"; ATEN_CPU_CAPABILITY={capability}" if capability else "") + "\n")
print(f"| {module} workload ({threads} threads) | swift-torch | PyTorch | ratio |")
print("|---|---:|---:|---:|")
for key, value in ours.items():
    if key not in torch:  # ours alone: the peak loops, DistributedBench's bare MPI_Allreduce
        print(f"| {key} | {value:.3f} | — | — |")
        continue
    better_high = key.endswith(higher_is_better)
    ratio = value / torch[key] if better_high else torch[key] / value
    print(f"| {key} | {value:.3f} | {torch[key]:.3f} | {ratio:.2f}x |")
