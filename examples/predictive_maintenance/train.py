#!/usr/bin/python3
"""Trains the predictive-maintenance GRU classifier with numpy and exports it through tools/onnx.

  /usr/bin/python3 examples/predictive_maintenance/train.py      (about a minute)

Model: per-frame features [8] -> GRU(16 units, reset_after, streaming) -> dense(3) logits.
Trained by backpropagation through time with Adam on synthetic recordings (vibration.py), with the
loss on every frame from the 4th on, so the classifier can answer at any frame of a stream.
Writes: model/vibration_gru.onnx (feature normalisation folded into the GRU's input weights),
model/calibration.npy (int8 representative set), and runs tools/onnx/onnx_to_ctml.py to write
model/vibration_model_float.hpp and model/vibration_model_int8.hpp, then make_target_data.py
(model/target_data.hpp). Prints validation accuracy.
"""
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import vibration as vib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "model")
EXPORTER = os.path.join(HERE, "..", "..", "tools", "onnx", "onnx_to_ctml.py")
U, C, WARM = 16, len(vib.CLASSES), 3


def sig(v):
    return 1 / (1 + np.exp(-v))


def init_params(rng, F):
    k = 1 / np.sqrt(U)
    return {"W": rng.uniform(-k, k, (3 * U, F)), "R": rng.uniform(-k, k, (3 * U, U)),
            "Wb": np.zeros(3 * U), "Rb": np.zeros(3 * U),
            "D": rng.uniform(-k, k, (C, U)), "db": np.zeros(C)}


def forward(p, x):
    """x [B][T][F] -> logits [B][T][C] and the cache for backward. GRU with reset_after (ONNX lbr=1)."""
    B, T, _ = x.shape
    h = np.zeros((B, U))
    cache, logits = [], np.zeros((B, T, C))
    for t in range(T):
        gx = x[:, t] @ p["W"].T + p["Wb"]
        gh = h @ p["R"].T + p["Rb"]
        z = sig(gx[:, :U] + gh[:, :U])
        r = sig(gx[:, U:2 * U] + gh[:, U:2 * U])
        n = np.tanh(gx[:, 2 * U:] + r * gh[:, 2 * U:])
        hn = (1 - z) * n + z * h
        cache.append((x[:, t], h, z, r, n, gh))
        h = hn
        logits[:, t] = h @ p["D"].T + p["db"]
        cache[-1] = cache[-1] + (h,)
    return logits, cache


def loss_and_grads(p, x, y):
    logits, cache = forward(p, x)
    B, T, _ = logits.shape
    m = logits - logits.max(-1, keepdims=True)
    prob = np.exp(m) / np.exp(m).sum(-1, keepdims=True)
    steps = T - WARM
    loss = -np.mean(np.log(prob[:, WARM:][np.arange(B)[:, None], np.arange(steps)[None, :], y[:, None]] + 1e-12))
    dlogits = prob.copy()
    dlogits[np.arange(B)[:, None], np.arange(T)[None, :], y[:, None]] -= 1
    dlogits[:, :WARM] = 0
    dlogits /= B * steps
    g = {k: np.zeros_like(v) for k, v in p.items()}
    dh_next = np.zeros((B, U))
    for t in reversed(range(T)):
        xt, h, z, r, n, gh, hn = cache[t]
        g["D"] += dlogits[:, t].T @ hn
        g["db"] += dlogits[:, t].sum(0)
        dh = dh_next + dlogits[:, t] @ p["D"]
        dz = dh * (h - n)
        dn = dh * (1 - z)
        dan = dn * (1 - n * n)
        dar = dan * gh[:, 2 * U:] * r * (1 - r)
        daz = dz * z * (1 - z)
        dgx = np.concatenate([daz, dar, dan], 1)
        dgh = np.concatenate([daz, dar, dan * r], 1)
        g["W"] += dgx.T @ xt
        g["Wb"] += dgx.sum(0)
        g["R"] += dgh.T @ h
        g["Rb"] += dgh.sum(0)
        dh_next = dh * z + dgh @ p["R"]
    return loss, g


def accuracy(p, x, y):
    logits, _ = forward(p, x)
    pred = logits.argmax(-1)
    return float(np.mean(pred[:, -1] == y)), float(np.mean(pred[:, WARM:] == y[:, None]))


def export_onnx(p, mu, sd, path):
    # Normalisation folded in: W (x - mu) / sd + Wb = (W / sd) x + (Wb - W mu / sd).
    W = p["W"] / sd
    Wb = p["Wb"] - p["W"] @ (mu / sd)
    f32 = lambda a: numpy_helper.from_array(np.asarray(a, np.float32))
    inits = [f32(W[None]), f32(p["R"][None]), f32(np.concatenate([Wb, p["Rb"]])[None]), f32(p["D"].T),
             f32(p["db"]), numpy_helper.from_array(np.array([0, 1], np.int64))]
    for t, name in zip(inits, ["W", "R", "B", "D", "db", "axes"]):
        t.name = name
    nodes = [helper.make_node("GRU", ["x", "W", "R", "B"], ["", "h"], hidden_size=U, linear_before_reset=1, name="gru"),
             helper.make_node("Squeeze", ["h", "axes"], ["h2"], name="squeeze"),
             helper.make_node("Gemm", ["h2", "D", "db"], ["logits"], name="classifier")]
    g = helper.make_graph(nodes, "vibration_gru",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [vib.FRAMES, 1, vib.N_FEATURES])],
                          [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, C])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 14)])
    onnx.checker.check_model(m)
    onnx.save(m, path)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(2024)
    _, ytr, xtr = vib.dataset(240, seed=1)
    _, yva, xva = vib.dataset(60, seed=2)
    mu, sd = xtr.mean((0, 1)), xtr.std((0, 1)) + 1e-6
    ntr, nva = (xtr - mu) / sd, (xva - mu) / sd
    p = init_params(rng, vib.N_FEATURES)
    mom = {k: np.zeros_like(v) for k, v in p.items()}
    vel = {k: np.zeros_like(v) for k, v in p.items()}
    lr, b1, b2, step = 0.01, 0.9, 0.999, 0
    for epoch in range(40):
        order = rng.permutation(len(ytr))
        for i in range(0, len(order), 32):
            idx = order[i:i + 32]
            loss, g = loss_and_grads(p, ntr[idx], ytr[idx])
            step += 1
            for k in p:
                mom[k] = b1 * mom[k] + (1 - b1) * g[k]
                vel[k] = b2 * vel[k] + (1 - b2) * g[k] ** 2
                p[k] -= lr * (mom[k] / (1 - b1 ** step)) / (np.sqrt(vel[k] / (1 - b2 ** step)) + 1e-8)
        if epoch % 10 == 9:
            print(f"epoch {epoch + 1}: loss {loss:.4f}, validation accuracy (last frame, every frame) "
                  f"{accuracy(p, nva, yva)}")
    onnx_path = os.path.join(OUT, "vibration_gru.onnx")
    export_onnx(p, mu, sd, onnx_path)
    np.save(os.path.join(OUT, "calibration.npy"), xtr[:64].astype(np.float32))
    for kind, extra in (("float", []), ("int8", ["--quantize", os.path.join(OUT, "calibration.npy")])):
        subprocess.run([sys.executable, EXPORTER, onnx_path, "--name", f"vibration_model_{kind}", "--streaming",
                        "-o", os.path.join(OUT, f"vibration_model_{kind}.hpp")] + extra, check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "make_target_data.py")], check=True)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
