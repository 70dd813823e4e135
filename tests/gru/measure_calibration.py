#!/usr/bin/python3
"""Measures what tools/onnx's --calibration methods buy: the int8 error (numpy, fake-quantized int8
vs float64) on held-out inputs, for the test models, calibrated on normal inputs and on heavy-tailed
ones (Student t, 3 degrees of freedom: rare large values, as real sensor data has).

  /usr/bin/python3 tests/gru/measure_calibration.py      (the table in docs/onnx.md)
"""
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "onnx"))
from ctml_onnx import calibrate, model  # noqa: E402

METHODS = ["minmax", "percentile:99.99", "percentile:99.9", "mse"]
print("| model | calibration inputs | " + " | ".join(METHODS) + " |")
print("|---|---|" + "---|" * len(METHODS))
for name in ("gru_chain", "act_chain", "gru_act"):
    m = model.read(os.path.join(HERE, "onnx", name + ".onnx"))
    shape = np.load(os.path.join(HERE, "onnx", name + "_calib.npy")).shape
    rng = np.random.default_rng(1)
    for dist in ("normal", "t3"):
        draw = (lambda n: rng.normal(0, 1, (n,) + shape[1:])) if dist == "normal" else \
            (lambda n: rng.standard_t(3, (n,) + shape[1:]))
        calib, held = draw(256), draw(256)
        ref = np.array([m.forward(x) for x in held])
        cells = []
        for meth in METHODS:
            q = model.quantize_model(m, calib, method=calibrate.parse(meth))
            err = np.abs(np.array([m.forward(x, q) for x in held]) - ref)
            cells.append(f"{err.mean():.5f} / {err.max():.4f}")
        print(f"| {name} | {dist} | " + " | ".join(cells) + " |")
print("cells: mean / max |int8 - float| over 256 held-out inputs drawn like the calibration inputs")
