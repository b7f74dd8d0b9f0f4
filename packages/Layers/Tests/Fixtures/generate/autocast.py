"""torch.autocast("cpu") op table: the dtype each op returns for float32 inputs inside a bfloat16 and a float16
region (and for float64 or mixed inputs where the policy says something about them), plus the values of the
lower-precision matmul family and convolutions. Run: ~/torchenv/bin/python .../generate/autocast.py"""
import torch
import torch.nn.functional as F
from fixturelib import save

torch.manual_seed(0)
A = torch.randn(4, 5)
B = torch.randn(5, 3)
C = torch.randn(4, 3)
BA = torch.randn(2, 4, 5)
BB = torch.randn(2, 5, 3)
BC = torch.randn(2, 4, 3)
X1 = torch.randn(2, 3, 9)
W1 = torch.randn(4, 3, 3)
X2 = torch.randn(2, 3, 6, 6)
W2 = torch.randn(4, 3, 3, 3)
WT2 = torch.randn(3, 4, 3, 3)
X3 = torch.randn(1, 2, 4, 4, 4)
W3 = torch.randn(3, 2, 2, 2, 2)
BIAS = torch.randn(4)
LW = torch.randn(3, 5)
LB = torch.randn(3)
Q = torch.randn(2, 4, 6)
T = torch.randn(4, 3)
LABELS = torch.tensor([0, 2, 1, 2])
P = torch.rand(4, 3)
SQ = torch.randn(3, 3) + 3 * torch.eye(3)
SPD = SQ @ SQ.t()

OPS = {
    # lower_precision_fp
    "matmul": lambda: A @ B,
    "mm": lambda: torch.mm(A, B),
    "bmm": lambda: torch.bmm(BA, BB),
    "addmm": lambda: torch.addmm(C, A, B),
    "baddbmm": lambda: torch.baddbmm(BC, BA, BB),
    "linear": lambda: F.linear(A, LW, LB),
    "conv1d": lambda: F.conv1d(X1, W1, BIAS),
    "conv2d": lambda: F.conv2d(X2, W2, BIAS, padding=1),
    "conv3d": lambda: F.conv3d(X3, W3),
    "conv_transpose2d": lambda: F.conv_transpose2d(X2, WT2),
    "prelu": lambda: F.prelu(X2, torch.tensor([0.25])),
    "scaled_dot_product_attention": lambda: F.scaled_dot_product_attention(Q, Q, Q),
    # fp32
    "mse_loss": lambda: F.mse_loss(T, C),
    "l1_loss": lambda: F.l1_loss(T, C),
    "smooth_l1_loss": lambda: F.smooth_l1_loss(T, C),
    "huber_loss": lambda: F.huber_loss(T, C),
    "cross_entropy": lambda: F.cross_entropy(T, LABELS),
    "nll_loss": lambda: F.nll_loss(T, LABELS),
    "binary_cross_entropy": lambda: F.binary_cross_entropy(P, P.round()),
    "binary_cross_entropy_with_logits": lambda: F.binary_cross_entropy_with_logits(T, P),
    "kl_div": lambda: F.kl_div(T, P, reduction="batchmean"),
    "avg_pool3d": lambda: F.avg_pool3d(X3, 2),
    "max_pool3d": lambda: F.max_pool3d(X3, 2),
    "adaptive_avg_pool3d": lambda: F.adaptive_avg_pool3d(X3, 1),
    "prod": lambda: T.prod(),
    "trace": lambda: SQ.trace(),
    "inverse": lambda: torch.inverse(SQ),
    "det": lambda: torch.linalg.det(SQ),
    "cholesky": lambda: torch.linalg.cholesky(SPD),
    "vector_norm": lambda: torch.linalg.vector_norm(T),
    # promote
    "cat_mixed": lambda: torch.cat([T.bfloat16(), C]),
    "stack_mixed": lambda: torch.stack([T.bfloat16(), C]),
    "cat_half_pair": lambda: torch.cat([T.half(), C.bfloat16()]),
    "cat_float32": lambda: torch.cat([T, C]),
    "cat_half_then_float32": lambda: torch.cat([T.half(), C]),
    "cat_float64_and_half": lambda: torch.cat([T.double(), C.half()]),
    # not on any list: inputs decide
    "relu": lambda: F.relu(T),
    "softmax": lambda: F.softmax(T, dim=1),
    "layer_norm": lambda: F.layer_norm(T, [3]),
    "sum": lambda: T.sum(),
    "add_after_linear": lambda: F.linear(A, LW) + LB,
    # float64 inputs are never cast
    "matmul_float64": lambda: A.double() @ B.double(),
    "mse_loss_bfloat16_input": lambda: F.mse_loss(T.bfloat16(), C.bfloat16()),
}

cases = {"inputs": {k: v for k, v in globals().items() if isinstance(v, torch.Tensor)}}
table = {}
values = {}
for name, fn in OPS.items():
    row = {"outside": str(fn().dtype).replace("torch.", "")}
    for dtype in [torch.bfloat16, torch.float16]:
        try:
            with torch.autocast("cpu", dtype=dtype):
                out = fn()
        except RuntimeError as e:  # promote's mix of the two half types
            row[str(dtype).replace("torch.", "")] = "error: " + str(e).split("\n")[0]
            continue
        row[str(dtype).replace("torch.", "")] = str(out.dtype).replace("torch.", "")
        if name in ("matmul", "addmm", "linear", "conv2d", "bmm", "conv1d", "mse_loss", "cross_entropy"):
            values[f"{name}_{row[str(dtype).replace('torch.', '')]}"] = out
    table[name] = row

# Recurrent layers: the output dtype of nn.LSTM / nn.GRU under autocast.
torch.manual_seed(1)
lstm, gru = torch.nn.LSTM(5, 4, batch_first=True), torch.nn.GRU(5, 4, batch_first=True)
seq = torch.randn(2, 3, 5)
for name, layer in [("lstm", lstm), ("gru", gru)]:
    row = {"outside": str(layer(seq)[0].dtype).replace("torch.", "")}
    for dtype in [torch.bfloat16, torch.float16]:
        try:
            with torch.autocast("cpu", dtype=dtype):
                row[str(dtype).replace("torch.", "")] = str(layer(seq)[0].dtype).replace("torch.", "")
        except RuntimeError as e:  # oneDNN's float16 LSTM is missing on some CPUs
            row[str(dtype).replace("torch.", "")] = "error: " + str(e).split("\n")[0]
    table[name] = row

# Gradients flow back to float32 parameters in float32 (the cast is recorded).
w = LW.clone().requires_grad_()
with torch.autocast("cpu", dtype=torch.bfloat16):
    y = F.linear(A, w, LB)
    loss = F.mse_loss(y, torch.zeros(4, 3))
loss.backward()
cases["linear_grad"] = {"loss": loss.detach(), "grad": w.grad, "y_dtype": str(y.dtype)}

cases["table"] = table
cases["values"] = values
cases["default_dtype"] = str(torch.get_autocast_dtype("cpu"))
save("autocast", cases)
for k, v in table.items():
    print(k, v)
