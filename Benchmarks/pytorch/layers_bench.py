# PyTorch twin of Benchmarks/LayersBench: same workloads, same keys, same plain SGD update.
# Usage: python3 layers_bench.py [threads] [only]
import json, sys, time
import torch
import torch.nn as nn

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
torch.manual_seed(0)
only = sys.argv[2] if len(sys.argv) > 2 else ""


def median(fn, warm=3, iters=20):
    for _ in range(warm):
        fn()
    ts = []
    for _ in range(iters):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2]


def sgd_step(model, lr=0.01):
    with torch.no_grad():
        for p in model.parameters():
            if p.grad is not None:
                p.sub_(p.grad * lr)
    model.zero_grad()


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.network = nn.Sequential(
            nn.Flatten(), nn.Linear(784, 512), nn.BatchNorm1d(512), nn.ReLU(), nn.Dropout(0.3),
            nn.Linear(512, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(0.2), nn.Linear(256, 10))

    def forward(self, x):
        return self.network(x)


class LSTMPredictor(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=64, num_layers=2, batch_first=True, dropout=0.2)
        self.fc = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, x):
        h0 = torch.zeros(2, x.size(0), 64)
        c0 = torch.zeros(2, x.size(0), 64)
        out, _ = self.lstm(x, (h0, c0))
        return self.fc(out[:, -1, :])


res = {}
if "mlp" in only or not only:
    model, criterion = MLP(), nn.CrossEntropyLoss()
    x, y = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))

    def mlp_step():
        criterion(model(x), y).backward()
        sgd_step(model)
    res["mlp_train_step_b64_ms"] = median(mlp_step, 5, 50) * 1e3

if "conv" in only or not only:
    conv = nn.Conv2d(64, 64, 3, padding=1)
    xc = torch.randn(16, 64, 32, 32)

    def conv_fwd():
        with torch.no_grad():
            conv(xc)
    res["conv2d_64_64_3x3_b16_32x32_fwd_ms"] = median(conv_fwd, 2, 10) * 1e3

if "lstm" in only or not only:
    lstm, mse = LSTMPredictor(), nn.MSELoss()
    xl, yl = torch.randn(64, 50, 1), torch.randn(64, 1)

    def lstm_step():
        mse(lstm(xl), yl).backward()
        sgd_step(lstm)
    res["lstm_predictor_train_step_b64_t50_ms"] = median(lstm_step, 2, 10) * 1e3

if "transformer" in only or not only:
    layer = nn.TransformerEncoderLayer(512, 8, 2048, batch_first=True)
    xt = torch.randn(8, 64, 512)

    def tr_step():
        layer(xt).pow(2).mean().backward()
        sgd_step(layer)
    res["transformer_layer_512_8_2048_b8_t64_train_step_ms"] = median(tr_step, 2, 10) * 1e3

print(json.dumps(res, indent=2))
