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
    # dense_large_s8: two random vectors, all -128, all 127 (outputs saturate at both ends).
    rng = np.random.default_rng(20261210)
    dense = [rng.integers(-128, 128, 512), rng.integers(-128, 128, 512), np.full(512, -128), np.full(512, 127)]
    os.makedirs(os.path.join(root, "dense_large_s8"), exist_ok=True)
    for i, v in enumerate(dense):
        np.asarray(v, dtype=np.int8).tofile(os.path.join(root, "dense_large_s8", f"inputs_{i:02d}.bin"))
    shapeops(root)


def shapeops(root):
    """PAD, PADV2, STRIDED_SLICE, LEAKY_RELU, QUANTIZE int8 <-> int16 (tools/op_models/shapeops_models.hpp)."""
    def write(case, i, values, dtype):
        np.asarray(values, dtype=dtype).tofile(os.path.join(root, case, f"inputs_{i:02d}.bin"))

    rng = np.random.default_rng(20261207)
    for case, n, files in (("pad_s8", 45, 4), ("padv2_s8", 28, 4), ("strided_slice_s8", 210, 2),
                           ("strided_slice_masks_s8", 72, 2)):
        write(case, 0, (np.arange(n) % 256) - 128, "i1")  # a ramp: every output shows where it came from
        for i in range(1, files):
            write(case, i, rng.integers(-128, 128, n), "i1")
    for case, n in (("pad_f32", 24), ("padv2_f32", 15), ("strided_slice_f32", 36)):
        write(case, 0, np.arange(n) + 0.5, "<f4")
        write(case, 1, rng.uniform(-100, 100, n), "<f4")
    every = np.arange(-128, 128)
    for case in ("leaky_relu_s8", "leaky_relu_alpha_gt1_s8", "leaky_relu_alpha_neg_s8", "quantize_s8_s16"):
        write(case, 0, every, "i1")
    sweep = np.linspace(-10, 10, 256)
    edge = [0.0, -0.0, 1e-45, -1e-45, 1e-30, -1e-30, 1e-8, -1e-8, 1e30, -1e30, 3e38, -3e38, np.inf, -np.inf]
    edge += list(rng.uniform(-30, 30, 256 - len(edge)))
    for case in ("leaky_relu_f32", "leaky_relu_alpha_neg_f32"):
        write(case, 0, sweep, "<f4")
        write(case, 1, edge, "<f4")
    # Odd multiples of 0.05 (x / 0.1f is k + 0.5 in float, not in double), then uniform in [-13, 13].
    write("quantize_float_ties", 0, [(2 * k + 1) * 0.05 for k in range(-32, 32)], "<f4")
    write("quantize_float_ties", 1, np.random.default_rng(20261208).uniform(-13, 13, 64), "<f4")
    # float -> int16 (scale 0.1, zero point 7): ties, and the saturation edges (x / 0.1 beyond int32 or
    # infinite is undefined in TFLite, as for int8: not covered).
    write("quantize_float_s16", 0, [(2 * k + 1) * 0.05 for k in range(-32, 32)], "<f4")
    edge = [3276.0, 3276.05, 3276.1, 3276.15, 3276.2, -3277.45, -3277.5, -3277.55, -3277.6, -3280.0, 1e5, -1e5,
            2e8, -2e8, 0.0, -0.0, 1e-30, -1e-30, 0.04999, 0.05, 0.05001, -0.04999, -0.05, -0.05001]
    edge += list(np.random.default_rng(20261209).uniform(-4000, 4000, 64 - len(edge)))
    write("quantize_float_s16", 1, edge, "<f4")
    # int16: the extremes, around zero, then the whole range at random.
    edge16 = [-32768, -32767, 32767, 32766, 0, 1, -1, 2, -2] + list(range(-123, 124))
    for case in ("quantize_s16_s8", "quantize_s16_s16"):
        write(case, 0, edge16, "<i2")
        for i in range(1, 4):
            write(case, i, rng.integers(-32768, 32768, 256), "<i2")
    # int16_shapes: a ramp (every output shows where it came from) and the extremes; int8 -> int32 -> int8.
    write("int16_shapes", 0, np.arange(24) * 1000 - 12000, "<i2")
    write("int16_shapes", 1, [-32768, 32767] * 12, "<i2")
    write("quantize_s8_s32_s8", 0, every, "i1")



if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__)))
