#!/usr/bin/python3
"""Trains the activity LSTM with numpy and exports it through tools/onnx.

  /usr/bin/python3 examples/activity_recognition_lstm/train.py      (about a minute)

Model: per-frame features [8] -> LSTM(16 units, streaming) -> dense(4) logits.
Trained by backpropagation through time with Adam on synthetic recordings (activity.py; seeds 1 and
2, the tests use 3 and 4), with the loss on every frame from the 3rd on, so the classifier answers at
any frame of a stream and follows the activity changes.
Writes: model/activity_lstm.onnx (feature normalisation folded into the LSTM's input weights),
model/calibration.npy (int8 representative set), and runs tools/onnx/onnx_to_ctml.py --streaming to
write model/activity_model_float.hpp and, with --quantize, model/activity_model_int8.hpp, then
make_target_data.py (model/target_data.hpp). Prints validation accuracy.
"""
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import activity as act

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "model")
EXPORTER = os.path.join(HERE, "..", "..", "tools", "onnx", "onnx_to_ctml.py")
U, C, WARM = 16, len(act.CLASSES), 2


def sig(v):
    return 1 / (1 + np.exp(-v))


def init_params(rng, F):
    k = 1 / np.sqrt(U)
    b = np.zeros(4 * U)
    b[2 * U:3 * U] = 1.0  # forget gate open at the start (ONNX gate order i, o, f, c)
    return {"W": rng.uniform(-k, k, (4 * U, F)), "R": rng.uniform(-k, k, (4 * U, U)), "b": b,
            "D": rng.uniform(-k, k, (C, U)), "db": np.zeros(C)}


def forward(p, x):
    """x [B][T][F] -> logits [B][T][C] and the cache for backward (ONNX LSTM, gates i, o, f, c)."""
    B, T, _ = x.shape
    h, c = np.zeros((B, U)), np.zeros((B, U))
    cache, logits = [], np.zeros((B, T, C))
    for t in range(T):
        g = x[:, t] @ p["W"].T + h @ p["R"].T + p["b"]
        i, o, f, cc = sig(g[:, :U]), sig(g[:, U:2 * U]), sig(g[:, 2 * U:3 * U]), np.tanh(g[:, 3 * U:])
        cn = f * c + i * cc
        tc = np.tanh(cn)
        hn = o * tc
        cache.append((x[:, t], h, c, i, o, f, cc, tc, hn))
        h, c = hn, cn
        logits[:, t] = h @ p["D"].T + p["db"]
    return logits, cache


def loss_and_grads(p, x, y):
    """y [B][T] frame labels; cross-entropy over the frames from WARM on."""
    logits, cache = forward(p, x)
    B, T, _ = logits.shape
    m = logits - logits.max(-1, keepdims=True)
    prob = np.exp(m) / np.exp(m).sum(-1, keepdims=True)
    bi, ti = np.arange(B)[:, None], np.arange(T)[None, :]
    steps = T - WARM
    loss = -np.mean(np.log(prob[bi, ti, y][:, WARM:] + 1e-12))
    dlogits = prob.copy()
    dlogits[bi, ti, y] -= 1
    dlogits[:, :WARM] = 0
    dlogits /= B * steps
    g = {k: np.zeros_like(v) for k, v in p.items()}
    dh_next, dc_next = np.zeros((B, U)), np.zeros((B, U))
    for t in reversed(range(T)):
        xt, h, c, i, o, f, cc, tc, hn = cache[t]
        g["D"] += dlogits[:, t].T @ hn
        g["db"] += dlogits[:, t].sum(0)
        dh = dh_next + dlogits[:, t] @ p["D"]
        do = dh * tc
        dc = dc_next + dh * o * (1 - tc * tc)
        di, df, dcc = dc * cc, dc * c, dc * i
        dg = np.concatenate([di * i * (1 - i), do * o * (1 - o), df * f * (1 - f), dcc * (1 - cc * cc)], 1)
        g["W"] += dg.T @ xt
        g["R"] += dg.T @ h
        g["b"] += dg.sum(0)
        dh_next = dg @ p["R"]
        dc_next = dc * f
    return loss, g


def accuracy(p, x, y):
    pred = forward(p, x)[0].argmax(-1)
    return float(np.mean(pred[:, WARM:] == y[:, WARM:]))


def export_onnx(p, mu, sd, path):
    # Normalisation folded in: W (x - mu) / sd + b = (W / sd) x + (b - W mu / sd); ONNX's B = [Wb, Rb].
    W = p["W"] / sd
    Wb = p["b"] - p["W"] @ (mu / sd)
    f32 = lambda a: numpy_helper.from_array(np.asarray(a, np.float32))
    inits = [f32(W[None]), f32(p["R"][None]), f32(np.concatenate([Wb, np.zeros(4 * U)])[None]), f32(p["D"].T),
             f32(p["db"]), numpy_helper.from_array(np.array([0, 1], np.int64))]
    for t, name in zip(inits, ["W", "R", "B", "D", "db", "axes"]):
        t.name = name
    nodes = [helper.make_node("LSTM", ["x", "W", "R", "B"], ["", "h"], hidden_size=U, name="lstm"),
             helper.make_node("Squeeze", ["h", "axes"], ["h2"], name="squeeze"),
             helper.make_node("Gemm", ["h2", "D", "db"], ["logits"], name="classifier")]
    g = helper.make_graph(nodes, "activity_lstm",
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, [act.FRAMES, 1, act.N_FEATURES])],
                          [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, C])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 14)])
    onnx.checker.check_model(m)
    onnx.save(m, path)


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(2025)
    _, ytr, xtr = act.dataset(100, seed=1)
    _, yva, xva = act.dataset(25, seed=2)
    mu, sd = xtr.mean((0, 1)), xtr.std((0, 1)) + 1e-6
    ntr, nva = (xtr - mu) / sd, (xva - mu) / sd
    p = init_params(rng, act.N_FEATURES)
    mom = {k: np.zeros_like(v) for k, v in p.items()}
    vel = {k: np.zeros_like(v) for k, v in p.items()}
    lr, b1, b2, step = 0.01, 0.9, 0.999, 0
    for epoch in range(60):
        lr = 0.01 if epoch < 40 else 0.002  # a smaller step at the end settles the per-frame accuracy
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
            print(f"epoch {epoch + 1}: loss {loss:.4f}, validation accuracy (every frame >= {WARM}) "
                  f"{accuracy(p, nva, yva):.4f}")
    onnx_path = os.path.join(OUT, "activity_lstm.onnx")
    export_onnx(p, mu, sd, onnx_path)
    np.save(os.path.join(OUT, "calibration.npy"), xtr[:64].astype(np.float32))
    for kind, extra in (("float", []), ("int8", ["--quantize", os.path.join(OUT, "calibration.npy")])):
        subprocess.run([sys.executable, EXPORTER, onnx_path, "--name", f"activity_model_{kind}", "--streaming",
                        "-o", os.path.join(OUT, f"activity_model_{kind}.hpp")] + extra, check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "make_target_data.py")], check=True)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
