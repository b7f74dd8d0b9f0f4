# Guide §8 (순환 신경망(RNN/LSTM) — 시계열 처리). Twin of Examples/SequenceForecast: the noise comes from torch's
# seeded generator (the guide uses numpy, unseeded) so both programs draw the same numbers.
#   python sequence-forecast.py [--epochs N] [--seq-len N] [--batch-size N] [--threads N]
import argparse

import torch
import torch.nn as nn
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset

parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=5)
parser.add_argument("--seq-len", type=int, default=50)
parser.add_argument("--batch-size", type=int, default=32)
parser.add_argument("--threads", type=int)
parser.add_argument("--limit-train", type=int)
args = parser.parse_args()
if args.threads:
    torch.set_num_threads(args.threads)
torch.manual_seed(42)


# LSTM 기반 시계열 예측 모델
class LSTMPredictor(nn.Module):
    def __init__(self, input_size=1, hidden_size=64, num_layers=2, output_size=1, dropout=0.2):
        super().__init__()
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.lstm = nn.LSTM(input_size=input_size, hidden_size=hidden_size, num_layers=num_layers,
                            batch_first=True, dropout=dropout if num_layers > 1 else 0, bidirectional=False)
        self.fc = nn.Sequential(nn.Linear(hidden_size, 32), nn.ReLU(), nn.Linear(32, output_size))

    def forward(self, x):
        batch_size = x.size(0)
        h0 = torch.zeros(self.num_layers, batch_size, self.hidden_size).to(x.device)
        c0 = torch.zeros(self.num_layers, batch_size, self.hidden_size).to(x.device)
        out, (hn, cn) = self.lstm(x, (h0, c0))
        out = self.fc(out[:, -1, :])
        return out


# 사인파 데이터로 예시
t = torch.linspace(0, 100, 1000, dtype=torch.float64)
data = torch.sin(0.5 * t) + 0.1 * torch.randn(1000, dtype=torch.float64)
data = data.float().unsqueeze(1)


# 시퀀스 데이터 생성 함수
def create_sequences(data, seq_len=50):
    X, y = [], []
    for i in range(len(data) - seq_len):
        X.append(data[i:i + seq_len])
        y.append(data[i + seq_len])
    return torch.stack(X), torch.stack(y)


X, y = create_sequences(data, seq_len=args.seq_len)
print(f"X shape: {X.shape}")  # [950, 50, 1]
print(f"y shape: {y.shape}")  # [950, 1]


# GRU — LSTM보다 파라미터 적은 변형
class GRUPredictor(nn.Module):
    def __init__(self, input_size=1, hidden_size=64, num_layers=2):
        super().__init__()
        self.gru = nn.GRU(input_size, hidden_size, num_layers, batch_first=True, dropout=0.2)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x):
        out, _ = self.gru(x)
        return self.fc(out[:, -1, :])


lstm_model = LSTMPredictor()
gru_model = GRUPredictor()
print(f"LSTMPredictor 파라미터 수: {sum(p.numel() for p in lstm_model.parameters())}")
print(f"GRUPredictor 파라미터 수: {sum(p.numel() for p in gru_model.parameters())}")

split = X.size(0) * 8 // 10
train_end = min(split, args.limit_train or split)
train = TensorDataset(X[:train_end], y[:train_end])
test_X, test_y = X[split:], y[split:]
print(f"학습 시퀀스: {len(train)}개, 테스트 시퀀스: {test_X.size(0)}개")
for name, model in [("LSTM", lstm_model), ("GRU", gru_model)]:
    loader = DataLoader(train, batch_size=args.batch_size, shuffle=True)
    optimizer = optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.MSELoss()
    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        for batch_X, batch_y in loader:
            optimizer.zero_grad()
            loss = criterion(model(batch_X), batch_y)
            loss.backward()
            optimizer.step()
            total += loss.item()
        model.eval()
        with torch.no_grad():
            test_loss = criterion(model(test_X), test_y).item()
        print(f"{name} Epoch {epoch+1}/{args.epochs} | Train MSE: {total / len(loader):.4f} | Test MSE: {test_loss:.4f}")
