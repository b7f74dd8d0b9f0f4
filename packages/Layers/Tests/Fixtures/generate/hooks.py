"""Module hooks: forward pre-hooks and forward hooks that replace input/output, full backward hooks (what
grad_input/grad_output they see, replacing grad_input), backward pre-hooks, removal, and deepcopy.
Run: ~/torchenv/bin/python hooks.py"""
import copy
import torch
import torch.nn as nn
from fixturelib import save

cases = {}
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 3), nn.Tanh(), nn.Linear(3, 2))
cases["state"] = dict(model.state_dict())
x = torch.randn(5, 4)
cases["x"] = x
seen = {}


def pre(m, args):
    seen["pre_in"] = args[0]
    return args[0] * 2


def fwd(m, args, out):
    seen["fwd_in"], seen["fwd_out"] = args[0], out
    return out + 1


def bwd(m, gi, go):
    seen["gi"], seen["go"] = gi[0], go[0]
    return (gi[0] * 3,)


def bpre(m, go):
    seen["bpre_go"] = go[0]
    return (go[0] * 0.5,)


hs = [model[0].register_forward_pre_hook(pre), model[1].register_forward_hook(fwd),
      model[1].register_full_backward_hook(bwd), model[2].register_full_backward_pre_hook(bpre)]
xg = x.clone().requires_grad_()
y = model(xg)
y.pow(2).sum().backward()
cases["hooked_out"] = y
cases["hooked_grad_x"] = xg.grad
cases["hooked_grad_w0"] = model[0].weight.grad
for k, v in seen.items():
    cases["seen_" + k] = v
# a full backward hook on a module whose input needs no grad fires with grad_input (None,)
lin = model[0]
lin.zero_grad()
seen.clear()
h = lin.register_full_backward_hook(lambda m, gi, go: seen.update(gi_none=gi[0] is None, go0=go[0]))
lin(x).sum().backward()
cases["noinput_gi_is_none"] = seen["gi_none"]
cases["noinput_go"] = seen["go0"]
h.remove()
for hh in hs:
    hh.remove()
model.zero_grad()
cases["plain_out"] = model(x)

# deepcopy: same values, independent parameters, hooks copied
torch.manual_seed(1)
net = nn.Sequential(nn.Conv2d(2, 3, 3), nn.BatchNorm2d(3), nn.ReLU(), nn.Flatten(), nn.Linear(12, 2))
net[1].register_forward_hook(lambda m, a, o: o * 2)
dup = copy.deepcopy(net)
xi = torch.randn(2, 2, 4, 4)
cases["dc_x"] = xi
cases["dc_state"] = dict(net.state_dict())
out = dup(xi)
cases["dc_out"] = out
out.sum().backward()
cases["dc_grad_w"] = dup[0].weight.grad
cases["dc_running_mean"] = dup[1].running_mean
save("hooks", cases)
