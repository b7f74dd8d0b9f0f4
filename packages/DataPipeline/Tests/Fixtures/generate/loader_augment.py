"""Augmented batches from torch's DataLoader, with and without worker processes, on the CIFAR-10 sample:
shuffle order from the loader's generator, transforms from the main generator (0 workers) or from each
worker's generator seeded base_seed + worker_id (2 workers)."""
import os
import numpy as np
import torch
from PIL import Image
import torchvision.transforms as T
from torch.utils.data import DataLoader, Dataset
from fixturelib import save, REPO

raw = np.fromfile(os.path.join(REPO, "data", "cifar10-sample", "test_batch_first1000.bin"), dtype=np.uint8)[: 9 * 3073].reshape(-1, 3073)


class Records(Dataset):
    def __init__(self, transform):
        self.transform = transform

    def __len__(self):
        return len(raw)

    def __getitem__(self, i):
        img = Image.fromarray(raw[i, 1:].reshape(3, 32, 32).transpose(1, 2, 0).copy())
        return self.transform(img), int(raw[i, 0])


transform = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(),
                       T.ColorJitter(brightness=0.2, contrast=0.2, saturation=0.2, hue=0.1), T.PILToTensor()])
cases = {}
if __name__ == "__main__":
    for workers in (0, 2):
        torch.manual_seed(3)
        g = torch.Generator().manual_seed(7)
        batches = list(DataLoader(Records(transform), batch_size=3, shuffle=True, num_workers=workers, generator=g))
        cases[f"workers_{workers}"] = [{"x": x, "y": y} for x, y in batches]
    save("loader_augment", cases)
