# Guide §7 (합성곱 신경망(CNN) — CIFAR-10 분류). Twin of Examples/CIFARCNN: the same model, augmentations,
# seed and loop on the CIFAR-10 sample bundled in data/cifar10-sample.
#   python cifar-cnn.py [--epochs N] [--data-dir DIR] [--threads N] [--batch-size N] [--limit-train N] [--limit-test N]
import argparse
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.optim as optim
from PIL import Image
from torch.utils.data import DataLoader, Dataset, Subset
from torchvision import transforms

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=2)
parser.add_argument("--data-dir", default=str(Path(__file__).resolve().parents[2] / "data" / "cifar10-sample"))
parser.add_argument("--threads", type=int)
parser.add_argument("--batch-size", type=int, default=128)
parser.add_argument("--workers", type=int, default=0)
parser.add_argument("--seed", type=int, default=42)
parser.add_argument("--limit-train", type=int)
parser.add_argument("--limit-test", type=int)
args = parser.parse_args()
if args.threads:
    torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)


class CIFARRecords(Dataset):
    """torchvision's CIFAR10 reads the official python pickles; the sample is binary records (label + CHW)."""

    def __init__(self, path, transform):
        raw = np.fromfile(path, dtype=np.uint8).reshape(-1, 3073)
        self.targets = raw[:, 0].astype(np.int64)
        self.data = raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)  # HWC, as torchvision keeps it
        self.transform = transform

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, i):
        return self.transform(Image.fromarray(self.data[i])), int(self.targets[i])


# CIFAR-10 데이터 준비
transform_train = transforms.Compose([
    transforms.RandomCrop(32, padding=4),
    transforms.RandomHorizontalFlip(),
    transforms.ColorJitter(brightness=0.2, contrast=0.2),
    transforms.ToTensor(),
    transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2023, 0.1994, 0.2010)),
])
transform_test = transforms.Compose([
    transforms.ToTensor(),
    transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2023, 0.1994, 0.2010)),
])
train_data = CIFARRecords(f"{args.data_dir}/data_batch_1_first4000.bin", transform_train)
test_data = CIFARRecords(f"{args.data_dir}/test_batch_first1000.bin", transform_test)
train = Subset(train_data, range(min(args.limit_train or len(train_data), len(train_data))))
test = Subset(test_data, range(min(args.limit_test or len(test_data), len(test_data))))
train_loader = DataLoader(train, batch_size=args.batch_size, shuffle=True, num_workers=args.workers)
test_loader = DataLoader(test, batch_size=args.batch_size, shuffle=False, num_workers=args.workers)
print(f"학습 데이터: {len(train)}개, 테스트 데이터: {len(test)}개")
CLASSES = ['airplane', 'automobile', 'bird', 'cat', 'deer',
           'dog', 'frog', 'horse', 'ship', 'truck']


# CNN 모델 정의 (VGG 스타일)
class CNN(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 64, kernel_size=3, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.Conv2d(64, 64, kernel_size=3, padding=1), nn.BatchNorm2d(64), nn.ReLU(inplace=True),
            nn.MaxPool2d(2, 2), nn.Dropout2d(0.1),
            nn.Conv2d(64, 128, kernel_size=3, padding=1), nn.BatchNorm2d(128), nn.ReLU(inplace=True),
            nn.Conv2d(128, 128, kernel_size=3, padding=1), nn.BatchNorm2d(128), nn.ReLU(inplace=True),
            nn.MaxPool2d(2, 2), nn.Dropout2d(0.2),
            nn.Conv2d(128, 256, kernel_size=3, padding=1), nn.BatchNorm2d(256), nn.ReLU(inplace=True),
            nn.Conv2d(256, 256, kernel_size=3, padding=1), nn.BatchNorm2d(256), nn.ReLU(inplace=True),
            nn.MaxPool2d(2, 2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(256 * 4 * 4, 1024), nn.ReLU(inplace=True), nn.Dropout(0.5),
            nn.Linear(1024, 512), nn.ReLU(inplace=True), nn.Dropout(0.3),
            nn.Linear(512, num_classes),
        )

    def forward(self, x):
        x = self.features(x)
        x = self.classifier(x)
        return x


model = CNN()
print(f"모델 파라미터 수: {sum(p.numel() for p in model.parameters()):,}")


def train_epoch(model, loader, criterion, optimizer):
    model.train()
    total_loss, correct, total = 0, 0, 0
    for data, target in loader:
        optimizer.zero_grad()
        output = model(data)
        loss = criterion(output, target)
        loss.backward()
        optimizer.step()
        total_loss += loss.item()
        correct += output.argmax(dim=1).eq(target).sum().item()
        total += target.size(0)
    return total_loss / len(loader), 100.0 * correct / total


def evaluate(model, loader, criterion):
    model.eval()
    total_loss, correct, total = 0, 0, 0
    with torch.no_grad():
        for data, target in loader:
            output = model(data)
            total_loss += criterion(output, target).item()
            correct += output.argmax(dim=1).eq(target).sum().item()
            total += target.size(0)
    return total_loss / len(loader), 100.0 * correct / total


criterion = nn.CrossEntropyLoss()
optimizer = optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(args.epochs):
    train_loss, train_acc = train_epoch(model, train_loader, criterion, optimizer)
    test_loss, test_acc = evaluate(model, test_loader, criterion)
    print(f"Epoch {epoch+1}/{args.epochs} | "
          f"Train Loss: {train_loss:.4f}, Train Acc: {train_acc:.2f}% | "
          f"Test Loss: {test_loss:.4f}, Test Acc: {test_acc:.2f}%")
