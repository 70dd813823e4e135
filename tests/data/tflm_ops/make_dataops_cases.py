#!/usr/bin/env python3
"""Writes the cases of the CONCATENATION, TRANSPOSE, CAST and SPLIT models of tests/data/tflm_ops (README.md there,
"CONCATENATION, TRANSPOSE"): for each model, folders 00..03 with input<i>.bin (ours: numpy, seed
20261209) and output<i>.bin (TFLite Micro's, by tools/tflm_oracle). 00: a ramp, different for every
input, so that every output byte shows where it came from; 01-02: uniform over the whole int8/int16
range (float: [-8, 8)); 03: the edges (int: min, max, 0, +-1; float: +-0, subnormals, +-1e30, +-3e38,
+-inf; CAST float -> int32: values that truncate, the largest floats inside int32, nothing beyond).
Usage: make_dataops_cases.py ORACLE [DIR] (default DIR: this folder)."""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

MODELS = ["concat_s8_two_inputs", "concat_s8_rank5_neg_axis", "concat_s16_axis1", "concat_s8_last_axis_four",
          "concat_f32_branches", "transpose_s8_nchw", "transpose_s16_rank3", "transpose_f32_rank5",
          "transpose_s8_rank5", "cast_s8_f32", "cast_s16_f32", "cast_s16_s32", "cast_f32_s32", "split_s8_three", "split_v_f32_neg_axis", "split_v_s16", "split_concat_s8", "split_f32",
          "split_s16", "split_v_s8", "space_to_depth_s8", "space_to_depth_f32", "depth_to_space_s8",
          "depth_to_space_f32"]
TYPES = {"INT8": np.int8, "INT16": np.int16, "FLOAT32": np.float32}


def ramp(dtype, n, k):
    if dtype == np.float32:
        return (np.arange(n) * 0.5 - 0.25 * n + 100.0 * k).astype(np.float32)
    lo, span = int(np.iinfo(dtype).min), 1 << (8 * np.dtype(dtype).itemsize)
    step = 1 if dtype == np.int8 else 257
    return np.asarray([((i * step + 40 * k) % span) + lo for i in range(n)]).astype(dtype)


def edges(dtype, n, k):
    if dtype == np.float32:
        e = [0.0, -0.0, 1e-40, -1e-40, 1e30, -1e30, 3e38, -3e38, np.inf, -np.inf, 1.5, -2.5]
    else:
        lo, hi = int(np.iinfo(dtype).min), int(np.iinfo(dtype).max)
        e = [lo, hi, 0, 1, -1, lo + 1, hi - 1]
    return np.asarray([e[(i + k) % len(e)] for i in range(n)], dtype=dtype)


def cast_f32_edges(n):
    """float -> int32: values that truncate toward zero, and the largest floats inside int32."""
    e = [0.0, -0.0, 0.5, -0.5, 0.99, -0.99, 1.5, -1.5, 2.7, -2.7, 1e-30, 123456.75, -123456.75, 16777217.0,
         2147483520.0, -2147483648.0, 1e9, -1e9]
    return np.asarray([e[i % len(e)] for i in range(n)], dtype=np.float32)


def main(oracle, root):
    rng = np.random.default_rng(20261209)
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
                    if case == 0:
                        x = ramp(dtype, n, k)
                    elif case == 3 and model == "cast_f32_s32":
                        x = cast_f32_edges(n)
                    elif case == 3:
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
