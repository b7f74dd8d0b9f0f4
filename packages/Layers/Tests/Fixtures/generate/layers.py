"""Per-layer parity fixtures: same input (and weights) -> torch's output, input gradient and parameter
gradients under a fixed upstream gradient; train and eval where they differ.
Run: ~/torchenv/bin/python layers.py"""
import torch
import torch.nn as nn
import torch.nn.functional as F
from fixturelib import save

cases = {}
torch.manual_seed(0)


def record(name, fn, inputs, module=None):
    """Saves inputs, output, upstream grad, input grads and (module) parameter grads."""
    inputs = [x.detach().clone().requires_grad_(x.is_floating_point()) for x in inputs]
    out = fn(*inputs)
    g = torch.randn_like(out)
    (out * g).sum().backward()
    cases[name] = {
        "inputs": inputs, "out": out, "g": g,
        "grads": [x.grad if x.grad is not None else torch.zeros(0) for x in inputs],
    }
    if module is not None:
        cases[name]["params"] = {k: v for k, v in module.state_dict().items()}
        cases[name]["pgrads"] = {k: p.grad for k, p in module.named_parameters()}


x = torch.randn(3, 7)
x[0, 0] = 0.0
x[0, 1] = 1.0
x[0, 2] = -1.0
x[0, 3] = 6.0
x[0, 4] = 3.0
x[0, 5] = -3.0
for name, fn in [("relu", F.relu), ("relu6", F.relu6), ("leaky_relu", lambda t: F.leaky_relu(t, 0.2)),
                 ("elu", lambda t: F.elu(t, 0.7)), ("selu", F.selu), ("gelu", F.gelu),
                 ("gelu_tanh", lambda t: F.gelu(t, approximate="tanh")), ("silu", F.silu), ("mish", F.mish),
                 ("sigmoid", torch.sigmoid), ("tanh", torch.tanh), ("hardtanh", lambda t: F.hardtanh(t, -0.5, 2.0)),
                 ("hardswish", F.hardswish), ("softplus", lambda t: F.softplus(t, 2.0, 1.5)),
                 ("softmax", lambda t: F.softmax(t, dim=1)), ("log_softmax", lambda t: F.log_softmax(t, dim=0))]:
    record("act_" + name, fn, [x * 3])

prelu = nn.PReLU(3, 0.1)
with torch.no_grad():
    prelu.weight.copy_(torch.tensor([0.1, -0.2, 0.3]))
record("prelu", prelu, [torch.randn(2, 3, 4)], prelu)

ln = nn.LayerNorm([4, 5])
with torch.no_grad():
    ln.weight.normal_()
    ln.bias.normal_()
record("layernorm", ln, [torch.randn(2, 3, 4, 5)], ln)

gn = nn.GroupNorm(2, 4)
with torch.no_grad():
    gn.weight.normal_()
    gn.bias.normal_()
record("groupnorm", gn, [torch.randn(3, 4, 5)], gn)

bn = nn.BatchNorm1d(4)
with torch.no_grad():
    bn.weight.normal_()
    bn.bias.normal_()
init_bn = {k: v.clone() for k, v in bn.state_dict().items()}
record("batchnorm1d_train", bn, [torch.randn(6, 4)], bn)
cases["batchnorm1d_train"]["params"] = init_bn
cases["batchnorm1d_train"]["after"] = {k: v.clone() for k, v in bn.state_dict().items()}
bn.zero_grad()
bn.eval()
record("batchnorm1d_eval", bn, [torch.randn(6, 4)], bn)

bn2 = nn.BatchNorm2d(3, momentum=None)
record("batchnorm2d_cumulative", bn2, [torch.randn(2, 3, 4, 4)], bn2)
cases["batchnorm2d_cumulative"]["params"] = {k: v for k, v in nn.BatchNorm2d(3).state_dict().items()}
cases["batchnorm2d_cumulative"]["after"] = {k: v.clone() for k, v in bn2.state_dict().items()}

inorm = nn.InstanceNorm2d(3, affine=True)
record("instancenorm2d", inorm, [torch.randn(2, 3, 4, 4)], inorm)

torch.manual_seed(5)
emb = nn.Embedding(10, 3, padding_idx=1)
cases["embedding_init"] = emb.weight
idx = torch.tensor([[1, 2, 4], [4, 9, 1]])
out = emb(idx)
g = torch.randn_like(out)
(out * g).sum().backward()
cases["embedding"] = {"idx": idx, "out": out, "g": g, "wgrad": emb.weight.grad}

# losses
inp = torch.randn(4, 5)
tgt = torch.randn(4, 5)
for name, fn in [("mse", lambda a, b: F.mse_loss(a, b)), ("mse_sum", lambda a, b: F.mse_loss(a, b, reduction="sum")),
                 ("mse_none", lambda a, b: F.mse_loss(a, b, reduction="none")), ("l1", F.l1_loss),
                 ("smooth_l1", lambda a, b: F.smooth_l1_loss(a, b, beta=0.5)),
                 ("huber", lambda a, b: F.huber_loss(a, b, delta=0.7))]:
    record("loss_" + name, fn, [inp, tgt])

logits = torch.randn(4, 5)
cls = torch.tensor([1, 0, 4, 2])
w = torch.rand(5) + 0.5


def ce(name, fn):
    a = logits.detach().clone().requires_grad_()
    out = fn(a)
    out.sum().backward() if out.dim() > 0 else out.backward()
    cases[name] = {"out": out, "grad": a.grad}


cases["ce_logits"] = logits
cases["ce_target"] = cls
cases["ce_weight"] = w
ce("ce_plain", lambda a: F.cross_entropy(a, cls))
ce("ce_weight_smooth", lambda a: F.cross_entropy(a, cls, weight=w, label_smoothing=0.1))
ce("ce_ignore_none", lambda a: F.cross_entropy(a, torch.tensor([1, -100, 4, 2]), reduction="none"))
probs = torch.softmax(torch.randn(4, 5), 1)
cases["ce_probs"] = probs
ce("ce_prob_target", lambda a: F.cross_entropy(a, probs))
ce("nll", lambda a: F.nll_loss(F.log_softmax(a, 1), cls, weight=w))
p = torch.rand(4, 5) * 0.98 + 0.01
yb = (torch.rand(4, 5) > 0.5).float()
cases["bce_y"] = yb
record("loss_bce", lambda a: F.binary_cross_entropy(a, yb), [p])
pw = torch.tensor([1.0, 2.0, 0.5, 3.0, 1.0])
cases["bce_pw"] = pw
record("loss_bce_logits", lambda a: F.binary_cross_entropy_with_logits(a, yb, pos_weight=pw), [logits])
lt = torch.softmax(torch.randn(4, 5), 1)
cases["kl_target"] = lt
record("loss_kl", lambda a: F.kl_div(a, lt, reduction="batchmean"), [F.log_softmax(logits, 1)])
x1, x2 = torch.randn(4, 6), torch.randn(4, 6)
yc = torch.tensor([1.0, -1.0, -1.0, 1.0])
cases["cos_y"] = yc
record("loss_cosine", lambda a, b: F.cosine_embedding_loss(a, b, yc, margin=0.1), [x1, x2])
record("loss_margin", lambda a, b: F.margin_ranking_loss(a, b, yc, margin=0.3), [torch.randn(4), torch.randn(4)])
record("loss_triplet", lambda a, b, c: F.triplet_margin_loss(a, b, c, margin=1.5), [x1, x2, torch.randn(4, 6)])

# EmbeddingBag
torch.manual_seed(8)
bag = nn.EmbeddingBag(10, 3, mode="max")
cases["bag_repr"] = repr(bag)
cases["bag_weight"] = bag.weight
bidx = torch.tensor([1, 2, 4, 5, 4, 3, 2, 9])
boff = torch.tensor([0, 3, 5])
bo = bag(bidx, boff)
bg = torch.randn_like(bo)
(bo * bg).sum().backward()
cases["bag"] = {"idx": bidx, "offsets": boff, "out": bo, "g": bg, "wgrad": bag.weight.grad}
# functional helpers and Embedding max_norm
xn = torch.randn(3, 4)
cases["normalize_x"] = xn
record("normalize", lambda t: F.normalize(t, p=3.0, dim=0), [xn])
cases["one_hot"] = F.one_hot(torch.tensor([0, 3, 1]), 5)
torch.manual_seed(11)
embm = nn.Embedding(6, 4, max_norm=1.0)
cases["emb_maxnorm_init"] = embm.weight.detach().clone()
cases["emb_maxnorm_out"] = embm(torch.tensor([[1, 5], [1, 2]]))
cases["emb_maxnorm_after"] = embm.weight.detach().clone()
save("layers", cases)
