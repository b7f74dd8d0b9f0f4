"""float16/bfloat16 rounding of the ops whose float32 formula has more than one reading: add with
alpha (alpha rounded to the dtype; one rounding in ATen's 32-element vectorized blocks, the product
rounded first in its scalar tail and strided loops), lerp with a scalar weight (one fma from the nearer
end) and addcmul (fma(value * t1, t2, self)). Inputs are chosen where the readings disagree after the
final rounding, and where the float32 result lies exactly halfway between two neighbours of the dtype
(round-to-nearest-even ties). Each case runs on 100 contiguous elements (96 in blocks, 4 in the tail)
and on a stride-2 view. Above GRAIN_SIZE (32768) ATen splits add into one chunk per thread, each with its
own tail: `chunks` holds torch's bfloat16 add(alpha=0.01) of 70,000 elements (inputs from integer hashes
that the test recomputes) with 1 and 2 threads, at windows around the chunk ends. Run: ~/torchenv/bin/python packages/TensorCore/Tests/Fixtures/generate/elementwise_reduced_rounding.py
"""
import numpy as np
import torch
from fixturelib import save

rng = np.random.default_rng(0)
N = 100
DTYPES = {"bfloat16": torch.bfloat16, "float16": torch.float16}


def low(x, dtype):
    """float32 values rounded to `dtype` (round to nearest even), as float32."""
    return torch.from_numpy(np.asarray(x, np.float32)).to(dtype).float().numpy()


def ulp_half(v, dtype):
    """Half the spacing of `dtype` at float32 values `v` (normal range)."""
    mant = {"bfloat16": 7, "float16": 10}[str(dtype).split(".")[1]]
    e = np.floor(np.log2(np.abs(v) + 1e-30))
    return np.float32(2.0) ** (e - mant - 1)


def fma32(a, b, c):
    """float32 fma through float64 (exact product of these short significands; one rounding)."""
    return (a.astype(np.float64) * b.astype(np.float64) + c.astype(np.float64)).astype(np.float32)


def formulas(op, a, b, c, s, dtype):
    """(torch's reading, the other reading) in float32 before the final rounding."""
    f = np.float32
    if op == "add":
        w = low(f(s), dtype)
        return a + w * b, a + low(w * b, dtype)
    if op == "lerp":
        w = f(s)
        fused = fma32(np.full_like(a, w), b - a, a) if abs(w) < 0.5 else fma32(np.full_like(a, w - f(1)), b - a, b)
        plain = a + w * (b - a) if abs(w) < 0.5 else b - (b - a) * (f(1) - w)
        return fused, plain
    return fma32(f(s) * b, c, a), a + f(s) * b * c


def pick(op, s, dtype, scale):
    """Inputs where the readings differ, then exact ties, then plain values, `N` in all."""
    m = 200000
    b = low(rng.standard_normal(m).astype(np.float32), dtype)
    c = low((rng.random(m) + 0.5).astype(np.float32), dtype)
    a = low((rng.standard_normal(m) * scale(b, c)).astype(np.float32), dtype)
    one, other = formulas(op, a, b, c, s, dtype)
    differ = np.nonzero(low(one, dtype) != low(other, dtype))[0]
    ties = np.nonzero((np.abs(one) > 1e-3) & (np.abs(one - low(one, dtype)) == ulp_half(low(one, dtype), dtype)))[0]
    idx = np.concatenate([differ[:40], ties[:40], np.arange(N)])[:N]
    rng.shuffle(idx)
    return a[idx], b[idx], c[idx], len(differ[:40]), len(ties[:40])


def run(op, x, y, z, s):
    if op == "add":
        return x.add(y, alpha=s)
    if op == "lerp":
        return x.lerp(y, s)
    return x.addcmul(y, z, value=s)


OPS = [
    ("add", 0.01, lambda b, c: np.float32(0.02)),
    ("add", -0.3, lambda b, c: np.float32(0.5)),
    ("lerp", 0.1, lambda b, c: np.float32(1)),
    ("lerp", 0.7, lambda b, c: np.float32(1)),
    ("addcmul", 0.001, lambda b, c: np.float32(0.003) * np.abs(b * c)),
]

cases = []
for key, dtype in DTYPES.items():
    for op, s, scale in OPS:
        a, b, c, differing, ties = pick(op, s, dtype, scale)
        x, y, z = (torch.from_numpy(v).to(dtype) for v in (a, b, c))
        # The stride-2 view interleaves the values with zeros.
        wide = [torch.stack([v, torch.zeros_like(v)], 1).reshape(-1) for v in (x, y, z)]
        cases.append({
            "op": op, "dtype": key, "scalar": s, "differing": differing, "ties": ties,
            "inputs": [x, y, z], "wide_inputs": wide,
            "expected": run(op, x, y, z, s), "expected_strided": run(op, *(w[::2] for w in wide), s),
        })


def hashed(n):
    """bfloat16 inputs from integer hashes (a around 0.005, b around 1.5, random signs)."""
    i = np.arange(n, dtype=np.uint64)
    ha = (i * np.uint64(2654435761)) & np.uint64(0xFFFFFFFF)
    hb = (i * np.uint64(40503) + np.uint64(12345)) & np.uint64(0xFFFFFFFF)
    one = np.uint64(1)
    abits = np.uint64(0x3B80) | ((ha >> np.uint64(13)) & np.uint64(0x7F)) | ((ha & one) << np.uint64(15))
    bbits = np.uint64(0x3F80) | ((hb >> np.uint64(7)) & np.uint64(0x7F)) | (((hb >> np.uint64(3)) & one) << np.uint64(15))
    return (torch.from_numpy(bits.astype(np.uint16).view(np.int16)).view(torch.bfloat16) for bits in (abits, bbits))


WINDOWS = [(34900, 35100), (69900, 70000)]
x, y = hashed(70000)
chunks = {"n": 70000, "alpha": 0.01, "windows": WINDOWS}
for threads in (1, 2):
    torch.set_num_threads(threads)
    out = x.add(y, alpha=0.01)
    chunks[f"threads_{threads}"] = [out[lo:hi].clone() for lo, hi in WINDOWS]
save("elementwise_reduced_rounding", {"cases": cases, "chunks": chunks})
