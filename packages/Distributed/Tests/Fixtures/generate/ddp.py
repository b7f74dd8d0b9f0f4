"""Distributed's torch fixtures: DDP's bucket assignment (the C++ reducer's rebuild, which takes the
parameters in the order their gradients became ready — reverse order here — with limits [1 MB, 25 MB])
and a DDP state dict saved by torch (`module.`-prefixed keys) with the outputs of its model.

    ~/torchenv/bin/python packages/Distributed/Tests/Fixtures/generate/ddp.py
"""
import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn

import fixturelib

MB = 1024 * 1024
cases = {}

# Bucket assignment: parameter shapes and dtypes → torch's buckets (lists of parameter indices).
shapes_cases = {
    "mlp": ([(256, 784), (256,), (10, 256), (10,)], ["float32"] * 4),
    "big_first_last": ([(300, 1000), (1000,), (2048, 2048), (2048,), (4096, 1024), (1000, 10)], ["float32"] * 6),
    "many_small": ([(64, 64)] * 40 + [(1024, 1024)] * 30, ["float32"] * 70),
    "mixed_dtypes": ([(512, 512), (512, 512), (300, 300), (700, 700), (10,)],
                     ["float32", "float64", "float32", "float64", "float16"]),
    "exact_limit": ([(262144,), (1,), (1638400,), (5,)], ["float32"] * 4),
}
buckets = {}
for name, (shapes, dtypes) in shapes_cases.items():
    params = [torch.empty(s, dtype=getattr(torch, d)) for s, d in zip(shapes, dtypes)]
    order = list(reversed(range(len(params))))
    indices, _ = dist._compute_bucket_assignment_by_size(
        [params[i] for i in order], [1 * MB, 25 * MB], [False] * len(params), order)
    buckets[name] = {"shapes": [list(s) for s in shapes], "dtypes": dtypes, "buckets": [list(b) for b in indices]}
cases["buckets"] = buckets


class SimpleModel(nn.Module):
    """The guide's section-17 model, narrowed (784→256→10 becomes 12→8→3) so the fixture stays small."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(12, 8), nn.ReLU(), nn.Linear(8, 3))

    def forward(self, x):
        return self.net(x.view(x.size(0), -1))


os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
os.environ.setdefault("MASTER_PORT", "29533")
with tempfile.NamedTemporaryFile() as store:
    dist.init_process_group("gloo", init_method=f"file://{store.name}", rank=0, world_size=1)
    torch.manual_seed(0)
    ddp = nn.parallel.DistributedDataParallel(SimpleModel())
    x = torch.randn(4, 12)
    state = ddp.state_dict()
    torch.save(state, os.path.join(fixturelib.FIXTURES, "ddp_simple_model.pt"))
    cases["state_dict_keys"] = list(state.keys())
    cases["input"] = fixturelib.enc(x)
    cases["output"] = fixturelib.enc(ddp(x).detach())
    dist.destroy_process_group()

fixturelib.save("ddp", cases)
