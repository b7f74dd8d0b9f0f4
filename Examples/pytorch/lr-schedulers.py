# Guide §12 (학습률 스케줄러). Twin of Examples/LRSchedulers.
# Part 1 is the guide's code: every scheduler attached to one optimizer, then its loop (cosine + plateau per
# epoch; OneCycleLR's per-batch loop needs a loader the guide doesn't define, so it is left out, and
# `verbose=True` is gone: torch removed ReduceLROnPlateau's verbose argument). Part 2 is an addition: each
# scheduler on its own optimizer, its schedule printed.
import torch.nn as nn
import torch.optim as optim
from torch.optim.lr_scheduler import (
    StepLR, MultiStepLR, ExponentialLR,
    CosineAnnealingLR, OneCycleLR,
    ReduceLROnPlateau, CosineAnnealingWarmRestarts
)

model = nn.Linear(10, 2)
optimizer = optim.SGD(model.parameters(), lr=0.1)

# StepLR: 매 step_size 에포크마다 gamma 배 감소
step_scheduler = StepLR(optimizer, step_size=30, gamma=0.1)
# MultiStepLR: 지정 에포크에서 감소
multi_scheduler = MultiStepLR(optimizer, milestones=[50, 100, 150], gamma=0.1)
# CosineAnnealingLR: 코사인 주기로 감소
cosine_scheduler = CosineAnnealingLR(optimizer, T_max=100, eta_min=1e-6)
# ReduceLROnPlateau: 검증 손실 개선 없을 때 감소 (가장 실용적)
plateau_scheduler = ReduceLROnPlateau(
    optimizer,
    mode='min',
    factor=0.5,
    patience=10,
    min_lr=1e-7,
)
# OneCycleLR: 빠른 수렴 (슈퍼 수렴)
one_cycle = OneCycleLR(
    optimizer,
    max_lr=0.01,
    steps_per_epoch=100,
    epochs=30,
    pct_start=0.3,
    anneal_strategy='cos'
)
# CosineAnnealingWarmRestarts: warm restart로 주기적 리셋
warm_restart = CosineAnnealingWarmRestarts(
    optimizer,
    T_0=10,
    T_mult=2,
    eta_min=1e-6
)

# 학습 루프에서 스케줄러 사용
for epoch in range(100):
    optimizer.step()  # the training epoch (no gradients here, so it changes nothing)
    train_loss = 0.5  # 실제 학습 루프 결과
    cosine_scheduler.step()
    plateau_scheduler.step(train_loss)
    print(f"Epoch {epoch+1}: LR = {optimizer.param_groups[0]['lr']:.6f}")


# Each scheduler alone: the learning rate each epoch uses, every `every` epochs.
def schedule(name, make, epochs, every, steps_per_epoch=1, metric=None):
    optimizer = optim.SGD(model.parameters(), lr=0.1)
    scheduler = make(optimizer)
    lrs = []
    for epoch in range(epochs):
        lrs.append(optimizer.param_groups[0]['lr'])
        for _ in range(steps_per_epoch):
            optimizer.step()
            if metric is None:
                scheduler.step()
            else:
                scheduler.step(metric)
    print(f"{name}:")
    print("  " + " ".join(f"{e}:{lrs[e]:.6f}" for e in range(0, epochs, every)))


schedule("StepLR(step_size=30, gamma=0.1)", lambda o: StepLR(o, step_size=30, gamma=0.1), 100, 10)
schedule("MultiStepLR(milestones=[50, 100, 150], gamma=0.1)",
         lambda o: MultiStepLR(o, milestones=[50, 100, 150], gamma=0.1), 200, 25)
schedule("ExponentialLR(gamma=0.95)", lambda o: ExponentialLR(o, gamma=0.95), 100, 10)
schedule("CosineAnnealingLR(T_max=100, eta_min=1e-6)", lambda o: CosineAnnealingLR(o, T_max=100, eta_min=1e-6), 101, 10)
schedule("ReduceLROnPlateau(factor=0.5, patience=10), loss fixed at 0.5",
         lambda o: ReduceLROnPlateau(o, mode='min', factor=0.5, patience=10, min_lr=1e-7), 100, 10, metric=0.5)
schedule("OneCycleLR(max_lr=0.01, epochs=30, steps_per_epoch=100), per epoch",
         lambda o: OneCycleLR(o, max_lr=0.01, steps_per_epoch=100, epochs=30, pct_start=0.3, anneal_strategy='cos'),
         30, 3, steps_per_epoch=100)
schedule("CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=1e-6)",
         lambda o: CosineAnnealingWarmRestarts(o, T_0=10, T_mult=2, eta_min=1e-6), 70, 5)
