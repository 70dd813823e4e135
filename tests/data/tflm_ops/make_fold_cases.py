#!/usr/bin/env python3
"""Writes the cases of the import-time folding models (PAD -> conv, QUANTIZE / DEQUANTIZE of constants,
SHAPE -> STRIDED_SLICE -> PACK -> RESHAPE) of tests/data/tflm_ops (README.md there, "Import-time folding"):
for each model, folders 00..03 with input0.bin (ours: numpy, seed 20261211) and output0.bin
(TFLite Micro's, by tools/tflm_oracle). 00 uniform over the whole type (float: [-4, 4)), 01 uniform,
02 all the type's minimum (float: -4), 03 all its maximum (float: 4): the extremes next to padding.
Usage: make_fold_cases.py ORACLE [DIR] (default DIR: this folder)."""
import json
import os
import subprocess
import sys

import numpy as np

MODELS = ["pad_conv_s8", "padv2_dw_s8", "pad_conv1x1_s8", "pad_conv_s16", "padv2_dw_f32", "pad_conv_f32",
          "quantize_const_add_s8", "dequantize_const_mul_f32", "shape_pack_reshape_s8"]
TYPES = {"INT8": np.int8, "INT16": np.int16, "FLOAT32": np.float32}


def main(oracle, root):
    rng = np.random.default_rng(20261211)
    for model in MODELS:
        tflite = os.path.join(root, model, model + ".tflite")
        t = json.loads(subprocess.check_output([oracle, "info", tflite]))["inputs"][0]
        dtype, n = TYPES[t["type"]], int(np.prod(t["shape"]))
        for case in range(4):
            out_dir = os.path.join(root, model, f"{case:02d}")
            os.makedirs(out_dir, exist_ok=True)
            if dtype == np.float32:
                x = [rng.uniform(-4.0, 4.0, n), rng.uniform(-4.0, 4.0, n), np.full(n, -4.0), np.full(n, 4.0)][case]
                x = x.astype("<f4")
            else:
                lo, hi = np.iinfo(dtype).min, np.iinfo(dtype).max
                x = [rng.integers(lo, hi, n, endpoint=True), rng.integers(lo, hi, n, endpoint=True),
                     np.full(n, lo), np.full(n, hi)][case].astype(dtype)
                x = x.astype(x.dtype.newbyteorder("<"))
            x.tofile(os.path.join(out_dir, "input0.bin"))
            subprocess.check_call([oracle, "run", tflite, out_dir, "--input", os.path.join(out_dir, "input0.bin")],
                                  stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__)))
