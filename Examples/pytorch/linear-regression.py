# Guide §5 (선형 회귀 구현), as the guide writes it. Twin of Examples/LinearRegression.
import torch
import torch.nn as nn
import torch.optim as optim

# 데이터 생성
torch.manual_seed(42)
n_samples = 200
X = torch.linspace(-5, 5, n_samples).unsqueeze(1)  # [200, 1]
y_true = 3 * X + 2
y = y_true + torch.randn_like(y_true) * 0.5


# 모델 정의
class LinearRegression(nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = nn.Linear(1, 1)

    def forward(self, x):
        return self.linear(x)


model = LinearRegression()

# 손실 함수와 옵티마이저
criterion = nn.MSELoss()
optimizer = optim.SGD(model.parameters(), lr=0.01)

# 학습 루프
n_epochs = 1000
losses = []
for epoch in range(n_epochs):
    y_pred = model(X)
    loss = criterion(y_pred, y)
    losses.append(loss.item())
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if (epoch + 1) % 200 == 0:
        w = model.linear.weight.item()
        b = model.linear.bias.item()
        print(f"Epoch {epoch+1}: Loss={loss.item():.4f}, w={w:.4f}, b={b:.4f}")

# 결과 확인
print(f"\n학습된 가중치: {model.linear.weight.item():.4f} (정답: 3.0)")
print(f"학습된 편향: {model.linear.bias.item():.4f} (정답: 2.0)")
