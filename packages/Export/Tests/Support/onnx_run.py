"""Checks an ONNX model with onnx.checker (full_check) and runs it in onnxruntime.

usage: onnx_run.py MODEL FOLDER IN.npy... — runs the model once per input file (single-input models) and writes
each run's first output to FOLDER/output<k>.npy; a failing check or run exits non-zero with onnx's or
onnxruntime's message on stderr (the Swift tests show it). One process for all runs: Python's start is the cost.
"""
import sys

import numpy as np
import onnx
import onnxruntime as ort

model_path, out_folder, *input_paths = sys.argv[1:]
onnx.checker.check_model(onnx.load(model_path), full_check=True)
options = ort.SessionOptions()
options.intra_op_num_threads = 1
session = ort.InferenceSession(model_path, options, providers=["CPUExecutionProvider"])
name = session.get_inputs()[0].name
for k, path in enumerate(input_paths):
    np.save(f"{out_folder}/output{k}.npy", session.run(None, {name: np.load(path)})[0])
