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
# Pillow rotate with expand / center / fill (nearest), on a 13x17 random RGB image.
rs = np.random.RandomState(5)
small = Image.fromarray(rs.randint(0, 256, (13, 17, 3), dtype=np.uint8), "RGB")
cases["rotate_input"] = torch.from_numpy(np.array(small).copy())
rot = []
for angle, expand, center, fill in [(30.0, True, None, 0), (90.0, True, None, 0), (270.0, True, None, 0),
                                    (-45.0, False, [3, 4], 0), (90.0, False, [5.5, 2], 0), (120.0, True, None, 9),
                                    (15.0, False, None, 200)]:
    out = F.rotate(small, angle, expand=expand, center=center, fill=[fill] * 3)
    rot.append({"angle": angle, "expand": expand, "center": center, "fill": fill, "out": torch.from_numpy(np.array(out).copy())})
cases["rotations"] = rot
save("transforms_tensor", cases)
