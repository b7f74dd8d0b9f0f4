# Guide §11 (옵티마이저 — SGD, Adam, AdamW 비교). Twin of Examples/OptimizersCompare.
# The guide builds the optimizers and a checkpoint but prints nothing; the prints (each optimizer's repr,
# a 100-step race on one regression problem, the param groups, the restored checkpoint) are additions.
import copy

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

torch.manual_seed(42)

# 모델 예시
model = nn.Linear(100, 10)

# SGD (Stochastic Gradient Descent)
sgd = optim.SGD(
    model.parameters(),
    lr=0.01,
    momentum=0.9,
    weight_decay=1e-4,
    nesterov=True
)

# Adam: 적응형 학습률
adam = optim.Adam(
    model.parameters(),
    lr=0.001,
    betas=(0.9, 0.999),
    eps=1e-8,
    weight_decay=0
)

# AdamW: Adam + 올바른 Weight Decay
adamw = optim.AdamW(
    model.parameters(),
    lr=1e-3,
    betas=(0.9, 0.999),
    weight_decay=0.01
)

# RMSprop: 순환 신경망에 효과적
rmsprop = optim.RMSprop(
    model.parameters(),
    lr=0.01,
    alpha=0.99,
    momentum=0.0
)

for optimizer in [sgd, adam, adamw, rmsprop]:
    print(optimizer)

# 비교: each optimizer trains the model from the same initial weights on one noisy linear problem.
X = torch.randn(256, 100)
W_true = torch.randn(10, 100) * 0.1
Y = X @ W_true.T + 0.01 * torch.randn(256, 10)
initial = copy.deepcopy(model.state_dict())
for name, optimizer in [("SGD", sgd), ("Adam", adam), ("AdamW", adamw), ("RMSprop", rmsprop)]:
    model.load_state_dict(initial)
    for step in range(1, 101):
        loss = F.mse_loss(model(X), Y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step in (1, 10, 100):
            print(f"{name} step {step}: loss={loss.item():.4f}")


# 파라미터 그룹별 다른 학습률 설정 — a model with the guide's `features` backbone and `classifier` head.
class TransferModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(100, 64), nn.ReLU())
        self.classifier = nn.Linear(64, 10)

    def forward(self, x):
        return self.classifier(self.features(x))


model = TransferModel()
optimizer = optim.Adam([
    {'params': model.features.parameters(), 'lr': 1e-4},  # 백본: 낮은 LR
    {'params': model.classifier.parameters(), 'lr': 1e-3}  # 헤드: 높은 LR
], lr=1e-3)
for i, group in enumerate(optimizer.param_groups):
    print(f"param group {i}: lr={group['lr']}, tensors={len(group['params'])}")

# A few steps so the optimizer has state (exp_avg, exp_avg_sq, step) worth saving.
labels = torch.randint(0, 10, (256,))
for _ in range(5):
    loss = F.cross_entropy(model(X), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# 옵티마이저 상태 저장/복원
checkpoint = {
    'model': model.state_dict(),
    'optimizer': optimizer.state_dict(),
    'epoch': 10
}
torch.save(checkpoint, 'checkpoint.pt')

# 복원 — into a fresh model and optimizer, to show the checkpoint holds everything.
restored = TransferModel()
restored_optimizer = optim.Adam([
    {'params': restored.features.parameters(), 'lr': 1e-4},
    {'params': restored.classifier.parameters(), 'lr': 1e-3}
], lr=1e-3)
ckpt = torch.load('checkpoint.pt')
restored.load_state_dict(ckpt['model'])
restored_optimizer.load_state_dict(ckpt['optimizer'])
start_epoch = ckpt['epoch']
print(f"start_epoch: {start_epoch}")
state = restored_optimizer.state_dict()['state']
print(f"optimizer state: {len(state)} tensors, keys {sorted(state[0].keys())}, step {state[0]['step'].item()}")

# One more step on both: the restored run continues exactly where the original stopped.
for m, o in [(model, optimizer), (restored, restored_optimizer)]:
    loss = F.cross_entropy(m(X), labels)
    o.zero_grad()
    loss.backward()
    o.step()
same = all(torch.equal(a, b) for a, b in zip(model.parameters(), restored.parameters()))
print(f"복원 후 한 스텝: 원본과 동일 = {same}")
