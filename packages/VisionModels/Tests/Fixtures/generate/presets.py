"""The weights' preprocessing as torchvision runs it: `ResNet50_Weights.IMAGENET1K_V2.transforms()` (resize 232,
crop 224), `ResNet18_Weights.IMAGENET1K_V1.transforms()` (256, 224), `EfficientNet_B0_Weights.IMAGENET1K_V1.transforms()`
(256, 224, bicubic) and `ViT_B_16_Weights.IMAGENET1K_SWAG_E2E_V1.transforms()` (bicubic 384, crop 384) on a
bundled CIFAR-10 JPEG through PIL,
stored as checksums and a few rows (presets.json).

    ~/torchenv/bin/python packages/VisionModels/Tests/Fixtures/generate/presets.py
"""
import os

import torch
import torchvision.models as models
from PIL import Image

from fixturelib import REPO, save


def main():
    path = os.path.join(REPO, "data", "cifar10-jpeg-sample", "test", "bird", "0003.jpg")
    image = Image.open(path).convert("RGB")
    cases = {"image": "data/cifar10-jpeg-sample/test/bird/0003.jpg"}
    for name, weights in [("resnet50_v2", models.ResNet50_Weights.IMAGENET1K_V2),
                          ("resnet18_v1", models.ResNet18_Weights.IMAGENET1K_V1),
                          ("efficientnet_b0_v1", models.EfficientNet_B0_Weights.IMAGENET1K_V1),
                          ("vit_b_16_swag_e2e", models.ViT_B_16_Weights.IMAGENET1K_SWAG_E2E_V1)]:
        out = weights.transforms()(image)
        d = out.double()
        cases[name] = {"shape": list(out.shape), "sum": d.sum().item(), "sum_of_squares": (d * d).sum().item(),
                       "row": out[:, 100, 50:60]}
    save("presets", cases)


if __name__ == "__main__":
    main()
