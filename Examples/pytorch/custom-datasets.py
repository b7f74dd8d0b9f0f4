# Guide §10 (데이터 로딩 — Dataset, DataLoader). Twin of Examples/CustomDatasets: torch's seeded generator
# replaces the guide's unseeded numpy draws, and the image data sets read data/cifar10-jpeg-sample.
#   python custom-datasets.py [--data-dir DIR] [--workers N]
import argparse
import csv
import os
from pathlib import Path

import torch
from PIL import Image
from torch.utils.data import DataLoader, Dataset, WeightedRandomSampler
from torchvision import datasets, transforms

parser = argparse.ArgumentParser()
parser.add_argument("--data-dir", default=str(Path(__file__).resolve().parents[2] / "data" / "cifar10-jpeg-sample"))
parser.add_argument("--workers", type=int, default=4)
args = parser.parse_args()
torch.manual_seed(42)


# 커스텀 Dataset 구현
class CustomImageDataset(Dataset):
    def __init__(self, csv_file, img_dir, transform=None):
        # The guide reads the CSV with pandas (pd.read_csv); torchenv has no pandas, so the csv module
        # reads the same rows (header skipped).
        with open(csv_file, newline="") as f:
            self.annotations = list(csv.reader(f))[1:]
        self.img_dir = img_dir
        self.transform = transform

    def __len__(self):
        return len(self.annotations)

    def __getitem__(self, idx):
        img_path = os.path.join(self.img_dir, self.annotations[idx][0])
        image = Image.open(img_path).convert('RGB')
        label = int(self.annotations[idx][1])
        if self.transform:
            image = self.transform(image)
        return image, label


# 수치 데이터용 Dataset
class TabularDataset(Dataset):
    def __init__(self, X, y):
        self.X = torch.FloatTensor(X)
        self.y = torch.LongTensor(y)

    def __len__(self):
        return len(self.X)

    def __getitem__(self, idx):
        return self.X[idx], self.y[idx]


dataset = TabularDataset(X=torch.randn(1000, 20), y=torch.randint(0, 5, (1000,)))
print(f"데이터셋 크기: {len(dataset)}")
basic_loader = DataLoader(dataset, batch_size=32, shuffle=True)
advanced_loader = DataLoader(dataset, batch_size=64, shuffle=True, num_workers=args.workers, pin_memory=True,
                             drop_last=True, prefetch_factor=2, persistent_workers=True)
print(f"basic_loader 배치 수: {len(basic_loader)}, advanced_loader 배치 수: {len(advanced_loader)}")
for batch_X, batch_y in advanced_loader:
    print(f"배치 X: {batch_X.shape}")  # [64, 20]
    print(f"배치 y: {batch_y.shape}")  # [64]
    break

images = CustomImageDataset(f"{args.data_dir}/annotations.csv", f"{args.data_dir}/test", transforms.ToTensor())
folder = datasets.ImageFolder(f"{args.data_dir}/test", transform=transforms.ToTensor())
print(f"CustomImageDataset 크기: {len(images)}")
image, label = images[0]
print(f"첫 샘플: {image.shape}, 레이블: {label}, 평균 픽셀값: {image.mean().item():.4f}")
for batch, targets in DataLoader(images, batch_size=8, shuffle=False):
    print(f"이미지 배치: {batch.shape}, 레이블: {targets}")
    break
print(f"ImageFolder 클래스: {len(folder.classes)}개, 샘플: {len(folder)}개, 첫 클래스: {folder.classes[0]}")

# WeightedRandomSampler: 클래스 불균형 처리
class_counts = [800, 150, 50]
weights = 1.0 / torch.tensor(class_counts, dtype=torch.float)
# The guide indexes with dataset.y (labels 0-4: IndexError); an imbalanced set with these counts instead.
labels = [c for c, n in enumerate(class_counts) for _ in range(n)]
imbalanced = TabularDataset(dataset.X, labels)
sample_weights = weights[imbalanced.y]
sampler = WeightedRandomSampler(weights=sample_weights, num_samples=len(imbalanced), replacement=True)
balanced_loader = DataLoader(imbalanced, batch_size=32, sampler=sampler)
drawn = [0] * len(class_counts)
for _, batch_y in balanced_loader:
    for label in batch_y.tolist():
        drawn[label] += 1
print(f"원래 클래스별 개수: {class_counts}")
print(f"WeightedRandomSampler 한 에폭의 클래스별 개수: {drawn}")
