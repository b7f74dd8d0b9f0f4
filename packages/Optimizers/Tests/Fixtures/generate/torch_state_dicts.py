"""Real torch optimizer state dicts for Tests/IntegrationTests/TorchOptimizerStateTests.swift.

For each optimizer: a small float32 model trains 3 steps in torch; `torch.save(opt.state_dict())`
goes to `../torch/<name>_optimizer.pt` exactly as a user would write it, and `../torch/<name>_resume.pt`
holds the model's state dict at that point, the fixed batch, and what torch gives over 5 more steps
(each step's loss, the parameters after the last one). Run:
~/torchenv/bin/python packages/Optimizers/Tests/Fixtures/generate/torch_state_dicts.py
"""
import os
import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "torch")
os.makedirs(OUT, exist_ok=True)

torch.manual_seed(0)
initial = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3)).state_dict()
x, y = torch.randn(16, 4), torch.randn(16, 3)

# Two param groups (the first layer, the second with its own lr) so group mapping is exercised.
OPTIMIZERS = {
    "adam": lambda g: torch.optim.Adam(g, lr=0.01),
    "adamw_amsgrad": lambda g: torch.optim.AdamW(g, lr=0.01, betas=(0.8, 0.99), weight_decay=0.05, amsgrad=True),
    "sgd_nesterov": lambda g: torch.optim.SGD(g, lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3),
}


def train(model, opt, steps):
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses


for name, make in OPTIMIZERS.items():
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3))
    model.load_state_dict(initial)
    params = list(model.parameters())
    opt = make([{"params": params[:2]}, {"params": params[2:], "lr": 0.003}])
    train(model, opt, 3)
    torch.save(opt.state_dict(), os.path.join(OUT, f"{name}_optimizer.pt"))
    start = {k: v.clone() for k, v in model.state_dict().items()}
    losses = train(model, opt, 5)
    torch.save({"model": start, "x": x, "y": y, "losses": torch.tensor(losses, dtype=torch.float64),
                "params_after": [p.detach().clone() for p in model.parameters()]},
               os.path.join(OUT, f"{name}_resume.pt"))
    print(name, opt.state_dict()["param_groups"][1])
