// The guide's section 4 (nn.Module — 신경망 구축의 기반). Twin: Examples/pytorch/module-basics.py.
// Seeded so the weights and the batch equal torch's; the prints after Sequential's definition are additions
// that show the section's other models (the guide only defines them).
import ExampleSupport
import Torch

manualSeed(42)

// 간단한 모델 정의 — @Child registers each layer under its property name, as assigning to `self.fc1` does.
final class SimpleModel: Module {
    @Child var fc1: Linear
    @Child var relu = ReLU()
    @Child var fc2: Linear
    @Child var dropout = Dropout(p: 0.5)

    init(_ inFeatures: Int, _ hiddenSize: Int, _ outFeatures: Int) {
        fc1 = Linear(inFeatures, hiddenSize)
        fc2 = Linear(hiddenSize, outFeatures)
        super.init()
    }

    // 순전파 정의
    override func forward(_ input: Tensor) -> Tensor {
        var x = fc1(input)
        x = relu(x)
        x = dropout(x)
        x = fc2(x)
        return x
    }
}

// 모델 인스턴스 생성
let model = SimpleModel(784, 256, 10)
print(model)

// 파라미터 수 확인 — `sum(p.numel() for p in model.parameters() if p.requires_grad)`
let totalParams = model.parameters().reduce(0) { $0 + $1.numel }
let trainableParams = model.parameters().filter(\.requiresGrad).reduce(0) { $0 + $1.numel }
print("전체 파라미터: \(groupedThousands(totalParams))")
print("학습 가능 파라미터: \(groupedThousands(trainableParams))")

// 파라미터 접근
for (name, param) in model.namedParameters() {
    print("\(name): \(param.shape)")
}

// 순전파 실행
let x = Tensor.randn(32, 784)  // batch_size=32, features=784
let output = model(x)
print("출력 shape: \(output.shape)")  // [32, 10]

// Sequential: 순차적 레이어 구성
let seqModel = Sequential(
    Linear(784, 256),
    ReLU(),
    Dropout(0.3),
    Linear(256, 128),
    ReLU(),
    Linear(128, 10)
)
print(seqModel)
print("Sequential 파라미터: \(groupedThousands(seqModel.parameterCount()))")

// ModuleList: 리스트로 레이어 관리
final class ResidualBlock: Module {
    @Child var layers: ModuleList
    @Child var relu = ReLU()

    init(_ numBlocks: Int, _ hiddenSize: Int) {
        layers = ModuleList((0..<numBlocks).map { _ in Linear(hiddenSize, hiddenSize) })
        super.init()
    }

    override func forward(_ input: Tensor) -> Tensor {
        var x = input
        for layer in layers {
            x = relu(layer(x)) + x  // 잔차 연결
        }
        return x
    }
}

let residual = ResidualBlock(3, 64)
print(residual)
print("ResidualBlock 출력 shape: \(residual(Tensor.randn(8, 64)).shape)")

// ModuleDict: 딕셔너리로 레이어 관리 — Python's defaulted `task` argument becomes a second `forward` (called as
// `multi(x, task:)`); the one-argument `forward` (what `multi(x)` calls) picks the default task.
final class MultiTaskModel: Module {
    @Child var backbone = Linear(784, 256)
    @Child var heads = ModuleDict([
        "classification": Linear(256, 10),
        "regression": Linear(256, 1),
    ])

    override func forward(_ x: Tensor) -> Tensor { forward(x, task: "classification") }

    func forward(_ x: Tensor, task: String) -> Tensor {
        let features = backbone(x).relu()
        return heads[task](features)
    }

    func callAsFunction(_ x: Tensor, task: String) -> Tensor { forward(x, task: task) }
}

let multi = MultiTaskModel()
print(multi)
print("classification 출력 shape: \(multi(x).shape)")
print("regression 출력 shape: \(multi(x, task: "regression").shape)")
