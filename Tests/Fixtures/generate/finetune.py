"""The guide's section 14, method 2: fine-tune a torchvision resnet18 with a new 5-class fc and AdamW over five
parameter groups (layer1/2 at 1e-5, layer3/4 at 1e-4, fc at 1e-3, weight decay 0.01); two steps from seed 11.
Stores the losses and per-tensor checksums after the steps (finetune.json), for IntegrationTests.

    ~/torchenv/bin/python Tests/Fixtures/generate/finetune.py
"""
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

from fixturelib import save

WATCHED = ["conv1.weight", "bn1.weight", "layer1.0.conv1.weight", "layer2.0.downsample.1.bias", "layer3.1.bn2.weight",
           "layer4.1.conv2.weight", "fc.weight", "fc.bias"]


def checksum(t):
    d = t.detach().double().flatten()
    return [d.sum().item(), (d * d).sum().item(), d[:3].tolist()]


def main():
    torch.manual_seed(11)
    ft = torchvision.models.resnet18()
    ft.fc = nn.Linear(ft.fc.in_features, 5)
    optimizer = torch.optim.AdamW([
        {"params": ft.layer1.parameters(), "lr": 1e-5},
        {"params": ft.layer2.parameters(), "lr": 1e-5},
        {"params": ft.layer3.parameters(), "lr": 1e-4},
        {"params": ft.layer4.parameters(), "lr": 1e-4},
        {"params": ft.fc.parameters(), "lr": 1e-3},
    ], lr=1e-4, weight_decay=0.01)
    x = torch.randn(2, 3, 64, 64)
    y = torch.tensor([1, 4])
    losses = []
    for _ in range(2):
        optimizer.zero_grad()
        loss = F.cross_entropy(ft(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    params = dict(ft.named_parameters())
    save("finetune", {"losses": losses, "checksums": {k: checksum(params[k]) for k in WATCHED},
                      "group_lrs": [g["lr"] for g in optimizer.param_groups]})


if __name__ == "__main__":
    main()
