"""ONNX files written by torch.onnx.export (the TorchScript exporter, as the guide's section 16 calls it:
opset 17, named input/output, dynamic batch) for small versions of the guide's models, with inputs at batch
1 and 7 and torch's outputs. The Swift tests load each file with OnnxModule and compare.

    ~/torchenv/bin/pip install onnx onnxscript   # torch.onnx needs them
    ~/torchenv/bin/python packages/Export/Tests/Fixtures/generate/torch_onnx.py
"""
import os

import torch
import torch.nn as nn

from fixturelib import FIXTURES, save


class SimpleNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(10, 5)

    def forward(self, x):
        return torch.relu(self.fc(x))


def mlp():
    return nn.Sequential(nn.Linear(20, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 3))


def cnn():
    return nn.Sequential(
        nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(4, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(8 * 3 * 3, 10))


MODELS = {"simplenet": (SimpleNet, [10]), "mlp": (mlp, [20]), "cnn": (cnn, [1, 12, 12])}


def main():
    torch.manual_seed(0)
    cases = {}
    for name, (make, sample) in MODELS.items():
        model = make()
        model.train()
        with torch.no_grad():  # running statistics that are not the initial 0/1
            for _ in range(3):
                model(torch.randn([8] + sample))
        model.eval()
        path = os.path.join(FIXTURES, f"torch_{name}.onnx")
        torch.onnx.export(
            model, torch.randn([1] + sample), path, export_params=True, opset_version=17, input_names=["input"],
            output_names=["output"], dynamic_axes={"input": {0: "batch_size"}, "output": {0: "batch_size"}}, dynamo=False)
        for batch in (1, 7):
            x = torch.randn([batch] + sample)
            with torch.no_grad():
                cases[f"{name}_{batch}_input"] = x
                cases[f"{name}_{batch}_output"] = model(x)
    save("torch_onnx", cases)


if __name__ == "__main__":
    main()
