"""Re-saves checkpoint_ep50.pt with pickle protocols 4 and 5 (FRAME, SHORT_BINUNICODE, MEMOIZE,
STACK_GLOBAL opcodes): same content, so expected.json's "checkpoint_ep50" case describes them too.
Run after torch_files.py, with torch: python3 .../generate/protocol_variants.py
"""
import os
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ckpt = torch.load(os.path.join(OUT, "checkpoint_ep50.pt"), weights_only=True)
for protocol in (4, 5):
    torch.save(ckpt, os.path.join(OUT, f"checkpoint_ep50_protocol{protocol}.pt"), pickle_protocol=protocol)

# torch's legacy (pre-1.6) format, in which some older published weights (torchvision's VGG files among them)
# still are: same content, so expected.json's cases describe them too.
for name in ("checkpoint_ep50", "every_dtype"):
    value = torch.load(os.path.join(OUT, f"{name}.pt"), weights_only=True)
    torch.save(value, os.path.join(OUT, f"{name}_legacy.pt"), _use_new_zipfile_serialization=False)
# One float32 storage of six elements, which ends the file: the bad-input test corrupts its count.
torch.save({"w": torch.arange(6.0)}, os.path.join(OUT, "one_tensor_legacy.pt"), _use_new_zipfile_serialization=False)
