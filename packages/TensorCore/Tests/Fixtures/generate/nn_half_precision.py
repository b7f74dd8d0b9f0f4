"""float16 and bfloat16 through the NN ops (nn_half_precision.json): for each reduced dtype, each op's outputs
and its aten backward's gradients for the same inputs (and the same op in float64 on those values, `_exact`), with parameters of the input's dtype and, where torch's
CPU kernels allow it, float32 ("mixed type"); integer pooling (max_pool2d for every integer dtype, avg_pool2d
for int64); and the messages torch raises for the mixes it refuses."""
import torch
import torch.nn.functional as F
from fixturelib import save, torch_errors

aten = torch.ops.aten
cases = {}
torch.manual_seed(0)


def r(*shape, dt):
    return torch.randn(*shape).to(dt)


def both(fn, **inputs):
    """fn's outputs for the reduced-precision inputs, and as `<key>_exact` the same op in float64 on the same
    (exactly representable) values: the reference the Swift test measures both torch's error and ours by."""
    def run(cast):
        return fn(**{k: (cast(v) if isinstance(v, torch.Tensor) else v) for k, v in inputs.items()})
    got = run(lambda v: v.clone())
    exact = run(lambda v: v.double() if v.is_floating_point() else v.clone())
    record = dict(inputs)
    record.update(got)
    record.update({k + "_exact": v for k, v in exact.items() if v.is_floating_point()})
    return record


for dt in (torch.float16, torch.bfloat16):
    name = str(dt).split(".")[1]
    c = {}
    # Normalization: native ops and their backward, parameters in the input's dtype and in float32.
    for mixed in (False, True):
        pdt = torch.float32 if mixed else dt

        # The backward takes the forward's saved statistics as torch returned them (rounded), in both runs.
        def layer_norm(x, w, b):
            return dict(zip(("out", "mean", "rstd"), aten.native_layer_norm(x, [4], w, b, 1e-5)))

        def layer_norm_backward(g, x, mean, rstd, w, b):
            return dict(zip(("gi", "gw", "gb"), aten.native_layer_norm_backward(g, x, [4], mean, rstd, w, b, [True] * 3)))
        x, w, b = r(2, 3, 4, dt=dt), r(4, dt=pdt), r(4, dt=pdt)
        fwd = both(layer_norm, x=x, w=w, b=b)
        c[f"layer_norm_mixed{mixed}"] = fwd | both(
            layer_norm_backward, g=r(2, 3, 4, dt=dt), x=x, mean=fwd["mean"], rstd=fwd["rstd"], w=w, b=b)

        def group_norm(x, w, b):
            return dict(zip(("out", "mean", "rstd"), aten.native_group_norm(x, w, b, 2, 4, 3, 2, 1e-5)))

        def group_norm_backward(g, x, mean, rstd, w):
            return dict(zip(("gi", "gw", "gb"), aten.native_group_norm_backward(g, x, mean, rstd, w, 2, 4, 3, 2, [True] * 3)))
        x, w, b = r(2, 4, 3, dt=dt), r(4, dt=pdt), r(4, dt=pdt)
        fwd = both(group_norm, x=x, w=w, b=b)
        c[f"group_norm_mixed{mixed}"] = fwd | both(
            group_norm_backward, g=r(2, 4, 3, dt=dt), x=x, mean=fwd["mean"], rstd=fwd["rstd"], w=w)

        for training in (True, False):
            def batch_norm(x, w, b, rm, rv):
                out, sm, si = aten.native_batch_norm(x, w, b, rm, rv, training, 0.1, 1e-5)
                return dict(out=out, save_mean=sm, save_invstd=si, rm_after=rm, rv_after=rv)

            def batch_norm_backward(g, x, w, rm, rv, save_mean, save_invstd):
                return dict(zip(("gi", "gw", "gb"), aten.native_batch_norm_backward(
                    g, x, w, rm, rv, save_mean, save_invstd, training, 1e-5, [True] * 3)))
            x, w, b = r(4, 3, 2, 2, dt=dt), r(3, dt=pdt), r(3, dt=pdt)
            rm, rv = r(3, dt=pdt), torch.rand(3).add(0.5).to(pdt)
            fwd = both(batch_norm, x=x, w=w, b=b, rm=rm, rv=rv)
            c[f"batch_norm_mixed{mixed}_train{training}"] = fwd | both(
                batch_norm_backward, g=r(4, 3, 2, 2, dt=dt), x=x, w=w, rm=rm, rv=rv, save_mean=fwd["save_mean"],
                save_invstd=fwd["save_invstd"])

    # Convolution (2-D with bias and padding; 1-D strided) and its backward.
    def conv2d(x, w, b, g):
        gi, gw, gb = aten.convolution_backward(g, x, w, [4], [1, 1], [1, 1], [1, 1], False, [0, 0], 1, [True, True, True])
        return dict(out=F.conv2d(x, w, b, padding=1), gi=gi, gw=gw, gb=gb)
    c["conv2d"] = both(conv2d, x=r(2, 3, 5, 5, dt=dt), w=r(4, 3, 3, 3, dt=dt), b=r(4, dt=dt), g=r(2, 4, 5, 5, dt=dt))
    c["conv1d"] = both(lambda x, w: dict(out=F.conv1d(x, w, stride=2)), x=r(2, 3, 9, dt=dt), w=r(2, 3, 3, dt=dt))

    # Pooling.
    def max_pool2d(x, g):
        out, idx = F.max_pool2d(x, 3, 2, padding=1, return_indices=True)
        return dict(out=out, indices=idx, gi=aten.max_pool2d_with_indices_backward(g, x, [3, 3], [2, 2], [1, 1], [1, 1], False, idx))
    x, g = r(2, 3, 5, 5, dt=dt), r(2, 3, 3, 3, dt=dt)
    c["max_pool2d"] = both(max_pool2d, x=x, g=g)
    c["avg_pool2d"] = both(lambda x, g: dict(out=F.avg_pool2d(x, 3, 2, padding=1),
                                             gi=aten.avg_pool2d_backward(g, x, [3, 3], [2, 2], [1, 1], False, True, None)), x=x, g=g)
    c["adaptive_avg_pool2d"] = both(lambda x, g: dict(out=F.adaptive_avg_pool2d(x, 3), gi=aten._adaptive_avg_pool2d_backward(g, x)),
                                    x=x, g=g)
    c["adaptive_max_pool2d"] = both(lambda x: dict(zip(("out", "indices"), F.adaptive_max_pool2d(x, 3, return_indices=True))), x=x)

    # Interpolation.
    x = r(1, 2, 3, 4, dt=dt)
    c["interpolate_nearest"] = both(
        lambda x, g: dict(out=F.interpolate(x, scale_factor=2, mode="nearest"),
                          gi=aten.upsample_nearest2d_backward(g, [6, 8], [1, 2, 3, 4], 2.0, 2.0)), x=x, g=r(1, 2, 6, 8, dt=dt))
    for align in (False, True):
        c[f"interpolate_bilinear_align{align}"] = both(
            lambda x, g: dict(out=F.interpolate(x, size=(5, 7), mode="bilinear", align_corners=align),
                              gi=aten.upsample_bilinear2d_backward(g, [5, 7], [1, 2, 3, 4], align, None, None)),
            x=x, g=r(1, 2, 5, 7, dt=dt))

    # Losses: the value and the gradient w.r.t. the input (autograd, cotangent 1).
    logits, classes = r(4, 5, dt=dt), torch.tensor([0, 1, 4, 2])
    weight = torch.rand(5).to(dt)
    probs = torch.softmax(torch.randn(4, 5), 1).to(dt)

    def loss(fn):
        def run(x, **rest):
            leaf = x.clone().requires_grad_()
            out = fn(leaf, **rest)
            out.backward()
            return dict(out=out.detach(), gi=leaf.grad)
        return run

    c["cross_entropy"] = both(loss(lambda x, t: F.cross_entropy(x, t)), x=logits, t=classes)
    c["cross_entropy_smoothing"] = both(loss(lambda x, t: F.cross_entropy(x, t, label_smoothing=0.1)), x=logits, t=classes)
    c["cross_entropy_weight"] = both(loss(lambda x, t, w: F.cross_entropy(x, t, weight=w)), x=logits, t=classes, w=weight)
    c["cross_entropy_probs"] = both(loss(lambda x, t: F.cross_entropy(x, t)), x=logits, t=probs)
    logp = torch.log_softmax(torch.randn(4, 5), 1).to(dt)

    def nll(x, t, w, g):
        out, tw = aten.nll_loss_forward(x, t, w, 1, -100)
        return dict(out=out, total_weight=tw, gi=aten.nll_loss_backward(g, x, t, w, 1, -100, tw),
                    none=F.nll_loss(x, t, reduction="none"))
    c["nll_loss"] = both(nll, x=logp, t=classes, w=weight, g=torch.tensor(0.75).to(dt))
    y, y2 = torch.rand(4, 5).to(dt), r(4, 5, dt=dt)
    c["bce_with_logits"] = both(loss(lambda x, t: F.binary_cross_entropy_with_logits(x, t)), x=logits, t=y)
    c["mse_loss"] = both(loss(lambda x, t: F.mse_loss(x, t)), x=logits, t=y2)
    c["l1_loss"] = both(loss(lambda x, t: F.l1_loss(x, t)), x=logits, t=y2)
    c["smooth_l1_loss"] = both(loss(lambda x, t: F.smooth_l1_loss(x, t)), x=logits, t=y2)
    c["huber_loss"] = both(loss(lambda x, t: F.huber_loss(x, t, delta=0.5)), x=logits, t=y2)
    c["kl_div"] = both(loss(lambda x, t: F.kl_div(x, t, reduction="batchmean")), x=logp, t=y)
    c["binary_cross_entropy"] = both(loss(lambda x, t: F.binary_cross_entropy(x, t)),
                                     x=torch.rand(4, 5).to(dt).clamp(0.05, 0.95), t=y)

    # Embedding's gradient with a half-precision weight.
    c["embedding_backward"] = both(
        lambda g, indices: dict(gi=aten.embedding_dense_backward(g, indices, 5, -1, False),
                                gi_padding=aten.embedding_dense_backward(g, indices, 5, 2, False),
                                gi_freq=aten.embedding_dense_backward(g, indices, 5, -1, True)),
        g=r(2, 3, 3, dt=dt), indices=torch.tensor([[0, 2, 2], [4, 0, 1]]))
    # Dropout draws torch's masks (seeded), so its outputs are compared bit for bit, not with `_exact`.
    x = r(4, 6, dt=dt)
    torch.manual_seed(5)
    c["dropout"] = dict(x=x, seed=5, out=F.dropout(x, 0.3))
    x4 = r(2, 3, 2, 2, dt=dt)
    torch.manual_seed(6)
    c["dropout2d"] = dict(x=x4, seed=6, out=F.dropout2d(x4, 0.5))

    # Attention with a bool and a float mask; embedding bags; reflection padding's gradient; 3-D pooling.
    q, k, v = r(2, 3, 4, dt=dt), r(2, 5, 4, dt=dt), r(2, 5, 2, dt=dt)
    keep = torch.rand(3, 5) > 0.3
    keep[:, 0] = True
    c["sdpa_bool_mask"] = both(lambda q, k, v, m: dict(out=F.scaled_dot_product_attention(q, k, v, attn_mask=m)),
                               q=q, k=k, v=v, m=keep)
    c["sdpa_float_mask"] = both(lambda q, k, v, m: dict(out=F.scaled_dot_product_attention(q, k, v, attn_mask=m)),
                                q=q, k=k, v=v, m=r(3, 5, dt=dt))
    for mode in ("sum", "mean", "max"):
        c[f"embedding_bag_{mode}"] = both(
            lambda w, i, o: dict(out=F.embedding_bag(i, w, o, mode=mode)),
            w=r(6, 3, dt=dt), i=torch.tensor([0, 2, 5, 2, 1, 4]), o=torch.tensor([0, 2, 2]))
    c["reflection_pad2d_backward"] = both(
        lambda g, x: dict(gi=aten.reflection_pad2d_backward(g, x, [2, 1, 1, 2])), g=r(1, 2, 6, 7, dt=dt), x=r(1, 2, 3, 4, dt=dt))
    x5 = r(1, 2, 4, 4, 4, dt=dt)
    c["max_pool3d"] = both(lambda x: dict(zip(("out", "indices"), F.max_pool3d(x, 2, return_indices=True))), x=x5)
    c["adaptive_avg_pool3d"] = both(lambda x: dict(out=F.adaptive_avg_pool3d(x, 3)), x=x5)
    cases[name] = c

# Integer pooling.
xi = torch.tensor([[[[-5, -3, 1, 9], [-7, -9, 2, 4], [0, 0, 0, -1], [3, -8, 6, 6]]]])
ints = {}
for dt in (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64):
    x = xi.to(dt)
    for tag, kw in {"k2": dict(kernel_size=2), "k2s1p1": dict(kernel_size=2, stride=1, padding=1),
                    "k2d2": dict(kernel_size=2, stride=1, dilation=2)}.items():
        out, idx = F.max_pool2d(x, return_indices=True, **kw)
        ints[f"max_pool2d_{str(dt).split('.')[1]}_{tag}"] = dict(x=x, out=out, indices=idx)
for tag, kw in {"k2": dict(kernel_size=2), "k3s1p1": dict(kernel_size=3, stride=1, padding=1),
                "k3s1p1_exclude": dict(kernel_size=3, stride=1, padding=1, count_include_pad=False),
                "k2_divisor3": dict(kernel_size=2, divisor_override=3),
                "k3s2p1_ceil": dict(kernel_size=3, stride=2, padding=1, ceil_mode=True)}.items():
    ints[f"avg_pool2d_int64_{tag}"] = dict(x=xi, out=F.avg_pool2d(xi, **kw))
ints["avg_pool1d_int64"] = dict(x=xi[0], out=F.avg_pool1d(xi[0], 2))
ints["max_pool1d_with_indices_int64"] = dict(x=xi[0], out=F.max_pool1d(xi[0], 2, return_indices=True))
cases["integers"] = ints

h = torch.randn(2, 3, 4).half()
cases["errors"] = torch_errors({
    "layer_norm_float_input_half_weight": lambda: F.layer_norm(h.float(), [4], torch.ones(4).half()),
    "layer_norm_half_weight_float_bias": lambda: F.layer_norm(h, [4], torch.ones(4).half(), torch.zeros(4)),
    "batch_norm_float_weight_half_bias": lambda: aten.native_batch_norm(
        h, torch.ones(3), torch.zeros(3).half(), torch.zeros(3), torch.ones(3), True, 0.1, 1e-5),
    "conv2d_half_input_float_bias": lambda: F.conv2d(torch.ones(1, 1, 3, 3).half(), torch.ones(1, 1, 2, 2).half(), torch.ones(1)),
    "conv2d_half_input_bfloat16_weight": lambda: F.conv2d(torch.ones(1, 1, 3, 3).half(), torch.ones(1, 1, 2, 2).bfloat16()),
    "conv2d_float_input_double_bias": lambda: F.conv2d(torch.ones(1, 1, 3, 3), torch.ones(1, 1, 2, 2), torch.ones(1).double()),
    "cross_entropy_half_float_weight": lambda: F.cross_entropy(torch.randn(2, 3).half(), torch.tensor([0, 1]), weight=torch.ones(3)),
    "max_pool1d_int64": lambda: F.max_pool1d(xi[0], 2),
    "avg_pool2d_int32": lambda: F.avg_pool2d(xi.int(), 2),
    "avg_pool2d_uint8": lambda: F.avg_pool2d(xi.to(torch.uint8), 2),
    "adaptive_avg_pool2d_int64": lambda: F.adaptive_avg_pool2d(xi, 2),
    "avg_pool3d_half": lambda: F.avg_pool3d(torch.randn(1, 1, 2, 2, 2).half(), 2),
})
save("nn_half_precision", cases)
