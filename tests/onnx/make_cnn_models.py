#!/usr/bin/python3
"""Builds the CNN models tools/onnx is tested on (tests/onnx/models/) with onnx.helper, and their
expected outputs from tests/onnx/onnx_spec.py (float64 numpy, ONNX's NCHW and explicit pads).

  /usr/bin/python3 tests/onnx/make_cnn_models.py

- pytorch_cnn: what torch.onnx.export writes for a small image classifier (NCHW input [1, 1, 12, 12],
  Conv 3x3 pads 1 -> BatchNormalization -> Relu -> MaxPool 2 -> Conv 3x3 depthwise -> BatchNormalization
  -> Clip(0, 6) -> Conv 1x1 -> Relu -> AveragePool 2 -> Flatten -> Gemm -> Relu -> Gemm -> Softmax).
- random_cnn_<k>: randomized chains (2-D, and 1-D from a [1, T, F] input transposed to NCL, strides, dilations, SAME_UPPER / explicit pads,
  depthwise with multiplier, LeakyRelu, Sigmoid, Tanh, GlobalAveragePool, Reshape, MatMul + Add).
- residual_cnn: Conv, then a per-channel Mul and Add of constants (folded into it), a ResNet-style block (Conv-BN-Relu twice, Add of the skip) and a Sigmoid gate (Mul):
  a branching graph, exported as a ctml::graph.
- graph_cnn: two graph inputs (an image and a feature map it Subtracts), two outputs, grouped Convs (group 2, 3), a
  MaxPool with asymmetric pads and ceil_mode, an AveragePool with ceil_mode; calibration graph_cnn_calib.npz.
Expected outputs are stored in ctml's layout (NHWC, or the vector) in data/cnn_expected.hpp.
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


class Builder:
    """A chain of ONNX nodes and, alongside, its float64 reference on one sample."""

    def __init__(self, name, shape, rng):
        self.name, self.rng, self.nodes, self.inits, self.ops = name, rng, [], [], []
        self.x_shape, self.cur, self.k = shape, "x", 0
        self.channels_last = False  # the input is [1, T, F]: ctml's layout as it is

    def const(self, a, dtype=np.float32):
        self.k += 1
        name = f"c{self.k}"
        self.inits.append(numpy_helper.from_array(np.asarray(a, dtype), name))
        return name, np.asarray(a, dtype).astype(np.float64)

    def node(self, op, extra_inputs, fn, data=None, **attrs):
        """data: the tensors the node reads (default: the current one); fn takes their values."""
        self.k += 1
        out = f"t{self.k}"
        data = data or [self.cur]
        self.nodes.append(helper.make_node(op, data + extra_inputs, [out], name=f"{op.lower()}{self.k}", **attrs))
        self.ops.append((fn, data, out))
        self.cur = out
        return out

    def weights(self, *shape, scale=None):
        fan = np.prod(shape[1:])
        return self.rng.uniform(-1, 1, shape) * (scale or 1.5 / np.sqrt(fan))

    def conv(self, C, M, k, strides=(1, 1), pads=None, dil=(1, 1), group=1, auto_pad=None, one_d=False):
        W = self.weights(M, C // group, *k)
        b = self.rng.uniform(-0.2, 0.2, M)
        wn, Wd = self.const(W)
        bn, bd = self.const(b)
        attrs = {"kernel_shape": list(k), "strides": list(strides), "dilations": list(dil), "group": group}
        if auto_pad:
            attrs["auto_pad"] = auto_pad
        else:
            attrs["pads"] = list(pads)
        W4 = Wd[:, :, None, :] if one_d else Wd
        s, d = ((1,) + tuple(strides), (1,) + tuple(dil)) if one_d else (strides, dil)

        def fn(x, pads=pads):
            x3 = x[:, None, :] if one_d else x
            p = pads
            if auto_pad == "SAME_UPPER":
                p = [0, 0, 0, 0]
                for ax in (0, 1):
                    n, kk = x3.shape[1 + ax], W4.shape[2 + ax]
                    out = -(-n // s[ax])
                    tot = max((out - 1) * s[ax] + (kk - 1) * d[ax] + 1 - n, 0)
                    p[ax], p[ax + 2] = tot // 2, tot - tot // 2
            elif one_d:
                p = [0, pads[0], 0, pads[1]]
            y = spec.conv(x3, W4, bd, s, p, d, group)
            return y[:, 0, :] if one_d else y
        self.node("Conv", [wn, bn], fn, **attrs)

    def bn(self, C):
        g, b, m, v = (self.rng.uniform(0.5, 1.5, C), self.rng.uniform(-0.3, 0.3, C), self.rng.uniform(-0.3, 0.3, C),
                      self.rng.uniform(0.2, 1.5, C))
        names, vals = zip(*(self.const(a) for a in (g, b, m, v)))
        self.node("BatchNormalization", list(names), lambda x: spec.batch_norm(x, *vals, 1e-5), epsilon=1e-5)

    def save(self, out_dims, opset=13, more_inputs=(), more_outputs=()):
        """more_inputs / more_outputs: (name, shape) of graph inputs after x / outputs after the last node's."""
        g = helper.make_graph(self.nodes, self.name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, self.x_shape)]
                              + [helper.make_tensor_value_info(n, TensorProto.FLOAT, sh) for n, sh in more_inputs],
                              [helper.make_tensor_value_info(self.cur, TensorProto.FLOAT, out_dims)]
                              + [helper.make_tensor_value_info(n, TensorProto.FLOAT, sh) for n, sh in more_outputs],
                              self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)])
        onnx.checker.check_model(m)
        onnx.save(m, os.path.join(OUT, self.name + ".onnx"))

    def run(self, x, outputs=None, **more):
        """The last node's output, or the tensors named in `outputs`."""
        env = {"x": np.asarray(x, np.float64)}
        env.update({k: np.asarray(v, np.float64) for k, v in more.items()})
        for f, data, out in self.ops:
            env[out] = f(*[env[d] for d in data])
        return env[self.cur] if outputs is None else [env[o] for o in outputs]


def pytorch_cnn(rng):
    b = Builder("pytorch_cnn", [1, 1, 12, 12], rng)
    b.conv(1, 4, (3, 3), pads=(1, 1, 1, 1)); b.bn(4)
    b.node("Relu", [], spec.relu)
    b.node("MaxPool", [], lambda x: spec.pool(x, "max", (2, 2), (2, 2), (0, 0, 0, 0)), kernel_shape=[2, 2], strides=[2, 2])
    b.conv(4, 4, (3, 3), pads=(1, 1, 1, 1), group=4); b.bn(4)
    lo, _ = b.const(0.0); hi, _ = b.const(6.0)
    b.node("Clip", [lo, hi], lambda x: np.clip(x, 0, 6))
    b.conv(4, 8, (1, 1), pads=(0, 0, 0, 0))
    b.node("Relu", [], spec.relu)
    b.node("AveragePool", [], lambda x: spec.pool(x, "avg", (2, 2), (2, 2), (0, 0, 0, 0)), kernel_shape=[2, 2], strides=[2, 2])
    b.node("Flatten", [], lambda x: x.reshape(-1), axis=1)  # ONNX's C, H, W order
    W1 = b.weights(16, 72)
    wn, Wd = b.const(W1); bn, bd = b.const(rng.uniform(-0.1, 0.1, 16))
    b.node("Gemm", [wn, bn], lambda v: Wd @ v + bd, transB=1)
    b.node("Relu", [], spec.relu)
    W2 = b.weights(5, 16)
    wn2, Wd2 = b.const(W2); bn2, bd2 = b.const(rng.uniform(-0.1, 0.1, 5))
    b.node("Gemm", [wn2, bn2], lambda v: Wd2 @ v + bd2, transB=1)
    b.node("Softmax", [], spec.softmax, axis=1)
    b.save([1, 5])
    return b


def random_cnn(k, rng):
    if k == 2:  # 1-D: a sequence [1, T, F] transposed to a signal [1, C, L] (as PyTorch's Conv1d wants)
        b = Builder(f"random_cnn_{k}", [1, 40, 3], rng)
        b.channels_last = True
        b.node("Transpose", [], lambda x: x.T, perm=[0, 2, 1])
        b.conv(3, 6, (5,), strides=(2,), pads=(2, 2), dil=(1,), one_d=True)
        b.node("Tanh", [], np.tanh)
        b.conv(6, 6, (3,), strides=(1,), pads=(0, 0), dil=(2,), group=6, one_d=True)
        b.node("Sigmoid", [], lambda x: 1 / (1 + np.exp(-x)))
        b.node("MaxPool", [], lambda x: spec.pool(x[:, None, :], "max", (1, 2), (1, 2), (0, 0, 0, 0))[:, 0, :],
               kernel_shape=[2], strides=[2])
        b.node("Flatten", [], lambda x: x.reshape(-1), axis=1)
        M = b.weights(48, 4)
        mn, Md = b.const(M); an, ad = b.const(rng.uniform(-0.1, 0.1, 4))
        b.node("MatMul", [mn], lambda v: v @ Md)
        b.node("Add", [an], lambda v: v + ad)
        b.save([1, 4])
        return b
    H, W = (9, 11) if k == 0 else (16, 16)
    C = 2 if k == 0 else 3
    b = Builder(f"random_cnn_{k}", [1, C, H, W], rng)
    if k == 0:
        b.conv(C, 5, (3, 2), strides=(2, 1), auto_pad="SAME_UPPER")
        alpha = 0.125
        b.node("LeakyRelu", [], lambda x: np.where(x > 0, x, alpha * x), alpha=alpha)
        b.conv(5, 10, (3, 3), pads=(1, 0, 2, 1), group=5)  # depthwise, multiplier 2, explicit asymmetric pads
        b.bn(10)
        b.node("Relu", [], spec.relu)
        b.node("GlobalAveragePool", [], lambda x: x.mean(axis=(1, 2), keepdims=True))
        sh, _ = b.const(np.array([1, 10]), np.int64)
        b.node("Reshape", [sh], lambda x: x.reshape(-1))
        Wg = b.weights(3, 10)
        wn, Wd = b.const(Wg.T); cn, cd = b.const(rng.uniform(-0.1, 0.1, (1, 3)))  # transB = 0, bias [1, N]
        b.node("Gemm", [wn, cn], lambda v: v @ Wd + cd.reshape(-1))
        b.save([1, 3])
    else:
        b.conv(C, 6, (3, 3), strides=(2, 2), pads=(0, 0, 0, 0), dil=(1, 1))
        b.bn(6)
        lo, _ = b.const(0.0)
        b.node("Clip", [lo], relu_fn := spec.relu)
        b.conv(6, 8, (3, 3), pads=(2, 2, 2, 2), dil=(2, 2))
        b.node("Relu", [], relu_fn)
        b.node("AveragePool", [], lambda x: spec.pool(x, "avg", (3, 3), (2, 2), (1, 1, 1, 1)), kernel_shape=[3, 3],
               strides=[2, 2], pads=[1, 1, 1, 1])  # 7x7 -> 4x4; pads 1 are SAME here, padding not counted
        b.node("MaxPool", [], lambda x: spec.pool(x, "max", (2, 2), (2, 2), (0, 0, 0, 0)), kernel_shape=[2, 2],
               strides=[2, 2])
        b.node("Flatten", [], lambda x: x.reshape(-1), axis=1)
        Wg = b.weights(6, 32)
        wn, Wd = b.const(Wg); cn, cd = b.const(rng.uniform(-0.1, 0.1, 6))
        b.node("Gemm", [wn, cn], lambda v: Wd @ v + cd, transB=1)
        b.save([1, 6])
    return b


def residual_cnn(rng):
    """A ResNet-style block and a sigmoid gate (branching: ctml::graph with ctml::add, ctml::mul)."""
    b = Builder("residual_cnn", [1, 3, 10, 10], rng)
    b.conv(3, 8, (3, 3), pads=(1, 1, 1, 1))
    sn, sv = b.const(rng.uniform(0.5, 1.5, (8, 1, 1)))  # a BatchNorm written out: Mul, Add per channel
    b.node("Mul", [sn], lambda v: v * sv)
    tn, tv = b.const(rng.uniform(-0.2, 0.2, (1, 8, 1, 1)))
    b.node("Add", [tn], lambda v: v + tv[0])
    skip = b.node("Relu", [], spec.relu)
    b.conv(8, 8, (3, 3), pads=(1, 1, 1, 1)); b.bn(8)
    b.node("Relu", [], spec.relu)
    b.conv(8, 8, (3, 3), pads=(1, 1, 1, 1)); b.bn(8)
    b.node("Add", [], lambda u, v: u + v, data=[b.cur, skip])
    body = b.node("Relu", [], spec.relu)
    b.conv(8, 8, (1, 1), pads=(0, 0, 0, 0))
    gate = b.node("Sigmoid", [], lambda v: 1 / (1 + np.exp(-v)))
    b.node("Mul", [], lambda u, v: u * v, data=[body, gate])
    b.node("GlobalAveragePool", [], lambda v: v.mean(axis=(1, 2), keepdims=True))
    b.node("Flatten", [], lambda v: v.reshape(-1), axis=1)
    wn, Wd = b.const(b.weights(4, 8)); cn, cd = b.const(rng.uniform(-0.1, 0.1, 4))
    b.node("Gemm", [wn, cn], lambda v: Wd @ v + cd, transB=1)
    b.save([1, 4])
    return b


def concat_cnn(rng):
    """HardSwish and Concat along the channels, the height and the width (branches: ctml::graph with
    ctml::concatenation; int8: each Concat's inputs calibrated to one shared range)."""
    b = Builder("concat_cnn", [1, 3, 8, 8], rng)
    b.conv(3, 6, (3, 3), pads=(1, 1, 1, 1))
    a = b.node("HardSwish", [], spec.hard_swish)
    b.conv(6, 4, (1, 1), pads=(0, 0, 0, 0))
    p = b.node("Relu", [], spec.relu)
    b.cur = a
    b.conv(6, 5, (3, 3), pads=(1, 1, 1, 1))
    q = b.cur
    c = b.node("Concat", [], lambda u, v: spec.concat([u, v], 1), data=[p, q], axis=1)  # [9, 8, 8]
    b.conv(9, 4, (1, 1), pads=(0, 0, 0, 0))
    u = b.cur
    b.cur = c
    b.conv(9, 4, (3, 3), strides=(2, 1), pads=(1, 1, 1, 1))  # [4, 4, 8]
    v = b.cur
    h = b.node("Concat", [], lambda x, y: spec.concat([x, y], 2), data=[u, v], axis=-2)  # [4, 12, 8]
    b.conv(4, 4, (3, 3), strides=(1, 2), pads=(1, 1, 1, 1))  # [4, 12, 4]
    r = b.cur
    b.cur = h
    b.conv(4, 4, (1, 1), pads=(0, 0, 0, 0))  # [4, 12, 8]
    b.node("Concat", [], lambda x, y: spec.concat([x, y], 3), data=[r, b.cur], axis=3)  # [4, 12, 12]
    b.node("HardSwish", [], spec.hard_swish)
    b.node("GlobalAveragePool", [], lambda v: v.mean(axis=(1, 2), keepdims=True))
    b.node("Flatten", [], lambda v: v.reshape(-1), axis=1)
    wn, Wd = b.const(b.weights(3, 4)); cn, cd = b.const(rng.uniform(-0.1, 0.1, 3))
    b.node("Gemm", [wn, cn], lambda v: Wd @ v + cd, transB=1)
    b.save([1, 3], opset=14)  # HardSwish: opset 14
    return b


def graph_cnn(rng):
    """Two graph inputs (x an image, z a feature map Subtracted after the pooling: ctml::graph with two
    input nodes) and two outputs (the Gemm's and the AveragePool's: ctml::outputs), grouped Convs (group 2 and 3, neither depthwise), a MaxPool with asymmetric pads and
    ceil_mode, an AveragePool with ceil_mode (its overhang left out of the count)."""
    b = Builder("graph_cnn", [1, 4, 10, 10], rng)
    b.conv(4, 6, (3, 3), pads=(1, 1, 1, 1), group=2)  # no Relu: the MaxPool sees negative values, so its padding
    # must be the lowest value (zeros, or int8's zero point, would win some windows)
    # H: 10 unpadded, kernel 3, stride 2, ceil: 5 rows (floor: 4), the last window 1 past the end (read as -inf)
    b.node("MaxPool", [], lambda x: spec.pool(x, "max", (3, 3), (2, 2), (0, 1, 1, 0)), kernel_shape=[3, 3],
           strides=[2, 2], pads=[0, 1, 0, 0], ceil_mode=1)
    b.node("Sub", [], lambda u, v: u - v, data=[b.cur, "z"])
    b.conv(6, 6, (3, 3), pads=(1, 1, 1, 1), group=3)
    b.node("Relu", [], spec.relu)
    # 5 -> 3 (ceil): the last window overhangs by 1, which is not counted (ONNX's ceil_mode, as test_averagepool_2d_ceil)
    pooled = b.node("AveragePool", [], lambda x: spec.pool(x, "avg", (2, 2), (2, 2), (0, 0, 1, 1)), kernel_shape=[2, 2],
                    strides=[2, 2], ceil_mode=1)
    b.node("Flatten", [], lambda v: v.reshape(-1), axis=1)
    wn, Wd = b.const(b.weights(4, 54)); cn, cd = b.const(rng.uniform(-0.1, 0.1, 4))
    b.node("Gemm", [wn, cn], lambda v: Wd @ v + cd, transB=1)
    b.save([1, 4], more_inputs=[("z", [1, 6, 5, 5])], more_outputs=[(pooled, [1, 6, 3, 3])])
    b.outputs = [b.cur, pooled]
    return b


def to_ctml(v):
    """ONNX [C, H, W] / [C, L] -> ctml's [H, W, C] / [L, C]; vectors as they are."""
    return np.moveaxis(v, 0, -1) if v.ndim > 1 else v


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(2026)
    builders = [pytorch_cnn(rng)] + [random_cnn(k, rng) for k in range(3)] + [residual_cnn(np.random.default_rng(18)),
                                                                                      concat_cnn(np.random.default_rng(1805))]
    with open(os.path.join(HERE, "data", "cnn_expected.hpp"), "w") as fh:
        fh.write("#pragma once\n// Generated by tests/onnx/make_cnn_models.py (numpy %s, onnx %s): inputs of the models in\n"
                 "// tests/onnx/models/ in ctml's layout (NHWC) and their outputs by tests/onnx/onnx_spec.py (float64,\n"
                 "// NCHW, ONNX's pads), transposed to ctml's layout.\n\n#include <array>\n\n" % (np.__version__, onnx.__version__))
        for b in builders:
            xs = rng.normal(0, 1, (4,) + tuple(b.x_shape[1:]))
            ys = np.array([b.run(x) for x in xs])
            np.save(os.path.join(OUT, b.name + "_calib.npy"), rng.normal(0, 1, (64,) + tuple(b.x_shape[1:])).astype(np.float32))
            fh.write(f"namespace {b.name}_expected {{\ninline constexpr int samples = 4;\n")
            fh.write(emit.std_array("input", np.array([x.astype(np.float32) if b.channels_last else to_ctml(x.astype(np.float32))
                                                       for x in xs]), "float", "float"))
            fh.write(emit.std_array("output", np.array([to_ctml(y) for y in ys]), "float", "float"))
            fh.write(f"}}  // namespace {b.name}_expected\n\n")
        # graph_cnn: two inputs, their own draws (the models above keep theirs).
        g = graph_cnn(np.random.default_rng(1806))
        grng = np.random.default_rng(1807)
        xs, zs = grng.normal(0, 1, (4, 4, 10, 10)), grng.normal(0, 0.5, (4, 6, 5, 5))
        ys, ps = (np.array(a) for a in zip(*[g.run(x, g.outputs, z=z) for x, z in zip(xs, zs)]))
        np.savez(os.path.join(OUT, "graph_cnn_calib.npz"), x=grng.normal(0, 1, (64, 4, 10, 10)).astype(np.float32),
                 z=grng.normal(0, 0.5, (64, 6, 5, 5)).astype(np.float32))
        fh.write("namespace graph_cnn_expected {\ninline constexpr int samples = 4;\n")
        fh.write(emit.std_array("input", np.array([to_ctml(x.astype(np.float32)) for x in xs]), "float", "float"))
        fh.write(emit.std_array("input_z", np.array([to_ctml(z.astype(np.float32)) for z in zs]), "float", "float"))
        fh.write(emit.std_array("output", ys, "float", "float"))
        fh.write(emit.std_array("output_pooled", np.array([to_ctml(p) for p in ps]), "float", "float"))
        fh.write("}  // namespace graph_cnn_expected\n\n")
    print("wrote", OUT)


if __name__ == "__main__":
    main()
