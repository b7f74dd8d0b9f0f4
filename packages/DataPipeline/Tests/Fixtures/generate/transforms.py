"""torchvision.transforms on PIL images (and a few on tensors): deterministic ops with fixed parameters,
random ones after torch.manual_seed(s) (DataGenerator(seed: s) reproduces torch's default generator)."""
import os
import numpy as np
import torch
from PIL import Image
import torchvision.transforms as T
import torchvision.transforms.functional as F
from fixturelib import save, FIXTURES

rs = np.random.RandomState(0)
imgs = {
    "a": Image.open(os.path.join(FIXTURES, "cifar10-jpeg", "cat", "0000.jpg")).convert("RGB"),
    "b": Image.fromarray(rs.randint(0, 256, (13, 17, 3), dtype=np.uint8), "RGB"),
    "l": Image.fromarray(rs.randint(0, 256, (9, 11), dtype=np.uint8), "L"),
}
yy, xx = np.mgrid[0:48, 0:64]
big = np.stack([xx * 4, yy * 5, (xx + yy) * 2], -1) + rs.randint(0, 40, (48, 64, 3))
imgs["big"] = Image.fromarray(np.clip(big, 0, 255).astype(np.uint8), "RGB")

def u8(img):
    return torch.from_numpy(np.array(img).copy())  # HWC (or HW) uint8, the way Image stores pixels

cases = {f"input_{k}": u8(v) for k, v in imgs.items()}
cases["to_tensor_l"] = T.ToTensor()(imgs["l"])
cases["normalize_a"] = T.Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616))(T.ToTensor()(imgs["a"]))

ops = []
def op(name, image, fn, **params):
    out = fn(imgs[image])
    ops.append({"op": name, "image": image, "params": params, "out": u8(out)})

for size in [20, 60, 7]:
    op("resize", "big", T.Resize(size), size=[size])
op("resize", "big", T.Resize((17, 31)), size=[17, 31])
op("resize", "big", T.Resize((48, 20)), size=[48, 20])
op("resize", "b", T.Resize((7, 5)), size=[7, 5])
op("resize", "b", T.Resize((40, 9)), size=[40, 9])
op("resize", "l", T.Resize((20, 3)), size=[20, 3])
op("resize", "a", T.Resize(45), size=[45])
op("resize", "a", T.Resize(12), size=[12])
for size in [(20,), (17, 31), (60,), (5, 7)]:
    op("resize_nearest", "big", T.Resize(size if len(size) == 2 else size[0], interpolation=T.InterpolationMode.NEAREST), size=list(size))
op("resize_nearest", "b", T.Resize((40, 9), interpolation=T.InterpolationMode.NEAREST), size=[40, 9])
for size in [(20,), (17, 31), (60,)]:
    op("resize_bicubic", "big", T.Resize(size if len(size) == 2 else size[0], interpolation=T.InterpolationMode.BICUBIC), size=list(size))
op("resize_bicubic", "b", T.Resize((40, 9), interpolation=T.InterpolationMode.BICUBIC), size=[40, 9])
for size in [(8, 8), (10, 5), (20, 20), (13, 4), (31, 31)]:
    for name in ["b", "a"]:
        op("center_crop", name, T.CenterCrop(size), size=list(size))
for mode in ["constant", "edge", "reflect", "symmetric"]:
    op("pad", "b", T.Pad(3, fill=7, padding_mode=mode), padding=[3, 3, 3, 3], mode=mode, fill=7)
    op("pad", "l", T.Pad((1, 2, 3, 4), padding_mode=mode), padding=[1, 2, 3, 4], mode=mode, fill=0)
for name in ["a", "b", "l"]:
    for f in ([0.5, 1.3] if name == "a" else [0.0, 0.5, 1.3, 2.0]):
        op("brightness", name, lambda i: F.adjust_brightness(i, f), factor=f)
        op("contrast", name, lambda i: F.adjust_contrast(i, f), factor=f)
        op("saturation", name, lambda i: F.adjust_saturation(i, f), factor=f)
    for h in ([-0.2, 0.37] if name == "a" else [-0.5, -0.2, 0.1, 0.37, 0.5]):
        op("hue", name, lambda i: F.adjust_hue(i, h), factor=h)
    op("grayscale", name, T.Grayscale(1), channels=1)
    op("grayscale", name, T.Grayscale(3), channels=3)
    if name != "a":
        op("hflip", name, F.hflip)
        op("vflip", name, F.vflip)
for angle in [30.0, -45.0, 90.0, 180.0, 270.0, 12.5, 400.0]:
    if angle in (30.0, 90.0, 12.5):
        op("rotate", "a", lambda i: F.rotate(i, angle), angle=angle)
    op("rotate", "b", lambda i: F.rotate(i, angle), angle=angle)

def seeded(name, image, transform, seed, **params):
    torch.manual_seed(seed)
    op(name, image, transform, seed=seed, **params)

for seed in range(3):
    seeded("cifar_train", "a", T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(),
                                          T.ColorJitter(brightness=0.2, contrast=0.2, saturation=0.2, hue=0.1)]), seed)
    seeded("random_resized_crop", "big", T.RandomResizedCrop(24), seed)
    seeded("random_rotation", "b", T.RandomRotation(30), seed)
    seeded("random_vflip", "b", T.RandomVerticalFlip(), seed)
    seeded("random_crop_reflect", "b", T.RandomCrop((20, 12), pad_if_needed=True, padding_mode="reflect"), seed)
cases["ops"] = ops

# Tensor inputs: torchvision's tensor kernels (float, antialiased bilinear), compared with a tolerance.
ta = T.ToTensor()(imgs["big"])[:, :24, :32].contiguous()
cases["tensor_big"] = ta
cases["tensor_resize_20"] = T.Resize(20, antialias=True)(ta)
cases["tensor_resize_17_31"] = T.Resize((17, 31), antialias=True)(ta)
cases["tensor_resize_up_30"] = T.Resize(30, antialias=True)(ta)
cases["tensor_resize_nearest_17_31"] = T.Resize((17, 31), interpolation=T.InterpolationMode.NEAREST)(ta)
cases["tensor_resize_bicubic_20"] = T.Resize(20, interpolation=T.InterpolationMode.BICUBIC, antialias=True)(ta)
cases["tensor_resize_bicubic_up_30"] = T.Resize(30, interpolation=T.InterpolationMode.BICUBIC, antialias=True)(ta)
cases["tensor_center_crop_20"] = T.CenterCrop(20)(ta)
cases["tensor_pad_reflect"] = T.Pad(2, padding_mode="reflect")(ta[:, :8, :8])
save("transforms", cases)
