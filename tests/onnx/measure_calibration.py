#!/usr/bin/python3
"""Measures what tools/onnx's --calibration methods buy: the int8 error (numpy, fake-quantized int8
vs float64) on held-out inputs, for the test models, calibrated on normal inputs and on heavy-tailed
ones (Student t, 3 degrees of freedom: rare large values, as real sensor data has).

  /usr/bin/python3 tests/onnx/measure_calibration.py      (the table in docs/onnx.md)
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "onnx"))
GRU = os.path.join(HERE, "..", "gru", "onnx")
from ctml_onnx import calibrate, model  # noqa: E402

METHODS = ["minmax", "percentile:99.99", "percentile:99.9", "mse"]
print("| model | calibration inputs | " + " | ".join(METHODS) + " |")
print("|---|---|" + "---|" * len(METHODS))
for name, folder in [("gru_chain", GRU), ("act_chain", GRU), ("gru_act", GRU), ("pytorch_cnn", "models"),
                     ("random_cnn_1", "models")]:
    m = model.read(os.path.join(HERE, folder, name + ".onnx"))
    shape = (0,) + tuple(m.input_shape)
    rng = np.random.default_rng(1)
    for dist in ("normal", "t3"):
        draw = (lambda n: rng.normal(0, 1, (n,) + shape[1:])) if dist == "normal" else \
            (lambda n: rng.standard_t(3, (n,) + shape[1:]))
        n = 64 if len(m.input_shape) == 3 else 256  # the CNNs' numpy forward is slower
        calib, held = draw(n), draw(n)
        ref = np.array([m.forward(x) for x in held])
        cells = []
        for meth in METHODS:
            q = model.quantize_model(m, calib, method=calibrate.parse(meth))
            err = np.abs(np.array([m.forward(x, q) for x in held]) - ref)
            cells.append(f"{err.mean():.5f} / {err.max():.4f}")
        print(f"| {name} | {dist} | " + " | ".join(cells) + " |")
print("cells: mean / max |int8 - float| over 256 (CNNs: 64) held-out inputs drawn like the calibration inputs")
