# Guide §3 (자동 미분): every snippet of the section, same prints. Twin of Examples/AutogradBasics.
import torch
import torch.nn as nn

# requires_grad와 연산 그래프
x = torch.tensor(3.0, requires_grad=True)
y = torch.tensor(4.0, requires_grad=True)
z = x ** 2 + 2 * x * y + y ** 2  # (x + y)^2
print(f"z = {z}")  # z = 49.0
z.backward()
print(f"dz/dx = {x.grad}")  # 14.0
print(f"dz/dy = {y.grad}")  # 14.0

# 다차원 텐서에서의 역전파
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
z = y.sum()
z.backward()
print(f"x.grad: {x.grad}")  # [2, 4, 6]

# gradient 인자: 비스칼라 backward
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x ** 2
grad_output = torch.tensor([1.0, 1.0, 1.0])
y.backward(gradient=grad_output)
print(f"x.grad: {x.grad}")  # [2, 4, 6]

# 그래디언트 제어 — 누적 문제
x = torch.tensor(2.0, requires_grad=True)
for i in range(3):
    y = x ** 2
    y.backward()
    print(f"iteration {i}: x.grad = {x.grad}")
x.grad.zero_()

# no_grad
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
with torch.no_grad():
    y = x ** 2
print(f"y.requires_grad: {y.requires_grad}")  # False

# detach
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 2
z = y.detach()
print(f"z.requires_grad: {z.requires_grad}")  # False

# 파라미터 일부 고정 — the guide leaves `model` undefined here; a small Linear stands in, and the
# count of trainable tensors shows the freeze took effect.
model = nn.Linear(2, 1)
for param in model.parameters():
    param.requires_grad = False
print(f"학습 가능 파라미터 텐서: {sum(p.requires_grad for p in model.parameters())}")

# 고계 미분
x = torch.tensor(3.0, requires_grad=True)
y = x ** 4
dy_dx = torch.autograd.grad(y, x, create_graph=True)[0]
print(f"1차 미분: {dy_dx}")  # 108
d2y_dx2 = torch.autograd.grad(dy_dx, x)[0]
print(f"2차 미분: {d2y_dx2}")  # 108
