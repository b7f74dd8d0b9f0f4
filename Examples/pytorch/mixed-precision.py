# Guide §18 (고급 기법 모음): mixed precision (autocast + GradScaler), gradient clipping, reproducibility.
# Twin of Examples/MixedPrecision. The guide trains on CUDA in float16; on the CPU torch's autocast computes in
# bfloat16 (its CPU default) and GradScaler("cpu") scales the loss. The model is section 17's SimpleModel; the
# data the first 1,024 images of the bundled MNIST in order, batches of 128. Seeded as swift-torch is.
from pathlib import Path
import gzip
import random

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

RAW = Path(__file__).resolve().parents[2] / "data" / "MNIST" / "raw"


def set_seed(seed=42):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))

    def forward(self, x):
        return self.net(x.view(x.size(0), -1))


def loader():
    """The first 1,024 training images as ToTensor() + Normalize((0.1307,), (0.3081,)) give them (the bundled
    files are gzipped IDX, which torchvision's MNIST does not read without unpacking)."""
    with gzip.open(RAW / "train-images-idx3-ubyte.gz") as f:
        images = np.frombuffer(f.read(), np.uint8, offset=16)[: 1024 * 784].reshape(1024, 1, 28, 28)
    with gzip.open(RAW / "train-labels-idx1-ubyte.gz") as f:
        labels = np.frombuffer(f.read(), np.uint8, offset=8)[:1024]
    x = (torch.from_numpy(images.copy()).float() / 255 - 0.1307) / 0.3081
    return DataLoader(TensorDataset(x, torch.from_numpy(labels.astype(np.int64))), batch_size=128, shuffle=False)


# 혼합 정밀도 학습 (Mixed Precision)
set_seed(42)
model = SimpleModel()
optimizer = torch.optim.Adam(model.parameters())
criterion = nn.CrossEntropyLoss()
scaler = torch.amp.GradScaler("cpu")  # 손실 스케일링
print(f"autocast dtype: {torch.get_autocast_dtype('cpu')}")
for step, (data, target) in enumerate(loader(), 1):
    optimizer.zero_grad()
    # 순전파를 낮은 정밀도로
    with torch.autocast("cpu", dtype=torch.bfloat16):
        output = model(data)
        loss = criterion(output, target)
    # 스케일된 역전파
    scaler.scale(loss).backward()
    scaler.step(optimizer)
    scaler.update()
    print(f"step {step}: loss {loss.item():.4f} (output {output.dtype}, loss {loss.dtype}, "
          f"weight {model.net[0].weight.dtype}), scale {scaler.get_scale():.1f}")

# 그래디언트 클리핑: 폭발하는 그래디언트 방지
max_grad_norm = 1.0
data, target = next(iter(loader()))
optimizer.zero_grad()
loss = criterion(model(data) * 50, target)
loss.backward()
total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
after = torch.nn.utils.get_total_norm([p.grad for p in model.parameters()])
optimizer.step()
print(f"clip_grad_norm_: total norm {total.item():.4f} -> {after.item():.4f}")


# 재현성(Reproducibility) 설정
def weights_after_two_steps():
    set_seed(42)
    m = SimpleModel()
    opt = torch.optim.Adam(m.parameters())
    for data, target in list(loader())[:2]:
        opt.zero_grad()
        criterion(m(data), target).backward()
        opt.step()
    return torch.cat([p.detach().flatten() for p in m.parameters()])


torch.use_deterministic_algorithms(True)
first, second = weights_after_two_steps(), weights_after_two_steps()
print(f"set_seed(42) twice, same weights: {torch.equal(first, second)}")
print(f"deterministic algorithms: {torch.are_deterministic_algorithms_enabled()}")
print(f"weight checksum: {first.double().sum().item():.6f}")
