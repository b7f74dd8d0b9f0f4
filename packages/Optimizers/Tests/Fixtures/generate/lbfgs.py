"""LBFGS with a closure on fixed problems (float64): Rosenbrock from (-1.5, 2) and a quadratic
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
    return 0.5 * (x @ (A @ x)) - B @ x


def run(problem, start, steps, **kw):
    p = [torch.tensor(start, dtype=torch.float64, requires_grad=True)]
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
save("lbfgs", cases)
