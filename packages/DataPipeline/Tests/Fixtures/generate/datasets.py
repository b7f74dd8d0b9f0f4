"""What torchvision/PIL/numpy read from the real files: MNIST (data/MNIST/raw), the CIFAR-10 sample
(data/cifar10-sample), the JPEG subset in Fixtures/cifar10-jpeg, and PNGs written here (Fixtures/png).
Optionally (FULL_JPEG=/path/to/cifar10-jpeg/test) per-class checksums of the whole JPEG folder."""
import gzip, os, shutil, sys, tempfile
import numpy as np
import torch
from PIL import Image
import torchvision
import torchvision.transforms as T
from fixturelib import save, FIXTURES, REPO


def checksum(a):
    """sum(byte * (i % 251 + 1)) over the flat HWC bytes, mod 2**64 (the Swift tests compute the same)."""
    flat = np.asarray(a, dtype=np.uint64).ravel()
    weights = (np.arange(flat.size, dtype=np.uint64) % 251) + 1
    return int((flat * weights).sum())  # uint64 arithmetic wraps mod 2**64


cases = {}
# MNIST through torchvision itself (it wants the extracted files, so extract to a temp root).
tmp = tempfile.mkdtemp()
os.makedirs(os.path.join(tmp, "MNIST", "raw"))
for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]:
    with gzip.open(os.path.join(REPO, "data", "MNIST", "raw", name + ".gz")) as src, open(os.path.join(tmp, "MNIST", "raw", name), "wb") as dst:
        shutil.copyfileobj(src, dst)
tf = T.Compose([T.ToTensor(), T.Normalize((0.1307,), (0.3081,))])
for train in [True, False]:
    ds = torchvision.datasets.MNIST(tmp, train=train, transform=tf)
    key = "mnist_train" if train else "mnist_test"
    x = ds.data.double() / 255
    cases[key] = {"count": len(ds), "histogram": torch.bincount(ds.targets, minlength=10).tolist(),
                  "first_targets": ds.targets[:20].tolist(), "mean": x.mean().item(), "std": x.std().item(),
                  "first_samples": torch.stack([ds[i][0] for i in range(2)]),
                  "checksum": checksum(ds.data.numpy())}
shutil.rmtree(tmp)

# CIFAR-10 sample: the official binary record layout, read with numpy; images as torchvision's PIL path.
for name in ["data_batch_1_first4000.bin", "test_batch_first1000.bin"]:
    raw = np.fromfile(os.path.join(REPO, "data", "cifar10-sample", name), dtype=np.uint8).reshape(-1, 3073)
    labels = raw[:, 0].astype(np.int64)
    hwc = raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    cases[name] = {"count": len(labels), "histogram": np.bincount(labels, minlength=10).tolist(),
                   "first_targets": labels[:20].tolist(), "checksum": checksum(hwc),
                   "first_sample": T.ToTensor()(Image.fromarray(hwc[0]))}

# JPEG subset: PIL's decode of each file, in ImageFolder order.
jpeg_root = os.path.join(FIXTURES, "cifar10-jpeg")
folder = torchvision.datasets.ImageFolder(jpeg_root)
cases["jpeg_classes"] = folder.classes
cases["jpeg_samples"] = [[os.path.relpath(p, jpeg_root), t] for p, t in folder.samples]
decoded = [np.array(Image.open(p).convert("RGB")) for p, _ in folder.samples]
cases["jpeg_checksums"] = [checksum(a) for a in decoded]
cases["jpeg_first"] = torch.from_numpy(decoded[0])
cases["jpeg_loader_first_batch"] = next(iter(torch.utils.data.DataLoader(
    torchvision.datasets.ImageFolder(jpeg_root, transform=T.Compose([T.Resize(16), T.ToTensor()])), batch_size=4)))[0]

# PNGs in the modes PIL writes, and what PIL reads back (converted like ImageFolder's loader).
png_dir = os.path.join(FIXTURES, "png")
os.makedirs(png_dir, exist_ok=True)
rs = np.random.RandomState(1)
rgb = rs.randint(0, 256, (7, 9, 3), dtype=np.uint8)
variants = {
    "gray.png": Image.fromarray(rgb[:, :, 0], "L"),
    "rgb.png": Image.fromarray(rgb, "RGB"),
    "rgba.png": Image.fromarray(np.dstack([rgb, rgb[:, :, :1]]), "RGBA"),
    "palette.png": Image.fromarray(rgb, "RGB").quantize(16),
}
pngs = {}
for name, img in variants.items():
    path = os.path.join(png_dir, name)
    img.save(path)
    back = Image.open(path)
    pngs[name] = {"mode": back.mode, "rgb": torch.from_numpy(np.array(back.convert("RGB"))),
                  "native": torch.from_numpy(np.array(back.convert("RGBA" if back.mode == "RGBA" else ("L" if back.mode == "L" else "RGB"))))}
cases["png"] = pngs

full = os.environ.get("FULL_JPEG")
if full:
    ds = torchvision.datasets.ImageFolder(full)
    per_class = [0] * len(ds.classes)
    counts = [0] * len(ds.classes)
    for p, t in ds.samples:
        per_class[t] = (per_class[t] + checksum(np.array(Image.open(p).convert("RGB")))) % (2**64)
        counts[t] += 1
    cases["full_jpeg"] = {"classes": ds.classes, "counts": counts, "checksums": [str(c) for c in per_class]}
save("datasets", cases)
