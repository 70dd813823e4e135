#!/usr/bin/python3
"""Builds the quantized ONNX models tools/onnx is tested on (tests/onnx/models/qdq_*.onnx) with
onnx.helper, and their expected outputs from a numpy statement of ONNX's quantized operators
(below, written from the operator specification: QuantizeLinear, DequantizeLinear, QLinearConv,
QLinearMatMul as onnxruntime computes them, a QDQ group DequantizeLinear -> Conv / Gemm (-> Relu) ->
QuantizeLinear as the QLinearConv / QLinearMatMul onnxruntime fuses it into).

  /usr/bin/python3 tests/onnx/make_qdq_models.py

- qdq_cnn: the QDQ format (onnxruntime's quantize_static, PyTorch's static quantization), int8:
  Q -> DQ -> Conv 3x3 pads 1 (per-channel weights, int32 bias) -> Relu -> Q -> DQ -> MaxPool 2 -> Q
  -> DQ -> depthwise Conv 3x3 (per-channel) -> Q -> DQ -> Conv 1x1 (per-tensor weights with a zero
  point of 5) -> Q -> DQ -> Flatten -> Gemm transB (per-channel) -> Q -> DQ: float in, float out.
- qlinear_cnn: the QOperator format, uint8 and int8 mixed: QuantizeLinear (uint8) -> QLinearConv
  (uint8 weights, zero point 131, stride 2, asymmetric pads) -> MaxPool (uint8) -> QLinearConv
  depthwise, multiplier 2 (uint8 weights, zero point 120) -> QLinearConv (int8 per-channel weights,
  int8 output) -> Flatten -> QLinearMatMul (uint8 weights, zero point
  100, uint8 output) -> DequantizeLinear.
- qdq_mlp: QDQ MatMul (a weight zero point) -> Relu -> Gemm (per-unit scales, bias), every scale a
  power of two, so that the layers' scaled accumulators meet exact ties (ONNX rounds them to even).
Inputs are multiples of half the input scale, so that QuantizeLinear meets exact ties (ONNX rounds
them to even; TFLite's rounding, half away from zero, would differ: the generator counts how many
outputs would change). Expected outputs (dequantized floats, exact) in data/qdq_expected.hpp.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "onnx"))
import onnx_spec as spec  # noqa: E402
from ctml_onnx import emit  # noqa: E402

OUT = os.path.join(HERE, "models")
LIMITS = {np.int8: (-128, 127), np.uint8: (0, 255)}


# -- the numpy statement of ONNX's quantized operators (one sample, NCHW; integers as int64)
def quantize_linear(x, s, zp, dtype, half_even=True):
    """saturate(round(x / y_scale) + y_zero_point), the quotient in float32, rounded half to even."""
    q = np.float32(x) / np.float32(s)
    r = np.rint(q) if half_even else np.sign(q) * np.floor(np.abs(q) + 0.5)
    return np.clip(r + zp, *LIMITS[dtype]).astype(np.int64)


def dequantize_linear(q, s, zp):
    return (np.asarray(q - zp, np.float32) * np.float32(s)).astype(np.float32)


def requantize(acc, xs, ws, ys, yzp, dtype, channel_axis, relu=False):
    """onnxruntime's QLinearConv / QLinearMatMul output: float32(acc) * (x_scale * w_scale / y_scale, in
    float32), rounded half to even, + y_zero_point, saturated (a fused Relu: not below the zero point)."""
    m = (np.float32(xs) * np.asarray(ws, np.float32)) / np.float32(ys)
    shape = [1] * acc.ndim
    shape[channel_axis] = -1
    v = acc.astype(np.float32) * (m.reshape(shape) if m.size > 1 else m.reshape(()))
    lo, hi = LIMITS[dtype]
    return np.clip(np.rint(v) + yzp, yzp if relu else lo, hi).astype(np.int64)


def qlinear_conv(xq, xzp, wq, wzp, bias, strides, pads, group=1):
    """The int32 accumulator: sum (x - x_zero_point) (w - w_zero_point) + bias, padding = x_zero_point."""
    acc = spec.conv((xq - xzp).astype(np.float64), (wq - wzp).astype(np.float64), bias.astype(np.float64), strides,
                    pads, (1, 1), group)
    return np.round(acc).astype(np.int64)  # exact: integers far below 2^53


class Builder:
    def __init__(self, name, rng):
        self.name, self.rng, self.nodes, self.inits, self.k = name, rng, [], [], 0

    def const(self, a, dtype):
        self.k += 1
        name = f"c{self.k}"
        self.inits.append(numpy_helper.from_array(np.asarray(a).astype(dtype), name))
        return name

    def node(self, op, inputs, **attrs):
        self.k += 1
        out = f"t{self.k}"
        self.nodes.append(helper.make_node(op, inputs, [out], name=f"{op.lower()}{self.k}", **attrs))
        return out

    def save(self, x_shape, out_name, out_shape):
        g = helper.make_graph(self.nodes, self.name,
                              [helper.make_tensor_value_info("x", TensorProto.FLOAT, x_shape)],
                              [helper.make_tensor_value_info(out_name, TensorProto.FLOAT, out_shape)], self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_qdq_models.py")
        onnx.checker.check_model(m)
        onnx.save(m, os.path.join(OUT, self.name + ".onnx"))


def int_weights(rng, shape, dtype=np.int8):
    lo, hi = LIMITS[dtype]
    return rng.integers(lo, hi + 1, shape)


def qdq_cnn(rng):
    b = Builder("qdq_cnn", rng)
    s_in, z_in = np.float32(1 / 16), 3
    s1, z1, s2, z2, s3, z3 = np.float32(0.05), -100, np.float32(0.08), 7, np.float32(0.11), -2
    W1, ws1 = int_weights(rng, (6, 2, 3, 3)), rng.uniform(0.002, 0.006, 6).astype(np.float32)
    B1 = rng.integers(-3000, 3000, 6)
    Wd, wsd = int_weights(rng, (6, 1, 3, 3)), rng.uniform(0.004, 0.01, 6).astype(np.float32)  # depthwise
    Bd = rng.integers(-1500, 1500, 6)
    sd, zd = np.float32(0.06), 10
    W2, ws2, wz2 = int_weights(rng, (4, 6, 1, 1)), np.float32(0.004), 5
    B2 = rng.integers(-2000, 2000, 4)
    W3, ws3 = int_weights(rng, (5, 64)), rng.uniform(0.001, 0.003, 5).astype(np.float32)
    B3 = rng.integers(-5000, 5000, 5)

    def qdq(t, s, z, dtype=np.int8):
        q = b.node("QuantizeLinear", [t, b.const(s, np.float32), b.const(z, dtype)])
        return b.node("DequantizeLinear", [q, b.const(s, np.float32), b.const(z, dtype)])

    def wdq(W, s, z, axis=None, dtype=np.int8, zdtype=np.int8):
        zs = np.full(np.shape(s), z)
        a = {} if axis is None else {"axis": axis}
        return b.node("DequantizeLinear", [b.const(W, dtype), b.const(s, np.float32), b.const(zs, zdtype)], **a)

    t = qdq("x", s_in, z_in)
    t = b.node("Conv", [t, wdq(W1, ws1, 0, 0), wdq(B1, s_in * ws1, 0, 0, np.int32, np.int32)], kernel_shape=[3, 3],
               pads=[1, 1, 1, 1])
    t = b.node("Relu", [t])
    t = qdq(t, s1, z1)
    t = b.node("MaxPool", [t], kernel_shape=[2, 2], strides=[2, 2])
    t = qdq(t, s1, z1)
    t = b.node("Conv", [t, wdq(Wd, wsd, 0, 0), wdq(Bd, s1 * wsd, 0, 0, np.int32, np.int32)], kernel_shape=[3, 3],
               pads=[1, 1, 1, 1], group=6)
    t = qdq(t, sd, zd)
    t = b.node("Conv", [t, wdq(W2, ws2, wz2), wdq(B2, np.float32(sd * ws2), 0, None, np.int32, np.int32)],
               kernel_shape=[1, 1])
    t = qdq(t, s2, z2)
    t = b.node("Flatten", [t], axis=1)
    t = b.node("Gemm", [t, wdq(W3, ws3, 0, 0), wdq(B3, np.float32(s2 * ws3), 0, 0, np.int32, np.int32)], transB=1)
    t = qdq(t, s3, z3)
    b.save([1, 2, 9, 9], t, [1, 5])

    def run(x, half_even=True):
        q = quantize_linear(x, s_in, z_in, np.int8, half_even)
        acc = qlinear_conv(q, z_in, W1, 0, B1, (1, 1), (1, 1, 1, 1))
        y = requantize(acc, s_in, ws1, s1, z1, np.int8, 0, relu=True)
        y = spec.pool(y.astype(np.float64), "max", (2, 2), (2, 2), (0, 0, 0, 0)).astype(np.int64)
        acc = qlinear_conv(y, z1, Wd, 0, Bd, (1, 1), (1, 1, 1, 1), group=6)
        y = requantize(acc, s1, wsd, sd, zd, np.int8, 0)
        acc = qlinear_conv(y, zd, W2, wz2, B2, (1, 1), (0, 0, 0, 0))
        y = requantize(acc, sd, ws2, s2, z2, np.int8, 0)
        acc = W3 @ (y.reshape(-1) - z2) + B3
        y = requantize(acc, s2, ws3, s3, z3, np.int8, 0)
        return dequantize_linear(y, s3, z3)
    return b, run, (2, 9, 9), s_in


def qlinear_cnn(rng):
    b = Builder("qlinear_cnn", rng)
    s_in, z_in = np.float32(1 / 32), 128
    W1, ws1, wz1 = int_weights(rng, (4, 3, 3, 3), np.uint8), np.float32(0.003), 131
    B1 = rng.integers(-4000, 4000, 4)
    s1, z1 = np.float32(0.04), 120  # uint8
    Wd, wsd, wzd = int_weights(rng, (8, 1, 3, 3), np.uint8), np.float32(0.004), 120  # depthwise, multiplier 2
    Bd = rng.integers(-1500, 1500, 8)
    sd, zd = np.float32(0.05), 100  # uint8
    W2, ws2 = int_weights(rng, (5, 8, 2, 2)), rng.uniform(0.002, 0.005, 5).astype(np.float32)
    B2 = rng.integers(-2000, 2000, 5)
    s2, z2 = np.float32(0.06), -20  # int8
    W3, ws3, wz3 = int_weights(rng, (45, 6), np.uint8), np.float32(0.002), 100
    s3, z3 = np.float32(0.1), 140  # uint8
    f = lambda v: b.const(v, np.float32)
    t = b.node("QuantizeLinear", ["x", f(s_in), b.const(z_in, np.uint8)])
    t = b.node("QLinearConv", [t, f(s_in), b.const(z_in, np.uint8), b.const(W1, np.uint8), f(ws1),
                               b.const(wz1, np.uint8), f(s1), b.const(z1, np.uint8), b.const(B1, np.int32)],
               kernel_shape=[3, 3], strides=[2, 2], pads=[0, 1, 2, 1])
    t = b.node("MaxPool", [t], kernel_shape=[2, 2], strides=[1, 1])
    t = b.node("QLinearConv", [t, f(s1), b.const(z1, np.uint8), b.const(Wd, np.uint8), f(wsd), b.const(wzd, np.uint8),
                               f(sd), b.const(zd, np.uint8), b.const(Bd, np.int32)],
               kernel_shape=[3, 3], pads=[1, 1, 1, 1], group=4)
    t = b.node("QLinearConv", [t, f(sd), b.const(zd, np.uint8), b.const(W2, np.int8), b.const(ws2, np.float32),
                               b.const(np.zeros(5), np.int8), f(s2), b.const(z2, np.int8), b.const(B2, np.int32)],
               kernel_shape=[2, 2])
    t = b.node("Flatten", [t], axis=1)
    t = b.node("QLinearMatMul", [t, f(s2), b.const(z2, np.int8), b.const(W3, np.uint8), f(ws3),
                                 b.const(wz3, np.uint8), f(s3), b.const(z3, np.uint8)])
    t = b.node("DequantizeLinear", [t, f(s3), b.const(z3, np.uint8)])
    b.save([1, 3, 10, 10], t, [1, 6])

    def run(x, half_even=True):
        q = quantize_linear(x, s_in, z_in, np.uint8, half_even)
        acc = qlinear_conv(q, z_in, W1, wz1, B1, (2, 2), (0, 1, 2, 1))
        y = requantize(acc, s_in, ws1, s1, z1, np.uint8, 0)
        y = spec.pool(y.astype(np.float64), "max", (2, 2), (1, 1), (0, 0, 0, 0)).astype(np.int64)
        acc = qlinear_conv(y, z1, Wd, wzd, Bd, (1, 1), (1, 1, 1, 1), group=4)
        y = requantize(acc, s1, wsd, sd, zd, np.uint8, 0)
        acc = qlinear_conv(y, zd, W2, 0, B2, (1, 1), (0, 0, 0, 0))
        y = requantize(acc, sd, ws2, s2, z2, np.int8, 0)
        acc = (y.reshape(-1) - z2) @ (W3 - wz3)
        y = requantize(acc, s2, ws3, s3, z3, np.uint8, 0)
        return dequantize_linear(y, s3, z3)
    return b, run, (3, 10, 10), s_in


def qdq_mlp(rng):
    """Power-of-two scales: x_scale * w_scale / y_scale is 1/4 or 1/8, so the scaled accumulator is often
    an exact tie, which ONNX rounds to even (TFLite's rounding, half away from zero, would differ)."""
    b = Builder("qdq_mlp", rng)
    s_in, z_in = np.float32(1 / 16), -5
    # Small weights keep the accumulators in the outputs' range at these multipliers.
    W1, ws1, wz1 = rng.integers(-3, 2, (16, 12)), np.float32(1 / 16), -1  # MatMul [K, N], per tensor, a zero point
    s1, z1 = np.float32(1 / 64), -128  # m = 1/16 * 1/16 / (1/64) = 1/4: a tie at every acc = 2 (mod 4)
    W2, ws2 = rng.integers(-2, 3, (4, 12)), np.array([1 / 2, 1, 1 / 2, 1 / 4], np.float32)  # Gemm transB, per unit
    B2 = rng.integers(-300, 300, 4)
    s2, z2 = np.float32(1 / 16), 3  # m = 1/8, 1/4, 1/8, 1/16
    f = lambda v: b.const(v, np.float32)
    i8 = lambda v: b.const(v, np.int8)
    t = b.node("QuantizeLinear", ["x", f(s_in), i8(z_in)])
    t = b.node("DequantizeLinear", [t, f(s_in), i8(z_in)])
    w = b.node("DequantizeLinear", [i8(W1), f(ws1), i8(wz1)])
    t = b.node("MatMul", [t, w])
    t = b.node("Relu", [t])
    t = b.node("QuantizeLinear", [t, f(s1), i8(z1)])
    t = b.node("DequantizeLinear", [t, f(s1), i8(z1)])
    w = b.node("DequantizeLinear", [i8(W2), f(ws2), i8(np.zeros(4))], axis=0)
    bias = b.node("DequantizeLinear", [b.const(B2, np.int32), f(s1 * ws2), b.const(np.zeros(4), np.int32)], axis=0)
    t = b.node("Gemm", [t, w, bias], transB=1)
    t = b.node("QuantizeLinear", [t, f(s2), i8(z2)])
    t = b.node("DequantizeLinear", [t, f(s2), i8(z2)])
    b.save([1, 16], t, [1, 4])

    def run(x, half_even=True, requant_half_even=True):
        q = quantize_linear(x, s_in, z_in, np.int8, half_even)
        rq = requantize if requant_half_even else requantize_half_away
        y = rq((q - z_in) @ (W1 - wz1), s_in, ws1, s1, z1, np.int8, 0, relu=True)
        return dequantize_linear(rq(W2 @ (y - z1) + B2, s1, ws2, s2, z2, np.int8, 0), s2, z2)
    return b, run, (16,), s_in


def average_pool_f32(xf, kernel, strides, pads, count_include_pad=False, row_major=False):
    """ONNX's AveragePool on a dequantized float32 tensor [C, H, W] as onnxruntime 1.30 computes it (its
    float kernel, checked on random windows with and without padding): in float32, each column of the
    window's taps inside the input summed from 0 top to bottom, the column sums from 0 left to right,
    divided by the count of taps (padding taps excluded, or counted as zeros with count_include_pad);
    pads [top, left, bottom, right]. row_major: every tap summed in row-major order instead (what the test
    tells apart)."""
    if row_major:  # the same sums over the transposed window: its rows are the columns
        return np.swapaxes(average_pool_f32(np.swapaxes(xf, 1, 2), kernel[::-1], strides[::-1],
                                            (pads[1], pads[0], pads[3], pads[2]), count_include_pad), 1, 2)
    C, H, W = xf.shape
    OH = (H + pads[0] + pads[2] - kernel[0]) // strides[0] + 1
    OW = (W + pads[1] + pads[3] - kernel[1]) // strides[1] + 1
    y = np.zeros((C, OH, OW), np.float32)
    for oh in range(OH):
        for ow in range(OW):
            acc, n = np.zeros(C, np.float32), 0
            for kw in range(kernel[1]):
                column = np.zeros(C, np.float32)
                for kh in range(kernel[0]):
                    r, c = oh * strides[0] - pads[0] + kh, ow * strides[1] - pads[1] + kw
                    if 0 <= r < H and 0 <= c < W:
                        column = (column + xf[:, r, c]).astype(np.float32)
                        n += 1
                    elif count_include_pad:
                        n += 1  # a zero: adding it changes nothing
                acc = (acc + column).astype(np.float32)
            y[:, oh, ow] = acc / np.float32(n)
    return y


def qdq_pool(rng):
    """DequantizeLinear -> AveragePool -> QuantizeLinear three times, uint8 then int8, odd shapes:
    SAME_UPPER (padding taps not counted: 2 to 6 taps), explicit asymmetric pads counted as zeros, then
    3 x 3 with pads 1 not counted. The first pool keeps the scale 1/16, so averages of 2 and 4 taps often
    end in .5 exactly (ties); the last one's scales (0.09 to 0.04) make exact ties in real numbers, which
    its float32 sums (no power of two) put on either side depending on their order."""
    b = Builder("qdq_pool", rng)
    s_in, z_in = np.float32(1 / 16), 120  # uint8
    s1, z1 = np.float32(1 / 16), 100  # uint8
    s2, z2 = np.float32(0.09), -7  # int8
    s3, z3 = np.float32(0.04), 11  # int8: x_scale / y_scale / 9 taps = 1/4 (/ 6 = 3/8, / 4 = 9/16): ties
    f = lambda v: b.const(v, np.float32)
    t = b.node("QuantizeLinear", ["x", f(s_in), b.const(z_in, np.uint8)])
    t = b.node("DequantizeLinear", [t, f(s_in), b.const(z_in, np.uint8)])
    t = b.node("AveragePool", [t], kernel_shape=[3, 2], strides=[2, 1], auto_pad="SAME_UPPER")
    t = b.node("QuantizeLinear", [t, f(s1), b.const(z1, np.uint8)])
    t = b.node("DequantizeLinear", [t, f(s1), b.const(z1, np.uint8)])
    t = b.node("AveragePool", [t], kernel_shape=[2, 3], strides=[1, 2], pads=[1, 0, 0, 1], count_include_pad=1)
    t = b.node("QuantizeLinear", [t, f(s2), b.const(z2, np.int8)])
    t = b.node("DequantizeLinear", [t, f(s2), b.const(z2, np.int8)])
    t = b.node("AveragePool", [t], kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    t = b.node("QuantizeLinear", [t, f(s3), b.const(z3, np.int8)])
    t = b.node("DequantizeLinear", [t, f(s3), b.const(z3, np.int8)])
    b.save([1, 5, 11, 7], t, [1, 5, 6, 3])

    def run(x, half_even=True, integer_sum=False, row_major=False):
        q = quantize_linear(x, s_in, z_in, np.uint8)
        y = average_pool_f32(dequantize_linear(q, s_in, z_in), (3, 2), (2, 1), (1, 0, 1, 1))
        q = quantize_linear(y, s1, z1, np.uint8, half_even)
        y = average_pool_f32(dequantize_linear(q, s1, z1), (2, 3), (1, 2), (1, 0, 0, 1), count_include_pad=True)
        q = quantize_linear(y, s2, z2, np.int8, half_even)
        if integer_sum:  # the last pool as sum(x - zp) * x_scale / count: not the float32 sum
            ones = np.ones(q.shape[1:])
            count = np.round(spec.pool(ones[None], "avg", (3, 3), (1, 1), (1, 1, 1, 1), 1) * 9)
            acc = np.round(spec.pool((q - z2).astype(np.float64), "avg", (3, 3), (1, 1), (1, 1, 1, 1)) * count)
            y = (acc.astype(np.float32) * s2 / count.astype(np.float32)).astype(np.float32)
        else:
            y = average_pool_f32(dequantize_linear(q, s2, z2), (3, 3), (1, 1), (1, 1, 1, 1), row_major=row_major)
        return dequantize_linear(quantize_linear(y, s3, z3, np.int8, half_even), s3, z3)
    return b, run, (5, 11, 7), s_in


def qdq_gap(rng):
    """int8: Conv 3x3 (+ Relu) -> QuantizeLinear -> DequantizeLinear -> GlobalAveragePool (45 taps) ->
    QuantizeLinear to another scale -> DequantizeLinear -> Flatten."""
    b = Builder("qdq_gap", rng)
    s_in, z_in = np.float32(0.037), -3
    W1, ws1 = int_weights(rng, (12, 3, 3, 3)), rng.uniform(0.002, 0.006, 12).astype(np.float32)
    B1 = rng.integers(-3000, 3000, 12)
    s1, z1 = np.float32(0.03), -128
    s2, z2 = np.float32(rng.uniform(0.004, 0.01)), -90
    f = lambda v: b.const(v, np.float32)
    i8 = lambda v: b.const(v, np.int8)
    t = b.node("QuantizeLinear", ["x", f(s_in), i8(z_in)])
    t = b.node("DequantizeLinear", [t, f(s_in), i8(z_in)])
    w = b.node("DequantizeLinear", [i8(W1), f(ws1), i8(np.zeros(12))], axis=0)
    bias = b.node("DequantizeLinear", [b.const(B1, np.int32), f(s_in * ws1), b.const(np.zeros(12), np.int32)], axis=0)
    t = b.node("Conv", [t, w, bias], kernel_shape=[3, 3], pads=[1, 1, 1, 1])
    t = b.node("Relu", [t])
    t = b.node("QuantizeLinear", [t, f(s1), i8(z1)])
    t = b.node("DequantizeLinear", [t, f(s1), i8(z1)])
    t = b.node("GlobalAveragePool", [t])
    t = b.node("QuantizeLinear", [t, f(s2), i8(z2)])
    t = b.node("DequantizeLinear", [t, f(s2), i8(z2)])
    t = b.node("Flatten", [t], axis=1)
    b.save([1, 3, 9, 5], t, [1, 12])

    def run(x, half_even=True):
        q = quantize_linear(x, s_in, z_in, np.int8)
        y = requantize(qlinear_conv(q, z_in, W1, 0, B1, (1, 1), (1, 1, 1, 1)), s_in, ws1, s1, z1, np.int8, 0, True)
        y = average_pool_f32(dequantize_linear(y, s1, z1), (9, 5), (1, 1), (0, 0, 0, 0))
        return dequantize_linear(quantize_linear(y, s2, z2, np.int8, half_even), s2, z2).reshape(-1)
    return b, run, (3, 9, 5), s_in


def qdq_residual(rng):
    """A residual block and a gate in QDQ: Conv 3x3 -> Q (t1) and Conv 1x1 of it + Relu -> Q (t2); Add of the
    two dequantized, Relu, QuantizeLinear to uint8; Mul of that and t2, QuantizeLinear to int8 with t1's
    quantization; Concat of that and t1 over the channels (a ctml::graph). The Add's scales are powers of two (1/16 + 1/8 to 1/4), so its sums often end in .5
    exactly (ties to even)."""
    b = Builder("qdq_residual", rng)
    s_in, z_in = np.float32(0.043), 5
    W1, ws1 = int_weights(rng, (4, 3, 3, 3)), rng.uniform(0.002, 0.006, 4).astype(np.float32)
    B1 = rng.integers(-3000, 3000, 4)
    s1, z1 = np.float32(1 / 16), -9
    W2, ws2 = int_weights(rng, (4, 4, 1, 1)), rng.uniform(0.002, 0.006, 4).astype(np.float32)
    B2 = rng.integers(-2000, 2000, 4)
    s2, z2 = np.float32(1 / 8), -120
    s3, z3 = np.float32(1 / 4), 131  # uint8
    s4, z4 = s1, z1  # the Mul's output shares t1's quantization: the Concat copies bytes
    f = lambda v: b.const(v, np.float32)
    i8 = lambda v: b.const(v, np.int8)

    def conv(t, W, ws, B, xs, k, pads):
        w = b.node("DequantizeLinear", [i8(W), f(ws), i8(np.zeros(len(ws)))], axis=0)
        bias = b.node("DequantizeLinear", [b.const(B, np.int32), f(xs * ws), b.const(np.zeros(len(ws)), np.int32)],
                      axis=0)
        return b.node("Conv", [t, w, bias], kernel_shape=[k, k], pads=pads)

    t = b.node("QuantizeLinear", ["x", f(s_in), i8(z_in)])
    t = b.node("DequantizeLinear", [t, f(s_in), i8(z_in)])
    t1 = b.node("QuantizeLinear", [conv(t, W1, ws1, B1, s_in, 3, [1, 1, 1, 1]), f(s1), i8(z1)])
    d1 = b.node("DequantizeLinear", [t1, f(s1), i8(z1)])
    t2 = b.node("QuantizeLinear", [b.node("Relu", [conv(d1, W2, ws2, B2, s1, 1, [0, 0, 0, 0])]), f(s2), i8(z2)])
    d2 = b.node("DequantizeLinear", [t2, f(s2), i8(z2)])
    t = b.node("Relu", [b.node("Add", [d1, d2])])
    t = b.node("QuantizeLinear", [t, f(s3), b.const(z3, np.uint8)])
    t = b.node("DequantizeLinear", [t, f(s3), b.const(z3, np.uint8)])
    t = b.node("Mul", [t, d2])
    t = b.node("QuantizeLinear", [t, f(s4), i8(z4)])
    t = b.node("DequantizeLinear", [t, f(s4), i8(z4)])
    t = b.node("Concat", [t, d1], axis=1)
    t = b.node("QuantizeLinear", [t, f(s1), i8(z1)])
    t = b.node("DequantizeLinear", [t, f(s1), i8(z1)])
    b.save([1, 3, 7, 5], t, [1, 8, 7, 5])

    def run(x, half_even=True):
        q = quantize_linear(x, s_in, z_in, np.int8)
        y1 = requantize(qlinear_conv(q, z_in, W1, 0, B1, (1, 1), (1, 1, 1, 1)), s_in, ws1, s1, z1, np.int8, 0)
        y2 = requantize(qlinear_conv(y1, z1, W2, 0, B2, (1, 1), (0, 0, 0, 0)), s1, ws2, s2, z2, np.int8, 0, True)
        v = np.maximum(dequantize_linear(y1, s1, z1) + dequantize_linear(y2, s2, z2), np.float32(0))
        y3 = quantize_linear(v, s3, z3, np.uint8, half_even)
        y4 = quantize_linear(dequantize_linear(y3, s3, z3) * dequantize_linear(y2, s2, z2), s4, z4, np.int8, half_even)
        y = np.concatenate([dequantize_linear(y4, s4, z4), dequantize_linear(y1, s1, z1)], axis=0)
        return dequantize_linear(quantize_linear(y, s1, z1, np.int8), s1, z1)
    return b, run, (3, 7, 5), s_in


def requantize_half_away(acc, xs, ws, ys, yzp, dtype, channel_axis, relu=False):
    """requantize() with TFLite's rounding, half away from zero: what the ties of qdq_mlp tell apart."""
    m = (np.float32(xs) * np.asarray(ws, np.float32)) / np.float32(ys)
    v = acc.astype(np.float32) * m
    lo, hi = LIMITS[dtype]
    return np.clip(np.sign(v) * np.floor(np.abs(v) + 0.5) + yzp, yzp if relu else lo, hi).astype(np.int64)


def main():
    rng = np.random.default_rng(1818)
    parts = []
    for make in (qdq_cnn, qlinear_cnn, qdq_mlp, qdq_pool, qdq_gap, qdq_residual):
        b, run, shape, s_in = make(rng)
        # Multiples of half the input scale: many exact ties for QuantizeLinear.
        xs = (rng.integers(-300, 300, (16,) + shape) * (s_in / 2)).astype(np.float32)
        ys = np.array([run(x) for x in xs])
        changed = int(sum(np.sum(run(x, half_even=False) != y) for x, y in zip(xs, ys)))
        what = {"qdq_pool": "the pools' outputs", "qdq_gap": "the pools' outputs",
                "qdq_residual": "the Add's and Mul's outputs"}.get(b.name, "the input's ties")
        print(f"{b.name}: {ys.size} outputs; rounding {what} half away from zero would change {changed}")
        if b.name == "qdq_pool":
            changed = int(sum(np.sum(run(x, integer_sum=True) != y) for x, y in zip(xs, ys)))
            print(f"{b.name}: the last pool as an integer sum times x_scale / count would change {changed}")
            changed = int(sum(np.sum(run(x, row_major=True) != y) for x, y in zip(xs, ys)))
            print(f"{b.name}: the last pool summed in row-major order would change {changed}")
        if b.name == "qdq_mlp":
            changed = int(sum(np.sum(run(x, requant_half_even=False) != y) for x, y in zip(xs, ys)))
            print(f"{b.name}: rounding the layers' ties half away from zero would change {changed}")
        parts.append(f"namespace {b.name}_expected {{\ninline constexpr int samples = {len(xs)};\n"
                     + emit.std_array("input", np.moveaxis(xs, 1, -1) if len(shape) > 1 else xs, "float", "float")
                     + emit.std_array("output", np.moveaxis(ys, 1, -1) if ys.ndim == 4 else ys, "float", "float") + f"}}  // namespace {b.name}_expected\n")
    with open(os.path.join(HERE, "data", "qdq_expected.hpp"), "w") as fh:
        fh.write("#pragma once\n// Generated by tests/onnx/make_qdq_models.py (numpy "
                 f"{np.__version__}, onnx {onnx.__version__}): inputs of the quantized models in tests/onnx/models/\n"
                 "// in ctml's layout (NHWC) and their outputs by its numpy statement of ONNX's quantized operators.\n\n"
                 "#include <array>\n\n" + "\n".join(parts))


if __name__ == "__main__":
    main()
