"""torchvision's ResNet, VGG, MobileNet V2/V3, EfficientNet B0-B7 and ViT as the Swift tests see them: state-dict
keys, shapes, parameter counts and reprs (architectures.json); seeded initialization as per-tensor checksums
(init_checksums.json); and resnet18, mobilenet_v3_small, efficientnet_b0 and vit_b_16 forward/backward for a
seeded state dict (<name>_parity.json). Weights themselves are never stored: a seeded model is rebuilt in the
Swift test, which first proves its init equals torchvision's.

    ~/torchenv/bin/python packages/VisionModels/Tests/Fixtures/generate/models.py
"""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

from fixturelib import FIXTURES, save

ARCHS = ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
         "vgg11", "vgg11_bn", "vgg13", "vgg13_bn", "vgg16", "vgg16_bn", "vgg19", "vgg19_bn",
         "mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large"] + [f"efficientnet_b{i}" for i in range(8)] + [
         "vit_b_16", "vit_b_32", "vit_l_16", "vit_l_32", "vit_h_14"]
# A ViT whose init a debug build draws in a blink, with every init path (pre_logits included).
VIT_TINY = dict(image_size=32, patch_size=16, num_layers=2, num_heads=2, hidden_dim=64, mlp_dim=128,
                num_classes=10, representation_size=32)


def build(name, **kwargs):
    if name == "vit_tiny":
        return torchvision.models.VisionTransformer(**VIT_TINY, **kwargs)
    return getattr(torchvision.models, name)(**kwargs)


def checksum(t):
    """sum and sum of squares in float64, plus the first three values: equal bits give equal numbers."""
    d = t.detach().double().flatten()
    return [d.sum().item(), (d * d).sum().item(), d[:3].tolist()]


def architectures():
    cases = {}
    for name in ARCHS:
        # On the meta device nothing is drawn or allocated (ViT-H/14 holds 632 million parameters).
        with torch.device("meta"):
            model = build(name)
        sd = model.state_dict()
        cases[name] = {
            "keys": list(sd.keys()),
            "shapes": [list(v.shape) for v in sd.values()],
            "num_params": sum(p.numel() for p in model.parameters()),
            "repr": repr(model),
        }
    save("architectures", cases)


def init_checksums():
    cases = {}
    variants = [(name, 0, {}) for name in ARCHS]
    variants += [("resnet18", 1, {"zero_init_residual": True}), ("resnet50", 2, {"zero_init_residual": True}),
                 ("resnet18", 3, {"num_classes": 5})]
    # ViT-L/32 and ViT-H/14 differ from these only in sizes (architectures.json); H/14 alone draws 632 million.
    variants = [v for v in variants if v[0] not in ("vit_l_32", "vit_h_14")]
    # New variants go last: each is seeded on its own, so the entries above stay as they were.
    variants += [("vit_b_16", 4, {"image_size": 64}), ("vit_tiny", 9, {})]
    variants += [("mobilenet_v2", 4, {"width_mult": 0.5}), ("mobilenet_v3_large", 5, {"dilated": True, "reduced_tail": True}),
                 ("efficientnet_b0", 6, {"num_classes": 5})]
    for name, seed, kwargs in variants:
        torch.manual_seed(seed)
        model = build(name, **kwargs)
        key = f"{name}/seed{seed}" + "".join(f"/{k}={v}" for k, v in kwargs.items())
        cases[key] = [checksum(v) for v in model.state_dict().values()]
        # What the generator holds afterwards: the next draw shows the stream ended where torchvision's did.
        cases[key + "/next"] = torch.rand(1).item()
    save("init_checksums", cases)


def perturb_batchnorms(model):
    """Non-trivial BN state drawn from the seed, module by module (the Swift test draws the same)."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.normal_(0, 0.1)
                m.running_mean.normal_(0, 0.1)
                m.running_var.uniform_(0.5, 1.5)


def forward_backward(model, x, target, grad_keys):
    """Eval output, then a train-mode forward, cross-entropy loss and backward: the outputs, the loss, every
    parameter's gradient checksum and the gradients named in `grad_keys` (the Swift test's
    `expectForwardBackwardMatches`)."""
    cases = {"input": checksum(x)}
    model.eval()
    with torch.no_grad():
        cases["eval_output"] = model(x)
    model.train()
    out = model(x)
    loss = F.cross_entropy(out, target)
    loss.backward()
    cases["train_output"] = out
    cases["train_loss"] = loss.item()
    grads = dict(model.named_parameters())
    cases["grad_checksums"] = {k: checksum(p.grad) for k, p in grads.items()}
    cases["grads"] = {k: grads[k].grad for k in grad_keys}
    return cases


def parity(name, grad_keys, stat_keys):
    """forward_backward from seed 7 with BatchNorm state perturbed from the seed, on a 2x3x64x64 input, plus
    running statistics in full. Train mode draws dropout and stochastic-depth masks from the same generator,
    in forward order."""
    torch.manual_seed(7)
    model = build(name)
    perturb_batchnorms(model)
    x = torch.randn(2, 3, 64, 64)
    cases = forward_backward(model, x, torch.tensor([3, 777]), grad_keys)
    sd = model.state_dict()
    cases["running_stats"] = {k: sd[k] for k in stat_keys}
    save(f"{name}_parity", cases)


def stochastic_depth():
    """torchvision.ops.stochastic_depth in training: row and batch masks drawn after torch.manual_seed(3)."""
    from torchvision.ops import stochastic_depth as sd
    torch.manual_seed(3)
    x = torch.randn(6, 2, 3, 3)
    save("stochastic_depth", {"input": x, "row": sd(x, 0.5, "row", True), "batch": sd(x, 0.3, "batch", True),
                              "next": torch.rand(1).item()})


def perturb_vit(model):
    """The zero-initialized class token and head given values drawn from the seed (the Swift test draws the same)."""
    with torch.no_grad():
        model.class_token.normal_(0, 0.02)
        model.heads.head.weight.normal_(0, 0.02)
        model.heads.head.bias.normal_(0, 0.1)


def vit_b_16_parity():
    torch.manual_seed(12)
    model = build("vit_b_16", image_size=64)
    perturb_vit(model)
    x = torch.randn(2, 3, 64, 64)
    # Dropout is 0 by default: the train-mode forward is the same function, through autograd.
    cases = forward_backward(model, x, torch.tensor([5, 901]),
                             ["heads.head.bias", "class_token", "encoder.ln.weight",
                              "encoder.layers.encoder_layer_11.self_attention.out_proj.bias"])
    save("vit_b_16_parity", cases)


def wrong_architecture_file():
    """A real torch.save file holding another model's state dict (small: a Linear)."""
    torch.manual_seed(0)
    state = nn.Sequential(nn.Linear(4, 2)).state_dict()
    torch.save(state, os.path.join(FIXTURES, "linear-state-dict.pth"))
    # torch's pre-1.6 format, which some of torchvision's older weights files (VGG's) are still in.
    torch.save(state, os.path.join(FIXTURES, "linear-legacy-format.pth"), _use_new_zipfile_serialization=False)


def freeze_and_swap_head(model, classes=5):
    """The guide's section 14, method 1: freeze the backbone, replace fc."""
    for param in model.parameters():
        param.requires_grad = False
    model.fc = nn.Linear(model.fc.in_features, classes)
    return model


def transfer_learning():
    """The guide's section 14 on resnet50 (counts, the AdamW groups' sizes) and one feature-extraction step
    on a seeded resnet18 (the new head's init, the loss, its gradients; the backbone gets none)."""
    cases = {}
    model = freeze_and_swap_head(build("resnet50"))
    cases["resnet50_trainable"] = sum(p.numel() for p in model.parameters() if p.requires_grad)
    cases["resnet50_total"] = sum(p.numel() for p in model.parameters())
    ft = build("resnet50")
    ft.fc = nn.Linear(ft.fc.in_features, 5)
    groups = [ft.layer1.parameters(), ft.layer2.parameters(), ft.layer3.parameters(), ft.layer4.parameters(),
              ft.fc.parameters()]
    cases["resnet50_group_sizes"] = [sum(p.numel() for p in g) for g in groups]
    cases["resnet50_fc_repr"] = repr(ft.fc)

    torch.manual_seed(11)
    m = freeze_and_swap_head(build("resnet18"))
    cases["fc_init"] = {"weight": checksum(m.fc.weight), "bias": m.fc.bias}
    x = torch.randn(2, 3, 64, 64)
    loss = F.cross_entropy(m(x), torch.tensor([1, 4]))
    loss.backward()
    cases["loss"] = loss.item()
    cases["fc_grad"] = {"weight": checksum(m.fc.weight.grad), "bias": m.fc.bias.grad}
    save("transfer_learning", cases)


if __name__ == "__main__":
    architectures()
    init_checksums()
    parity("resnet18", ["fc.bias", "bn1.weight", "bn1.bias", "layer4.1.bn2.weight"],
           ["bn1.running_mean", "bn1.running_var", "layer4.1.bn2.running_var", "bn1.num_batches_tracked"])
    parity("mobilenet_v3_small", ["classifier.3.bias", "features.0.1.weight", "features.1.block.1.fc2.bias"],
           ["features.0.1.running_mean", "features.0.1.running_var", "features.12.1.running_var",
            "features.0.1.num_batches_tracked"])
    parity("efficientnet_b0", ["classifier.1.bias", "features.0.1.weight", "features.2.1.block.2.fc1.bias"],
           ["features.0.1.running_mean", "features.0.1.running_var", "features.8.1.running_var",
            "features.0.1.num_batches_tracked"])
    vit_b_16_parity()
    stochastic_depth()
    wrong_architecture_file()
    transfer_learning()
