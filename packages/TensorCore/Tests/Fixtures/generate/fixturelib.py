"""The one writer of PyTorch parity fixtures for every package (other packages' generate/fixturelib.py
load this file and only choose their own output folder).

Each fixture file is JSON: {"torch_version": ..., "cases": {name: value}} where a tensor value is
{"dtype": "float32", "shape": [2, 3], "data": base64 of the row-major little-endian bytes} (exact for
every dtype, NaN and inf included) and anything else is plain JSON. Run a generator inside a venv
with torch installed, from any directory: python3 packages/TensorCore/Tests/Fixtures/generate/<name>.py
"""
import base64, json, os, sys
import torch

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
REPO = os.path.abspath(os.path.join(FIXTURES, "..", "..", "..", ".."))

_NAMES = {torch.bool: "bool", torch.uint8: "uint8", torch.int8: "int8", torch.int16: "int16",
          torch.int32: "int32", torch.int64: "int64", torch.float16: "float16",
          torch.bfloat16: "bfloat16", torch.float32: "float32", torch.float64: "float64"}


def enc(value):
    """Encodes tensors and numpy arrays (recursively inside lists, tuples and dicts) for the Swift loader."""
    if type(value).__module__ == "numpy" and hasattr(value, "shape"):
        import numpy as np
        value = torch.from_numpy(np.ascontiguousarray(value))
    if isinstance(value, torch.Tensor):
        t = value.detach().contiguous().cpu()
        raw = t.view(torch.int16) if t.dtype == torch.bfloat16 else t  # numpy has no bfloat16
        data = raw.numpy().astype(raw.numpy().dtype.newbyteorder("<")).tobytes()
        return {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "data": base64.b64encode(data).decode()}
    if isinstance(value, (list, tuple)):
        return [enc(v) for v in value]
    if isinstance(value, dict):
        return {k: enc(v) for k, v in value.items()}
    if isinstance(value, torch.dtype):
        return _NAMES[value]
    return value


def save(name, cases, folder=FIXTURES):
    path = os.path.join(folder, name + ".json")
    with open(path, "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": enc(cases)}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {path} ({len(cases)} cases, {os.path.getsize(path)} bytes)", file=sys.stderr)


def torch_errors(calls):
    """{name: torch's message (first line)} for calls that must raise; a call that does not stops the generator."""
    errors = {}
    for name, fn in calls.items():
        try:
            fn()
            raise SystemExit(f"{name} did not raise")
        except RuntimeError as e:
            errors[name] = str(e).split("\n")[0]
    return errors
