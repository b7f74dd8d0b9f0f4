"""LBFGS with a closure on fixed problems (float64, and float32 with the `_f32` cases): Rosenbrock from (-1.5, 2) and a quadratic
0.5·xᵀAx − bᵀx, with and without the strong-Wolfe line search; parameters and loss after each step().
Run: ~/torchenv/bin/python packages/Optimizers/Tests/Fixtures/generate/lbfgs.py
"""
import torch
from fixturelib import save

A = torch.tensor([[3.0, 0.5, 0.0], [0.5, 2.0, 0.3], [0.0, 0.3, 1.0]], dtype=torch.float64)
B = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)


def rosenbrock(p):
    x, y = p[0][0], p[0][1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def quadratic(p):
    x = p[0]
    return 0.5 * (x @ (A.to(x.dtype) @ x)) - B.to(x.dtype) @ x


def run(problem, start, steps, dtype=torch.float64, **kw):
    p = [torch.tensor(start, dtype=dtype, requires_grad=True)]
    opt = torch.optim.LBFGS(p, **kw)

    def closure():
        opt.zero_grad()
        loss = problem(p)
        loss.backward()
        return loss

    out = []
    for _ in range(steps):
        loss = opt.step(closure)
        out.append({"loss": float(loss), "params": p[0].detach().clone(),
                    "func_evals": opt.state[p[0]]["func_evals"], "n_iter": opt.state[p[0]]["n_iter"]})
    return out


cases = {
    "rosenbrock": run(rosenbrock, [-1.5, 2.0], 5),
    "rosenbrock_wolfe": run(rosenbrock, [-1.5, 2.0], 5, line_search_fn="strong_wolfe"),
    "rosenbrock_small_history": run(rosenbrock, [-1.5, 2.0], 5, lr=0.5, history_size=3, max_iter=10),
    "quadratic": run(quadratic, [0.0, 0.0, 0.0], 2),
    "quadratic_wolfe": run(quadratic, [0.0, 0.0, 0.0], 2, line_search_fn="strong_wolfe"),
}
for name, (problem, start, steps, kw) in {
    "rosenbrock": (rosenbrock, [-1.5, 2.0], 5, {}),
    "rosenbrock_wolfe": (rosenbrock, [-1.5, 2.0], 5, {"line_search_fn": "strong_wolfe"}),
    "rosenbrock_small_history": (rosenbrock, [-1.5, 2.0], 5, {"lr": 0.5, "history_size": 3, "max_iter": 10}),
    "quadratic": (quadratic, [0.0, 0.0, 0.0], 2, {}),
    "quadratic_wolfe": (quadratic, [0.0, 0.0, 0.0], 2, {"line_search_fn": "strong_wolfe"}),
}.items():
    cases[name + "_f32"] = run(problem, start, steps, dtype=torch.float32, **kw)


def wolfe_float32_evaluations():
    """Every closure evaluation (x, y, loss) of the first strong-Wolfe step on Rosenbrock in float32, and
    how many come before the first `_cubic_interpolate` whose `d2_square.sqrt()` (MKL's vsSqrt, not
    correctly rounded) differs from the IEEE float32 square root; from there no implementation with
    IEEE sqrt can follow torch's trajectory bit for bit."""
    from torch.optim import lbfgs as L
    import math
    import struct
    evals, first_inexact = [], []

    def f32(v):
        return struct.unpack("f", struct.pack("f", v))[0]

    original = L._cubic_interpolate

    def cubic(x1, f1, g1, x2, f2, g2, bounds=None):
        d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2)
        d2_square = d1 ** 2 - g1 * g2
        if not first_inexact and d2_square >= 0 and float(d2_square.sqrt()) != f32(math.sqrt(float(d2_square))):
            first_inexact.append(len(evals))
        return original(x1, f1, g1, x2, f2, g2, bounds)

    L._cubic_interpolate = cubic
    p = [torch.tensor([-1.5, 2.0], dtype=torch.float32, requires_grad=True)]
    opt = torch.optim.LBFGS(p, line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        loss = rosenbrock(p)
        loss.backward()
        evals.append(p[0].detach().tolist() + [loss.item()])
        return loss

    opt.step(closure)
    L._cubic_interpolate = original
    return {"evals": evals, "exact_evals": first_inexact[0]}


cases["rosenbrock_wolfe_f32_evaluations"] = wolfe_float32_evaluations()
save("lbfgs", cases)
