"""Fixtures for the matmul family (matmul, mm, bmm, mv, dot, vdot, outer, addmm, addmv, baddbmm) and einsum.

An operand is {"base": contiguous tensor, "size", "stride", "offset"}: the Swift test rebuilds the exact
(possibly transposed or sliced) view with asStrided, so non-contiguous layouts are exercised as in torch.
"""
import torch
from fixturelib import save

torch.manual_seed(0)


def operand(t):
    """Records a view of a fresh contiguous base (keeps transposes/slices)."""
    base = t.as_strided((t.untyped_storage().nbytes() // t.element_size(),), (1,), 0).clone()
    return {"base": base, "size": list(t.shape), "stride": list(t.stride()), "offset": t.storage_offset()}


def rand(shape, dtype):
    if dtype in (torch.int64, torch.int32):
        return torch.randint(-5, 6, shape, dtype=dtype)
    return torch.randn(shape, dtype=torch.float64).to(dtype)


cases = {}


def add(name, op, args, out, **kw):
    cases[name] = {"op": op, "args": [operand(a) for a in args], "out": out, **kw}


# The guide's example.
a = torch.tensor([[1., 2.], [3., 4.]]); b = torch.tensor([[5., 6.], [7., 8.]])
add("guide_matmul", "matmul", [a, b], a @ b)
add("guide_mm", "mm", [a, b], torch.mm(a, b))

shapes = [
    ((3,), (3,)), ((2, 3), (3,)), ((3,), (3, 4)), ((2, 3), (3, 4)), ((2, 2, 3), (2, 3, 4)),
    ((10, 1, 3, 4), (5, 4, 2)), ((2, 3, 4), (4, 5)), ((2, 3, 4), (4,)), ((4,), (2, 4, 5)), ((3, 4), (2, 4, 5)),
    ((2, 1, 3, 4), (1, 2, 4, 2)), ((0, 3), (3, 2)), ((2, 0), (0, 2)), ((3, 4), (4, 0)), ((0,), (0,)),
    ((2, 0, 3), (3, 4)), ((20, 17), (17, 18)), ((3, 9, 17), (17, 6)),
]
for dtype in (torch.float32, torch.float64, torch.int64):
    for i, (sa, sb) in enumerate(shapes):
        x, y = rand(sa, dtype), rand(sb, dtype)
        add(f"matmul_{dtype}_{i}", "matmul", [x, y], torch.matmul(x, y))
for dtype in (torch.float16, torch.bfloat16, torch.int32, torch.int16, torch.uint8):
    x = rand((3, 5), torch.int64).to(dtype).abs() if dtype == torch.uint8 else rand((3, 5), dtype)
    y = rand((5, 2), torch.int64).to(dtype).abs() if dtype == torch.uint8 else rand((5, 2), dtype)
    add(f"mm_{dtype}", "mm", [x, y], torch.mm(x, y))
    xb, yb = rand((2, 3, 4), torch.float32).to(dtype), rand((2, 4, 2), torch.float32).to(dtype)
    add(f"bmm_{dtype}", "bmm", [xb, yb], torch.bmm(xb, yb))

# Transposed and sliced operands (BLAS reads transposes in place; slices need copies or strides).
for dtype in (torch.float32, torch.float64, torch.int64):
    x, y = rand((5, 3), dtype).mT, rand((2, 5), dtype).mT          # [3,5] stride (1,3), [5,2] stride (1,5)
    add(f"mm_tt_{dtype}", "mm", [x, y], torch.mm(x, y))
    x2 = rand((3, 10), dtype)[:, ::2]                                 # column stride 2
    add(f"mm_sliced_{dtype}", "mm", [x2, y], torch.mm(x2, y))
    x3 = rand((4, 3, 5), dtype).transpose(0, 1)                       # batch dim not outermost
    y3 = rand((3, 2, 5), dtype).mT
    add(f"bmm_perm_{dtype}", "bmm", [x3, y3], torch.bmm(x3, y3))
    x4 = rand((2, 5, 3), dtype).mT
    add(f"matmul_fold_t_{dtype}", "matmul", [x4, rand((5, 2), dtype)], None)
    cases[f"matmul_fold_t_{dtype}"]["out"] = torch.matmul(x4, torch.as_strided(
        cases[f"matmul_fold_t_{dtype}"]["args"][1]["base"], (5, 2), (2, 1)))
    v = rand((12,), dtype)[::3]
    m = rand((4, 6), dtype)[:, 1:5]
    add(f"mv_strided_{dtype}", "mv", [m, v], torch.mv(m, v))
    add(f"dot_strided_{dtype}", "dot", [v, rand((8,), dtype)[::2]], None)
    args = cases[f"dot_strided_{dtype}"]["args"]
    cases[f"dot_strided_{dtype}"]["out"] = torch.dot(v, torch.as_strided(args[1]["base"], (4,), (2,), 0))

for dtype in (torch.float32, torch.float64, torch.int64, torch.float16):
    x, y = rand((7,), dtype), rand((7,), dtype)
    add(f"dot_{dtype}", "dot", [x, y], torch.dot(x, y))
    add(f"vdot_{dtype}", "vdot", [x, y], torch.vdot(x, y))
    add(f"outer_{dtype}", "outer", [x[:3], y[:4]], torch.outer(x[:3], y[:4]))
x, y = rand((3,), torch.int32), rand((4,), torch.float32)
add("outer_promote", "outer", [x, y], torch.outer(x, y))
x, y = torch.tensor([True, False, True]), torch.tensor([True, True])
add("outer_bool", "outer", [x, y], torch.outer(x, y))

for dtype in (torch.float32, torch.float64, torch.int64):
    inp, m1, m2 = rand((4,), dtype), rand((3, 5), dtype), rand((5, 4), dtype)
    ints = dtype == torch.int64
    beta, alpha = (2, 3) if ints else (0.5, -1.5)
    add(f"addmm_{dtype}", "addmm", [inp, m1, m2], torch.addmm(inp, m1, m2, beta=beta, alpha=alpha), beta=beta, alpha=alpha)
    add(f"addmv_{dtype}", "addmv", [inp[:3], m1, rand((5,), dtype)], None, beta=beta, alpha=alpha)
    c = cases[f"addmv_{dtype}"]
    c["out"] = torch.addmv(inp[:3], m1, c["args"][2]["base"], beta=beta, alpha=alpha)
    bi, b1, b2 = rand((1, 3, 1), dtype), rand((2, 3, 4), dtype), rand((2, 4, 3), dtype)
    add(f"baddbmm_{dtype}", "baddbmm", [bi, b1, b2], torch.baddbmm(bi, b1, b2, beta=beta, alpha=alpha), beta=beta, alpha=alpha)
nan_input = torch.full((3, 4), float("nan"))
m1, m2 = torch.randn(3, 5), torch.randn(5, 4)
add("addmm_beta0_ignores_nan", "addmm", [nan_input, m1, m2], torch.addmm(nan_input, m1, m2, beta=0), beta=0, alpha=1)

# einsum
einsums = [
    ("ij,jk->ik", [(2, 3), (3, 4)]), ("bij,bjk->bik", [(2, 3, 4), (2, 4, 5)]), ("ij->ji", [(2, 3)]),
    ("ii->", [(3, 3)]), ("ii->i", [(3, 3)]), ("ii", [(4, 4)]), ("i,j->ij", [(3,), (4,)]), ("ij->", [(2, 3)]),
    ("ij->j", [(2, 3)]), ("ijk->ki", [(2, 3, 4)]), ("...ij,...jk->...ik", [(2, 1, 3, 4), (5, 4, 2)]),
    ("...ij->...ji", [(2, 3, 4)]), ("bn,anm,bm->ba", [(2, 3), (4, 3, 5), (2, 5)]), ("i,i->", [(5,)] * 2),
    ("i,i->i", [(5,), (5,)]), ("ba,cb", [(2, 3), (4, 2)]), ("Ab,ab", [(2, 3), (4, 3)]),
    ("ij,ij->ij", [(3, 4), (3, 4)]), ("bij,bkj->bik", [(2, 3, 4), (2, 5, 4)]), ("iij->j", [(3, 3, 2)]),
    ("ij,kl->ijkl", [(2, 3), (1, 2)]), ("ij...,jk->ik...", [(2, 3, 4), (3, 5)]), ("i...->...", [(3, 2, 2)]),
    ("abc,cd,de->abe", [(2, 3, 4), (4, 5), (5, 2)]), ("ij,j->i", [(3, 0), (0,)]), ("ij,jk", [(2, 1), (1, 3)]),
]
for i, (eq, shapes_) in enumerate(einsums):
    ops = [torch.randn(s) for s in shapes_]
    cases[f"einsum_{i}"] = {"op": "einsum", "equation": eq, "args": [operand(o) for o in ops], "out": torch.einsum(eq, *ops)}
ops = [torch.randint(-4, 5, (2, 3)), torch.randint(-4, 5, (3, 2))]
cases["einsum_int"] = {"op": "einsum", "equation": "ij,jk->ik", "args": [operand(o) for o in ops], "out": torch.einsum("ij,jk->ik", *ops)}
ops = [torch.randn(4, 3, dtype=torch.float64).mT, torch.randn(4, 2, dtype=torch.float64)]
cases["einsum_transposed_f64"] = {"op": "einsum", "equation": "ij,jk->ik", "args": [operand(o) for o in ops], "out": torch.einsum("ij,jk->ik", *ops)}

# einsum dtypes: integer/bool sums promote to int64 (torch.sum), pure products keep the dtype.
for dt in (torch.int32, torch.uint8, torch.bool, torch.float16):
    x = torch.randint(0, 3, (2, 3)).to(dt)
    for j, (eq, ops) in enumerate([("ij->i", [x]), ("ij->ji", [x]), ("ij,k->k", [x, x[0]]), ("ii->", [torch.randint(0, 3, (3, 3)).to(dt)])]
                                   + ([] if dt == torch.bool else [("ij,kj->ik", [x, x])])):
        cases[f"einsum_dtype_{dt}_{j}"] = {"op": "einsum", "equation": eq, "args": [operand(o) for o in ops], "out": torch.einsum(eq, *ops)}

save("linalg_products", cases)
