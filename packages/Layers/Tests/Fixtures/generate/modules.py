"""Module-system, init and basic-layer fixtures: default initialization from a seed, state-dict keys,
reprs, forward outputs and gradients. Run: ~/torchenv/bin/python modules.py"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F
from fixturelib import save

cases = {}

# Linear's default init (kaiming_uniform_(a=sqrt(5)), bias U(+-1/sqrt(in))) from the default generator.
torch.manual_seed(0)
big = nn.Linear(784, 512)
cases["linear784_weight_sum"] = big.weight.double().sum().item()
cases["linear784_weight_head"] = big.weight[:3, :6]
cases["linear784_weight_tail"] = big.weight[-2:, -4:]
cases["linear784_bias"] = big.bias[:8]
cases["linear784_repr"] = repr(big)

torch.manual_seed(3)
lin = nn.Linear(5, 4)
x = torch.randn(3, 5, requires_grad=True)
y = lin(x)
(y * torch.arange(12.0).view(3, 4)).sum().backward()
cases["linear_weight"] = lin.weight
cases["linear_bias"] = lin.bias
cases["linear_x"] = x
cases["linear_y"] = y
cases["linear_grad_x"] = x.grad
cases["linear_grad_w"] = lin.weight.grad
cases["linear_grad_b"] = lin.bias.grad
torch.manual_seed(3)
nb = nn.Linear(5, 4, bias=False)
cases["linear_nobias_weight"] = nb.weight
x3 = torch.randn(2, 3, 5)
cases["linear3d_x"] = x3
cases["linear3d_y"] = lin(x3)


class SimpleModel(nn.Module):
    def __init__(self, in_features, hidden_size, out_features):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden_size)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(hidden_size, out_features)
        self.dropout = nn.Dropout(p=0.5)

    def forward(self, x):
        x = self.fc1(x)
        x = self.relu(x)
        x = self.dropout(x)
        x = self.fc2(x)
        return x


torch.manual_seed(0)
m = SimpleModel(784, 256, 10)
cases["simple_repr"] = repr(m)
cases["simple_keys"] = list(m.state_dict().keys())
cases["simple_shapes"] = [list(v.shape) for v in m.state_dict().values()]
cases["simple_count"] = sum(p.numel() for p in m.parameters())
torch.manual_seed(0)
small = SimpleModel(6, 8, 3)
cases["small_state"] = dict(small.state_dict())
xs = torch.randn(4, 6)
cases["small_x"] = xs
small.eval()
cases["small_eval_y"] = small(xs)
small.train()
torch.manual_seed(7)
yt = small(xs)
cases["small_train_y"] = yt

seq = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.3), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
cases["seq_repr"] = repr(seq)
cases["seq_keys"] = list(seq.state_dict().keys())
cases["seq_slice_repr"] = repr(seq[1:4])


class ResidualBlock(nn.Module):
    def __init__(self, num_blocks, hidden_size):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(hidden_size, hidden_size) for _ in range(num_blocks)])
        self.relu = nn.ReLU()

    def forward(self, x):
        for layer in self.layers:
            x = self.relu(layer(x)) + x
        return x


class MultiTaskModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Linear(784, 256)
        self.heads = nn.ModuleDict({'classification': nn.Linear(256, 10), 'regression': nn.Linear(256, 1)})

    def forward(self, x, task='classification'):
        features = torch.relu(self.backbone(x))
        return self.heads[task](features)


torch.manual_seed(0)
rb = ResidualBlock(3, 6)
cases["res_repr"] = repr(rb)
cases["res_state"] = dict(rb.state_dict())
xr = torch.randn(2, 6, requires_grad=True)
yr = rb(xr)
yr.sum().backward()
cases["res_x"] = xr
cases["res_y"] = yr
cases["res_grad_x"] = xr.grad
cases["res_grad_w0"] = rb.layers[0].weight.grad
torch.manual_seed(0)
mt = MultiTaskModel()
cases["mt_repr"] = repr(mt)
cases["mt_keys"] = list(mt.state_dict().keys())
cases["mt_count"] = sum(p.numel() for p in mt.parameters())
xm = torch.randn(2, 784)
cases["mt_x"] = xm
cases["mt_cls"] = mt(xm)
cases["mt_reg"] = mt(xm, 'regression')

# Dropout masks from the default generator.
torch.manual_seed(1)
cases["dropout_y"] = F.dropout(torch.ones(4, 8), 0.3)
torch.manual_seed(2)
cases["dropout2d_y"] = F.dropout2d(torch.ones(2, 5, 2, 2), 0.4)

# init functions
def seeded(fn, shape, seed=0):
    torch.manual_seed(seed)
    t = torch.empty(shape)
    fn(t)
    return t

cases["init_kaiming_uniform"] = seeded(lambda t: nn.init.kaiming_uniform_(t, a=0.1, mode="fan_out", nonlinearity="relu"), (4, 3, 2))
cases["init_kaiming_normal"] = seeded(lambda t: nn.init.kaiming_normal_(t, mode="fan_in", nonlinearity="relu"), (5, 4))
cases["init_xavier_uniform"] = seeded(lambda t: nn.init.xavier_uniform_(t, gain=nn.init.calculate_gain("tanh")), (5, 4))
cases["init_xavier_normal"] = seeded(lambda t: nn.init.xavier_normal_(t), (3, 6))
cases["init_trunc_normal"] = seeded(lambda t: nn.init.trunc_normal_(t, mean=0.5, std=2.0, a=-1.0, b=3.0), (4, 5))
cases["init_trunc_normal_tail"] = seeded(lambda t: nn.init.trunc_normal_(t, a=2.0, b=3.0), (4, 5))
cases["init_orthogonal"] = seeded(lambda t: nn.init.orthogonal_(t), (3, 5))
cases["init_orthogonal_tall"] = seeded(lambda t: nn.init.orthogonal_(t, gain=2.0), (6, 3))
cases["init_uniform"] = seeded(lambda t: nn.init.uniform_(t, -0.5, 0.25), (7,))
cases["init_normal"] = seeded(lambda t: nn.init.normal_(t, 1.0, 0.1), (7,))

save("modules", cases)
