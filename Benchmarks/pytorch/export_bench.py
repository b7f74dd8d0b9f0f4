# PyTorch twin of Benchmarks/ExportBench: the same models' inference at batch 1 (µs) and 64 (samples/s) in
# torch eager (no_grad) and torch.compile, and onnxruntime on the ONNX files ExportBench wrote (run it first).
# Usage: python3 export_bench.py [threads] [folder]
import json, os, sys, time

import numpy as np
import onnxruntime as ort
import torch
import torch.nn as nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
folder = sys.argv[2] if len(sys.argv) > 2 else "/tmp/swift-torch-export-bench"
torch.set_num_threads(threads)
torch.manual_seed(0)


def median(fn, warm=5, iters=20):
    for _ in range(warm):
        fn()
    ts = []
    for _ in range(iters):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2]


def mnist_mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.BatchNorm1d(512), nn.ReLU(), nn.Dropout(0.3),
                         nn.Linear(512, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(0.2), nn.Linear(256, 10))


def cifar_cnn():
    def block(i, o):
        return [nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU()]
    return nn.Sequential(*block(3, 32), nn.MaxPool2d(2), *block(32, 64), nn.MaxPool2d(2), *block(64, 128), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(2048, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 10))


class LSTMPredictor(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(1, 64, 2, batch_first=True, dropout=0.2)
        self.fc = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, x):
        return self.fc(self.lstm(x)[0][:, -1, :])


results = {}
options = ort.SessionOptions()
options.intra_op_num_threads = threads
options.inter_op_num_threads = 1
for name, model, sample in [("mlp", mnist_mlp(), [1, 28, 28]), ("cnn", cifar_cnn(), [3, 32, 32]), ("lstm", LSTMPredictor(), [50, 1])]:
    model.eval()
    compiled = torch.compile(model)
    session = ort.InferenceSession(os.path.join(folder, name + ".onnx"), options, providers=["CPUExecutionProvider"])
    for batch in (1, 64):
        x = torch.randn([batch] + sample)
        feed = {"input": x.numpy()}
        iters = 200 if batch == 1 else 20
        with torch.no_grad():
            eager = median(lambda: model(x), iters=iters)
            fast = median(lambda: compiled(x), iters=iters)
        ort_time = median(lambda: session.run(None, feed), iters=iters)
        if batch == 1:
            results[f"{name}_eager_b1_us"] = eager * 1e6
            results[f"{name}_compile_b1_us"] = fast * 1e6
            results[f"{name}_ort_b1_us"] = ort_time * 1e6
        else:
            results[f"{name}_eager_b64_samples_s"] = batch / eager
            results[f"{name}_compile_b64_samples_s"] = batch / fast
            results[f"{name}_ort_b64_samples_s"] = batch / ort_time
print(json.dumps(results, indent=2))
