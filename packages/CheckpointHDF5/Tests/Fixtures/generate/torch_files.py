"""Writes CheckpointHDF5's .pt / .safetensors fixtures with real torch, plus expected.json.

Run inside a venv with torch, safetensors (and h5py for verify_swift_written.py):
    python3 packages/CheckpointHDF5/Tests/Fixtures/generate/torch_files.py
expected.json uses TensorCore's fixturelib tensor encoding ({"dtype", "shape", "data": base64});
the two larger state dicts (MLP, CNN) are described per key by dtype, shape and the CRC-32 of
their little-endian bytes instead, to keep the JSON small.
"""
import base64, collections, json, os, sys, zlib
import torch, torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..")
sys.path.insert(0, os.path.join(HERE, "../../../../TensorCore/Tests/Fixtures/generate"))
from fixturelib import enc, _NAMES  # noqa: E402

torch.manual_seed(0)


def mlp():  # the guide's section 6 MNIST MLP
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 512), nn.BatchNorm1d(512), nn.ReLU(), nn.Dropout(0.3),
                         nn.Linear(512, 256), nn.BatchNorm1d(256), nn.ReLU(), nn.Dropout(0.2), nn.Linear(256, 10))


class CNN(nn.Module):  # the guide's section 7 VGG-style CNN, widths divided by 16 (same keys)
    def __init__(self, w=(4, 8, 16), hidden=(64, 32), num_classes=10):
        super().__init__()
        def block(i, o):
            return [nn.Conv2d(i, o, 3, padding=1), nn.BatchNorm2d(o), nn.ReLU(inplace=True)]
        self.features = nn.Sequential(*block(3, w[0]), *block(w[0], w[0]), nn.MaxPool2d(2, 2), nn.Dropout2d(0.1),
                                      *block(w[0], w[1]), *block(w[1], w[1]), nn.MaxPool2d(2, 2), nn.Dropout2d(0.2),
                                      *block(w[1], w[2]), *block(w[2], w[2]), nn.MaxPool2d(2, 2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(w[2] * 16, hidden[0]), nn.ReLU(inplace=True), nn.Dropout(0.5),
                                        nn.Linear(hidden[0], hidden[1]), nn.ReLU(inplace=True), nn.Dropout(0.3),
                                        nn.Linear(hidden[1], num_classes))

    def forward(self, x):
        return self.classifier(self.features(x))


def train_a_little(model, shape, steps=3):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(steps):
        x = torch.randn(*shape); y = torch.randint(0, 10, (shape[0],))
        opt.zero_grad(); nn.functional.cross_entropy(model(x), y).backward(); opt.step()
    return opt


def crc_record(t):
    t = t.detach().contiguous()
    raw = t.view(torch.int16) if t.dtype == torch.bfloat16 else t
    return {"dtype": _NAMES[t.dtype], "shape": list(t.shape), "crc32": zlib.crc32(raw.numpy().tobytes())}


def every_dtype():
    base = torch.arange(12, dtype=torch.float64).reshape(3, 4) - 5.5
    d = collections.OrderedDict()
    for dt in [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64,
               torch.float16, torch.bfloat16, torch.float32, torch.float64]:
        d[_NAMES[dt]] = (base > 0) if dt == torch.bool else base.to(dt)
    d["special"] = torch.tensor([float("nan"), float("inf"), -float("inf"), -0.0, 1e-45, 3.4e38])
    d["scalar0d"] = torch.tensor(7.25, dtype=torch.float64)
    d["int0d"] = torch.tensor(-3)
    d["empty"] = torch.zeros(0, 3, dtype=torch.float16)
    d["empty_bool"] = torch.zeros(0, dtype=torch.bool)
    shared = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    d["shared.base"] = shared
    d["shared.transposed"] = shared.t()
    d["shared.slice"] = shared[1:, ::2]
    d["shared.row"] = shared[2]
    return d


def main():
    expected = {}
    m = mlp()
    train_a_little(m, (16, 1, 28, 28))
    sd = m.state_dict()
    torch.save(sd, os.path.join(OUT, "mlp_state_dict.pt"))
    expected["mlp_state_dict"] = {k: crc_record(v) for k, v in sd.items()}

    c = CNN()
    train_a_little(c, (4, 3, 32, 32), steps=2)
    csd = c.state_dict()
    torch.save(csd, os.path.join(OUT, "cnn_small_state_dict.pt"))
    expected["cnn_small_state_dict"] = {k: crc_record(v) for k, v in csd.items()}

    # The guide's section 15 checkpoint: Linear(10, 5), Adam, CosineAnnealingLR(T_max=100).
    model = nn.Linear(10, 5)
    opt = torch.optim.Adam(model.parameters())
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=100)
    for _ in range(3):
        opt.zero_grad(); model(torch.randn(4, 10)).pow(2).mean().backward(); opt.step(); sched.step()
    ckpt = {"epoch": 50, "model_state_dict": model.state_dict(), "optimizer_state_dict": opt.state_dict(),
            "scheduler_state_dict": sched.state_dict(), "loss": 0.25}
    torch.save(ckpt, os.path.join(OUT, "checkpoint_ep50.pt"))
    expected["checkpoint_ep50"] = ckpt

    d = every_dtype()
    extras = {"tensors": d, "nested": {"list": [1, 2.5, "three", None, True, [False]], "tuple": (1, (2, 3)),
              "none": None, "big": 2 ** 40, "negative": -123456789, "text": "héllo/wörld", "empty_list": [],
              "empty_dict": {}, 7: "int key"}}
    torch.save(extras, os.path.join(OUT, "every_dtype.pt"))
    expected["every_dtype"] = extras

    class Evil:
        def __reduce__(self):
            return (os.system, ("echo pwned",))
    torch.save({"weight": torch.ones(2), "payload": Evil()}, os.path.join(OUT, "forbidden_global.pt"))

    try:
        from safetensors.torch import save_file
        save_file({k: v.contiguous() for k, v in csd.items()}, os.path.join(OUT, "cnn_small.safetensors"), metadata={"format": "pt"})
        plain = {k: v.contiguous() for k, v in d.items() if not k.startswith("shared.")}
        save_file(plain, os.path.join(OUT, "every_dtype.safetensors"))
    except ImportError:
        print("safetensors not installed: skipping .safetensors fixtures", file=sys.stderr)

    def encode_keys(v):  # JSON needs string keys: int keys become "int:<n>"
        if isinstance(v, dict):
            return {(f"int:{k}" if isinstance(k, int) else k): encode_keys(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [encode_keys(x) for x in v]
        return v
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"torch_version": torch.__version__, "cases": enc(encode_keys(expected))}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote fixtures to", os.path.abspath(OUT), file=sys.stderr)


if __name__ == "__main__":
    main()
