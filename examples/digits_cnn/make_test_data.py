#!/usr/bin/python3
"""Writes the 450 held-out digits (digits.split(), never seen in training) for the C++ example, with
numpy's answers: a float64 run of model/digits_cnn.onnx and of model/digits_cnn_qdq.onnx
(digits.evaluate, from the ONNX operator specification).

  make_test_data.py <out.bin> [--corrupt nan]

Format (little-endian): int32 count, height 8, width 8, classes 10; int32 labels[count];
float32 pixels[count][8][8] (grey value / 16, in [0, 1]); float64 probabilities[count][10] (the float
model); int32 classes[count] (the QDQ model's class). --corrupt nan: the same with one NaN pixel (image
7), for the bad-input test.
"""
import os
import sys

import numpy as np
import onnx

import digits

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    out = sys.argv[1]
    _, x, _, y = digits.split()
    if sys.argv[2:] == ["--corrupt", "nan"]:
        x = x.copy()
        x[7, 0, 3, 4] = np.nan
        probs, qdq = np.zeros((len(y), digits.CLASSES)), np.zeros(len(y))
    elif len(sys.argv) == 2:
        m = onnx.load(os.path.join(HERE, "model", "digits_cnn.onnx"))
        q = onnx.load(os.path.join(HERE, "model", "digits_cnn_qdq.onnx"))
        probs = np.array([digits.evaluate(m, image) for image in x])
        qdq = np.array([digits.evaluate(q, image).argmax() for image in x])
    else:
        sys.exit("usage: make_test_data.py <out.bin> [--corrupt nan]")
    with open(out, "wb") as f:
        np.array([len(y), 8, 8, digits.CLASSES], "<i4").tofile(f)
        y.astype("<i4").tofile(f)
        x.astype("<f4").tofile(f)
        probs.astype("<f8").tofile(f)
        qdq.astype("<i4").tofile(f)


if __name__ == "__main__":
    main()
