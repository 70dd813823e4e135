#!/usr/bin/python3
"""Trains the digits CNN with numpy and exports it as torch.onnx.export writes the PyTorch module.

  /usr/bin/python3 examples/digits_cnn/train.py      (about a minute)

The model, as PyTorch would declare it (NCHW input [1, 1, 8, 8], pixels / 16):

    nn.Sequential(nn.Conv2d(1, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
                  nn.Conv2d(8, 8, 3, padding=1, groups=8),                       # depthwise
                  nn.Conv2d(8, 16, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),  # pointwise
                  nn.Flatten(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10), nn.Softmax(dim=1))

Trained here with im2col convolutions (forward and backward by hand), BatchNorm on batch statistics
with PyTorch's running averages (momentum 0.1, unbiased running variance), cross-entropy and Adam, on
the 1,347 training images of digits.split(); the 450 held-out images are never seen.
Writes: model/digits_cnn.onnx (opset 13; BatchNormalization in inference mode with the running mean and
variance, initializer and node names as torch.onnx.export names them), model/digits_cnn_qdq.onnx (the
same network in QDQ form, as onnxruntime's quantize_static writes it: BatchNorm folded, per-channel
symmetric int8 weights, int32 biases, min/max activation ranges on the calibration set; the Softmax
stays outside, so the QDQ model ends in logits), model/calibration.npy (64 training images), then runs
tools/onnx/onnx_to_ctml.py for model/digits_cnn_{float,int8,qdq}.hpp and make_target_data.py.
Prints the training loss and the held-out accuracy of the float model.
"""
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import digits

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "model")
EXPORTER = os.path.join(HERE, "..", "..", "tools", "onnx", "onnx_to_ctml.py")
EPS, MOMENTUM = 1e-5, 0.1


# -- layers (NCHW, batch first), forward returns (y, cache), backward (dx, grads)
def im2col(x):
    """[B, C, H, W] -> [B, C, 9, H, W]: the 3x3 neighbourhoods with zero padding 1."""
    _, _, H, W = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (1, 1), (1, 1)))
    return np.stack([xp[:, :, i:i + H, j:j + W] for i in range(3) for j in range(3)], 2)


def col2im(dcols):
    B, C, _, H, W = dcols.shape
    dxp = np.zeros((B, C, H + 2, W + 2))
    for k in range(9):
        i, j = divmod(k, 3)
        dxp[:, :, i:i + H, j:j + W] += dcols[:, :, k]
    return dxp[:, :, 1:-1, 1:-1]


def batch_norm(x, gamma, beta, state, train):
    if not train:
        return (gamma[:, None, None] * (x - state["mean"][:, None, None]) / np.sqrt(state["var"][:, None, None] + EPS)
                + beta[:, None, None]), None
    n = x.shape[0] * x.shape[2] * x.shape[3]
    mu, var = x.mean((0, 2, 3)), x.var((0, 2, 3))
    state["mean"] = (1 - MOMENTUM) * state["mean"] + MOMENTUM * mu
    state["var"] = (1 - MOMENTUM) * state["var"] + MOMENTUM * var * n / (n - 1)
    inv = 1 / np.sqrt(var + EPS)
    xh = (x - mu[:, None, None]) * inv[:, None, None]
    return gamma[:, None, None] * xh + beta[:, None, None], (xh, inv, gamma)


def batch_norm_back(dy, cache):
    xh, inv, gamma = cache
    dgamma, dbeta = (dy * xh).sum((0, 2, 3)), dy.sum((0, 2, 3))
    dxh = dy * gamma[:, None, None]
    dx = inv[:, None, None] * (dxh - dxh.mean((0, 2, 3), keepdims=True)
                               - xh * (dxh * xh).mean((0, 2, 3), keepdims=True))
    return dx, dgamma, dbeta


def maxpool(x):
    B, C, H, W = x.shape
    r = x.reshape(B, C, H // 2, 2, W // 2, 2)
    y = r.max((3, 5))
    return y, (r == y[:, :, :, None, :, None], x.shape)


def maxpool_back(dy, cache):
    mask, shape = cache
    return (mask * dy[:, :, :, None, :, None]).reshape(shape)  # ties (all after a ReLU) share the gradient


def init_params(rng):
    def u(shape, fan):
        k = 1 / np.sqrt(fan)
        return rng.uniform(-k, k, shape)
    return {"conv1": u((8, 1, 3, 3), 9), "bn1.g": np.ones(8), "bn1.b": np.zeros(8),
            "dw": u((8, 1, 3, 3), 9), "dw.b": u(8, 9), "pw": u((16, 8, 1, 1), 8), "bn2.g": np.ones(16),
            "bn2.b": np.zeros(16), "fc1": u((32, 64), 64), "fc1.b": u(32, 64), "fc2": u((10, 32), 32),
            "fc2.b": u(10, 32)}


def forward(p, bn, x, train):
    c = {}
    c["cols1"] = im2col(x)
    a = np.einsum("bckhw,mck->bmhw", c["cols1"], p["conv1"].reshape(8, 1, 9))
    a, c["bn1"] = batch_norm(a, p["bn1.g"], p["bn1.b"], bn[0], train)
    c["r1"] = a > 0
    a, c["pool1"] = maxpool(a * c["r1"])
    c["cols2"] = im2col(a)
    a = np.einsum("bckhw,ck->bchw", c["cols2"], p["dw"].reshape(8, 9)) + p["dw.b"][:, None, None]
    c["dwout"] = a
    a = np.einsum("bchw,mc->bmhw", a, p["pw"][:, :, 0, 0])
    a, c["bn2"] = batch_norm(a, p["bn2.g"], p["bn2.b"], bn[1], train)
    c["r2"] = a > 0
    a, c["pool2"] = maxpool(a * c["r2"])
    c["flat"] = a.reshape(len(x), -1)
    h = c["flat"] @ p["fc1"].T + p["fc1.b"]
    c["r3"] = h > 0
    c["h"] = h * c["r3"]
    return c["h"] @ p["fc2"].T + p["fc2.b"], c


def loss_and_grads(p, bn, x, y):
    logits, c = forward(p, bn, x, True)
    B = len(y)
    m = logits - logits.max(1, keepdims=True)
    prob = np.exp(m) / np.exp(m).sum(1, keepdims=True)
    loss = -np.mean(np.log(prob[np.arange(B), y] + 1e-12))
    d = prob
    d[np.arange(B), y] -= 1
    d /= B
    g = {"fc2": d.T @ c["h"], "fc2.b": d.sum(0)}
    d = (d @ p["fc2"]) * c["r3"]
    g["fc1"], g["fc1.b"] = d.T @ c["flat"], d.sum(0)
    d = (d @ p["fc1"]).reshape(B, 16, 2, 2)
    d = maxpool_back(d, c["pool2"]) * c["r2"]
    d, g["bn2.g"], g["bn2.b"] = batch_norm_back(d, c["bn2"])
    g["pw"] = np.einsum("bmhw,bchw->mc", d, c["dwout"])[:, :, None, None]
    d = np.einsum("bmhw,mc->bchw", d, p["pw"][:, :, 0, 0])
    g["dw.b"] = d.sum((0, 2, 3))
    g["dw"] = np.einsum("bchw,bckhw->ck", d, c["cols2"]).reshape(8, 1, 3, 3)
    d = col2im(np.einsum("bchw,ck->bckhw", d, p["dw"].reshape(8, 9)))
    d = maxpool_back(d, c["pool1"]) * c["r1"]
    d, g["bn1.g"], g["bn1.b"] = batch_norm_back(d, c["bn1"])
    g["conv1"] = np.einsum("bmhw,bckhw->mck", d, c["cols1"]).reshape(8, 1, 3, 3)
    return loss, g


def predict(p, bn, x):
    return forward(p, bn, x, False)[0].argmax(1)


# -- ONNX, as torch.onnx.export (opset 13, eval mode) writes the nn.Sequential above
def f32(name, a):
    return numpy_helper.from_array(np.asarray(a, np.float32), name)


def export_float(p, bn, path):
    inits = [f32("0.weight", p["conv1"]), f32("1.weight", p["bn1.g"]), f32("1.bias", p["bn1.b"]),
             f32("1.running_mean", bn[0]["mean"]), f32("1.running_var", bn[0]["var"]),
             f32("4.weight", p["dw"]), f32("4.bias", p["dw.b"]), f32("5.weight", p["pw"]),
             f32("6.weight", p["bn2.g"]), f32("6.bias", p["bn2.b"]), f32("6.running_mean", bn[1]["mean"]),
             f32("6.running_var", bn[1]["var"]), f32("10.weight", p["fc1"]), f32("10.bias", p["fc1.b"]),
             f32("12.weight", p["fc2"]), f32("12.bias", p["fc2.b"])]
    conv3 = dict(dilations=[1, 1], kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1])
    pool = dict(ceil_mode=0, kernel_shape=[2, 2], pads=[0, 0, 0, 0], strides=[2, 2])
    N = helper.make_node
    nodes = [
        N("Conv", ["input", "0.weight"], ["/0/Conv_output_0"], name="/0/Conv", group=1, **conv3),
        N("BatchNormalization", ["/0/Conv_output_0", "1.weight", "1.bias", "1.running_mean", "1.running_var"],
          ["/1/BatchNormalization_output_0"], name="/1/BatchNormalization", epsilon=EPS, momentum=1 - MOMENTUM),
        N("Relu", ["/1/BatchNormalization_output_0"], ["/2/Relu_output_0"], name="/2/Relu"),
        N("MaxPool", ["/2/Relu_output_0"], ["/3/MaxPool_output_0"], name="/3/MaxPool", **pool),
        N("Conv", ["/3/MaxPool_output_0", "4.weight", "4.bias"], ["/4/Conv_output_0"], name="/4/Conv", group=8,
          **conv3),
        N("Conv", ["/4/Conv_output_0", "5.weight"], ["/5/Conv_output_0"], name="/5/Conv", dilations=[1, 1],
          group=1, kernel_shape=[1, 1], pads=[0, 0, 0, 0], strides=[1, 1]),
        N("BatchNormalization", ["/5/Conv_output_0", "6.weight", "6.bias", "6.running_mean", "6.running_var"],
          ["/6/BatchNormalization_output_0"], name="/6/BatchNormalization", epsilon=EPS, momentum=1 - MOMENTUM),
        N("Relu", ["/6/BatchNormalization_output_0"], ["/7/Relu_output_0"], name="/7/Relu"),
        N("MaxPool", ["/7/Relu_output_0"], ["/8/MaxPool_output_0"], name="/8/MaxPool", **pool),
        N("Flatten", ["/8/MaxPool_output_0"], ["/9/Flatten_output_0"], name="/9/Flatten", axis=1),
        N("Gemm", ["/9/Flatten_output_0", "10.weight", "10.bias"], ["/10/Gemm_output_0"], name="/10/Gemm",
          alpha=1.0, beta=1.0, transB=1),
        N("Relu", ["/10/Gemm_output_0"], ["/11/Relu_output_0"], name="/11/Relu"),
        N("Gemm", ["/11/Relu_output_0", "12.weight", "12.bias"], ["/12/Gemm_output_0"], name="/12/Gemm",
          alpha=1.0, beta=1.0, transB=1),
        N("Softmax", ["/12/Gemm_output_0"], ["output"], name="/13/Softmax", axis=1),
    ]
    g = helper.make_graph(nodes, "main_graph", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 1, 8, 8])],
                          [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 10])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="pytorch",
                          producer_version="2.1.0")
    onnx.checker.check_model(m)
    onnx.save(m, path)
    return m


# -- QDQ, as onnxruntime.quantization.quantize_static (QuantFormat.QDQ, per_channel, MinMax) writes it
def export_qdq(p, bn, calib, path):
    """BatchNorm folded into the Conv before it (onnxruntime's pre-processing does the same), activation
    ranges min/max over the calibration images (including 0, asymmetric int8), weights symmetric int8
    per output channel, biases int32 at input scale x weight scale."""
    def fold(W, b, g, beta, st):
        k = g / np.sqrt(st["var"] + EPS)
        return W * k.reshape(-1, *([1] * (W.ndim - 1))), (b if b is not None else 0) * k + beta - st["mean"] * k
    W1, b1 = fold(p["conv1"], None, p["bn1.g"], p["bn1.b"], bn[0])
    W3, b3 = fold(p["pw"], None, p["bn2.g"], p["bn2.b"], bn[1])
    layers = [(W1, b1, 1), (p["dw"], p["dw.b"], 8), (W3, b3, 1), (p["fc1"], p["fc1.b"], 0), (p["fc2"], p["fc2.b"], 0)]

    # Float activations of the folded network on the calibration set, for the ranges.
    def run(x):
        a = np.einsum("bckhw,mck->bmhw", im2col(x), W1.reshape(8, 1, 9)) + b1[:, None, None]
        t1 = np.maximum(a, 0)
        p1 = maxpool(t1)[0]
        t2 = np.einsum("bckhw,ck->bchw", im2col(p1), p["dw"].reshape(8, 9)) + p["dw.b"][:, None, None]
        t3 = np.maximum(np.einsum("bchw,mc->bmhw", t2, W3[:, :, 0, 0]) + b3[:, None, None], 0)
        h = np.maximum(maxpool(t3)[0].reshape(len(x), -1) @ p["fc1"].T + p["fc1.b"], 0)
        return [x, t1, t2, t3, h, h @ p["fc2"].T + p["fc2.b"]]
    acts = run(calib.astype(np.float64))

    def qparams(a):
        lo, hi = min(float(a.min()), 0.0), max(float(a.max()), 0.0)
        s = (hi - lo) / 255 or 1.0
        return np.float32(s), int(np.clip(np.round(-128 - lo / s), -128, 127))
    qp = [qparams(a) for a in acts]

    nodes, inits, k = [], [], [0]

    def const(a, dtype, name):
        inits.append(numpy_helper.from_array(np.asarray(a).astype(dtype), name))
        return name

    def node(op, inputs, name, **attrs):
        nodes.append(helper.make_node(op, inputs, [name + "_output_0"], name=name, **attrs))
        return name + "_output_0"

    def qdq(t, q, name):
        s, z = const(q[0], np.float32, name + "_scale"), const(q[1], np.int8, name + "_zero_point")
        return node("DequantizeLinear", [node("QuantizeLinear", [t, s, z], name + "_QuantizeLinear"), s, z],
                    name + "_DequantizeLinear")

    def weights(i, in_scale, wname):
        W, b, _ = layers[i]
        axis_max = np.abs(W.reshape(len(W), -1)).max(1)
        ws = (np.maximum(axis_max, 1e-8) / 127).astype(np.float32)
        Wq = np.clip(np.round(W / ws.reshape(-1, *([1] * (W.ndim - 1)))), -127, 127)
        bs = (np.float32(in_scale) * ws).astype(np.float32)
        bq = np.round(b / bs)
        zeros8, zeros32 = np.zeros(len(W)), np.zeros(len(W))
        w = node("DequantizeLinear", [const(Wq, np.int8, wname + "_quantized"), const(ws, np.float32, wname + "_scale"),
                                      const(zeros8, np.int8, wname + "_zero_point")], wname + "_DequantizeLinear", axis=0)
        bias = node("DequantizeLinear", [const(bq, np.int32, wname + "_bias_quantized"),
                                         const(bs, np.float32, wname + "_bias_scale"),
                                         const(zeros32, np.int32, wname + "_bias_zero_point")],
                    wname + "_bias_DequantizeLinear", axis=0)
        return w, bias

    conv3 = dict(kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[1, 1])
    t = qdq("input", qp[0], "input")
    w, b = weights(0, qp[0][0], "0.weight")
    t = node("Relu", [node("Conv", [t, w, b], "/0/Conv", **conv3)], "/2/Relu")
    t = qdq(t, qp[1], "/2/Relu_output_0")
    t = qdq(node("MaxPool", [t], "/3/MaxPool", kernel_shape=[2, 2], strides=[2, 2]), qp[1], "/3/MaxPool_output_0")
    w, b = weights(1, qp[1][0], "4.weight")
    t = qdq(node("Conv", [t, w, b], "/4/Conv", group=8, **conv3), qp[2], "/4/Conv_output_0")
    w, b = weights(2, qp[2][0], "5.weight")
    t = node("Relu", [node("Conv", [t, w, b], "/5/Conv", kernel_shape=[1, 1])], "/7/Relu")
    t = qdq(t, qp[3], "/7/Relu_output_0")
    t = qdq(node("MaxPool", [t], "/8/MaxPool", kernel_shape=[2, 2], strides=[2, 2]), qp[3], "/8/MaxPool_output_0")
    t = node("Flatten", [t], "/9/Flatten", axis=1)
    w, b = weights(3, qp[3][0], "10.weight")
    t = node("Relu", [node("Gemm", [t, w, b], "/10/Gemm", transB=1)], "/11/Relu")
    t = qdq(t, qp[4], "/11/Relu_output_0")
    w, b = weights(4, qp[4][0], "12.weight")
    t = qdq(node("Gemm", [t, w, b], "/12/Gemm", transB=1), qp[5], "/12/Gemm_output_0")
    g = helper.make_graph(nodes, "main_graph", [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 1, 8, 8])],
                          [helper.make_tensor_value_info(t, TensorProto.FLOAT, [1, 10])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="onnx.quantize",
                          producer_version="0.1.0")
    onnx.checker.check_model(m)
    onnx.save(m, path)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(2026)
    xtr, xte, ytr, yte = digits.split()
    xtr64 = xtr.astype(np.float64)
    p = init_params(rng)
    bn = [{"mean": np.zeros(8), "var": np.ones(8)}, {"mean": np.zeros(16), "var": np.ones(16)}]
    mom = {k: np.zeros_like(v) for k, v in p.items()}
    vel = {k: np.zeros_like(v) for k, v in p.items()}
    lr, b1, b2, step = 0.005, 0.9, 0.999, 0
    for epoch in range(30):
        order = rng.permutation(len(ytr))
        total = 0.0
        for i in range(0, len(order), 32):
            idx = order[i:i + 32]
            loss, g = loss_and_grads(p, bn, xtr64[idx], ytr[idx])
            total += loss * len(idx)
            step += 1
            for k in p:
                mom[k] = b1 * mom[k] + (1 - b1) * g[k]
                vel[k] = b2 * vel[k] + (1 - b2) * g[k] ** 2
                p[k] -= lr * (mom[k] / (1 - b1 ** step)) / (np.sqrt(vel[k] / (1 - b2 ** step)) + 1e-8)
        if epoch % 5 == 4:
            print(f"epoch {epoch + 1}: loss {total / len(ytr):.4f}, training accuracy "
                  f"{np.mean(predict(p, bn, xtr64) == ytr):.4f}")
    print(f"held-out accuracy (numpy, float): {np.mean(predict(p, bn, xte.astype(np.float64)) == yte):.4f}")
    calib = xtr[:64]
    np.save(os.path.join(OUT, "calibration.npy"), calib)
    onnx_path, qdq_path = os.path.join(OUT, "digits_cnn.onnx"), os.path.join(OUT, "digits_cnn_qdq.onnx")
    export_float(p, bn, onnx_path)
    export_qdq(p, bn, calib, qdq_path)
    for kind, src, extra in (("float", onnx_path, []),
                             ("int8", onnx_path, ["--quantize", os.path.join(OUT, "calibration.npy")]),
                             ("qdq", qdq_path, [])):
        subprocess.run([sys.executable, EXPORTER, src, "--name", f"digits_cnn_{kind}",
                        "-o", os.path.join(OUT, f"digits_cnn_{kind}.hpp")] + extra, check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "make_target_data.py")], check=True)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
