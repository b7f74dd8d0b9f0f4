# PyTorch twin of Benchmarks/DataPipelineBench: torch's DataLoader + torchvision transforms on the same files.
# Usage: python3 datapipeline_bench.py [threads] [repo root]
import gzip, json, os, shutil, sys, tempfile, time
import numpy as np
import torch
from PIL import Image
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader, Dataset

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
torch.set_num_threads(threads)
torch.manual_seed(0)


def throughput(loader, epochs=2):
    best = float("inf")
    for epoch in range(epochs + 1):
        start = time.perf_counter()
        for batch in loader:
            pass
        seconds = time.perf_counter() - start
        if epoch > 0:
            best = min(best, seconds)
    return len(loader.dataset) / best


class CifarRecords(Dataset):
    """The official binary record layout, served like torchvision's CIFAR10 (PIL image + transform)."""

    def __init__(self, path, transform):
        raw = np.fromfile(path, dtype=np.uint8).reshape(-1, 3073)
        self.targets = raw[:, 0].astype(np.int64).tolist()
        self.data = raw[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).copy()
        self.transform = transform

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, i):
        return self.transform(Image.fromarray(self.data[i])), self.targets[i]


if __name__ == "__main__":
    res = {}
    tmp = tempfile.mkdtemp()  # torchvision's MNIST wants the extracted IDX files
    os.makedirs(os.path.join(tmp, "MNIST", "raw"))
    for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]:
        with gzip.open(os.path.join(root, "data", "MNIST", "raw", name + ".gz")) as s, open(os.path.join(tmp, "MNIST", "raw", name), "wb") as d:
            shutil.copyfileobj(s, d)
    mnist = torchvision.datasets.MNIST(tmp, train=True, transform=T.Compose([T.ToTensor(), T.Normalize((0.1307,), (0.3081,))]))
    for workers in (0, 2):
        g = torch.Generator().manual_seed(0)
        res[f"mnist_b64_w{workers}_samples_s"] = throughput(DataLoader(mnist, batch_size=64, shuffle=True, num_workers=workers, generator=g))
    cifar = CifarRecords(os.path.join(root, "data", "cifar10-sample", "data_batch_1_first4000.bin"), T.Compose([
        T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ColorJitter(brightness=0.2, contrast=0.2, saturation=0.2),
        T.ToTensor(), T.Normalize((0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616))]))
    for workers in (0, 2):
        g = torch.Generator().manual_seed(0)
        res[f"cifar_aug_b128_w{workers}_samples_s"] = throughput(DataLoader(cifar, batch_size=128, shuffle=True, num_workers=workers, generator=g), epochs=3)
    shutil.rmtree(tmp)
    print(json.dumps(res, indent=1))
