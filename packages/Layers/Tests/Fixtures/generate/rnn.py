"""RNN/LSTM/GRU and cells: torch's init from a seed, keys, reprs, outputs, final states and gradients
(multi-layer, bidirectional, batch_first, dropout in training with a seeded mask stream), and the
guide's LSTMPredictor/GRUPredictor. Run: ~/torchenv/bin/python rnn.py"""
import torch
import torch.nn as nn
from fixturelib import save

cases = {}


def run(name, ctor, x, state=None, train_seed=None):
    torch.manual_seed(0)
    m = ctor()
    cases[name + "_repr"] = repr(m)
    cases[name + "_keys"] = list(m.state_dict().keys())
    cases[name + "_state"] = dict(m.state_dict())
    x = x.clone().requires_grad_()
    if train_seed is not None:
        torch.manual_seed(train_seed)
    else:
        m.eval()
    out, hn = m(x, state) if state is not None else m(x)
    loss = out.pow(2).sum() + (hn[0].sum() + hn[1].sum() if isinstance(hn, tuple) else hn.sum())
    loss.backward()
    cases[name] = {"state": list(state) if isinstance(state, tuple) else ([state] if state is not None else []),
                   "x": x, "out": out, "hn": list(hn) if isinstance(hn, tuple) else [hn], "grad_x": x.grad,
                   "pgrads": {k: p.grad for k, p in m.named_parameters()}}


torch.manual_seed(42)
x = torch.randn(3, 5, 4)
run("lstm_bi", lambda: nn.LSTM(4, 3, num_layers=2, batch_first=True, dropout=0.3, bidirectional=True), x, train_seed=5)
run("lstm_state", lambda: nn.LSTM(4, 3), x, state=(torch.randn(1, 5, 3), torch.randn(1, 5, 3)))
run("gru", lambda: nn.GRU(4, 3, num_layers=2, bidirectional=True), x)
run("rnn_relu", lambda: nn.RNN(4, 3, nonlinearity="relu", batch_first=True, bias=False), x, state=torch.randn(1, 3, 3))
run("lstm_unbatched", lambda: nn.LSTM(4, 2), x[0])
run("lstm_proj", lambda: nn.LSTM(4, 5, num_layers=2, batch_first=True, bidirectional=True, proj_size=2), x)
run("lstm_proj_h0", lambda: nn.LSTM(4, 3, proj_size=1), x, state=(torch.randn(1, 5, 1), torch.randn(1, 5, 3)))

torch.manual_seed(0)
cells = {"lstm_cell": nn.LSTMCell(4, 3), "gru_cell": nn.GRUCell(4, 3), "rnn_cell": nn.RNNCell(4, 3, nonlinearity="relu")}
for k, c in cells.items():
    cases[k + "_state"] = dict(c.state_dict())
    cases[k + "_repr"] = repr(c)
xc = torch.randn(5, 4)
h = torch.randn(5, 3)
cc = torch.randn(5, 3)
cases["cell_x"], cases["cell_h"], cases["cell_c"] = xc, h, cc
cases["lstm_cell_out"] = list(cells["lstm_cell"](xc, (h, cc)))
cases["gru_cell_out"] = cells["gru_cell"](xc, h)
cases["rnn_cell_out"] = cells["rnn_cell"](xc)
# Gradients through the fused cells: of x, h, c and every parameter.
for k in ("lstm_cell", "gru_cell"):
    xg, hg, cg = xc.clone().requires_grad_(), h.clone().requires_grad_(), cc.clone().requires_grad_()
    c = cells[k]
    c.zero_grad()
    if k == "lstm_cell":
        h1, c1 = c(xg, (hg, cg))
        (h1.pow(2).sum() + (c1 * 0.5).sum()).backward()
        cases[k + "_grads"] = {"x": xg.grad, "h": hg.grad, "c": cg.grad}
    else:
        c(xg, hg).pow(2).sum().backward()
        cases[k + "_grads"] = {"x": xg.grad, "h": hg.grad}
    cases[k + "_grads"].update({n: p.grad for n, p in c.named_parameters()})


class LSTMPredictor(nn.Module):
    def __init__(self, input_size=1, hidden_size=64, num_layers=2, output_size=1, dropout=0.2):
        super().__init__()
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.lstm = nn.LSTM(input_size=input_size, hidden_size=hidden_size, num_layers=num_layers, batch_first=True,
                            dropout=dropout if num_layers > 1 else 0, bidirectional=False)
        self.fc = nn.Sequential(nn.Linear(hidden_size, 32), nn.ReLU(), nn.Linear(32, output_size))

    def forward(self, x):
        batch_size = x.size(0)
        h0 = torch.zeros(self.num_layers, batch_size, self.hidden_size)
        c0 = torch.zeros(self.num_layers, batch_size, self.hidden_size)
        out, (hn, cn) = self.lstm(x, (h0, c0))
        return self.fc(out[:, -1, :])


class GRUPredictor(nn.Module):
    def __init__(self, input_size=1, hidden_size=64, num_layers=2):
        super().__init__()
        self.gru = nn.GRU(input_size, hidden_size, num_layers, batch_first=True, dropout=0.2)
        self.fc = nn.Linear(hidden_size, 1)

    def forward(self, x):
        out, _ = self.gru(x)
        return self.fc(out[:, -1, :])


for name, ctor in [("lstm_predictor", LSTMPredictor), ("gru_predictor", GRUPredictor)]:
    torch.manual_seed(0)
    m = ctor()
    cases[name + "_repr"] = repr(m)
    cases[name + "_keys"] = list(m.state_dict().keys())
    cases[name + "_count"] = sum(p.numel() for p in m.parameters())
    xs = torch.sin(torch.linspace(0, 6, 4 * 12)).view(4, 12, 1)
    cases[name + "_x"] = xs
    torch.manual_seed(3)
    y = m(xs)
    cases[name + "_train_y"] = y
    y.sum().backward()
    first = dict(m.named_parameters())
    key = "lstm.weight_hh_l0" if name.startswith("lstm") else "gru.weight_hh_l0"
    cases[name + "_grad_whh0"] = first[key].grad[:4]
    m.eval()
    cases[name + "_eval_y"] = m(xs)

save("rnn", cases)
