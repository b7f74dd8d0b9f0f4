"""torch.isclose / allclose / equal on edge cases: infinities, NaN, -0, integers (no unsigned wrap),
broadcasting, zero tolerances."""
import torch
from fixturelib import enc, save

inf, nan = float("inf"), float("nan")
a = torch.tensor([inf, nan, 1.0, 1e10, -0.0, -inf, 2.0, 1e-9])
b = torch.tensor([inf, nan, 1 + 1e-6, 1.0001e10, 0.0, inf, 2.1, 0.0])
cases = {}
for name, kw in {"default": {}, "equal_nan": {"equal_nan": True}, "loose": {"rtol": 0.1, "atol": 0.01},
                 "zero_tol": {"rtol": 0.0, "atol": 0.0}}.items():
    cases["float32_" + name] = {"a": enc(a), "b": enc(b), "kw": kw, "out": enc(torch.isclose(a, b, **kw)),
                                "all": bool(torch.allclose(a, b, **kw))}
cases["float64_default"] = {"a": enc(a.double()), "b": enc(b.double()), "kw": {},
                            "out": enc(torch.isclose(a.double(), b.double()))}
u1, u2 = torch.tensor([1, 2, 200], dtype=torch.uint8), torch.tensor([3, 2, 198], dtype=torch.uint8)
cases["uint8_atol2"] = {"a": enc(u1), "b": enc(u2), "kw": {"atol": 2}, "out": enc(torch.isclose(u1, u2, atol=2))}
i1, i2 = torch.tensor([1, 2, 100]), torch.tensor([3, 2, 101])
cases["int64_atol1.5"] = {"a": enc(i1), "b": enc(i2), "kw": {"atol": 1.5}, "out": enc(torch.isclose(i1, i2, atol=1.5))}
c1, c2 = torch.tensor([[1.0], [2.0]]), torch.tensor([1.0, 2.0])
cases["broadcast"] = {"a": enc(c1), "b": enc(c2), "kw": {}, "out": enc(torch.isclose(c1, c2))}
equal = [(torch.tensor([1.0]), torch.tensor([1.0], dtype=torch.float64)),
         (torch.tensor([1.0, 2.0]), torch.tensor([[1.0, 2.0]])),
         (torch.tensor([nan]), torch.tensor([nan])),
         (torch.tensor([1, 2]), torch.tensor([1.0, 2.0])),
         (torch.tensor([1, 2]), torch.tensor([1, 3])),
         (torch.zeros(0, 3), torch.zeros(0, 3))]
cases["equal"] = [{"a": enc(x), "b": enc(y), "out": bool(torch.equal(x, y))} for x, y in equal]
save("closeness", cases)
