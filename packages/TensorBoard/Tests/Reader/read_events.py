"""Reads every run under a log directory with TensorBoard's own EventAccumulator and prints JSON.

The Swift tests run it (python from $TENSORBOARD_PYTHON, a venv with `pip install tensorboard`) on what
SummaryWriter wrote; the fixture generator runs it on what torch's SummaryWriter wrote.
Usage: python read_events.py LOGDIR
"""
import base64
import json
import os
import sys

from google.protobuf import json_format
from tensorboard.backend.event_processing import event_accumulator as ea
from tensorboard.plugins.hparams import plugin_data_pb2

KEEP_ALL = {ea.SCALARS: 0, ea.HISTOGRAMS: 0, ea.IMAGES: 0, ea.TENSORS: 0, ea.COMPRESSED_HISTOGRAMS: 0, ea.AUDIO: 0}


def read_run(path):
    acc = ea.EventAccumulator(path, size_guidance=KEEP_ALL)
    acc.Reload()
    tags = acc.Tags()
    run = {"file_version": acc.file_version, "files": sorted(f for f in os.listdir(path) if "tfevents" in f)}
    # Exact values as hex too: JSON number parsers may round the last bit.
    run["scalars"] = {t: [{"step": e.step, "wall_time": e.wall_time, "value": e.value, "value_hex": e.value.hex(),
                           "wall_time_hex": e.wall_time.hex()} for e in acc.Scalars(t)]
                      for t in tags[ea.SCALARS]}
    run["histograms"] = {
        t: [{"step": e.step, "wall_time": e.wall_time, "min": e.histogram_value.min, "max": e.histogram_value.max,
             "num": e.histogram_value.num, "sum": e.histogram_value.sum,
             "sum_squares": e.histogram_value.sum_squares, "bucket_limit": list(e.histogram_value.bucket_limit),
             "bucket": list(e.histogram_value.bucket)} for e in acc.Histograms(t)]
        for t in tags[ea.HISTOGRAMS]}
    run["images"] = {
        t: [{"step": e.step, "wall_time": e.wall_time, "width": e.width, "height": e.height,
             "png": base64.b64encode(e.encoded_image_string).decode()} for e in acc.Images(t)]
        for t in tags[ea.IMAGES]}
    run["tensors"] = {
        t: [{"step": e.step, "wall_time": e.wall_time, "dtype": e.tensor_proto.dtype,
             "strings": [s.decode() for s in e.tensor_proto.string_val]} for e in acc.Tensors(t)]
        for t in tags[ea.TENSORS]}
    run["plugins"] = {t: acc.SummaryMetadata(t).plugin_data.plugin_name for t in tags[ea.TENSORS]}
    try:
        hparams = acc.PluginTagToContent("hparams")
    except KeyError:
        hparams = {}
    run["hparams"] = {t: json_format.MessageToDict(plugin_data_pb2.HParamsPluginData.FromString(c))
                      for t, c in hparams.items()}
    run["source_writer"] = acc.GetSourceWriter()
    return run


def main(logdir):
    runs = {}
    for root, _, files in os.walk(logdir):
        if any("tfevents" in f for f in files):
            runs[os.path.relpath(root, logdir)] = read_run(root)
    json.dump({"runs": runs}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
