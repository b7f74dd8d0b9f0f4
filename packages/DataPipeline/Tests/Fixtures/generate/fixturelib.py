"""Shared writer for DataPipeline's PyTorch/torchvision parity fixtures (same JSON layout as TensorCore's:
{"torch_version", "cases": {name: value}}, tensors as {"dtype", "shape", "data": base64 little-endian}).
Run with real torch + torchvision: ~/torchenv/bin/python packages/DataPipeline/Tests/Fixtures/generate/<name>.py
"""
import base64, json, os, sys
import numpy as np
import torch

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
REPO = os.path.abspath(os.path.join(FIXTURES, "..", "..", "..", ".."))

_NAMES = {torch.bool: "bool", torch.uint8: "uint8", torch.int8: "int8", torch.int16: "int16",
          torch.int32: "int32", torch.int64: "int64", torch.float16: "float16",
          torch.float32: "float32", torch.float64: "float64"}


def enc(value):
    if isinstance(value, np.ndarray):
        value = torch.from_numpy(np.ascontiguousarray(value))
    if isinstance(value, torch.Tensor):
        t = value.detach().contiguous().cpu()
        data = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        return {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data": base64.b64encode(data).decode()}
    if isinstance(value, (list, tuple)):
        return [enc(v) for v in value]
    if isinstance(value, dict):
        return {k: enc(v) for k, v in value.items()}
    return value


def save(name, cases):
    path = os.path.join(FIXTURES, name + ".json")
    with open(path, "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": enc(cases)}, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path} ({len(cases)} cases, {os.path.getsize(path)} bytes)", file=sys.stderr)
