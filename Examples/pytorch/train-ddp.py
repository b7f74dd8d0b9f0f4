# Guide §17 (분산 학습(DDP) — DistributedDataParallel). Twin of Examples/TrainDDP: train_ddp.py on the CPU
# with the gloo backend (the guide's nccl needs GPUs), on the MNIST copy bundled in data/. Started as the
# guide starts it, with mp.spawn (--nproc processes), or under torchrun (which sets RANK/WORLD_SIZE).
#   python train-ddp.py [--nproc 2] [--epochs 5] [--batch-size 128] [--limit-train N] [--threads 1]
# The guide's per-process "프로세스 {rank}/{world_size} 시작" line is left out here and in the Swift program:
# the ranks' lines interleave in no fixed order. Prints the guide's `Epoch k: Average Loss = x` from rank 0.
# The tests run both sides on 2 processes and part of the data:
# expected-args: --nproc 2 --epochs 2 --limit-train 1024
import argparse
import gzip
import os
import shutil
import tempfile
import time
from pathlib import Path

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, DistributedSampler, Subset
from torchvision import datasets, transforms

parser = argparse.ArgumentParser()
parser.add_argument("--nproc", type=int, default=2)
parser.add_argument("--epochs", type=int, default=5)
parser.add_argument("--batch-size", type=int, default=128)
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--limit-train", type=int)
parser.add_argument("--data-dir", default=str(Path(__file__).resolve().parents[2] / "data"))
parser.add_argument("--time-steps", type=int, help="print the median step time (ms) over this many steps and stop")
args = parser.parse_args()


class SimpleModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))

    def forward(self, x):
        return self.net(x.view(x.size(0), -1))


def train(rank, world_size, init_method, data_dir):
    torch.set_num_threads(args.threads)
    dist.init_process_group("gloo", init_method=init_method, rank=rank, world_size=world_size)
    torch.manual_seed(args.seed)
    model = SimpleModel()
    ddp_model = DDP(model)
    transform = transforms.Compose([transforms.ToTensor(), transforms.Normalize((0.1307,), (0.3081,))])
    dataset = datasets.MNIST(data_dir, train=True, download=False, transform=transform)
    if args.limit_train:
        dataset = Subset(dataset, range(min(args.limit_train, len(dataset))))
    sampler = DistributedSampler(dataset, num_replicas=world_size, rank=rank, shuffle=True, seed=args.seed)
    loader = DataLoader(dataset, batch_size=args.batch_size, sampler=sampler)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(ddp_model.parameters(), lr=args.lr)
    if args.time_steps:
        batches = [b for _, b in zip(range(args.time_steps), loader)]
        times = []
        for data, target in batches:
            start = time.perf_counter()
            optimizer.zero_grad()
            criterion(ddp_model(data), target).backward()
            optimizer.step()
            times.append(time.perf_counter() - start)
        if rank == 0:
            print(f"step_ms {sorted(times)[len(times) // 2] * 1000:.3f}")
        dist.destroy_process_group()
        return
    for epoch in range(args.epochs):
        sampler.set_epoch(epoch)
        ddp_model.train()
        total_loss = 0.0
        for data, target in loader:
            optimizer.zero_grad()
            output = ddp_model(data)
            loss = criterion(output, target)
            loss.backward()
            optimizer.step()
            total_loss += loss.item()
        if rank == 0:
            print(f"Epoch {epoch+1}: Average Loss = {total_loss / len(loader):.4f}", flush=True)
    dist.destroy_process_group()


def unpacked_mnist(data_dir):
    """torchvision reads raw/ uncompressed; the bundled copy is gzipped (what torchvision downloads)."""
    root = tempfile.mkdtemp()
    os.makedirs(f"{root}/MNIST/raw")
    for name in ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]:
        with gzip.open(f"{data_dir}/MNIST/raw/{name}.gz") as src, open(f"{root}/MNIST/raw/{name}", "wb") as dst:
            shutil.copyfileobj(src, dst)
    return root


if __name__ == "__main__":
    data_dir = unpacked_mnist(args.data_dir)
    if "RANK" in os.environ:  # torchrun
        train(int(os.environ["RANK"]), int(os.environ["WORLD_SIZE"]), "env://", data_dir)
    else:
        mp.spawn(train, args=(args.nproc, f"file://{tempfile.mktemp()}", data_dir), nprocs=args.nproc, join=True)
