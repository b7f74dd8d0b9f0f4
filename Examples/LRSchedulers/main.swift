// The guide's section 12 (학습률 스케줄러). Twin: Examples/pytorch/lr-schedulers.py.
// Part 1 is the guide's code: every scheduler attached to one optimizer, then its loop (cosine + plateau per
// epoch; OneCycleLR's per-batch loop needs a loader the guide doesn't define, so it is left out, and
// `verbose=True` is gone: torch removed ReduceLROnPlateau's verbose argument). Because the schedulers share
// one optimizer, the printed rate is their combined effect: OneCycleLR's constructor sets the rate to
// max_lr / div_factor = 0.0004, and the plateau halves whatever the cosine leaves. Part 2 is an addition:
// each scheduler on its own optimizer, its schedule printed.
import Foundation
import Torch

let model = Linear(10, 2)
let optimizer = SGD(model.parameters(), lr: 0.1)

// StepLR: 매 step_size 에포크마다 gamma 배 감소 (0~29: lr=0.1, 30~59: lr=0.01, 60~89: lr=0.001)
let stepScheduler = StepLR(optimizer, stepSize: 30, gamma: 0.1)
// MultiStepLR: 지정 에포크에서 감소
let multiScheduler = MultiStepLR(optimizer, milestones: [50, 100, 150], gamma: 0.1)
// CosineAnnealingLR: 코사인 주기로 감소
let cosineScheduler = CosineAnnealingLR(optimizer, tMax: 100, etaMin: 1e-6)
// ReduceLROnPlateau: 검증 손실 개선 없을 때 감소 (가장 실용적) — min_lr may differ per group, hence a list.
let plateauScheduler = ReduceLROnPlateau(
    optimizer,
    mode: .min,  // 최소화 목표 (loss)
    factor: 0.5,  // 감소 비율
    patience: 10,  // 개선 없는 에포크 수 허용
    minLR: [1e-7]
)
// OneCycleLR: 빠른 수렴 (슈퍼 수렴)
let oneCycle = OneCycleLR(
    optimizer,
    maxLR: 0.01,
    epochs: 30,
    stepsPerEpoch: 100,  // len(train_loader)
    pctStart: 0.3,  // 전체의 30%를 warm-up에 사용
    annealStrategy: .cos
)
// CosineAnnealingWarmRestarts: warm restart로 주기적 리셋
let warmRestart = CosineAnnealingWarmRestarts(
    optimizer,
    t0: 10,  // 첫 번째 리셋까지 에포크 수
    tMult: 2,  // 리셋마다 주기 T_mult배 증가
    etaMin: 1e-6
)

// 학습 루프에서 스케줄러 사용
for epoch in 0..<100 {
    optimizer.step()  // the training epoch (no gradients here, so it changes nothing)
    let trainLoss = 0.5  // 실제 학습 루프 결과
    // 대부분의 스케줄러: epoch 단위로 step
    cosineScheduler.step()
    // ReduceLROnPlateau: 검증 지표를 인자로 전달
    plateauScheduler.step(trainLoss)
    print("Epoch \(epoch + 1): LR = \(String(format: "%.6f", optimizer.paramGroups[0].lr))")
}

/// Each scheduler alone: the learning rate each epoch uses, every `every` epochs. `make` builds the scheduler
/// on a fresh optimizer and returns its step (a closure, since ReduceLROnPlateau's step takes the metric).
/// @MainActor: it reads `model`, a top-level (main-actor) variable.
@MainActor func schedule(
    _ name: String, epochs: Int, every: Int, stepsPerEpoch: Int = 1, _ make: (Optimizer) -> () -> Void
) {
    let optimizer = SGD(model.parameters(), lr: 0.1)
    let step = make(optimizer)
    var lrs: [Double] = []
    for _ in 0..<epochs {
        lrs.append(optimizer.paramGroups[0].lr)
        for _ in 0..<stepsPerEpoch {
            optimizer.step()
            step()
        }
    }
    print("\(name):")
    print(
        "  "
            + stride(from: 0, to: epochs, by: every).map { "\($0):\(String(format: "%.6f", lrs[$0]))" }
            .joined(separator: " "))
}

schedule("StepLR(step_size=30, gamma=0.1)", epochs: 100, every: 10) { StepLR($0, stepSize: 30, gamma: 0.1).step }
schedule("MultiStepLR(milestones=[50, 100, 150], gamma=0.1)", epochs: 200, every: 25) {
    MultiStepLR($0, milestones: [50, 100, 150], gamma: 0.1).step
}
schedule("ExponentialLR(gamma=0.95)", epochs: 100, every: 10) { ExponentialLR($0, gamma: 0.95).step }
schedule("CosineAnnealingLR(T_max=100, eta_min=1e-6)", epochs: 101, every: 10) {
    CosineAnnealingLR($0, tMax: 100, etaMin: 1e-6).step
}
schedule("ReduceLROnPlateau(factor=0.5, patience=10), loss fixed at 0.5", epochs: 100, every: 10) { optimizer in
    let plateau = ReduceLROnPlateau(optimizer, mode: .min, factor: 0.5, patience: 10, minLR: [1e-7])
    return { plateau.step(0.5) }
}
// OneCycleLR: 배치 단위로 step
schedule(
    "OneCycleLR(max_lr=0.01, epochs=30, steps_per_epoch=100), per epoch", epochs: 30, every: 3,
    stepsPerEpoch: 100
) {
    OneCycleLR($0, maxLR: 0.01, epochs: 30, stepsPerEpoch: 100, pctStart: 0.3, annealStrategy: .cos).step
}
schedule("CosineAnnealingWarmRestarts(T_0=10, T_mult=2, eta_min=1e-6)", epochs: 70, every: 5) {
    CosineAnnealingWarmRestarts($0, t0: 10, tMult: 2, etaMin: 1e-6).step
}
