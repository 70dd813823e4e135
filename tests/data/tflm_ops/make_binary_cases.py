#!/usr/bin/env python3
"""Writes the cases of the two-input element-wise models of tests/data/tflm_ops (README.md there,
"ADD, SUB, MUL"): for each model, folders 00..03 with input<i>.bin (ours: numpy, seed 20261207) and
output<i>.bin (TFLite Micro's, by tools/tflm_oracle). 00-02: uniform over the whole int8/int16 range
(float: [-8, 8)); 03: the edges (int: min, max, 0, +-1, min + 1, max - 1 against every other; float:
+-0, tiny, +-6, +-1e30, +-3e38 so that sums overflow to infinity; no NaN).
Usage: make_binary_cases.py ORACLE [DIR] (default DIR: this folder)."""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

MODELS = ["add_s8_broadcast", "sub_s8_broadcast_relu", "mul_s8_relu_n1", "add_s16_broadcast_relu", "sub_s16",
          "mul_s16_broadcast", "add_f32_broadcast_relu6", "sub_f32_broadcast", "mul_f32", "mul_s8_const",
          "add_s16_const_first", "sub_f32_const", "add_sub_two_outputs"]
TYPES = {"INT8": np.int8, "INT16": np.int16, "FLOAT32": np.float32}


def edges(dtype, n, phase):
    if dtype == np.float32:
        e = [0.0, -0.0, 1e-30, -1e-30, 6.0, -6.0, 5.999, 1e30, -1e30, 3e38, -3e38, 0.5, -1.5, 2.0]
    else:
        lo, hi = int(np.iinfo(dtype).min), int(np.iinfo(dtype).max)
        e = [lo, hi, 0, 1, -1, lo + 1, hi - 1]
    # Phase-shifted by input so that every value meets every other across the tensor.
    return np.asarray([e[(i + phase * (i // len(e) + 1)) % len(e)] for i in range(n)], dtype=dtype)


def main(oracle, root):
    rng = np.random.default_rng(20261207)
    for model in MODELS:
        tflite = os.path.join(root, model, model + ".tflite")
        info = json.loads(subprocess.check_output([oracle, "info", tflite]))
        for case in range(4):
            out_dir = os.path.join(root, model, f"{case:02d}")
            os.makedirs(out_dir, exist_ok=True)
            with tempfile.TemporaryDirectory() as tmp:
                args = [oracle, "run", tflite, out_dir]
                for k, t in enumerate(info["inputs"]):
                    dtype, n = TYPES[t["type"]], int(np.prod(t["shape"]))
                    if case == 3:
                        x = edges(dtype, n, k)
                    elif dtype == np.float32:
                        x = rng.uniform(-8, 8, n).astype(np.float32)
                    else:
                        x = rng.integers(np.iinfo(dtype).min, np.iinfo(dtype).max, n, endpoint=True, dtype=dtype)
                    path = os.path.join(tmp, f"in{k}.bin")
                    x.astype(x.dtype.newbyteorder("<")).tofile(path)
                    args += ["--input", path]
                subprocess.check_call(args)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__)))
