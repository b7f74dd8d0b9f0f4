// The guide's section 13 (정규화 기법 — Dropout, BatchNorm, LayerNorm). Twin:
// Examples/pytorch/normalization-layers.py. The guide defines the layers but prints nothing; the prints
// (reprs, train/eval behaviour, the statistics each layer normalizes) are additions. Seeded so weights and
// inputs equal torch's.
import Foundation
import Torch

manualSeed(42)

// Dropout: 학습 시 무작위로 뉴런 비활성화
final class DropoutDemo: Module {
    @Child var fc1 = Linear(100, 50)
    @Child var dropout = Dropout(p: 0.5)  // 50% 비활성화
    @Child var fc2 = Linear(50, 10)

    override func forward(_ input: Tensor) -> Tensor {
        var x = fc1(input).relu()
        x = dropout(x)  // 학습 시만 활성, 평가 시 자동 비활성
        return fc2(x)
    }
}

let model = DropoutDemo()
print(model)
var x = Tensor.randn(4, 100)
model.train()  // Dropout 활성화
print("train: 같은 입력, 같은 출력? \(Scalar.bool(model(x).equal(model(x))))")
model.eval()  // Dropout 비활성화
print("eval: 같은 입력, 같은 출력? \(Scalar.bool(model(x).equal(model(x))))")
// Kept units are scaled by 1 / (1 - p) so the expected activation is unchanged.
print(Dropout(p: 0.5)(Tensor.ones(2, 8)))

// BatchNorm1d: 미니배치 정규화 (FC 레이어 후)
let bnModel = Sequential(
    Linear(100, 64),
    BatchNorm1d(64),  // 배치 차원으로 정규화
    ReLU(),
    Linear(64, 32),
    BatchNorm1d(32),
    ReLU(),
    Linear(32, 10)
)
print(bnModel)
x = Tensor.randn(32, 100)
print("bn_model 출력 shape: \(bnModel(x).shape)")
var h = bnModel[0..<2](x)  // after the first BatchNorm1d (train mode: this batch's statistics)
print(
    "BatchNorm1d: 특징별 평균 max |.| = \(f4(h.mean(dim: 0).abs().max())), "
        + "표준편차 평균 = \(f4(h.std(dim: 0, unbiased: false).mean()))")
let bn1 = bnModel[1] as! BatchNorm1d  // Sequential's subscript gives a Module; the cast names its type
print("running_mean 갱신: num_batches_tracked = \(bn1.numBatchesTracked!.item())")

// BatchNorm2d: 2D feature map (CNN 레이어 후)
let cnnWithBN = Sequential(
    Conv2d(3, 32, kernelSize: 3, padding: 1),
    BatchNorm2d(32),
    ReLU(),
    Conv2d(32, 64, kernelSize: 3, padding: 1),
    BatchNorm2d(64),
    ReLU()
)
print(cnnWithBN)
let images = Tensor.randn(8, 3, 16, 16)
print("cnn_with_bn 출력 shape: \(cnnWithBN(images).shape)")
h = cnnWithBN[0..<2](images)  // per channel over batch × height × width
print(
    "BatchNorm2d: 채널별 평균 max |.| = \(f4(h.mean(dims: [0, 2, 3]).abs().max())), "
        + "표준편차 평균 = \(f4(h.std(dims: [0, 2, 3], unbiased: false).mean()))")

// LayerNorm: 특징 차원으로 정규화 (Transformer에 주로 사용)
let transformerNorm = Sequential(
    Linear(512, 512),
    LayerNorm(512),  // 마지막 차원(512)으로 정규화
    ReLU()
)
print(transformerNorm)
let tokens = Tensor.randn(4, 10, 512)
h = transformerNorm[0..<2](tokens)
print(
    "LayerNorm: 토큰별 평균 max |.| = \(f4(h.mean(dim: -1).abs().max())), "
        + "표준편차 평균 = \(f4(h.std(dim: -1, unbiased: false).mean()))")
// BatchNorm과 달리 배치 크기에 독립적: the first sample normalized alone equals it normalized in the batch.
var alone = transformerNorm[0..<2](tokens[..<1])
print("LayerNorm 배치 독립: \(Scalar.bool((alone - h[..<1]).abs().max().item(Double.self) < 1e-5))")
alone = bnModel[0..<2](x[..<2])
print("BatchNorm1d 배치 독립: \(Scalar.bool((alone - bnModel[0..<2](x)[..<2]).abs().max().item(Double.self) < 1e-5))")

// GroupNorm: BatchNorm과 LayerNorm의 절충안 (소규모 배치에 유용) — 8 groups of 64 channels
let groupNorm = GroupNorm(8, 64)
print(groupNorm)
let features = Tensor.randn(2, 64, 8, 8)
h = groupNorm(features).view(2, 8, -1)  // per sample and group of 8 channels
print(
    "GroupNorm: 그룹별 평균 max |.| = \(f4(h.mean(dim: -1).abs().max())), "
        + "표준편차 평균 = \(f4(h.std(dim: -1, unbiased: false).mean()))")

// InstanceNorm: 스타일 전이 등에 활용
let instanceNorm = InstanceNorm2d(64)
print(instanceNorm)
h = instanceNorm(features)  // per sample and channel
print(
    "InstanceNorm2d: 샘플·채널별 평균 max |.| = \(f4(h.mean(dims: [2, 3]).abs().max())), "
        + "표준편차 평균 = \(f4(h.std(dims: [2, 3], unbiased: false).mean()))")

// 정규화 방법 비교 요약:
// BatchNorm   : 배치 × 공간 정규화 → CNN에 효과적, 배치 크기 의존
// LayerNorm   : 특징 차원 정규화 → Transformer, RNN에 효과적
// GroupNorm   : 소규모 배치에서 BatchNorm 대안
// InstanceNorm: 스타일 전이, 이미지 생성에 활용

/// Python's `f"{t.item():.4f}"` for a one-element tensor.
func f4(_ t: Tensor) -> String { String(format: "%.4f", t.item(Double.self)) }
