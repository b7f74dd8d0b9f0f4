// The guide's section 5 (선형 회귀 구현): y = 3x + 2 + noise, learned by nn.Linear(1, 1) with SGD.
// Twin: Examples/pytorch/linear-regression.py (same seed, same draws, same lines).
import Foundation
import Torch

// 데이터 생성: y = 3x + 2 + 노이즈
manualSeed(42)
let nSamples = 200
let X = Tensor.linspace(-5, 5, nSamples).unsqueeze(1)  // [200, 1]
let yTrue = 3 * X + 2
let y = yTrue + Tensor.randnLike(yTrue) * 0.5  // 노이즈 추가

// 모델 정의
final class LinearRegression: Module {
    @Child var linear = Linear(1, 1)

    override func forward(_ x: Tensor) -> Tensor { linear(x) }
}

let model = LinearRegression()

// 손실 함수와 옵티마이저
let criterion = MSELoss()
let optimizer = SGD(model.parameters(), lr: 0.01)

// 학습 루프
let nEpochs = 1000
var losses: [Double] = []
for epoch in 0..<nEpochs {
    // 1. 순전파 (Forward Pass)
    let yPred = model(X)
    // 2. 손실 계산
    let loss = criterion(yPred, y)
    losses.append(loss.item(Double.self))
    // 3. 그래디언트 초기화 (중요!)
    optimizer.zeroGrad()
    // 4. 역전파 (Backward Pass)
    loss.backward()
    // 5. 파라미터 업데이트
    optimizer.step()

    if (epoch + 1) % 200 == 0 {
        let w = model.linear.weight.item(Double.self)
        let b = model.linear.bias!.item(Double.self)
        print(String(format: "Epoch %d: Loss=%.4f, w=%.4f, b=%.4f", epoch + 1, loss.item(Double.self), w, b))
    }
}

// 결과 확인
print(String(format: "\n학습된 가중치: %.4f (정답: 3.0)", model.linear.weight.item(Double.self)))
print(String(format: "학습된 편향: %.4f (정답: 2.0)", model.linear.bias!.item(Double.self)))
