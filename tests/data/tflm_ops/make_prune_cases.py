#!/usr/bin/env python3
"""Writes the cases of the structured-pruning models (filters of zeros that ctml-import folds away, issue
#14) of tests/data/tflm_ops (README.md there, "Structured pruning: channels folded away"): for each model,
folders 00..03 with input0.bin (ours: numpy, seed 20261208) and output0.bin (TFLite Micro's, by
tools/tflm_oracle). 00 and 01 uniform over int8, 02 all -128, 03 all 127.
Usage: make_prune_cases.py ORACLE [DIR] (default DIR: this folder)."""
import json
import os
import subprocess
import sys

import numpy as np

MODELS = ["prune_1x1_s8", "prune_same_s8", "prune_relu_s8", "prune_dw_valid_s8", "prune_dw_same_s8",
          "prune_concat_pool_s8", "prune_add_s8", "prune_dense_s8"]


def main(oracle, root):
    rng = np.random.default_rng(20261208)
    for model in MODELS:
        tflite = os.path.join(root, model, model + ".tflite")
        t = json.loads(subprocess.check_output([oracle, "info", tflite]))["inputs"][0]
        assert t["type"] == "INT8"
        n = int(np.prod(t["shape"]))
        for case in range(4):
            out_dir = os.path.join(root, model, f"{case:02d}")
            os.makedirs(out_dir, exist_ok=True)
            x = [rng.integers(-128, 127, n, endpoint=True), rng.integers(-128, 127, n, endpoint=True),
                 np.full(n, -128), np.full(n, 127)][case].astype(np.int8)
            x.tofile(os.path.join(out_dir, "input0.bin"))
            subprocess.check_call([oracle, "run", tflite, out_dir, "--input", os.path.join(out_dir, "input0.bin")],
                                  stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__)))
