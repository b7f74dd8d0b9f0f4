#!/usr/bin/env python3
"""Where a training run's CPU time goes: runs a program under `perf record`, then sums the samples by
kernel family (GEMM, Adam, BatchNorm, dropout's generator, ...) and prints a Markdown table.

    python3 tools/profile/step_profile.py -- Examples/.build/release/train-mnist --epochs 2 --threads 1

Needs Linux `perf` (Debian: linux-perf). Percentages are of all samples in all threads: with more than one
thread the workers' idle spinning shows as its own row. Families are matched on (demangled-enough) symbol
names, first match wins; unmatched symbols land in "other" with the largest ones listed below the table.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tempfile

# (family, regex on the symbol). Order matters: the first match wins.
FAMILIES = [
    ("GEMM: micro-kernel", r"^micro_kernel$|macro_kernel|sgemm_small_kernel|sgemm_kernel|_COOPERLAKE|_HASWELL|_SKYLAKEX"),
    ("GEMM: packing and driver", r"transpose_columns|transpose_rows12|pack_a_block|pack_b_block|gemm_driver|gemmSplit"),
    ("Adam", r"adam_"),
    ("BatchNorm", r"BatchNorm|scale_shift|cvk_sum_squared_deviation|cvk_sum_f32"),
    ("dropout (mask generator)", r"bernoulli|MT19937|mt19937"),
    ("dropout (multiply)", r"DropoutKernel"),
    ("ReLU and its backward", r"ReluOp|threshold_backward"),
    ("loss (cross-entropy)", r"CrossEntropy|LogSoftmax|NllLoss"),
    ("reductions (bias gradients, sums)", r"cascadeRowSum|cascadeSum|Reducer|runReduction"),
    ("data (MNIST decode, ToTensor, Normalize, batching)", r"DataPipeline"),
    ("checkpoint (HDF5, CRC)", r"HDF5|crc32|Checkpoint|deflate"),
    ("thread pool: idle spin and hand-off", r"ParallelRegion|sched_yield|cvk_spin_pause|futex"),
    ("memory: malloc, page faults, copies", r"malloc|_int_free|cfree|memalign|unlink_chunk|memmove|memcpy|memset|"
     r"clear_page|page_fault|do_anonymous_page|LargeBufferCache|CopyKernel"),
    ("Swift runtime: reference counting, metadata", r"^swift_|swift::|_swift_|ContiguousArrayStorage|arrayDestroy"),
    ("kernel: scheduling", r"^\[k\]|schedule|finish_task_switch|spin_unlock|syscall|softirq|irqentry"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--top-other", type=int, default=8, help="unmatched symbols to list")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- program and its arguments")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the program to profile after --")
    with tempfile.TemporaryDirectory() as work:
        data = os.path.join(work, "perf.data")
        subprocess.run(["perf", "record", "-q", "-o", data, "--"] + command, check=True,
                       stdout=subprocess.DEVNULL)
        report = subprocess.run(
            ["perf", "report", "-i", data, "--no-children", "--fields", "overhead,sym", "--stdio", "-q"],
            check=True, capture_output=True, text=True).stdout
    totals = collections.Counter()
    other = collections.Counter()
    for line in report.splitlines():
        m = re.match(r"\s*([\d.]+)%\s+\[(.)\]\s+(.*?)\s*$", line)
        if not m:
            continue
        share, kind, symbol = float(m.group(1)), m.group(2), m.group(3)
        name = ("[k] " if kind == "k" else "") + symbol
        for family, pattern in FAMILIES:
            if re.search(pattern, name):
                totals[family] += share
                break
        else:
            totals["other"] += share
            other[symbol[:90]] += share
    print("| where | share of CPU samples |")
    print("|---|---:|")
    for family, share in totals.most_common():
        print(f"| {family} | {share:.1f}% |")
    print()
    print("Largest in \"other\": " + "; ".join(f"{s} {v:.1f}%" for s, v in other.most_common(args.top_other)))


if __name__ == "__main__":
    sys.exit(main())
