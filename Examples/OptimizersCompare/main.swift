// The guide's section 11 (옵티마이저 — SGD, Adam, AdamW 비교). Twin: Examples/pytorch/optimizers-compare.py.
// The guide builds the optimizers and a checkpoint but prints nothing; the prints (each optimizer's repr, a
// 100-step race on one regression problem, the param groups, the restored checkpoint) are additions.
import Foundation
import Torch

manualSeed(42)

// 모델 예시
let model = Linear(100, 10)

// SGD (Stochastic Gradient Descent)
let sgd = SGD(
    model.parameters(),
    lr: 0.01,
    momentum: 0.9,  // 이전 업데이트 방향 유지
    weightDecay: 1e-4,  // L2 정규화
    nesterov: true  // Nesterov momentum
)

// Adam: 적응형 학습률
let adam = Adam(
    model.parameters(),
    lr: 0.001,
    betas: (0.9, 0.999),  // 1차, 2차 모멘트 감쇠율
    eps: 1e-8,
    weightDecay: 0
)

// AdamW: Adam + 올바른 Weight Decay (학습률과 독립적으로 적용)
let adamw = AdamW(
    model.parameters(),
    lr: 1e-3,
    betas: (0.9, 0.999),
    weightDecay: 0.01
)

// RMSprop: 순환 신경망에 효과적
let rmsprop = RMSprop(
    model.parameters(),
    lr: 0.01,
    alpha: 0.99,
    momentum: 0.0
)

for optimizer in [sgd, adam, adamw, rmsprop] as [Optimizer] {
    print(optimizer)
}

// 비교: each optimizer trains the model from the same initial weights on one noisy linear problem.
let X = Tensor.randn(256, 100)
let wTrue = Tensor.randn(10, 100) * 0.1
let Y = X.matmul(wTrue.t()) + 0.01 * Tensor.randn(256, 10)
// `copy.deepcopy(model.state_dict())`: a state dict shares the parameters' storage, so clone each tensor.
let initial = StateDict(tensors: model.stateDict().tensors.map { ($0.0, $0.1.clone()) })
for (name, optimizer) in [("SGD", sgd), ("Adam", adam), ("AdamW", adamw), ("RMSprop", rmsprop)] as [(String, Optimizer)]
{
    try model.loadStateDict(initial)
    for step in 1...100 {
        let loss = F.mseLoss(model(X), Y)
        optimizer.zeroGrad()
        loss.backward()
        optimizer.step()
        if [1, 10, 100].contains(step) {
            print("\(name) step \(step): loss=\(String(format: "%.4f", loss.item(Double.self)))")
        }
    }
}

// 파라미터 그룹별 다른 학습률 설정 (Transfer Learning에 유용) — a model with the guide's `features` backbone
// and `classifier` head.
final class TransferModel: Module {
    @Child var features = Sequential(Linear(100, 64), ReLU())
    @Child var classifier = Linear(64, 10)

    override func forward(_ x: Tensor) -> Tensor { classifier(features(x)) }
}

let transfer = TransferModel()
// Python's `{'params': ..., 'lr': ...}` dictionaries are ParamGroups.
let optimizer: Optimizer = Adam(
    [
        ParamGroup(transfer.features.parameters(), ["lr": 1e-4]),  // 백본: 낮은 LR
        ParamGroup(transfer.classifier.parameters(), ["lr": 1e-3]),  // 헤드: 높은 LR
    ], lr: 1e-3)
for (i, group) in optimizer.paramGroups.enumerated() {
    print("param group \(i): lr=\(group.lr), tensors=\(group.params.count)")
}

// A few steps so the optimizer has state (exp_avg, exp_avg_sq, step) worth saving.
let labels = Tensor.randint(0, 10, [256])
for _ in 0..<5 {
    let loss = F.crossEntropy(transfer(X), labels)
    optimizer.zeroGrad()
    loss.backward()
    optimizer.step()
}

// 옵티마이저 상태 저장/복원 — `torch.save` writes torch's own .pt format (the extension picks it).
let checkpoint: StateValue = [
    "model": .dict(transfer.stateDict()),
    "optimizer": optimizer.stateDict(),
    "epoch": 10,
]
try Checkpoint.save(checkpoint, to: "checkpoint.pt")

// 복원 — into a fresh model and optimizer, to show the checkpoint holds everything.
let restored = TransferModel()
let restoredOptimizer = Adam(
    [
        ParamGroup(restored.features.parameters(), ["lr": 1e-4]),
        ParamGroup(restored.classifier.parameters(), ["lr": 1e-3]),
    ], lr: 1e-3)
let ckpt = try Checkpoint.load(from: "checkpoint.pt")
try restored.loadStateDict(ckpt["model"]!.dict!)
try restoredOptimizer.loadStateDict(ckpt["optimizer"]!)
let startEpoch = ckpt["epoch"]!.int!
print("start_epoch: \(startEpoch)")
let state = restoredOptimizer.stateDict()["state"]!.dict!
let firstState = state[StateKey.int(0)]!.dict!
let stateKeys = firstState.keys.map { "'\($0.text)'" }.sorted().joined(separator: ", ")
print("optimizer state: \(state.count) tensors, keys [\(stateKeys)], step \(firstState["step"]!.tensor!.item())")

// One more step on both: the restored run continues exactly where the original stopped.
for (m, o) in [(transfer, optimizer), (restored, restoredOptimizer)] as [(TransferModel, Optimizer)] {
    let loss = F.crossEntropy(m(X), labels)
    o.zeroGrad()
    loss.backward()
    o.step()
}
let same = zip(transfer.parameters(), restored.parameters()).allSatisfy { a, b in a.equal(b) }
print("복원 후 한 스텝: 원본과 동일 = \(Scalar.bool(same))")
