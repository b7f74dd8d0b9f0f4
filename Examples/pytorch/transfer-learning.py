# Guide §14 (전이학습). Twin of Examples/TransferLearning: torchvision's resnet18 as a frozen feature extractor
# with a new head, then fine-tuned with AdamW's five per-layer learning rates, on data/cifar10-jpeg-sample
# through ImageFolder with the guide's ImageNet preprocessing.
#   python transfer-learning.py [--image-size N] [--epochs N] [--batch-size N] [--weights FILE | --pretrained] [--data-dir DIR]
# expected-args: --image-size 64 --epochs 2
import argparse
import os
from pathlib import Path

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Subset
from torchvision import datasets, models, transforms

parser = argparse.ArgumentParser()
parser.add_argument("--image-size", type=int, default=224)
parser.add_argument("--epochs", type=int, default=3)
parser.add_argument("--batch-size", type=int, default=10)
parser.add_argument("--weights")
parser.add_argument("--pretrained", action="store_true")
parser.add_argument("--data-dir", default=str(Path(__file__).resolve().parents[2] / "data" / "cifar10-jpeg-sample"))
args = parser.parse_args()
torch.manual_seed(42)

# 방법 3: torchvision transforms로 데이터 전처리 (--image-size scales Resize(256)/CenterCrop(224) alike)
resize = args.image_size * 256 // 224
preprocess = transforms.Compose([
    transforms.Resize(resize),
    transforms.CenterCrop(args.image_size),
    transforms.ToTensor(),
    transforms.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
])
folder = datasets.ImageFolder(os.path.join(args.data_dir, "test"), transform=preprocess)
# ImageFolder lists each class's files in name order: every fourth image of a class validates.
train = Subset(folder, [i for i in range(len(folder)) if i % 4 != 3])
validation = Subset(folder, [i for i in range(len(folder)) if i % 4 == 3])
num_classes = len(folder.classes)
print(f"전처리: Resize({resize}) -> CenterCrop({args.image_size}) -> ToTensor() -> Normalize(ImageNet)")
print(f"데이터: 학습 {len(train)}장, 검증 {len(validation)}장, 클래스 {num_classes}개")


def load_resnet18():
    if args.pretrained:
        print("가중치: ResNet18_Weights.IMAGENET1K_V1")
        return models.resnet18(weights=models.ResNet18_Weights.IMAGENET1K_V1)
    model = models.resnet18()
    if args.weights:
        model.load_state_dict(torch.load(args.weights, weights_only=True))
        print(f"가중치: {os.path.basename(args.weights)}")
    else:
        print("가중치: 없음 (seed 42의 torchvision 초기화; 사전학습 가중치는 --weights 또는 --pretrained)")
    return model


def fit(method, model, optimizer, train_loader, validation_loader):
    criterion = nn.CrossEntropyLoss()
    for epoch in range(1, args.epochs + 1):
        model.train()
        total_loss, batches = 0.0, 0
        for images, labels in train_loader:
            optimizer.zero_grad()
            loss = criterion(model(images), labels)
            loss.backward()
            optimizer.step()
            total_loss += loss.item()
            batches += 1
        model.eval()
        correct, total = 0, 0
        with torch.no_grad():
            for images, labels in validation_loader:
                correct += (model(images).argmax(dim=1) == labels).sum().item()
                total += labels.size(0)
        print(f"[{method}] Epoch {epoch}/{args.epochs} | loss {total_loss / batches:.4f} | "
              f"검증 정확도 {100.0 * correct / total:.2f}% ({correct}/{total})")


# 사전학습 모델 로딩
resnet = load_resnet18()
print(resnet)  # 구조 출력

# 방법 1: Feature Extractor (백본 동결)
for param in resnet.parameters():
    param.requires_grad = False
resnet.fc = nn.Linear(resnet.fc.in_features, num_classes)  # 마지막 FC 레이어만 교체
trainable = sum(p.numel() for p in resnet.parameters() if p.requires_grad)
print(f"학습 가능 파라미터: {trainable:,} / 전체 {sum(p.numel() for p in resnet.parameters()):,}")
train_loader = DataLoader(train, batch_size=args.batch_size, shuffle=True)
validation_loader = DataLoader(validation, batch_size=args.batch_size, shuffle=False)
fit("특징 추출", resnet, torch.optim.Adam(resnet.fc.parameters(), lr=1e-3), train_loader, validation_loader)

# 방법 2: Fine-tuning — the same starting weights, every layer trainable, lower rates for lower layers.
torch.manual_seed(42)
resnet_ft = load_resnet18()
resnet_ft.fc = nn.Linear(resnet_ft.fc.in_features, num_classes)
groups = [("layer1", resnet_ft.layer1, 1e-5), ("layer2", resnet_ft.layer2, 1e-5), ("layer3", resnet_ft.layer3, 1e-4),
          ("layer4", resnet_ft.layer4, 1e-4), ("fc", resnet_ft.fc, 1e-3)]
optimizer = torch.optim.AdamW([{"params": m.parameters(), "lr": lr} for _, m, lr in groups], lr=1e-4, weight_decay=0.01)
print("파라미터 그룹: " + ", ".join(f"{name} {sum(p.numel() for p in m.parameters()):,} (lr {lr})" for name, m, lr in groups))
fit("파인튜닝", resnet_ft, optimizer, train_loader, validation_loader)
