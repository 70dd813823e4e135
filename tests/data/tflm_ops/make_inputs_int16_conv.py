#!/usr/bin/env python3
"""Writes the inputs of the int16x8 op models of tests/data/tflm_ops (*_s16) and of the TRANSPOSE_CONV
ones (transpose_conv_*; README.md there); the outputs are TFLM's for them. Usage: make_inputs_int16_conv.py [DIR] (default: this folder)."""
import os
import sys

import numpy as np

# folder -> input element count (the models are written by tests/importer/int16_conv_models_test.cpp)
MODELS = {
    "conv2d_same_s16": 7 * 9 * 3,
    "conv2d_valid_dilated_s16": 9 * 8 * 5,
    "conv2d_1x1_relu6_s16": 3 * 5 * 17,
    "depthwise_s16": 6 * 7 * 3,
    "depthwise_valid_dilated_s16": 8 * 6 * 5,
    "dense_per_channel_s16": 37,
    "dense_flatten_s16": 2 * 3 * 50,
}


# TRANSPOSE_CONV: folder -> (numpy type, input element count)
TRANSPOSE = {
    "transpose_conv_same_s8": ("<i1", 3 * 4 * 5),
    "transpose_conv_valid_s8": ("<i1", 4 * 3 * 2),
    "transpose_conv_same_s16": ("<i2", 3 * 5 * 3),
    "transpose_conv_f32": ("<f4", 3 * 3 * 4),
}


def main(root):
    rng = np.random.default_rng(20261207)
    for name, n in MODELS.items():
        cases = [
            rng.integers(-32768, 32768, n),  # the full int16 range: outputs saturate at both ends
            rng.integers(-300, 301, n),  # small values: outputs inside the range, rounding visible
            np.where(np.arange(n) % 2 == 0, 32767, -32768),  # the extremes, alternating
            np.where(np.arange(n) % 3 == 0, -32768, np.where(np.arange(n) % 3 == 1, 0, 1)),
        ]
        for i, v in enumerate(cases):
            np.asarray(v, dtype="<i2").tofile(os.path.join(root, name, f"inputs_{i:02d}.bin"))

    rng = np.random.default_rng(20261208)
    for name, (dtype, n) in TRANSPOSE.items():
        if dtype == "<f4":
            cases = [rng.uniform(-2, 2, n), rng.uniform(-50, 50, n),
                     np.where(np.arange(n) % 2 == 0, 1e6, -1e6), np.zeros(n)]
        else:
            lo, hi = (-128, 127) if dtype == "<i1" else (-32768, 32767)
            cases = [rng.integers(lo, hi + 1, n), rng.integers(-20, 21, n),
                     np.where(np.arange(n) % 2 == 0, hi, lo), np.full(n, lo)]
        for i, v in enumerate(cases):
            np.asarray(v, dtype=dtype).tofile(os.path.join(root, name, f"inputs_{i:02d}.bin"))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
