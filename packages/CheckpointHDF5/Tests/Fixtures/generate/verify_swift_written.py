"""Checks that files swift-torch writes load in real PyTorch (and safetensors / h5py).

Builds nothing itself: run `swift build` first, then, in a venv with torch, safetensors and h5py:
    python3 packages/CheckpointHDF5/Tests/Fixtures/generate/verify_swift_written.py
For every torch-written fixture it runs `.build/debug/convert-checkpoint` to .pt (directly and via
.h5 and .safetensors), loads the result with torch.load(weights_only=True) and compares with torch's
own load of the fixture: keys, order, dtypes, values, storage sharing. The report is written to
Tests/Fixtures/torch_verification.txt (committed).
"""
import os, subprocess, sys, tempfile
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..")
ROOT = os.path.abspath(os.path.join(HERE, "../../../../.."))
TOOL = os.path.join(ROOT, ".build/debug/convert-checkpoint")


def same(a, b, path=""):
    if isinstance(a, torch.Tensor):
        assert isinstance(b, torch.Tensor), path
        assert a.dtype == b.dtype and a.shape == b.shape, f"{path}: {a.dtype}{tuple(a.shape)} vs {b.dtype}{tuple(b.shape)}"
        assert torch.equal(a.view(torch.int16) if a.dtype == torch.bfloat16 else a,
                           b.view(torch.int16) if b.dtype == torch.bfloat16 else b) or \
            (a.is_floating_point() and torch.equal(a.isnan(), b.isnan()) and torch.equal(a.nan_to_num(), b.nan_to_num())), path
    elif isinstance(a, dict):
        assert isinstance(b, dict) and list(a.keys()) == list(b.keys()), f"{path}: keys {list(a)[:5]} vs {list(b)[:5]}"
        for k in a:
            same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, (list, tuple)):
        assert type(a) == type(b) and len(a) == len(b), f"{path}: {type(a)} vs {type(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    else:
        assert type(a) == type(b) and (a == b or a != a), f"{path}: {a!r} vs {b!r}"


def convert(src, dst):
    subprocess.run([TOOL, src, dst], check=True, capture_output=True)


def main():
    lines = [f"torch {torch.__version__}; files written by convert-checkpoint, loaded with torch.load(weights_only=True)"]
    tmp = tempfile.mkdtemp()
    for name in ["mlp_state_dict", "cnn_small_state_dict", "checkpoint_ep50", "every_dtype"]:
        src = os.path.join(FIX, name + ".pt")
        expected = torch.load(src, weights_only=True)
        routes = [["pt"], ["h5", "pt"]]
        if name.endswith("state_dict"):
            routes.append(["safetensors", "pt"])
        for route in routes:
            current = src
            for i, ext in enumerate(route):
                nxt = os.path.join(tmp, f"{name}_{'_'.join(route)}_{i}.{ext}")
                convert(current, nxt)
                current = nxt
            try:
                got = torch.load(current, weights_only=True)
                same(expected, got, name)
                if name == "every_dtype" and route == ["pt"]:  # HDF5 stores each view as its own dataset
                    t = got["tensors"]
                    assert t["shared.base"].untyped_storage().data_ptr() == t["shared.transposed"].untyped_storage().data_ptr(), "views lost sharing"
                result = "OK"
            except Exception as e:  # report, don't hide
                result = f"FAILED: {e}"
            lines.append(f"{name}.pt -> {' -> '.join('.' + r for r in route)}: {result}")
    try:
        import h5py
        convert(os.path.join(FIX, "checkpoint_ep50.pt"), os.path.join(tmp, "c.h5"))
        with h5py.File(os.path.join(tmp, "c.h5")) as f:
            ok = f.attrs["epoch"] == 50 and f["model_state_dict"]["weight"].shape == (5, 10)
        lines.append(f"h5py {h5py.__version__} reads checkpoint_ep50.h5: {'OK' if ok else 'FAILED'}")
    except ImportError:
        lines.append("h5py not installed: skipped")
    try:
        from safetensors.torch import load_file
        convert(os.path.join(FIX, "mlp_state_dict.pt"), os.path.join(tmp, "m.safetensors"))
        got = load_file(os.path.join(tmp, "m.safetensors"))
        exp = torch.load(os.path.join(FIX, "mlp_state_dict.pt"), weights_only=True)
        same(dict(exp), {k: got[k] for k in exp})
        lines.append("safetensors.torch.load_file reads mlp_state_dict.safetensors: OK")
    except ImportError:
        lines.append("safetensors not installed: skipped")
    report = "\n".join(lines) + "\n"
    with open(os.path.join(FIX, "torch_verification.txt"), "w") as f:
        f.write(report)
    print(report)
    return 0 if "FAILED" not in report else 1


if __name__ == "__main__":
    sys.exit(main())
