"""Attention: scaled_dot_product_attention, MultiheadAttention (masks, weights), Transformer encoder and
decoder layers/stacks built from a seed (so torch's init must be reproduced), and the guide's hand-written
MultiHeadAttention / TransformerEncoderLayer / PositionalEncoding. Run: ~/torchenv/bin/python attention.py"""
import math
import torch
import torch.nn as nn
import torch.nn.functional as F
from fixturelib import save

cases = {}
torch.manual_seed(0)
q, k, v = torch.randn(2, 3, 4, 5), torch.randn(2, 3, 6, 5), torch.randn(2, 3, 6, 5)
bmask = torch.rand(4, 6) > 0.3
bmask[:, 0] = True
cases["sdpa_qkv"] = [q, k, v]
cases["sdpa_bmask"] = bmask
qs = [t.clone().requires_grad_() for t in (q, k, v)]
o = F.scaled_dot_product_attention(*qs, attn_mask=bmask)
o.pow(2).sum().backward()
cases["sdpa_mask_out"] = o
cases["sdpa_mask_grads"] = [t.grad for t in qs]
cases["sdpa_causal_out"] = F.scaled_dot_product_attention(q, k, v, is_causal=True, scale=0.3)

torch.manual_seed(1)
mha = nn.MultiheadAttention(8, 2)
cases["mha_repr"] = repr(mha)
cases["mha_keys"] = list(mha.state_dict().keys())
cases["mha_state"] = dict(mha.state_dict())
xq, xk = torch.randn(4, 3, 8), torch.randn(5, 3, 8)
kpm = torch.tensor([[False] * 5, [False, False, False, True, True], [False] * 4 + [True]])
am = torch.zeros(4, 5, dtype=torch.bool)
am[0, 1] = True
cases["mha_inputs"] = [xq, xk, kpm, am]
xq_ = xq.clone().requires_grad_()
out, w = mha(xq_, xk, xk, key_padding_mask=kpm, attn_mask=am)
(out.pow(2).sum() + w.sum()).backward()
cases["mha_out"], cases["mha_w"], cases["mha_grad_q"] = out, w, xq_.grad
cases["mha_grad_inproj"] = mha.in_proj_weight.grad
out2, w2 = mha(xq, xq, xq, average_attn_weights=False)
cases["mha_self_out"], cases["mha_self_w"] = out2, w2
torch.manual_seed(2)
mhab = nn.MultiheadAttention(8, 4, batch_first=True, bias=False)
cases["mhab_state"] = dict(mhab.state_dict())
xb = torch.randn(3, 4, 8)
cases["mhab_x"] = xb
cases["mhab_out"] = mhab(xb, xb, xb, need_weights=False)[0]

for name, kw in [("enc_post", {}), ("enc_pre_gelu", {"norm_first": True, "activation": "gelu", "batch_first": True})]:
    torch.manual_seed(3)
    layer = nn.TransformerEncoderLayer(8, 2, 16, **kw)
    cases[name + "_repr"] = repr(layer)
    cases[name + "_keys"] = list(layer.state_dict().keys())
    x = torch.randn(4, 3, 8)
    cases[name + "_x"] = x
    layer.eval()
    cases[name + "_eval"] = layer(x)
    layer.train()
    xg = x.clone().requires_grad_()
    torch.manual_seed(4)
    y = layer(xg)
    y.pow(2).sum().backward()
    cases[name + "_train"] = y
    cases[name + "_grad_x"] = xg.grad
    cases[name + "_grad_lin1"] = layer.linear1.weight.grad

torch.manual_seed(5)
enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0), 2, norm=nn.LayerNorm(8), enable_nested_tensor=False)
cases["encoder_repr"] = repr(enc)
cases["encoder_keys"] = list(enc.state_dict().keys())
xe = torch.randn(5, 2, 8)
mask = nn.Transformer.generate_square_subsequent_mask(5)
cases["encoder_x"] = xe
cases["encoder_out"] = enc(xe, mask=mask)
torch.manual_seed(6)
dec = nn.TransformerDecoder(nn.TransformerDecoderLayer(8, 2, 16, dropout=0.0), 2)
cases["decoder_repr"] = repr(dec)
cases["decoder_keys"] = list(dec.state_dict().keys())
tgt, mem = torch.randn(4, 2, 8), torch.randn(5, 2, 8)
cases["decoder_in"] = [tgt, mem]
cases["decoder_out"] = dec(tgt, mem, tgt_mask=nn.Transformer.generate_square_subsequent_mask(4))


class MultiHeadAttention(nn.Module):
    def __init__(self, d_model=512, num_heads=8, dropout=0.1):
        super().__init__()
        self.d_model, self.num_heads, self.d_k = d_model, num_heads, d_model // num_heads
        self.W_q = nn.Linear(d_model, d_model)
        self.W_k = nn.Linear(d_model, d_model)
        self.W_v = nn.Linear(d_model, d_model)
        self.W_o = nn.Linear(d_model, d_model)
        self.dropout = nn.Dropout(dropout)
        self.scale = math.sqrt(self.d_k)

    def split_heads(self, x):
        batch, seq, _ = x.shape
        return x.view(batch, seq, self.num_heads, self.d_k).transpose(1, 2)

    def forward(self, query, key, value, mask=None):
        batch_size = query.size(0)
        Q, K, V = self.split_heads(self.W_q(query)), self.split_heads(self.W_k(key)), self.split_heads(self.W_v(value))
        scores = torch.matmul(Q, K.transpose(-2, -1)) / self.scale
        if mask is not None:
            scores = scores.masked_fill(mask == 0, float('-inf'))
        attn_weights = self.dropout(F.softmax(scores, dim=-1))
        context = torch.matmul(attn_weights, V).transpose(1, 2).contiguous().view(batch_size, -1, self.d_model)
        return self.W_o(context), attn_weights


class FeedForward(nn.Module):
    def __init__(self, d_model=512, d_ff=2048, dropout=0.1):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d_model, d_ff), nn.ReLU(), nn.Dropout(dropout), nn.Linear(d_ff, d_model))

    def forward(self, x):
        return self.net(x)


class GuideEncoderLayer(nn.Module):
    def __init__(self, d_model=512, num_heads=8, d_ff=2048, dropout=0.1):
        super().__init__()
        self.self_attn = MultiHeadAttention(d_model, num_heads, dropout)
        self.ff = FeedForward(d_model, d_ff, dropout)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x, mask=None):
        attn_out, _ = self.self_attn(x, x, x, mask)
        x = self.norm1(x + self.dropout(attn_out))
        return self.norm2(x + self.dropout(self.ff(x)))


class PositionalEncoding(nn.Module):
    def __init__(self, d_model=512, max_len=5000, dropout=0.1):
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        pe = torch.zeros(max_len, d_model)
        position = torch.arange(0, max_len).unsqueeze(1).float()
        div_term = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        self.register_buffer('pe', pe.unsqueeze(0))

    def forward(self, x):
        return self.dropout(x + self.pe[:, :x.size(1)])


torch.manual_seed(0)
layer = GuideEncoderLayer(d_model=32, num_heads=4, d_ff=64)
pos = PositionalEncoding(d_model=32, max_len=50)
cases["guide_repr"] = repr(layer)
cases["guide_keys"] = list(layer.state_dict().keys())
cases["guide_count"] = sum(p.numel() for p in layer.parameters())
cases["guide_pos_keys"] = list(pos.state_dict().keys())
cases["guide_pe_head"] = pos.pe[0, :3, :8]
x = torch.randn(2, 10, 32)
cases["guide_x"] = x
layer.eval(); pos.eval()
cases["guide_eval"] = layer(pos(x))
cmask = torch.tril(torch.ones(10, 10))
cases["guide_eval_masked"] = layer(pos(x), cmask)
layer.train(); pos.train()
torch.manual_seed(9)
xg = x.clone().requires_grad_()
y = layer(pos(xg))
y.sum().backward()
cases["guide_train"] = y
cases["guide_grad_x"] = xg.grad
save("attention", cases)
