#!/usr/bin/env python3
"""Writes the cases of the int16 LOGISTIC / TANH models of tests/data/tflm_ops (README.md there, "int16
LOGISTIC, TANH"): for each model, folders 00..03 with input0.bin (ours: numpy, seed 20261209) and
output0.bin (TFLite Micro's, by tools/tflm_oracle). Inputs of 2048 int16 values:
00, 01 every 32nd value from -32768 (01: shifted by 17), so that 00..01 sweep the whole range;
02 uniform; 03 every value in [-1024, 1024) (the steep middle of the curve at the fine scales).
RESIZE_NEAREST_NEIGHBOR and GATHER models: four cases of uniform values (float: in [-8, 8)), each pixel different.
Usage: make_ops3_cases.py ORACLE [DIR] (default DIR: this folder)."""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

MODELS = ["logistic_s16_pot", "logistic_s16_pot10", "logistic_s16", "logistic_s16_wide", "logistic_s16_tiny",
          "tanh_s16_pot", "tanh_s16_pot11", "tanh_s16_pot9", "tanh_s16", "tanh_s16_wide"]
RESIZE = ["resize_nn_s8", "resize_nn_s8_align", "resize_nn_s8_one", "resize_nn_s16_half", "resize_nn_f32_down",
          "resize_nn_f32_align_half", "gather_s8_last", "gather_s8_axis1", "gather_f32_axis2"]
TYPES = {"INT8": np.int8, "INT16": np.int16, "FLOAT32": np.float32}
N = 2048


def make_input(rng, case):
    if case == 0:
        return np.arange(-32768, 32768, 32, dtype=np.int16)
    if case == 1:
        return np.arange(-32768 + 17, 32768, 32, dtype=np.int16)
    if case == 2:
        return rng.integers(-32768, 32767, N, endpoint=True, dtype=np.int16)
    return np.arange(-1024, 1024, dtype=np.int16)


def resize_cases(oracle, root):
    rng = np.random.default_rng(20261210)
    for model in RESIZE:
        tflite = os.path.join(root, model, model + ".tflite")
        t = json.loads(subprocess.check_output([oracle, "info", tflite]))["inputs"][0]
        dtype, n = TYPES[t["type"]], int(np.prod(t["shape"]))
        for case in range(4):
            out_dir = os.path.join(root, model, f"{case:02d}")
            os.makedirs(out_dir, exist_ok=True)
            if dtype == np.float32:
                x = rng.uniform(-8.0, 8.0, n).astype("<f4")
            else:
                x = rng.integers(np.iinfo(dtype).min, np.iinfo(dtype).max, n, endpoint=True, dtype=dtype)
                x = x.astype(x.dtype.newbyteorder("<"))
            x.tofile(os.path.join(out_dir, "input0.bin"))
            subprocess.check_call([oracle, "run", tflite, out_dir, "--input", os.path.join(out_dir, "input0.bin")],
                                  stdout=subprocess.DEVNULL)


def main(oracle, root):
    resize_cases(oracle, root)
    rng = np.random.default_rng(20261209)
    for model in MODELS:
        tflite = os.path.join(root, model, model + ".tflite")
        for case in range(4):
            out_dir = os.path.join(root, model, f"{case:02d}")
            os.makedirs(out_dir, exist_ok=True)
            x = make_input(rng, case)
            assert x.size == N
            x.astype("<i2").tofile(os.path.join(out_dir, "input0.bin"))
            with tempfile.TemporaryDirectory() as tmp:
                path = os.path.join(tmp, "in0.bin")
                x.astype("<i2").tofile(path)
                subprocess.check_call([oracle, "run", tflite, out_dir, "--input", path], stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__)))
