"""Checks an ONNX model with onnx.checker (full_check) and runs it in onnxruntime.

usage: onnx_run.py MODEL OUT.npy IN.npy... — writes the first output to OUT.npy; a failing check or run
exits non-zero with onnx's or onnxruntime's message on stderr (the Swift tests show it).
"""
import sys

import numpy as np
import onnx
import onnxruntime as ort

model_path, out_path, *input_paths = sys.argv[1:]
onnx.checker.check_model(onnx.load(model_path), full_check=True)
options = ort.SessionOptions()
options.intra_op_num_threads = 1
session = ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
feeds = {i.name: np.load(p) for i, p in zip(session.get_inputs(), input_paths)}
np.save(out_path, session.run(None, feeds)[0])
