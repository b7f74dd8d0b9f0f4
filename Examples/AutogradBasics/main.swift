// The guide's section 3 (자동 미분, Autograd), snippet by snippet. Twin: Examples/pytorch/autograd-basics.py.
// Python's f-string formats a 0-dim tensor as its number (`f"{z}"` is `49.0`), so those prints use `item()`;
// booleans print through `Scalar` to get Python's `True`/`False`.
import Torch

// requires_grad와 연산 그래프
var x = Tensor(3.0, requiresGrad: true)
var y = Tensor(4.0, requiresGrad: true)
var z = x.pow(2) + 2 * x * y + y.pow(2)  // (x + y)^2
print("z = \(z.item())")  // z = 49.0

// 역전파 수행
z.backward()

// 그래디언트 확인: dz/dx = 2x + 2y = 14, dz/dy = 2x + 2y = 14
print("dz/dx = \(x.grad!.item())")
print("dz/dy = \(y.grad!.item())")

// 다차원 텐서에서의 역전파 — 벡터 함수의 그래디언트
x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
y = x.pow(2)  // [1, 4, 9]
z = y.sum()  // 스칼라로 축소
z.backward()
print("x.grad: \(x.grad!)")  // [2, 4, 6] (dy/dx = 2x)

// gradient 인자: 비스칼라 backward — y.backward() alone stops: y is not a scalar
x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
y = x.pow(2)
let gradOutput = Tensor([1.0, 1.0, 1.0])  // 각 원소의 가중치
y.backward(gradient: gradOutput)
print("x.grad: \(x.grad!)")  // [2, 4, 6]

// 그래디언트 제어 — 그래디언트 누적 문제: 초기화하지 않으면 누적됨
x = Tensor(2.0, requiresGrad: true)
for i in 0..<3 {
    y = x.pow(2)
    y.backward()
    print("iteration \(i): x.grad = \(x.grad!.item())")
}
x.grad!.zero_()  // in-place 초기화

// no_grad: 추론 시 그래디언트 비활성화 — Python's `with` block is a closure here.
x = Tensor([1.0, 2.0, 3.0], requiresGrad: true)
y = noGrad { x.pow(2) }  // 연산 그래프 미생성
print("y.requires_grad: \(Scalar.bool(y.requiresGrad))")  // False

// detach: 연산 그래프에서 분리
x = Tensor([1.0, 2.0], requiresGrad: true)
y = x * 2
z = y.detach()
print("z.requires_grad: \(Scalar.bool(z.requiresGrad))")  // False

// 파라미터 일부 고정 — the guide leaves `model` undefined here; a small Linear stands in, and the count of
// trainable tensors shows the freeze took effect.
let model = Linear(2, 1)
for param in model.parameters() {
    param.requiresGrad = false
}
print("학습 가능 파라미터 텐서: \(model.parameters().filter(\.requiresGrad).count)")

// 고계 미분 — 2차 미분 예시
x = Tensor(3.0, requiresGrad: true)
y = x.pow(4)
let dyDx = Autograd.grad(y, x, createGraph: true)!  // 1차 미분: dy/dx = 4x^3
print("1차 미분: \(dyDx.item())")  // 108
let d2yDx2 = Autograd.grad(dyDx, x)!  // 2차 미분: d2y/dx2 = 12x^2
print("2차 미분: \(d2yDx2.item())")  // 108
