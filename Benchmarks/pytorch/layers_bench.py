# PyTorch twin of Benchmarks/LayersBench: the guide's models, optimizers and training steps under the same
# keys. Usage: python3 layers_bench.py [threads] [only]
import json, sys, time
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
torch.manual_seed(0)
only = sys.argv[2] if len(sys.argv) > 2 else ""


def wanted(key):
    return not only or only in key


def median(fn, warm=3, iters=20):
    for _ in range(warm):
        fn()
    ts = []
    for _ in range(iters):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2]


def train_step(opt, loss_fn):
    opt.zero_grad(); loss_fn().backward(); opt.step()


def block(i, o):
    return [nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]


def mnist_mlp():
    """The guide's MNIST MLP (section 6)."""
    return nn.Sequential(
        nn.Flatten(), nn.Linear(784, 512), nn.BatchNorm1d(512), nn.ReLU(), nn.Dropout(0.3),
        nn.Linear(512, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(0.2), nn.Linear(256, 10))


def cifar_cnn():
    """The guide's VGG-style CIFAR CNN (section 7)."""
    return nn.Sequential(
        *block(3, 64), *block(64, 64), nn.MaxPool2d(2), nn.Dropout2d(0.1),
        *block(64, 128), *block(128, 128), nn.MaxPool2d(2), nn.Dropout2d(0.2),
        *block(128, 256), *block(256, 256), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(4096, 1024), nn.ReLU(), nn.Dropout(0.5), nn.Linear(1024, 512), nn.ReLU(),
        nn.Dropout(0.3), nn.Linear(512, 10))


class LSTMPredictor(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(1, 64, 2, batch_first=True, dropout=0.2)
        self.fc = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.fc(out[:, -1, :])


res = {}
if wanted("mlp_train_step_b64_ms"):
    mlp = mnist_mlp()
    opt = torch.optim.Adam(mlp.parameters(), 1e-3)
    x, y = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))
    res["mlp_train_step_b64_ms"] = median(lambda: train_step(opt, lambda: F.cross_entropy(mlp(x), y)), 5, 50) * 1e3

if wanted("cnn_train_step_b128_ms"):
    cnn = cifar_cnn()
    opt = torch.optim.SGD(cnn.parameters(), 0.01, momentum=0.9)
    x, y = torch.randn(128, 3, 32, 32), torch.randint(0, 10, (128,))
    res["cnn_train_step_b128_ms"] = median(lambda: train_step(opt, lambda: F.cross_entropy(cnn(x), y)), 2, 5) * 1e3

if wanted("lstm_train_step_b64_ms"):
    lstm = LSTMPredictor()
    opt = torch.optim.Adam(lstm.parameters(), 1e-3)
    x, y = torch.randn(64, 50, 1), torch.randn(64, 1)
    res["lstm_train_step_b64_ms"] = median(lambda: train_step(opt, lambda: F.mse_loss(lstm(x), y)), 3, 20) * 1e3

if wanted("conv64_b32_fwd_gflops"):
    conv = nn.Conv2d(64, 64, 3, padding=1)
    x = torch.randn(32, 64, 32, 32)
    res["conv64_b32_fwd_gflops"] = 2 * 32 * 64 * 64 * 9 * 32 * 32 / median(lambda: conv(x), 3, 10) / 1e9

if wanted("transformer_layer_train_step_b8s64_ms"):
    enc = nn.TransformerEncoderLayer(512, 8, 2048, 0.1, batch_first=True)
    opt = torch.optim.AdamW(enc.parameters(), 1e-3)
    x = torch.randn(8, 64, 512)
    res["transformer_layer_train_step_b8s64_ms"] = median(lambda: train_step(opt, lambda: enc(x).pow(2).mean()), 3, 20) * 1e3

# Mixed precision: the same steps with the forward pass and loss under CPU autocast (bfloat16).
def autocast_bf16():
    return torch.autocast("cpu", dtype=torch.bfloat16)


if wanted("mlp_train_step_b64_bf16_ms"):
    mlp = mnist_mlp()
    opt = torch.optim.Adam(mlp.parameters(), 1e-3)
    x, y = torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,))

    def mlp_loss():
        with autocast_bf16():
            return F.cross_entropy(mlp(x), y)
    res["mlp_train_step_b64_bf16_ms"] = median(lambda: train_step(opt, mlp_loss), 5, 50) * 1e3

if wanted("cnn_train_step_b128_bf16_ms"):
    cnn = cifar_cnn()
    opt = torch.optim.SGD(cnn.parameters(), 0.01, momentum=0.9)
    x, y = torch.randn(128, 3, 32, 32), torch.randint(0, 10, (128,))

    def cnn_loss():
        with autocast_bf16():
            return F.cross_entropy(cnn(x), y)
    res["cnn_train_step_b128_bf16_ms"] = median(lambda: train_step(opt, cnn_loss), 2, 5) * 1e3

if wanted("transformer_layer_train_step_b8s64_bf16_ms"):
    enc = nn.TransformerEncoderLayer(512, 8, 2048, 0.1, batch_first=True)
    opt = torch.optim.AdamW(enc.parameters(), 1e-3)
    x = torch.randn(8, 64, 512)

    def enc_loss():
        with autocast_bf16():
            return enc(x).float().pow(2).mean()
    res["transformer_layer_train_step_b8s64_bf16_ms"] = median(lambda: train_step(opt, enc_loss), 3, 20) * 1e3

print(json.dumps(res, indent=2))
