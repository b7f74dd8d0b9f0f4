"""What torch's SummaryWriter writes for the tensors the Swift tests log, as TensorBoard reads it back.

Writes each summary with torch.utils.tensorboard.SummaryWriter into a temporary directory, reads it with
../../Reader/read_events.py (TensorBoard's EventAccumulator), and stores inputs and results:
histogram buckets as TensorBoard sees them, images as the pixels of torch's PNGs, hparams plugin data,
and the exact bytes of a few serialized Event protos and TFRecord frames.
Run: ~/torchenv/bin/python packages/TensorBoard/Tests/Fixtures/generate/summaries.py
(needs torch, tensorboard and pillow in that venv).
"""
import base64, importlib.util, io, json, os, struct, subprocess, sys, tempfile

import numpy as np
import torch
from PIL import Image
from torch.utils.tensorboard import SummaryWriter
from tensorboard.compat.proto import event_pb2, summary_pb2
from tensorboard.summary.writer.record_writer import RecordWriter

from fixturelib import save

HERE = os.path.dirname(os.path.abspath(__file__))
READER = os.path.join(HERE, "..", "..", "Reader", "read_events.py")

torch.manual_seed(0)
hist_inputs = {
    "normal": torch.randn(1000),
    "weights": torch.rand(64, 32) * 0.2 - 0.1,
    "integers": torch.arange(-5, 11).float(),
    "constant": torch.full((7,), 0.5),
    "with_zero": torch.tensor([0.0, 0.0, 1.0, -2.0, 3.5]),
    "float64": torch.randn(50, dtype=torch.float64) * 1e3,
}
count_bins = {"normal_10bins": ("normal", 10), "integers_4bins": ("integers", 4)}
image_inputs = {
    "chw_float": (torch.rand(3, 5, 7), "CHW"),
    "grey_float": (torch.rand(1, 4, 6), "CHW"),
    "hwc_uint8": (torch.randint(0, 256, (4, 3, 3), dtype=torch.uint8), "HWC"),
    "rgba_float": (torch.rand(4, 3, 2) * 1.4 - 0.2, "CHW"),  # clipped
    "hw_float": (torch.rand(3, 4), "HW"),
}
images_inputs = {
    "grid_grey": torch.rand(10, 1, 4, 5),
    "grid_rgb": torch.rand(3, 3, 2, 3),
}

with tempfile.TemporaryDirectory() as logdir:
    w = SummaryWriter(logdir)
    for tag, t in hist_inputs.items():
        w.add_histogram(tag, t, global_step=3)
    for tag, (src, n) in count_bins.items():
        w.add_histogram(tag, hist_inputs[src], global_step=4, bins=n)
    w.add_histogram("normal_max5", hist_inputs["normal"], global_step=5, bins=np.linspace(-4, 4, 41), max_bins=7)
    for tag, (t, fmt) in image_inputs.items():
        w.add_image(tag, t, global_step=1, dataformats=fmt)
    for tag, t in images_inputs.items():
        w.add_images(tag, t, global_step=2)
    w.add_hparams({"lr": 0.001, "batch": 64, "optim": "adam", "amsgrad": True}, {"hp/accuracy": 0.9}, run_name="hp")
    w.close()
    read = json.loads(subprocess.check_output([sys.executable, READER, logdir]))

run = read["runs"]["."]
histograms = {tag: run["histograms"][tag][0] for tag in run["histograms"]}


def pixels(b64):
    img = Image.open(io.BytesIO(base64.b64decode(b64)))
    return {"mode": img.mode, "pixels": torch.from_numpy(np.array(img))}


images = {tag: {"width": e[0]["width"], "height": e[0]["height"], **pixels(e[0]["png"])} for tag, e in run["images"].items()}
hparams = read["runs"]["hp"]["hparams"]


def framed(event):
    out = io.BytesIO()
    RecordWriter(out).write(event.SerializeToString())
    return out.getvalue().hex()


# A few messages byte for byte (the encoder's field order and default handling).
scalar = event_pb2.Event(wall_time=1234.5, step=7, summary=summary_pb2.Summary(
    value=[summary_pb2.Summary.Value(tag="loss", simple_value=0.25)]))
zero = event_pb2.Event(wall_time=1.0, summary=summary_pb2.Summary(value=[summary_pb2.Summary.Value(tag="z", simple_value=0.0)]))
version = event_pb2.Event(wall_time=1700000000.0, file_version="brain.Event:2")
negative = event_pb2.Event(wall_time=2.0, step=-3, file_version="x")

save("summaries", {
    "histogram_inputs": {k: v for k, v in hist_inputs.items()},
    "histograms": histograms,
    "image_inputs": {k: {"tensor": t, "dataformats": f} for k, (t, f) in image_inputs.items()},
    "images_inputs": images_inputs,
    "images": images,
    "hparams": hparams,
    "hparams_scalars": read["runs"]["hp"]["scalars"],
    "records": {"scalar": framed(scalar), "zero": framed(zero), "version": framed(version), "negative_step": framed(negative)},
})
