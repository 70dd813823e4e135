#!/usr/bin/env python3
"""Writes the cases of the int16 LOGISTIC / TANH models of tests/data/tflm_ops (README.md there, "int16
LOGISTIC, TANH"): for each model, folders 00..03 with input0.bin (ours: numpy, seed 20261209) and
output0.bin (TFLite Micro's, by tools/tflm_oracle). Inputs of 2048 int16 values:
00, 01 every 32nd value from -32768 (01: shifted by 17), so that 00..01 sweep the whole range;
02 uniform; 03 every value in [-1024, 1024) (the steep middle of the curve at the fine scales).
Usage: make_ops3_cases.py ORACLE [DIR] (default DIR: this folder)."""
import os
import subprocess
import sys
import tempfile

import numpy as np

MODELS = ["logistic_s16_pot", "logistic_s16_pot10", "logistic_s16", "logistic_s16_wide", "logistic_s16_tiny",
          "tanh_s16_pot", "tanh_s16_pot11", "tanh_s16_pot9", "tanh_s16", "tanh_s16_wide"]
N = 2048


def make_input(rng, case):
    if case == 0:
        return np.arange(-32768, 32768, 32, dtype=np.int16)
    if case == 1:
        return np.arange(-32768 + 17, 32768, 32, dtype=np.int16)
    if case == 2:
        return rng.integers(-32768, 32767, N, endpoint=True, dtype=np.int16)
    return np.arange(-1024, 1024, dtype=np.int16)


def main(oracle, root):
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
