# PyTorch twin of Benchmarks/VisionModelsBench: torchvision's resnet50 and vit_b_16 inference at batch 1 (ms) and
# 32 (images/s), efficientnet_b0 inference at batch 32, a resnet18 training step at batch 32 (SGD, momentum 0.9),
# all at 224x224; on stderr, where each inference spends its time by layer kind (forward hooks on
# leaf modules, attention counted as one).  Usage: python3 visionmodels_bench.py [threads]
import json, sys, time

import torch
import torch.nn as nn
import torchvision

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
torch.set_num_threads(threads)
torch.manual_seed(0)


def median(fn, warm=2, iters=5):
    for _ in range(warm):
        fn()
    ts = []
    for _ in range(iters):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    ts.sort()
    return ts[len(ts) // 2]


def kind(m):
    if isinstance(m, nn.Conv2d):
        if m.groups > 1 and m.groups == m.in_channels:
            return "depthwise conv"
        return "1x1 conv" if m.kernel_size == (1, 1) else "kxk conv"
    for cls, name in [(nn.BatchNorm2d, "batchnorm"), (nn.LayerNorm, "layernorm"), (nn.Linear, "linear"),
                      (nn.MultiheadAttention, "attention"), ((nn.MaxPool2d, nn.AdaptiveAvgPool2d), "pooling"),
                      ((nn.ReLU, nn.SiLU, nn.Hardswish, nn.Hardsigmoid, nn.GELU, nn.Sigmoid), "activation")]:
        if isinstance(m, cls):
            return name
    return None


def layer_times(name, model, x):
    totals, started, handles = {}, {}, []
    attention = {id(s) for m in model.modules() if isinstance(m, nn.MultiheadAttention) for s in list(m.modules())[1:]}
    for m in model.modules():
        k = kind(m)
        if k is None or k == "attention" or id(m) in attention:  # attention's core is the rest, as in Swift
            continue
        handles.append(m.register_forward_pre_hook(lambda mod, inp: started.__setitem__(id(mod), time.perf_counter())))
        handles.append(m.register_forward_hook(
            lambda mod, inp, out, k=k: totals.__setitem__(k, totals.get(k, 0) + time.perf_counter() - started[id(mod)])))
    t = time.perf_counter()
    with torch.no_grad():
        model(x)
    total = time.perf_counter() - t
    for h in handles:
        h.remove()
    totals["rest (attention core, residual adds, glue)"] = total - sum(totals.values())
    lines = [f"  {k:45} {v * 1e3:8.1f} ms  {100 * v / total:5.1f}%" for k, v in sorted(totals.items(), key=lambda kv: -kv[1])]
    print(f"{name} b{x.size(0)} forward {total * 1e3:.1f} ms by layer kind:\n" + "\n".join(lines), file=sys.stderr)


results = {}
for name, batches in [("resnet50", [1, 32]), ("vit_b_16", [1, 32]), ("efficientnet_b0", [32])]:
    model = getattr(torchvision.models, name)().eval()
    for batch in batches:
        x = torch.randn(batch, 3, 224, 224)
        with torch.no_grad():
            seconds = median(lambda: model(x), iters=20 if batch == 1 else 5)
        if batch == 1:
            results[f"{name}_infer_b1_ms"] = seconds * 1e3
        else:
            results[f"{name}_infer_b32_samples_s"] = batch / seconds
        layer_times(name, model, x)

model = torchvision.models.resnet18().train()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
criterion = nn.CrossEntropyLoss()
x, target = torch.randn(32, 3, 224, 224), torch.randint(0, 1000, (32,))


def step():
    optimizer.zero_grad()
    criterion(model(x), target).backward()
    optimizer.step()


results["resnet18_train_b32_samples_s"] = 32 / median(step)
print(json.dumps(results, indent=2))
