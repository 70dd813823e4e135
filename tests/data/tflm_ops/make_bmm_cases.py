#!/usr/bin/env python3
"""Writes the cases of the BATCH_MATMUL models of tests/data/tflm_ops (README.md there, "BATCH_MATMUL"): for
each model, folders 00..03 with input0.bin (ours: numpy, seed 20261211) and output0.bin (TFLite Micro's, by
tools/tflm_oracle). int8 / int16: 00 uniform over the type's range, 01 all the type's minimum, 02 all its
maximum, 03 uniform; float: uniform in [-4, 4), 01 and 02 in [-100, 100). int16 SOFTMAX: 00 and 03 uniform,
01 uniform in [-300, 300] (small differences), 02 a ramp over the whole range.
Usage: make_bmm_cases.py ORACLE [DIR] (default DIR: this folder)."""
import json
import os
import subprocess
import sys

import numpy as np

MODELS = ["bmm_s8", "bmm_s8_adjy", "bmm_s8_adjx_bcast", "bmm_s8_const_lhs", "bmm_s8_flat", "bmm_s16",
          "bmm_s16_adj", "bmm_f32", "bmm_f32_const_lhs", "softmax_s16", "softmax_s16_coarse", "softmax_s16_beta",
          "softmax_s16_fine_beta"]
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
            if model.startswith("softmax") and case in (1, 2):
                x = (rng.integers(-300, 300, n, endpoint=True) if case == 1 else
                     np.linspace(-32768, 32767, n)).astype("<i2")
            elif dtype == np.float32:
                r = 100.0 if case in (1, 2) else 4.0
                x = rng.uniform(-r, r, n).astype("<f4")
            else:
                lo, hi = np.iinfo(dtype).min, np.iinfo(dtype).max
                if case == 1:
                    x = np.full(n, lo, dtype=dtype)
                elif case == 2:
                    x = np.full(n, hi, dtype=dtype)
                else:
                    x = rng.integers(lo, hi, n, endpoint=True, dtype=dtype)
                x = x.astype(x.dtype.newbyteorder("<"))
            x.tofile(os.path.join(out_dir, "input0.bin"))
            subprocess.check_call([oracle, "run", tflite, out_dir, "--input", os.path.join(out_dir, "input0.bin")],
                                  stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__)))
