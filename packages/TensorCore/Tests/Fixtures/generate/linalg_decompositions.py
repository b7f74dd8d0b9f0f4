"""Fixtures for torch.linalg decompositions, solvers and norms. Only outputs torch defines uniquely are
stored (values, singular values, eigenvalues, |diag R|, det); vectors are checked in Swift by invariants."""
import torch
from fixturelib import save

torch.manual_seed(1)
cases = {}


def spd(n, batch=(), dtype=torch.float64):
    x = torch.randn(*batch, n, n, dtype=torch.float64)
    return (x @ x.mT + n * torch.eye(n, dtype=torch.float64)).to(dtype)


for dtype in (torch.float32, torch.float64):
    tag = str(dtype).split(".")[1]
    sq = torch.randn(4, 4, dtype=torch.float64).to(dtype)
    batch = torch.randn(2, 3, 3, 3, dtype=torch.float64).to(dtype)
    cases[f"square_{tag}"] = sq
    cases[f"batch_{tag}"] = batch
    cases[f"inv_{tag}"] = torch.linalg.inv(sq)
    cases[f"inv_batch_{tag}"] = torch.linalg.inv(batch)
    cases[f"inv_t_{tag}"] = torch.linalg.inv(sq.mT)
    cases[f"det_{tag}"] = torch.linalg.det(sq)
    cases[f"det_batch_{tag}"] = torch.linalg.det(batch)
    s, l = torch.linalg.slogdet(batch)
    cases[f"slogdet_sign_{tag}"], cases[f"slogdet_log_{tag}"] = s, l
    rhs_m = torch.randn(4, 2, dtype=torch.float64).to(dtype)
    rhs_v = torch.randn(4, dtype=torch.float64).to(dtype)
    rhs_b = torch.randn(3, 3, dtype=torch.float64).to(dtype)
    cases[f"rhs_m_{tag}"], cases[f"rhs_v_{tag}"], cases[f"rhs_b_{tag}"] = rhs_m, rhs_v, rhs_b
    cases[f"solve_m_{tag}"] = torch.linalg.solve(sq, rhs_m)
    cases[f"solve_v_{tag}"] = torch.linalg.solve(sq, rhs_v)
    cases[f"solve_b_{tag}"] = torch.linalg.solve(batch, rhs_b)            # vector case, batched
    cases[f"solve_bcast_{tag}"] = torch.linalg.solve(batch, rhs_b[0].reshape(3, 1))  # broadcast B
    p = spd(4, dtype=dtype); pb = spd(3, (2,), dtype=dtype)
    cases[f"spd_{tag}"], cases[f"spd_batch_{tag}"] = p, pb
    cases[f"cholesky_{tag}"] = torch.linalg.cholesky(p)
    cases[f"cholesky_upper_{tag}"] = torch.linalg.cholesky(p, upper=True)
    cases[f"cholesky_batch_{tag}"] = torch.linalg.cholesky(pb)
    cases[f"eigvalsh_{tag}"] = torch.linalg.eigvalsh(p)
    cases[f"eigvalsh_batch_{tag}"] = torch.linalg.eigvalsh(pb)
    cases[f"eigvalsh_upper_{tag}"] = torch.linalg.eigvalsh(sq, UPLO="U")
    cases[f"eigvalsh_lower_{tag}"] = torch.linalg.eigvalsh(sq, UPLO="L")
    for shape in ((5, 3), (3, 5), (2, 4, 4)):
        key = "x".join(map(str, shape))
        a = torch.randn(*shape, dtype=torch.float64).to(dtype)
        cases[f"rect_{key}_{tag}"] = a
        cases[f"svdvals_{key}_{tag}"] = torch.linalg.svdvals(a)
        cases[f"qr_rdiag_{key}_{tag}"] = torch.linalg.qr(a).R.diagonal(dim1=-2, dim2=-1).abs()
        for ord in ("fro", "nuc", 1, -1, 2, -2, float("inf"), float("-inf")):
            cases[f"matrix_norm_{key}_{ord}_{tag}"] = torch.linalg.matrix_norm(a, ord=ord)
        cases[f"matrix_norm_keepdim_{key}_{tag}"] = torch.linalg.matrix_norm(a, ord=1, keepdim=True)
        for ord in (2, 1, 0, float("inf"), float("-inf"), 3.5, -1):
            cases[f"vector_norm_{key}_{ord}_{tag}"] = torch.linalg.vector_norm(a, ord=ord)
            cases[f"vector_norm_dim_{key}_{ord}_{tag}"] = torch.linalg.vector_norm(a, ord=ord, dim=-1, keepdim=True)
        cases[f"norm_{key}_{tag}"] = torch.linalg.norm(a)
        cases[f"norm_dims_{key}_{tag}"] = torch.linalg.norm(a, dim=(0, 1))
        cases[f"tnorm_fro_{key}_{tag}"] = a.norm(p="fro", dim=[0, 1])
        cases[f"tnorm_inf_{key}_{tag}"] = a.norm(p=float("inf"), dim=1)
    # Least squares: full-rank systems have a unique solution.
    A = torch.randn(6, 3, dtype=torch.float64).to(dtype); B = torch.randn(6, 2, dtype=torch.float64).to(dtype)
    cases[f"lstsq_A_{tag}"], cases[f"lstsq_B_{tag}"] = A, B
    cases[f"lstsq_{tag}"] = torch.linalg.lstsq(A, B).solution
    cases[f"lstsq_v_{tag}"] = torch.linalg.lstsq(A, B[:, 0]).solution
    W = torch.randn(2, 3, 5, dtype=torch.float64).to(dtype); Wb = torch.randn(2, 3, 1, dtype=torch.float64).to(dtype)
    cases[f"lstsq_wide_A_{tag}"], cases[f"lstsq_wide_B_{tag}"] = W, Wb
    cases[f"lstsq_wide_{tag}"] = torch.linalg.lstsq(W, Wb).solution  # minimum-norm solution (unique)
    cases[f"norm_2d_ord2_{tag}"] = torch.linalg.norm(sq, ord=2)
    cases[f"norm_1d_ord1_{tag}"] = torch.linalg.norm(rhs_v, ord=1)
    cases[f"trace_{tag}"] = torch.trace(sq)
    cases[f"tnorm_nuc_{tag}"] = sq.norm(p="nuc")

singular = torch.tensor([[1., 2.], [2., 4.]])
cases["singular"] = singular
cases["det_singular"] = torch.linalg.det(singular)
s, l = torch.linalg.slogdet(singular)
cases["slogdet_singular_sign"], cases["slogdet_singular_log"] = s, l
cases["det_empty"] = torch.linalg.det(torch.zeros(0, 0))
cases["trace_int32"] = torch.trace(torch.arange(9, dtype=torch.int32).reshape(3, 3))
cases["trace_rect"] = torch.trace(torch.arange(6.).reshape(2, 3))
cases["vector_norm_empty"] = torch.linalg.vector_norm(torch.zeros(0))
cases["vector_norm_half"] = torch.linalg.vector_norm(torch.tensor([3., 4.], dtype=torch.float16))
cases["vector_norm_nan"] = torch.linalg.vector_norm(torch.tensor([1., float("nan")]), ord=float("inf"))
A = torch.randn(2, 3, 3, dtype=torch.float64); B = torch.randn(2, 4, 3, dtype=torch.float64)
cases["solve_right_A"], cases["solve_right_B"] = A, B
cases["solve_right"] = torch.linalg.solve(A, B, left=False)
h = torch.arange(24.).reshape(2, 3, 4).half()
cases["half_in"] = h
cases["matrix_norm_half_fro"] = torch.linalg.matrix_norm(h)
cases["matrix_norm_half_1"] = torch.linalg.matrix_norm(h, ord=1)
save("linalg_decompositions", cases)

# pinv and matrix_rank (appended cases; loaded by the same Swift suite).
more = {}
for dtype in (torch.float32, torch.float64):
    tag = str(dtype).split(".")[1]
    r = torch.randn(2, 5, 3, dtype=torch.float64).to(dtype)
    low = (torch.randn(4, 2, dtype=torch.float64) @ torch.randn(2, 5, dtype=torch.float64)).to(dtype)
    more[f"pinv_in_{tag}"], more[f"rank_in_{tag}"] = r, low
    more[f"pinv_{tag}"] = torch.linalg.pinv(r)
    more[f"pinv_low_{tag}"] = torch.linalg.pinv(low)
    more[f"rank_{tag}"] = torch.linalg.matrix_rank(low)
    more[f"rank_batch_{tag}"] = torch.linalg.matrix_rank(r)
save("linalg_pinv", more)
