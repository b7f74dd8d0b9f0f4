# Guide §13 (정규화 기법 — Dropout, BatchNorm, LayerNorm). Twin of Examples/NormalizationLayers.
# The guide defines the layers but prints nothing; the prints (reprs, train/eval behaviour, the statistics
# each layer normalizes) are additions. Seeded so weights and inputs equal swift-torch's.
import torch
import torch.nn as nn

torch.manual_seed(42)


# Dropout: 학습 시 무작위로 뉴런 비활성화
class DropoutDemo(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(100, 50)
        self.dropout = nn.Dropout(p=0.5)  # 50% 비활성화
        self.fc2 = nn.Linear(50, 10)

    def forward(self, x):
        x = torch.relu(self.fc1(x))
        x = self.dropout(x)  # 학습 시만 활성, 평가 시 자동 비활성
        return self.fc2(x)


model = DropoutDemo()
print(model)
x = torch.randn(4, 100)
model.train()  # Dropout 활성화
print(f"train: 같은 입력, 같은 출력? {torch.equal(model(x), model(x))}")
model.eval()  # Dropout 비활성화
print(f"eval: 같은 입력, 같은 출력? {torch.equal(model(x), model(x))}")
# Kept units are scaled by 1 / (1 - p) so the expected activation is unchanged.
print(nn.Dropout(p=0.5)(torch.ones(2, 8)))

# BatchNorm1d: 미니배치 정규화 (FC 레이어 후)
bn_model = nn.Sequential(
    nn.Linear(100, 64),
    nn.BatchNorm1d(64),  # 배치 차원으로 정규화
    nn.ReLU(),
    nn.Linear(64, 32),
    nn.BatchNorm1d(32),
    nn.ReLU(),
    nn.Linear(32, 10)
)
print(bn_model)
x = torch.randn(32, 100)
print(f"bn_model 출력 shape: {bn_model(x).shape}")
h = bn_model[:2](x)  # after the first BatchNorm1d (train mode: this batch's statistics)
print(f"BatchNorm1d: 특징별 평균 max |.| = {h.mean(0).abs().max().item():.4f}, "
      f"표준편차 평균 = {h.std(0, unbiased=False).mean().item():.4f}")
print(f"running_mean 갱신: num_batches_tracked = {bn_model[1].num_batches_tracked.item()}")

# BatchNorm2d: 2D feature map (CNN 레이어 후)
cnn_with_bn = nn.Sequential(
    nn.Conv2d(3, 32, 3, padding=1),
    nn.BatchNorm2d(32),
    nn.ReLU(),
    nn.Conv2d(32, 64, 3, padding=1),
    nn.BatchNorm2d(64),
    nn.ReLU()
)
print(cnn_with_bn)
images = torch.randn(8, 3, 16, 16)
print(f"cnn_with_bn 출력 shape: {cnn_with_bn(images).shape}")
h = cnn_with_bn[:2](images)  # per channel over batch × height × width
print(f"BatchNorm2d: 채널별 평균 max |.| = {h.mean((0, 2, 3)).abs().max().item():.4f}, "
      f"표준편차 평균 = {h.std((0, 2, 3), unbiased=False).mean().item():.4f}")

# LayerNorm: 특징 차원으로 정규화 (Transformer에 주로 사용)
transformer_norm = nn.Sequential(
    nn.Linear(512, 512),
    nn.LayerNorm(512),  # 마지막 차원(512)으로 정규화
    nn.ReLU()
)
print(transformer_norm)
tokens = torch.randn(4, 10, 512)
h = transformer_norm[:2](tokens)
print(f"LayerNorm: 토큰별 평균 max |.| = {h.mean(-1).abs().max().item():.4f}, "
      f"표준편차 평균 = {h.std(-1, unbiased=False).mean().item():.4f}")
# BatchNorm과 달리 배치 크기에 독립적: the first sample normalized alone equals it normalized in the batch.
alone = transformer_norm[:2](tokens[:1])
print(f"LayerNorm 배치 독립: {(alone - h[:1]).abs().max().item() < 1e-5}")
alone = bn_model[:2](x[:2])
print(f"BatchNorm1d 배치 독립: {(alone - bn_model[:2](x)[:2]).abs().max().item() < 1e-5}")

# GroupNorm: BatchNorm과 LayerNorm의 절충안 (소규모 배치에 유용)
group_norm = nn.GroupNorm(
    num_groups=8,  # 채널을 8그룹으로 분할
    num_channels=64  # 총 채널 수
)
print(group_norm)
features = torch.randn(2, 64, 8, 8)
h = group_norm(features).view(2, 8, -1)  # per sample and group of 8 channels
print(f"GroupNorm: 그룹별 평균 max |.| = {h.mean(-1).abs().max().item():.4f}, "
      f"표준편차 평균 = {h.std(-1, unbiased=False).mean().item():.4f}")

# InstanceNorm: 스타일 전이 등에 활용
instance_norm = nn.InstanceNorm2d(64)
print(instance_norm)
h = instance_norm(features)  # per sample and channel
print(f"InstanceNorm2d: 샘플·채널별 평균 max |.| = {h.mean((2, 3)).abs().max().item():.4f}, "
      f"표준편차 평균 = {h.std((2, 3), unbiased=False).mean().item():.4f}")
