#!/usr/bin/env python3
"""Writes the cases of the MEAN / MINIMUM / MAXIMUM / DIV models of tests/data/tflm_ops (README.md there,
"MEAN, MINIMUM, MAXIMUM, DIV, HARD_SWISH, PRELU, L2_NORMALIZATION"): for each model, folders 00..03 with input<i>.bin (ours: numpy, seed
20261208) and output<i>.bin (TFLite Micro's, by tools/tflm_oracle).
MEAN:            00 uniform over the type's range (float: [-8, 8)); 01 near the input zero point (float:
                 [-1000, 1000)); 02 all the type's maximum (float: a mix of +-1e30, +-1e7, 1 and tiny
                 values, where the order of the float sum shows); 03 the edges (min, max, 0, +-1, ...).
HARD_SWISH:      int8: 00 every value, 01, 02 uniform, 03 every value backwards; float: 00 a sweep of
                 [-8, 8], 01, 02 uniform, 03 the edges (+-0, +-3 and just inside, +-1e30).
L2_NORMALIZATION: 00, 01 uniform; 02, 03 the edges, with one vector at the zero point (float: zeros, the
                 epsilon) and, for int8, one whose sum of squares is 3.
MINIMUM/MAXIMUM/PRELU: 00, 01 uniform; 02, 03 the edges phase-shifted so that every value meets every other
                 (float: +-0, tiny, +-1e30, +-3e38, ...).
DIV:             00, 01 uniform in [-8, 8); 02 edges over non-zero edges (quotients overflow to infinity,
                 clamped); 03 uniform over a divisor with +0 and -0 (x / 0 = +-infinity, clamped). No 0 / 0:
                 the NaN's bits differ between x86-64 and Arm.
Usage: make_opsmath_cases.py ORACLE [DIR] (default DIR: this folder)."""
import json
import os
import subprocess
import sys
import tempfile

import numpy as np

MODELS = ["mean_s8_hw", "mean_s8_hw_keep", "mean_s8_channels", "mean_s8_large_ratio", "mean_s16_hw",
          "mean_s16_w", "mean_f32_hw_keep", "mean_f32_axes", "maximum_s8_broadcast", "minimum_s8_const_first",
          "maximum_s16", "minimum_s16_const", "minimum_f32_broadcast", "maximum_f32_const",
          "div_f32_broadcast_relu", "div_f32_const", "hard_swish_s8_wide", "hard_swish_s8", "hard_swish_s8_fine",
          "hard_swish_f32", "prelu_s8_const", "prelu_s8_input", "prelu_f32_const",
          "l2_normalization_s8", "l2_normalization_s8_zp", "l2_normalization_f32"]
TYPES = {"INT8": np.int8, "INT16": np.int16, "FLOAT32": np.float32}
FLOAT_EDGES = [0.0, -0.0, 1e-30, -1e-30, 6.0, -6.0, 5.999, 1e30, -1e30, 3e38, -3e38, 0.5, -1.5, 2.0]


def edges(dtype, n, phase, values=None):
    if values is not None:
        e = values
    elif dtype == np.float32:
        e = FLOAT_EDGES
    else:
        lo, hi = int(np.iinfo(dtype).min), int(np.iinfo(dtype).max)
        e = [lo, hi, 0, 1, -1, lo + 1, hi - 1]
    return np.asarray([e[(i + phase * (i // len(e) + 1)) % len(e)] for i in range(n)], dtype=dtype)


def uniform(rng, dtype, n, lo=-8.0, hi=8.0):
    if dtype == np.float32:
        return rng.uniform(lo, hi, n).astype(np.float32)
    return rng.integers(np.iinfo(dtype).min, np.iinfo(dtype).max, n, endpoint=True, dtype=dtype)


def make_input(rng, model, case, k, t):
    dtype, n = TYPES[t["type"]], int(np.prod(t["shape"]))
    if model.startswith("mean"):
        if case == 0:
            return uniform(rng, dtype, n)
        if case == 1:
            if dtype == np.float32:
                return uniform(rng, dtype, n, -1000.0, 1000.0)
            zp = int(t["zero_point"][0])
            w = 8 if dtype == np.int8 else 200
            info = np.iinfo(dtype)
            return np.clip(rng.integers(zp - w, zp + w, n, endpoint=True), info.min, info.max).astype(dtype)
        if case == 2:
            if dtype == np.float32:
                return edges(dtype, n, 0, [1e30, 1.0, -1e30, 1e7, 1e-30, -1e7, 0.25, 3.0, -1.0])
            return np.full(n, np.iinfo(dtype).max, dtype=dtype)
        return edges(dtype, n, 0, None if dtype != np.float32 else
                     [0.0, -0.0, 1e-30, -1e-30, 6.0, -6.0, 5.999, 1e30, -1e30, 0.5, -1.5, 2.0])
    if model.startswith("hard_swish"):
        if dtype == np.float32:
            if case == 0:
                return np.linspace(-8, 8, n).astype(np.float32)
            if case == 3:
                return edges(dtype, n, 0, [0.0, -0.0, -3.0, 3.0, -2.999, 2.999, 1e-30, -1e-30, 1e30, -1e30, 6.0])
            return uniform(rng, dtype, n)
        if case == 0:
            return np.arange(-128, 128, dtype=np.int16).astype(dtype)
        if case == 3:
            return np.arange(127, -129, -1, dtype=np.int16).astype(dtype)
        return uniform(rng, dtype, n)
    if model.startswith("l2_normalization"):
        if case in (0, 1):
            return uniform(rng, dtype, n)
        if dtype == np.float32:
            x = edges(dtype, n, case, [0.0, -0.0, 1e-30, -1e-30, 6.0, -6.0, 1e19, -1e19, 0.5, -1.5, 2.0])
            x[:9] = 0.0  # a vector of zeros: the norm is the epsilon
            return x
        x = edges(dtype, n, case)
        zp, depth = int(t["zero_point"][0]), int(t["shape"][-1])
        x[:depth] = zp  # a vector at the zero point: TFLite's sum of squares 0
        x[depth:2 * depth] = zp
        x[depth:depth + 3] = zp - 1 if zp > 0 else zp + 1  # a sum of squares of 3
        return x
    if model.startswith("div"):
        if case in (0, 1):
            return uniform(rng, dtype, n)
        if case == 2:
            return edges(dtype, n, k, [e for e in FLOAT_EDGES if e != 0.0] if k == 1 else None)
        x = uniform(rng, dtype, n)
        if k == 1:
            x[::3] = 0.0
            x[1::6] = -0.0
        return x
    if case in (0, 1):
        return uniform(rng, dtype, n)
    return edges(dtype, n, k + 2 * (case - 2))


def main(oracle, root):
    rng = np.random.default_rng(20261208)
    for model in MODELS:
        tflite = os.path.join(root, model, model + ".tflite")
        info = json.loads(subprocess.check_output([oracle, "info", tflite]))
        for case in range(4):
            out_dir = os.path.join(root, model, f"{case:02d}")
            os.makedirs(out_dir, exist_ok=True)
            with tempfile.TemporaryDirectory() as tmp:
                args = [oracle, "run", tflite, out_dir]
                for k, t in enumerate(info["inputs"]):
                    x = make_input(rng, model, case, k, t)
                    path = os.path.join(tmp, f"in{k}.bin")
                    x.astype(x.dtype.newbyteorder("<")).tofile(path)
                    args += ["--input", path]
                subprocess.check_call(args, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__)))
