"""MultiheadAttention's kdim/vdim, add_bias_kv and add_zero_attn variants, and nn.Transformer (encoder-decoder)
built from a seed, so torch's init order must be reproduced. Run: ~/torchenv/bin/python mha_transformer.py"""
import torch
import torch.nn as nn
from fixturelib import save

cases = {}


def mha_case(name, seed, ctor, self_attention, **call):
    torch.manual_seed(seed)
    mha = ctor()
    cases[name + "_keys"] = list(mha.state_dict().keys())
    cases[name + "_shapes"] = [list(v.shape) for v in mha.state_dict().values()]
    cases[name + "_state"] = dict(mha.state_dict())
    kd, vd = mha.kdim, mha.vdim
    q = torch.randn(4, 3, 8)
    k, v = (q, q) if self_attention else (torch.randn(5, 3, kd), torch.randn(5, 3, vd))
    leaves = [t.clone().requires_grad_() for t in ((q,) if self_attention else (q, k, v))]
    qq, kk, vv = (leaves[0],) * 3 if self_attention else leaves
    out, w = mha(qq, kk, vv, **call)
    (out.pow(2).sum() + (w.sum() if w is not None else 0)).backward()
    cases[name + "_inputs"] = [q] if self_attention else [q, k, v]
    cases[name + "_out"], cases[name + "_w"] = out, w if w is not None else torch.zeros(0)
    cases[name + "_grads"] = [t.grad for t in leaves]
    cases[name + "_pgrads"] = {n: p.grad for n, p in mha.named_parameters()}


kpm = torch.tensor([[False] * 5, [False, False, False, True, True], [False] * 4 + [True]])
am = torch.zeros(4, 5, dtype=torch.bool)
am[0, 1] = True
pm = torch.linspace(-2, 1, 16).reshape(4, 4)
cases["masks"] = [kpm, am, pm]
mha_case("kvdim", 1, lambda: nn.MultiheadAttention(8, 2, kdim=6, vdim=3), False, key_padding_mask=kpm, attn_mask=am)
mha_case("biaskv", 2, lambda: nn.MultiheadAttention(8, 2, add_bias_kv=True), False, key_padding_mask=kpm, attn_mask=am,
         average_attn_weights=False)
mha_case("zeroattn", 3, lambda: nn.MultiheadAttention(8, 4, add_zero_attn=True, kdim=5, vdim=5, bias=False), False,
         attn_mask=am)
mha_case("all_self", 4, lambda: nn.MultiheadAttention(8, 2, add_bias_kv=True, add_zero_attn=True), True)
mha_case("packed_self", 5, lambda: nn.MultiheadAttention(8, 2, dropout=0.0), True, attn_mask=pm)
mha_case("packed_self_bf", 6, lambda: nn.MultiheadAttention(8, 4, batch_first=True), True, need_weights=False)

for name, kw in [("tr_post", {}), ("tr_pre_bf_gelu", {"norm_first": True, "batch_first": True, "activation": "gelu"})]:
    torch.manual_seed(7)
    tr = nn.Transformer(d_model=8, nhead=2, num_encoder_layers=2, num_decoder_layers=1, dim_feedforward=16,
                        dropout=0.0, **kw)
    cases[name + "_repr"] = repr(tr)
    cases[name + "_keys"] = list(tr.state_dict().keys())
    cases[name + "_shapes"] = [list(v.shape) for v in tr.state_dict().values()]
    cases[name + "_count"] = sum(p.numel() for p in tr.parameters())
    cases[name + "_state"] = dict(tr.state_dict())
    bf = kw.get("batch_first", False)
    src, tgt = (torch.randn(2, 5, 8), torch.randn(2, 4, 8)) if bf else (torch.randn(5, 2, 8), torch.randn(4, 2, 8))
    spm = torch.tensor([[False] * 5, [False] * 3 + [True] * 2])
    s, t = src.clone().requires_grad_(), tgt.clone().requires_grad_()
    out = tr(s, t, tgt_mask=nn.Transformer.generate_square_subsequent_mask(4), src_key_padding_mask=spm,
             memory_key_padding_mask=spm)
    out.pow(2).sum().backward()
    cases[name + "_in"] = [src, tgt, spm]
    cases[name + "_out"] = out
    cases[name + "_grads"] = [s.grad, t.grad]
    cases[name + "_pgrad_enc_l0_lin1"] = tr.encoder.layers[0].linear1.weight.grad
    cases[name + "_pgrad_dec_inproj"] = tr.decoder.layers[0].multihead_attn.in_proj_weight.grad

# a custom encoder (any module with TransformerEncoder's call) is xavier-initialised too
torch.manual_seed(8)
enc = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16, dropout=0.0), 1)
tr = nn.Transformer(d_model=8, nhead=2, num_decoder_layers=1, dim_feedforward=16, dropout=0.0, custom_encoder=enc)
cases["tr_custom_keys"] = list(tr.state_dict().keys())
cases["tr_custom_state"] = dict(tr.state_dict())
save("mha_transformer", cases)
