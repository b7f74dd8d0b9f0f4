"""bfloat16 and float16 GEMMs and conversions (reduced_gemm.json).

gemm_<dtype>_<case>: the shapes of inputs a, b (and c for addmm) in the reduced dtype, made by a formula
(values() below) the Swift test repeats, and torch's output `out` (on this CPU
bf16 products run in oneDNN's AVX512_BF16 kernels, float16 ones in float32). The Swift test computes the
exact product in float64 from the same values and measures both torch's error and ours against it.
Shapes off every tile multiple (MR 12, NR 32, K blocks of 512), odd k, transposed operands, batches,
broadcast batches and addmm's alpha/beta.

convert_<dtype>: float32 values at the rounding ties (exactly halfway between two neighbours, both parities),
overflow to inf, NaN, inf, denormals, then random values (so vector loops and their tails both see them),
with torch's .to(dtype) bits for the contiguous tensor (its vectorized copy) and a strided view (c10's scalar
conversion: the two differ only in bfloat16's NaN, 0xFFFF vs 0x7FC0), and the reduced values' .to(float32)."""
import torch
from fixturelib import save

torch.manual_seed(0)
cases = {}


SEEDS = {"a": 1, "b": 2, "c": 3}


def values(shape, seed, dt):
    """Inputs the Swift test makes the same way (ReducedGemmTests.values), so only shapes are stored:
    ((i·7919 + seed·104729) mod 2003) / 1001 − 1 in float32, rounded to dt."""
    n = 1
    for s in shape:
        n *= s
    i = torch.arange(n, dtype=torch.int64)
    return (((i * 7919 + seed * 104729) % 2003).to(torch.float32) / 1001 - 1).reshape(shape).to(dt)


def record(name, dt, fn, **shapes):
    inputs = {k: values(s, SEEDS[k], dt) for k, s in shapes.items()}
    cases[f"gemm_{str(dt).split('.')[1]}_{name}"] = {"shapes": shapes, "out": fn(**inputs)}



for dt in (torch.bfloat16, torch.float16):
    for m, n, k in [(2, 24, 1), (13, 33, 7), (12, 32, 512), (37, 70, 1025), (100, 65, 513), (64, 256, 300), (250, 40, 9)]:
        record(f"mm_{m}x{n}x{k}", dt, lambda a, b: torch.mm(a, b), a=[m, k], b=[k, n])
    # Transposed operands (read in place by the kernels: stored [k][m] and [n][k]).
    record("mm_at", dt, lambda a, b: torch.mm(a.t(), b), a=[45, 30], b=[45, 50])
    record("mm_bt", dt, lambda a, b: torch.mm(a, b.t()), a=[30, 77], b=[50, 77])
    record("mm_atbt", dt, lambda a, b: torch.mm(a.t(), b.t()), a=[77, 30], b=[50, 77])
    # A Linear layer's x·Wᵀ with a batch: matmul folds the batch into rows.
    record("linear", dt, lambda a, b: torch.nn.functional.linear(a, b), a=[4, 9, 65], b=[48, 65])
    record("bmm", dt, lambda a, b: torch.bmm(a, b), a=[3, 17, 40], b=[3, 40, 50])
    record("matmul_broadcast", dt, lambda a, b: torch.matmul(a, b), a=[2, 1, 20, 31], b=[3, 31, 40])
    record("addmm", dt, lambda c, a, b: torch.addmm(c, a, b, beta=2.0, alpha=0.5),
           c=[26, 40], a=[26, 33], b=[33, 40])
    record("baddbmm", dt, lambda c, a, b: torch.baddbmm(c, a, b, beta=-1.5, alpha=0.25),
           c=[2, 14, 35], a=[2, 14, 21], b=[2, 21, 35])


def f32(bits):
    return torch.tensor(bits, dtype=torch.int64).to(torch.int32).view(torch.float32)


ties = {
    # Exactly halfway between neighbours: ties go to the even one (both parities, both signs), overflow,
    # NaN (both signs), inf, float32 denormals (ties among them too), values just off the tie.
    torch.bfloat16: [0x3F808000, 0x3F818000, 0xBF808000, 0xBF818000, 0x3F808001, 0x3F807FFF, 0x7F7F8000,
                     0x7F7FFFFF, 0x7F7F7FFF, 0x00008000, 0x00018000, 0x00000001, 0x807FFFFF, 0x00400000,
                     0x7FC00000, 0xFFC00000, 0x7F800001, 0x7F800000, 0xFF800000, 0x00000000, 0x80000000],
    # float16: 1 + 2^-11 and 1 + 3·2^-11, 65520 (to inf), 65519, half of the smallest denormal 2^-25 and
    # 3·2^-25, below half of it, the largest float16 denormal's neighbours, NaN, inf.
    torch.float16: [0x3F801000, 0x3F803000, 0xBF801000, 0x477FF000, 0x477FEFFF, 0x33000000, 0x33400000,
                    0x32FFFFFF, 0x387FC000, 0x387FE000, 0x00000001, 0x7FC00000, 0xFFC00000, 0x7F800000,
                    0xFF800000, 0x80000000, 0x7F7FFFFF],
}
for dt, bits in ties.items():
    name = str(dt).split(".")[1]
    x = torch.cat([f32(bits), torch.randn(1000) * 100, f32(bits)])  # the ties in a vector body and a tail
    y = x.to(dt)
    strided = torch.stack([x, x], 1)[:, 0]  # torch converts strided copies element by element (c10)
    cases[f"convert_{name}"] = {"x": x, "y": y, "y_strided": strided.to(dt), "back": y.to(torch.float32)}

save("reduced_gemm", cases)
