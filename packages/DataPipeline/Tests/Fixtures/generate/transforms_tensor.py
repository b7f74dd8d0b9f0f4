"""torchvision's tensor colour kernels on a float image (a 16x16 crop of a real CIFAR JPEG)."""
import os
import numpy as np
import torch
from PIL import Image
import torchvision.transforms as T
import torchvision.transforms.functional as F
from fixturelib import save, FIXTURES

img = Image.open(os.path.join(FIXTURES, "cifar10-jpeg", "cat", "0000.jpg")).convert("RGB")
x = T.ToTensor()(img)[:, 8:24, 8:24].contiguous()
cases = {"input": x}
for f in [0.0, 0.6, 1.4]:
    cases[f"brightness_{f}"] = F.adjust_brightness(x, f)
    cases[f"contrast_{f}"] = F.adjust_contrast(x, f)
    cases[f"saturation_{f}"] = F.adjust_saturation(x, f)
for h in [-0.5, -0.15, 0.3]:
    cases[f"hue_{h}"] = F.adjust_hue(x, h)
cases["grayscale_1"] = T.Grayscale(1)(x)
cases["grayscale_3"] = T.Grayscale(3)(x)
torch.manual_seed(4)
cases["jitter_seed4"] = T.ColorJitter(0.3, 0.3, 0.3, 0.2)(x)
big = T.ToTensor()(img)
cases["big"] = big
cases["resize_noaa_12"] = T.Resize(12, antialias=False)(big)
cases["resize_noaa_up_45_40"] = T.Resize((45, 40), antialias=False)(big)
save("transforms_tensor", cases)
