#!/usr/bin/env python3
"""Writes the inputs of tests/data/tflm_ops (README.md there); the outputs are TFLM's for them.
Usage: make_inputs.py [DIR] (default: this folder)."""
import os
import sys

import numpy as np


def main(root):
    rng = np.random.default_rng(20261206)
    fio = [[0.25, -0.25, 0.75, -0.75], [1.25, -1.25, 61.75, -65.25], [62.0, 62.25, -65.5, -65.75],
           [1000.0, -1000.0, 1.0e9, -1.0e9], [0.0, -0.0, 1e-30, -1e-30]]
    fio += [list(rng.uniform(-70, 70, 4)) for _ in range(11)]
    for i, v in enumerate(fio):
        np.asarray(v, dtype="<f4").tofile(os.path.join(root, "float_io", f"inputs_{i:02d}.bin"))

    rng = np.random.default_rng(20261206)
    ties_pos = [(2 * k + 1) / 4 for k in range(64)]
    ties_neg = [-t for t in ties_pos]
    uniform = list(rng.uniform(-80, 80, 64))
    edge = [62.0, 62.25, 62.24999, 62.25001, 62.5, 62.75, 63.0, 1000.0, 1.0e9, 1e-30, 0.0, -0.0, -1e-30,
            -65.0, -65.25, -65.24999, -65.25001, -65.5, -65.75, -66.0, -1000.0, -1.0e9,
            1.4e-45, -1.4e-45, 0.2499999, 0.2500001, -0.2499999, -0.2500001, 0.7499999, 0.7500001,
            33.25, 33.75, -33.25, -33.75, 1e5, -1e5, 1.07e9, -1.07e9]
    edge += list(rng.uniform(-5, 5, 64 - len(edge)))
    for i, v in enumerate([ties_pos, ties_neg, uniform, edge]):
        np.asarray(v, dtype="<f4").tofile(os.path.join(root, "quantize_roundtrip", f"inputs_{i:02d}.bin"))

    every = np.arange(-128, 128, dtype=np.int8)
    for case in ("requantize", "squeeze_relu_expand"):
        for i in range(4):
            every[i * 64:(i + 1) * 64].tofile(os.path.join(root, case, f"inputs_{i:02d}.bin"))
    for case in ("relu_s8", "relu6_s8", "logistic_s8", "tanh_s8"):
        every.tofile(os.path.join(root, case, "inputs_00.bin"))

    # Float activations: a sweep, and the edges (exp's range, infinities, tiny and huge values).
    sweep = np.linspace(-10, 10, 256)
    edge = [0.0, -0.0, 1e-45, -1e-45, 1e-30, -1e-30, 1e-8, -1e-8, 5.9, 6.0, 6.1, 20.0, -20.0, 50.0, -50.0,
            88.0, -88.0, 89.0, -89.0, 104.0, -104.0, 1e30, -1e30, np.inf, -np.inf]
    edge += list(np.random.default_rng(20261206).uniform(-30, 30, 256 - len(edge)))
    for case in ("relu6_f32", "logistic_f32", "tanh_f32"):
        np.asarray(sweep, dtype="<f4").tofile(os.path.join(root, case, "inputs_00.bin"))
        np.asarray(edge, dtype="<f4").tofile(os.path.join(root, case, "inputs_01.bin"))


    # float_cnn: uniform images in [-1, 1], one with large values (softmax saturates), one all zero.
    rng = np.random.default_rng(20261207)
    images = [rng.uniform(-1, 1, 192) for _ in range(6)] + [rng.uniform(-40, 40, 192), np.zeros(192)]
    for i, v in enumerate(images):
        np.asarray(v, dtype="<f4").tofile(os.path.join(root, "float_cnn", f"inputs_{i:02d}.bin"))
    # maxpool_s8: random, every value, and the extremes (RELU clamps at the zero point -20).
    pool = [rng.integers(-128, 128, 180), np.resize(every, 180), np.full(180, -128), np.full(180, 127)]
    for i, v in enumerate(pool):
        np.asarray(v, dtype=np.int8).tofile(os.path.join(root, "maxpool_s8", f"inputs_{i:02d}.bin"))

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
