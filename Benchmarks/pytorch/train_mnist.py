"""PyTorch twin of the main job (Examples/TrainMNIST): the guide's section-6 script as written, on the CPU,
with torch.set_num_threads and num_workers from the command line, timed per epoch.

    ~/torchenv/bin/python Benchmarks/pytorch/train_mnist.py --workers 2 --threads 2

The repo's MNIST copy has a recompressed train-images .gz (its md5 differs from torchvision's), so the
IDX files are decompressed once into --work-dir, where torchvision finds them without downloading.
"""
import argparse
import gzip
import os
import shutil
import time

import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--workers", type=int, default=2)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "..", "..", "data", "MNIST", "raw"))
parser.add_argument("--work-dir", default="/tmp/swift-torch-mnist")
args = parser.parse_args()

raw = os.path.join(args.work_dir, "MNIST", "raw")
os.makedirs(raw, exist_ok=True)
for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]:
    if not os.path.exists(os.path.join(raw, name)):
        with gzip.open(os.path.join(args.data, name + ".gz")) as src, open(os.path.join(raw, name), "wb") as dst:
            shutil.copyfileobj(src, dst)

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)

# 하이퍼파라미터
BATCH_SIZE = 64
LEARNING_RATE = 0.001
N_EPOCHS = args.epochs
DEVICE = torch.device("cpu")

transform = transforms.Compose([
    transforms.ToTensor(),
    transforms.Normalize((0.1307,), (0.3081,))  # MNIST 평균, 표준편차
])
train_dataset = datasets.MNIST(root=args.work_dir, train=True, download=False, transform=transform)
test_dataset = datasets.MNIST(root=args.work_dir, train=False, transform=transform)
train_loader = DataLoader(train_dataset, batch_size=BATCH_SIZE, shuffle=True, num_workers=args.workers)
test_loader = DataLoader(test_dataset, batch_size=BATCH_SIZE, shuffle=False, num_workers=args.workers)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.network = nn.Sequential(
            nn.Flatten(),  # 28x28 → 784
            nn.Linear(784, 512),
            nn.BatchNorm1d(512),
            nn.ReLU(),
            nn.Dropout(0.3),
            nn.Linear(512, 256),
            nn.BatchNorm1d(256),
            nn.ReLU(),
            nn.Dropout(0.2),
            nn.Linear(256, 10)
        )

    def forward(self, x):
        return self.network(x)


model = MLP().to(DEVICE)
criterion = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr=LEARNING_RATE)


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    total_loss = 0
    correct = 0
    total = 0
    for batch_idx, (data, target) in enumerate(loader):
        data, target = data.to(device), target.to(device)
        optimizer.zero_grad()
        output = model(data)
        loss = criterion(output, target)
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
        pred = output.argmax(dim=1)
        correct += pred.eq(target).sum().item()
        total += target.size(0)
    return total_loss / len(loader), 100.0 * correct / total


def evaluate(model, loader, criterion, device):
    model.eval()
    total_loss = 0
    correct = 0
    total = 0
    with torch.no_grad():
        for data, target in loader:
            data, target = data.to(device), target.to(device)
            output = model(data)
            total_loss += criterion(output, target).item()
            pred = output.argmax(dim=1)
            correct += pred.eq(target).sum().item()
            total += target.size(0)
    return total_loss / len(loader), 100.0 * correct / total


start = time.perf_counter()
for epoch in range(N_EPOCHS):
    epoch_start = time.perf_counter()
    train_loss, train_acc = train_epoch(model, train_loader, criterion, optimizer, DEVICE)
    test_loss, test_acc = evaluate(model, test_loader, criterion, DEVICE)
    print(f"Epoch {epoch+1}/{N_EPOCHS} | "
          f"Train Loss: {train_loss:.4f}, Train Acc: {train_acc:.2f}% | "
          f"Test Loss: {test_loss:.4f}, Test Acc: {test_acc:.2f}%"
          f"  ({time.perf_counter() - epoch_start:.1f} s)", flush=True)
print(f"total: {time.perf_counter() - start:.1f} s for {N_EPOCHS} epochs "
      f"(threads={args.threads}, num_workers={args.workers})")
