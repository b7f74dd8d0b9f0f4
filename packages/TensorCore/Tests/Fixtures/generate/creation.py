"""Creation parity fixtures: arange/linspace/logspace/eye/scalar_tensor/tril_indices values and dtypes
exactly as torch computes them (float element formulas included)."""
import torch
from fixturelib import save

c = {}
ar = [("0_10", (10,), {}), ("5_f", (5.0,), {}), ("1_2p5_0p5", (1, 2.5, 0.5), {}), ("0_1_0p1", (0, 1, 0.1), {}),
      ("m3p7_100p3_0p37", (-3.7, 100.3, 0.37), {}), ("1p1_50p3_0p013", (1.1, 50.3, 0.013), {}),
      ("10_0_m1", (10, 0, -1), {}), ("1_0_m0p3", (1.0, 0.0, -0.3), {}), ("0_20_3", (0, 20, 3), {}),
      ("m5_5_2_i32", (-5, 5, 2), {"dtype": torch.int32}), ("0p5_3_1_i64", (0.5, 3, 1), {"dtype": torch.int64}),
      ("0_10_f64", (0, 10), {"dtype": torch.float64}), ("m3p7_100p3_0p37_f64", (-3.7, 100.3, 0.37), {"dtype": torch.float64}),
      ("1p1_50p3_0p013_f64", (1.1, 50.3, 0.013), {"dtype": torch.float64}),
      ("0_5_0p1_f16", (0, 5, 0.1), {"dtype": torch.float16}), ("0_5_0p1_bf16", (0, 5, 0.1), {"dtype": torch.bfloat16}),
      ("0_3_u8", (0, 3), {"dtype": torch.uint8}), ("empty", (3, 3), {}), ("0_1_0p3", (0, 1, 0.3), {}),
      ("big_f32", (0.3, 10000.3, 0.1003), {}), ("big_f64", (0.3, 10000.3, 0.1003), {"dtype": torch.float64})]


def checksum(t):
    """Large results (they exercise torch's per-thread chunking) are stored as a few sums of their
    bit patterns plus every 97th element, to keep the JSON small."""
    bits = t.view(torch.int32 if t.element_size() == 4 else torch.int64).tolist()
    low = sum(b & 0xFFFFFFFF for b in bits)
    high = sum((b >> 32) & 0xFFFFFFFF for b in bits)
    weighted = sum((b & 0xFFFF) * (i % 1000) for i, b in enumerate(bits))
    return {"count": len(bits), "low": low, "high": high, "weighted": weighted, "sample": t[::97]}


for name, args, kw in ar:
    t = torch.arange(*args, **kw)
    c["arange_" + name] = checksum(t) if name.startswith("big") else t
lin = [("0_1_5", (0, 1, 5), {}), ("m1_1_40", (-1, 1, 40), {}), ("0p1_0p9_1000", (0.1, 0.9, 1000), {}),
       ("m3p7_100p3_281", (-3.7, 100.3, 281), {}), ("2_3_7", (2, 3, 7), {}), ("5_5_1", (5, 5, 1), {}),
       ("0_1_0", (0, 1, 0), {}), ("3_m2_11", (3, -2, 11), {}),
       ("m1_1_40_f64", (-1, 1, 40), {"dtype": torch.float64}), ("0p1_0p9_1000_f64", (0.1, 0.9, 1000), {"dtype": torch.float64}),
       ("0_10_5_i64", (0, 10, 5), {"dtype": torch.int64}), ("m7_9_6_i32", (-7, 9, 6), {"dtype": torch.int32}),
       ("0_1_11_f16", (0, 1, 11), {"dtype": torch.float16}), ("m2_3_37_bf16", (-2, 3, 37), {"dtype": torch.bfloat16}),
       ("big", (0, 1, 100001), {}), ("big_f64", (-5, 3, 70001), {"dtype": torch.float64})]
for name, args, kw in lin:
    t = torch.linspace(*args, **kw)
    c["linspace_" + name] = checksum(t) if name.startswith("big") else t
logs = [("0_2_3", (0, 2, 3), {}), ("m1_1_40", (-1, 1, 40), {}), ("0_3_4_b2", (0, 3, 4), {"base": 2}),
        ("m3p7_10p3_281", (-3.7, 10.3, 281), {}), ("0_2_3_i64_b2", (0, 2, 3), {"base": 2, "dtype": torch.int64}),
        ("0_1_11_f64", (0, 1, 11), {"dtype": torch.float64}), ("2_2_1", (2, 2, 1), {}), ("0_1_9_f16", (0, 1, 9), {"dtype": torch.float16})]
for name, args, kw in logs:
    c["logspace_" + name] = torch.logspace(*args, **kw)
c["eye_3"] = torch.eye(3)
c["eye_2_4"] = torch.eye(2, 4)
c["eye_4_2_i64"] = torch.eye(4, 2, dtype=torch.int64)
c["eye_0"] = torch.eye(0)
c["scalar_tensor_3"] = torch.scalar_tensor(3)
c["scalar_tensor_2p5_f64"] = torch.scalar_tensor(2.5, dtype=torch.float64)
c["tril_3_3"] = torch.tril_indices(3, 3)
c["tril_4_3_m1"] = torch.tril_indices(4, 3, -1)
c["triu_3_4_1"] = torch.triu_indices(3, 4, 1)
c["triu_3_3_m1"] = torch.triu_indices(3, 3, -1)
save("creation", c)
