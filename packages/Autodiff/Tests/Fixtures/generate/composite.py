"""Gradients of composite expressions from real PyTorch (run: ~/torchenv/bin/python composite.py).

Writes ../composite.json: for each case the input values, the output value and every input's gradient,
all float64 flattened with shapes. The Swift tests rebuild the same expressions (AutodiffFixtureTests).
"""
import json, os
import torch

torch.manual_seed(0)
cases = {}

def t(*shape, low=-1.0, high=1.0):
    return (torch.rand(*shape, dtype=torch.float64) * (high - low) + low).requires_grad_()

def record(name, inputs, fn):
    out = fn(*inputs)
    out.backward()
    cases[name] = {
        "inputs": [{"shape": list(x.shape), "data": x.detach().flatten().tolist()} for x in inputs],
        "value": out.item(),
        "grads": [None if x.grad is None else x.grad.flatten().tolist() for x in inputs],
    }

record("broadcast", [t(2, 3), t(3), t(2, 1)], lambda a, b, c: (a * b + c).sin().sum())
record("broadcast_div_pow", [t(4, 1, 3, low=0.5, high=2), t(2, 1, low=0.5, high=2)], lambda a, b: (a / b).pow(1.5).mean())
record("views", [t(3, 4)], lambda x: (x.t()[1:3] ** 2).sum() + x.reshape(12)[::3].sum() * 2 + x.unsqueeze(0).expand(2, 3, 4).sum())
record("permute_flip", [t(2, 3, 4)], lambda x: (x.permute(2, 0, 1).flip(0) * torch.arange(24, dtype=torch.float64).view(4, 2, 3)).sum())

def inplace_view(a):
    x = a.clone()
    x[0] = 5
    x.narrow(0, 1, 1).mul_(2)
    x[2:, 1] += a[0, :2]
    return (x * x).sum()
record("inplace_views", [t(4, 3)], inplace_view)

def inplace_chain(a, b):
    x = a * 2
    x.add_(b)
    x.mul_(3)
    x.sub_(b, alpha=0.5)
    x.exp_()
    return x.sum()
record("inplace_chain", [t(2, 3), t(3)], inplace_chain)

def reductions(x):
    return (x.sum(1, keepdim=True) * x.mean(2, keepdim=True)).sum() + x.amax(0).sum() + x.std(2).sum() \
        + x.var(dim=(0, 2)).sum() + x.logsumexp(1).sum() + (x.softmax(2) * x).sum() + x.max(1).values.sum() \
        + x.prod(2).sum() + x.norm()
record("reductions", [t(2, 3, 4)], reductions)
record("matmul_broadcast", [t(2, 1, 3, 4), t(5, 4, 2)], lambda a, b: (a @ b).pow(2).sum())
record("matmul_vectors", [t(3), t(2, 3, 4), t(4)], lambda v, m, w: (v @ m @ w).sum() + (m @ w).sum())
mask = torch.tensor([[True, False, True], [False, False, True], [True, True, False], [False, True, True]])
record("indexing", [t(4, 3)], lambda x: (x[[0, 2, 0]] * 2).sum() + x.masked_fill(mask, 0).pow(2).sum()
       + x.gather(1, torch.tensor([[0, 0], [2, 1], [1, 1], [0, 2]])).exp().sum() + x[mask].sum() * 3)
record("sort_topk_cum", [t(3, 5)], lambda x: (x.sort(1).values * torch.arange(5.0, dtype=torch.float64)).sum()
       + x.topk(2, dim=0).values.pow(2).sum() + x.cumsum(1).sum() + x.cumprod(0).sum())
record("linalg", [t(3, 3)], lambda a: torch.linalg.inv(a + 3 * torch.eye(3, dtype=torch.float64)).sum()
       + torch.linalg.det(a + torch.eye(3, dtype=torch.float64)) + torch.linalg.eigvalsh(a + a.T).pow(2).sum()
       + torch.linalg.svdvals(a).sum())
record("where_clamp_relu", [t(3, 4), t(3, 4)], lambda a, b: torch.where(a > 0, a, b).pow(2).sum()
       + a.clamp(-0.3, 0.4).sum() + (a - b).relu().sum() + torch.maximum(a, b).sum())
record("cast_mixed", [t(2, 3), t(3)], lambda a, b: (a.float() * b.float()).double().sum() + (a.float() + b).sum())
record("cat_stack_split", [t(2, 3), t(4, 3)], lambda a, b: (torch.cat([a, b], 0) * torch.arange(18, dtype=torch.float64).view(6, 3)).sum()
       + torch.stack([a, b[:2]], 2).pow(2).sum() + sum((i + 1) * p.sum() for i, p in enumerate(b.split(3))))

# WGAN-GP: a gradient penalty through a conv critic (second order through conv, pooling, matmul, norm).
import torch.nn.functional as F
def gradient_penalty(real, fake, w1, b1, w2, b2, w3):
    alpha = torch.tensor([0.3, 0.8], dtype=torch.float64).view(2, 1, 1, 1)
    xhat = alpha * real + (1 - alpha) * fake
    def critic(x):
        h = F.conv2d(x, w1, b1, stride=2, padding=1)
        h = F.leaky_relu(h, 0.2)
        h = F.conv1d(h.flatten(2), w3, padding=1).view(2, 4, 3, 3)
        h = F.avg_pool2d(h, 2, stride=1)
        return h.flatten(1) @ w2 + b2
    (g,) = torch.autograd.grad(critic(xhat).sum(), xhat, create_graph=True)
    gp = ((g.flatten(1).norm(2, dim=1) - 1) ** 2).mean()
    return critic(fake).mean() - critic(real).mean() + 10 * gp
record("gradient_penalty", [t(2, 3, 6, 6), t(2, 3, 6, 6), t(4, 3, 3, 3), t(4), t(16, 1), t(1), t(4, 4, 3)], gradient_penalty)

# The guide's section 3.
guide = {}
x = torch.tensor(3.0, requires_grad=True); y = torch.tensor(4.0, requires_grad=True)
z = x ** 2 + 2 * x * y + y ** 2; z.backward()
guide["poly"] = [z.item(), x.grad.item(), y.grad.item()]
x = torch.tensor(3.0, requires_grad=True); y = x ** 4
(d,) = torch.autograd.grad(y, x, create_graph=True); (d2,) = torch.autograd.grad(d, x)
guide["higher"] = [d.item(), d2.item()]
cases["guide"] = guide

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "composite.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, indent=0)
print("wrote", path, os.path.getsize(path), "bytes")
